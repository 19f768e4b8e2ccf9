# The deny-list the NL→Cypher console's sandbox asks about every parsed query before it runs.
# Queried as data.maestro.cypher.decision with facts the parser extracted; settings in
# data.maestro.config.cypher (config/data.json) override the defaults below, and a tenant's own
# "cypher" object in data.maestro.tenants overrides those for that tenant.
package maestro.cypher

default_settings := {
	"procedures_allowed": ["db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization"],
	"var_length_max": 6,
}

settings := object.union(platform_settings, data.maestro.tenants[input.tenant].cypher) if {
	is_object(data.maestro.tenants[input.tenant].cypher)
} else := platform_settings

platform_settings := object.union(default_settings, data.maestro.config.cypher) if {
	is_object(data.maestro.config.cypher)
} else := default_settings

# Clause names that change the graph; FOREACH exists only to write, so it is refused outright.
write_clauses := {"CREATE", "MERGE", "SET", "DELETE", "DETACH DELETE", "REMOVE", "FOREACH"}

# Namespaces refused whatever the allow-list says: APOC reaches files, URLs and writes; dbms administers.
forbidden_namespaces := {"apoc.", "dbms."}

facts := input.facts

writes := object.get(facts, "writes", [])

procedures := object.get(facts, "procedures", [])

functions := object.get(facts, "functions", [])

var_lengths := object.get(facts, "var_length", [])

clauses := object.get(facts, "clauses", [])

decision := {"allow": count(denials) == 0, "denials": sort(denials)}

denials contains denial("input.invalid", problem) if some problem in input_problems

# Every write the extractor names, and write clauses seen in the clause list (defence in depth).
denials contains write_denial(name) if some name in writes

denials contains write_denial(name) if {
	some name in clauses
	upper(trim_space(name)) in write_clauses
}

denials contains denial("cypher.load_csv", "LOAD CSV reads files or URLs and is not allowed") if {
	load_csv
}

denials contains denial("cypher.procedure_forbidden", sprintf(
	"procedure %v is in a forbidden namespace (%v)",
	[name, concat(", ", sort(forbidden_namespaces))],
)) if {
	some name in procedures
	forbidden(name)
}

# Namespaced functions from the same namespaces (apoc.cypher.runFirstColumn… runs arbitrary Cypher).
denials contains denial("cypher.function_forbidden", sprintf(
	"function %v is in a forbidden namespace (%v)",
	[name, concat(", ", sort(forbidden_namespaces))],
)) if {
	some name in functions
	forbidden(name)
}

denials contains denial("cypher.procedure_not_allowed", sprintf(
	"procedure %v is not on the allow-list (%v)",
	[name, list_text(settings.procedures_allowed)],
)) if {
	some name in procedures
	not forbidden(name)
	not name in settings.procedures_allowed
}

denials contains denial("cypher.var_length_unbounded", sprintf(
	"a variable-length pattern needs an upper bound of at most %d hops",
	[settings.var_length_max],
)) if {
	some pattern in var_lengths
	object.get(pattern, "max", null) == null
}

denials contains denial("cypher.var_length_too_long", sprintf(
	"a variable-length pattern of up to %v hops exceeds the limit of %d",
	[pattern.max, settings.var_length_max],
)) if {
	some pattern in var_lengths
	is_number(pattern.max)
	pattern.max > settings.var_length_max
}

load_csv if facts.load_csv == true

load_csv if "LOAD CSV" in {upper(trim_space(c)) | some c in clauses}

forbidden(name) if {
	some prefix in forbidden_namespaces
	startswith(lower(name), prefix)
}

input_problems contains "facts must be an object" if not facts_valid

input_problems contains sprintf("facts.%v must be an array of strings", [key]) if {
	some key in ["writes", "procedures", "functions", "clauses"]
	not strings(object.get(facts, key, []))
}

input_problems contains "facts.var_length must be an array of objects" if {
	not objects(var_lengths)
}

input_problems contains "facts.load_csv must be a boolean" if {
	not is_boolean(object.get(facts, "load_csv", false))
}

facts_valid if is_object(facts)

strings(xs) if {
	is_array(xs)
	every x in xs {
		is_string(x)
	}
}

objects(xs) if {
	is_array(xs)
	every x in xs {
		is_object(x)
	}
}

write_denial(name) := denial("cypher.write", sprintf("%v writes to the graph; the console is read-only", [name]))

# Always defined (unlike concat on a list holding a non-string), so a denial can never vanish.
list_text(xs) := concat(", ", [sprintf("%v", [x]) | some x in xs])

denial(rule, message) := {"rule": rule, "message": message}
