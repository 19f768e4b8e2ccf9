# The bundled data must have the shape the policies read; a malformed pin or list would fail open.
package maestro.tenants_test

tenant_keys := {"region", "step_types", "cypher"}

problems contains sprintf("tenant %v: unknown key %v", [name, key]) if {
	some name, tenant in data.maestro.tenants
	some key, _ in tenant
	not key in tenant_keys
}

problems contains sprintf("tenant %v: region must be a non-blank string", [name]) if {
	some name, tenant in data.maestro.tenants
	"region" in object.keys(tenant)
	not non_blank(tenant.region)
}

problems contains sprintf("tenant %v: step_types must be an array of strings", [name]) if {
	some name, tenant in data.maestro.tenants
	"step_types" in object.keys(tenant)
	not strings(tenant.step_types)
}

# Every cypher settings object, named for the message: the platform's and each tenant's override.
cypher_settings["config.cypher"] := data.maestro.config.cypher

cypher_settings[sprintf("tenant %v: cypher", [name])] := tenant.cypher if {
	some name, tenant in data.maestro.tenants
}

problems contains sprintf("%v must be an object", [label]) if {
	some label, c in cypher_settings
	not is_object(c)
}

problems contains sprintf("%v.procedures_allowed must be an array of strings", [label]) if {
	some label, c in cypher_settings
	"procedures_allowed" in object.keys(c)
	not strings(c.procedures_allowed)
}

problems contains sprintf("%v.var_length_max must be a positive integer", [label]) if {
	some label, c in cypher_settings
	"var_length_max" in object.keys(c)
	not positive_integer(c.var_length_max)
}

non_blank(s) if trim_space(s) != ""

strings(xs) if {
	is_array(xs)
	every x in xs {
		is_string(x)
	}
}

positive_integer(n) if {
	is_number(n)
	n == floor(n)
	n > 0
}

test_the_bundled_tenant_and_config_data_is_well_formed if {
	print("data problems:", problems)
	count(problems) == 0
}

test_malformed_data_is_caught if {
	bad := {
		"a": {"region": ""},
		"b": {"step_types": "shell"},
		"c": {"regoin": "eu-west-1"},
		"d": {"cypher": {"var_length_max": 2.5, "procedures_allowed": [1]}},
	}
	found := problems with data.maestro.tenants as bad with data.maestro.config.cypher as []
	found == {
		"tenant a: region must be a non-blank string",
		"tenant b: step_types must be an array of strings",
		"tenant c: unknown key regoin",
		"tenant d: cypher.procedures_allowed must be an array of strings",
		"tenant d: cypher.var_length_max must be a positive integer",
		"config.cypher must be an object",
	}
}
