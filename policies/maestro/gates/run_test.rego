package maestro.gates_test

import data.maestro.gates

tenants := {
	"acme": {"region": "eu-west-1", "step_types": ["shell", "noop"]},
	"globex": {},
}

run_of(req) := r if {
	r := gates.run with input as req with data.maestro.tenants as tenants
}

steps := [{"id": "compile", "uses": "shell"}, {"id": "wait", "uses": "noop"}]

test_allowed_step_types_in_the_pinned_region_pass if {
	run_of({"tenant": "acme", "region": "eu-west-1", "pipeline": "build", "steps": steps}) == {
		"allow": true,
		"violations": [],
	}
}

test_a_run_without_a_region_has_no_residency_constraint if {
	run_of({"tenant": "acme", "pipeline": "build", "steps": steps}).allow
}

test_a_step_type_the_tenant_does_not_allow_is_a_violation_naming_the_step if {
	r := run_of({"tenant": "acme", "pipeline": "build", "steps": array.concat(steps, [{"id": "fetch", "uses": "http"}])})
	not r.allow
	r.violations == [{
		"rule": "gate.step_type_not_allowed",
		"step": "fetch",
		"message": "step fetch uses http, which tenant acme does not allow (allowed: shell, noop)",
	}]
}

test_every_disallowed_step_is_reported if {
	r := run_of({"tenant": "acme", "steps": [{"id": "a", "uses": "http"}, {"id": "b", "uses": "hello"}]})
	{[v.rule, v.step] | some v in r.violations} == {
		["gate.step_type_not_allowed", "a"],
		["gate.step_type_not_allowed", "b"],
	}
}

test_a_tenant_without_step_types_allows_every_step_type if {
	run_of({"tenant": "globex", "region": "ap-south-1", "steps": [{"id": "a", "uses": "anything"}]}).allow
}

test_an_unknown_tenant_is_unconstrained if {
	run_of({"tenant": "initech", "region": "ap-south-1", "steps": [{"id": "a", "uses": "http"}]}).allow
}

test_a_run_outside_the_pinned_region_is_refused if {
	r := run_of({"tenant": "acme", "region": "us-east-1", "pipeline": "build", "steps": steps})
	not r.allow
	r.violations == [{
		"rule": "residency.region_pinned",
		"step": null,
		"message": "tenant acme is pinned to region eu-west-1; a run in region us-east-1 is refused",
	}]
}

test_residency_and_step_type_violations_are_reported_together if {
	r := run_of({"tenant": "acme", "region": "us-east-1", "steps": [{"id": "a", "uses": "http"}]})
	{v.rule | some v in r.violations} == {"residency.region_pinned", "gate.step_type_not_allowed"}
}

test_an_empty_input_is_refused_as_invalid if {
	r := run_of({})
	not r.allow
	{v.message | some v in r.violations; v.rule == "input.invalid"} == {
		"tenant must be a non-blank string",
		"steps must be an array",
	}
}

test_a_malformed_step_and_region_are_invalid if {
	r := run_of({"tenant": "acme", "region": 3, "steps": [{"id": "a"}, "b"]})
	not r.allow
	{v.message | some v in r.violations} == {
		"region must be a string when given",
		"steps[0] needs a string id and a string uses",
		"steps[1] needs a string id and a string uses",
	}
}

test_the_bundled_tenant_data_pins_acme if {
	r := gates.run with input as {"tenant": "acme", "region": "us-east-1", "steps": steps}
	r.violations[0].rule == "residency.region_pinned"
}

test_a_malformed_step_type_list_still_reports_the_violation if {
	r := gates.run with input as {"tenant": "x", "steps": [{"id": "a", "uses": "http"}]}
		with data.maestro.tenants as {"x": {"step_types": ["shell", 1]}}
	r.violations[0].message == "step a uses http, which tenant x does not allow (allowed: shell, 1)"
}
