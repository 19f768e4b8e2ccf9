package maestro.cypher_test

import data.maestro.cypher

settings := {"cypher": {"procedures_allowed": ["db.labels", "db.propertyKeys"], "var_length_max": 4}}

decide(facts) := d if {
	d := cypher.decision with input as {"tenant": "acme", "facts": facts}
		with data.maestro.config as settings
		with data.maestro.tenants as {}
}

read_only := {
	"writes": [],
	"procedures": ["db.labels"],
	"load_csv": false,
	"var_length": [{"min": 1, "max": 3}],
	"clauses": ["MATCH", "CALL", "RETURN"],
}

rules(d) := {x.rule | some x in d.denials}

test_a_read_only_query_is_allowed if {
	decide(read_only) == {"allow": true, "denials": []}
}

test_missing_fact_lists_mean_none if {
	decide({}).allow
}

test_every_write_clause_is_denied if {
	every clause in ["CREATE", "MERGE", "SET", "DELETE", "DETACH DELETE", "REMOVE", "FOREACH"] {
		d := decide(object.union(read_only, {"writes": [clause]}))
		not d.allow
		d.denials == [{"rule": "cypher.write", "message": sprintf("%v writes to the graph; the console is read-only", [clause])}]
	}
}

test_a_write_clause_in_the_clause_list_is_denied_even_if_not_in_writes if {
	d := decide(object.union(read_only, {"clauses": ["MATCH", "detach delete"]}))
	rules(d) == {"cypher.write"}
}

test_load_csv_is_denied if {
	d := decide(object.union(read_only, {"load_csv": true}))
	not d.allow
	rules(d) == {"cypher.load_csv"}
}

test_load_csv_in_the_clause_list_is_denied if {
	rules(decide(object.union(read_only, {"clauses": ["LOAD CSV", "RETURN"]}))) == {"cypher.load_csv"}
}

test_a_procedure_off_the_allow_list_is_denied if {
	d := decide(object.union(read_only, {"procedures": ["db.labels", "gds.pageRank.stream"]}))
	d.denials == [{
		"rule": "cypher.procedure_not_allowed",
		"message": "procedure gds.pageRank.stream is not on the allow-list (db.labels, db.propertyKeys)",
	}]
}

test_apoc_and_dbms_are_denied_even_when_allow_listed if {
	allow_all := {"cypher": {"procedures_allowed": ["apoc.load.json", "dbms.security.createUser", "APOC.cypher.run"]}}
	every name in allow_all.cypher.procedures_allowed {
		d := cypher.decision with input as {"facts": {"procedures": [name]}}
			with data.maestro.config as allow_all
		rules(d) == {"cypher.procedure_forbidden"}
	}
}

test_the_default_allow_list_applies_without_settings if {
	d := cypher.decision with input as {"facts": {"procedures": ["db.schema.visualization", "db.indexes"]}}
		with data.maestro.config as {}
	d.denials == [{
		"rule": "cypher.procedure_not_allowed",
		"message": "procedure db.indexes is not on the allow-list (db.labels, db.relationshipTypes, db.propertyKeys, db.schema.visualization)",
	}]
}

test_an_unbounded_var_length_pattern_is_denied if {
	every pattern in [{"min": 1, "max": null}, {"min": 2}] {
		d := decide(object.union(read_only, {"var_length": [pattern]}))
		d.denials == [{"rule": "cypher.var_length_unbounded", "message": "a variable-length pattern needs an upper bound of at most 4 hops"}]
	}
}

test_a_var_length_pattern_over_the_limit_is_denied if {
	d := decide(object.union(read_only, {"var_length": [{"min": 1, "max": 5}]}))
	d.denials == [{"rule": "cypher.var_length_too_long", "message": "a variable-length pattern of up to 5 hops exceeds the limit of 4"}]
}

test_a_var_length_pattern_at_the_limit_is_allowed if {
	decide(object.union(read_only, {"var_length": [{"min": 1, "max": 4}]})).allow
}

test_the_default_var_length_limit_is_six if {
	d6 := cypher.decision with input as {"facts": {"var_length": [{"min": 1, "max": 6}]}} with data.maestro.config as {}
	d7 := cypher.decision with input as {"facts": {"var_length": [{"min": 1, "max": 7}]}} with data.maestro.config as {}
	d6.allow
	rules(d7) == {"cypher.var_length_too_long"}
}

test_a_tenant_can_have_its_own_settings if {
	d := cypher.decision with input as {"tenant": "acme", "facts": {"var_length": [{"min": 1, "max": 5}]}}
		with data.maestro.config as settings
		with data.maestro.tenants as {"acme": {"cypher": {"var_length_max": 8}}}
	d.allow
}

test_the_bundled_settings_allow_the_schema_procedures if {
	d := cypher.decision with input as {"facts": {"procedures": ["db.relationshipTypes"], "var_length": [{"max": 6}]}}
	d.allow
}

test_every_violation_is_reported_together if {
	d := decide({
		"writes": ["MERGE"],
		"procedures": ["apoc.load.json", "db.indexes"],
		"load_csv": true,
		"var_length": [{"min": 1, "max": null}, {"min": 1, "max": 9}],
		"clauses": ["LOAD CSV", "MERGE"],
	})
	not d.allow
	rules(d) == {
		"cypher.write", "cypher.load_csv", "cypher.procedure_forbidden", "cypher.procedure_not_allowed",
		"cypher.var_length_unbounded", "cypher.var_length_too_long",
	}
	count([x | some x in d.denials; x.rule == "cypher.write"]) == 1
}

test_missing_facts_are_invalid if {
	d := cypher.decision with input as {"tenant": "acme"}
	not d.allow
	d.denials == [{"rule": "input.invalid", "message": "facts must be an object"}]
}

test_mistyped_facts_are_invalid if {
	d := decide({"writes": "CREATE", "procedures": [1], "clauses": {}, "var_length": [3], "load_csv": "no"})
	not d.allow
	{x.message | some x in d.denials; x.rule == "input.invalid"} == {
		"facts.writes must be an array of strings",
		"facts.procedures must be an array of strings",
		"facts.clauses must be an array of strings",
		"facts.var_length must be an array of objects",
		"facts.load_csv must be a boolean",
	}
}

test_a_malformed_allow_list_still_reports_the_denial if {
	d := cypher.decision with input as {"facts": {"procedures": ["db.indexes"]}}
		with data.maestro.config as {"cypher": {"procedures_allowed": ["db.labels", 7]}}
	rules(d) == {"cypher.procedure_not_allowed"}
}

test_forbidden_namespace_functions_are_denied if {
	d := decide({"functions": ["APOC.cypher.runFirstColumnSingle"]})
	not d.allow
	"cypher.function_forbidden" in rules(d)
}

test_other_namespaced_functions_are_allowed if {
	decide({"functions": ["date.truncate", "duration.between"]}).allow
}

test_functions_must_be_strings if {
	d := decide({"functions": [1]})
	not d.allow
	"input.invalid" in rules(d)
}
