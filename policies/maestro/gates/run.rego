# The run gate the conductor asks before a run starts: allowed step types per tenant, data residency.
# Queried as data.maestro.gates.run; tenant settings live in data.maestro.tenants (tenants/data.json).
package maestro.gates

# Always defined: violations is a partial set, empty when nothing is wrong.
run := {"allow": count(violations) == 0, "violations": sort(violations)}

tenant := data.maestro.tenants[input.tenant]

violations contains v if {
	some problem in input_problems
	v := violation("input.invalid", null, problem)
}

# A tenant without "step_types" may use every step type.
violations contains v if {
	is_array(tenant.step_types)
	some step in input.steps
	is_string(step.uses)
	not step.uses in tenant.step_types
	v := violation("gate.step_type_not_allowed", step.id, sprintf(
		"step %v uses %v, which tenant %v does not allow (allowed: %v)",
		[step.id, step.uses, input.tenant, list_text(tenant.step_types)],
	))
}

violations contains v if {
	is_string(tenant.region)
	is_string(input.region)
	input.region != tenant.region
	v := violation("residency.region_pinned", null, sprintf(
		"tenant %v is pinned to region %v; a run in region %v is refused",
		[input.tenant, tenant.region, input.region],
	))
}

input_problems contains "tenant must be a non-blank string" if not tenant_valid

input_problems contains "steps must be an array" if not steps_valid

input_problems contains "region must be a string when given" if {
	input.region != null
	not region_valid
}

input_problems contains sprintf("steps[%d] needs a string id and a string uses", [i]) if {
	some i, step in input.steps
	not step_valid(step)
}

tenant_valid if trim_space(input.tenant) != ""

steps_valid if is_array(input.steps)

region_valid if is_string(input.region)

step_valid(step) if {
	is_string(step.id)
	is_string(step.uses)
}

# Always defined (unlike concat on a list holding a non-string), so a violation can never vanish.
list_text(xs) := concat(", ", [sprintf("%v", [x]) | some x in xs])

violation(rule, step, message) := {"rule": rule, "step": step, "message": message}
