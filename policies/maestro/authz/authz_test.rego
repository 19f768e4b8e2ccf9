package maestro.authz_test

import data.maestro.authz

all_roles := {"viewer", "author", "operator", "tenant-admin", "auditor", "platform-admin"}

reads_all := all_roles

admins := {"tenant-admin", "platform-admin"}

# The expected roles × actions matrix, written out independently of the policy's grants; it is the
# table in docs/security/rbac.md (check.sh compares that table with the policy).
expected := {
	"pipeline:read": reads_all,
	"pipeline:write": {"author", "tenant-admin", "platform-admin"},
	"run:read": reads_all,
	"run:start": {"author", "operator", "tenant-admin", "platform-admin"},
	"run:cancel": {"operator", "tenant-admin", "platform-admin"},
	"run:resume": {"operator", "tenant-admin", "platform-admin"},
	"log:read": reads_all,
	"artifact:read": reads_all,
	"artifact:write": {"operator", "tenant-admin", "platform-admin"},
	"evidence:read": {"auditor", "tenant-admin", "platform-admin"},
	"evidence:write": {"platform-admin"},
	"plugin:read": reads_all,
	"plugin:manage": {"platform-admin"},
	"plugin:route-write": {"author", "operator", "tenant-admin", "platform-admin"},
	"budget:read": {"auditor", "tenant-admin", "platform-admin"},
	"budget:write": admins,
	"audit:read": {"auditor", "tenant-admin", "platform-admin"},
	"token:read": {"auditor", "tenant-admin", "platform-admin"},
	"token:write": admins,
	"console:translate": {"author", "operator", "tenant-admin", "platform-admin"},
	"console:run": {"author", "operator", "tenant-admin", "platform-admin"},
}

tenants := {
	"acme": {"region": "eu-west-1"},
	"globex": {},
}

request(role, action) := {
	"subject": {"tenant": "acme", "role": role, "id": "tok_1234"},
	"action": action,
	"resource": {"kind": split(action, ":")[0], "tenant": "acme"},
}

decide(req) := d if {
	d := authz.decision with input as req with data.maestro.tenants as tenants
}

# Every role × action pair whose decision differs from the expected matrix.
matrix_mismatches contains [role, action, d.rule] if {
	some action, allowed in expected
	some role in all_roles
	d := decide(request(role, action))
	want := role in allowed
	d.allow != want
}

matrix_mismatches contains [role, action, d.rule] if {
	some action, allowed in expected
	some role in allowed
	d := decide(request(role, action))
	d.rule != "rbac.grant"
}

test_every_role_and_action_matches_the_matrix if {
	print("[role, action, rule] differing from the matrix:", matrix_mismatches)
	count(matrix_mismatches) == 0
}

test_matrix_covers_every_known_action_and_role if {
	{a | some a, _ in expected} == authz.actions
	all_roles == authz.roles
}

test_denied_pair_names_rbac_no_grant if {
	d := decide(request("viewer", "run:cancel"))
	d == {"allow": false, "rule": "rbac.no_grant", "reasons": ["role viewer is not granted run:cancel"]}
}

test_granted_pair_names_rbac_grant if {
	d := decide(request("operator", "run:resume"))
	d == {"allow": true, "rule": "rbac.grant", "reasons": ["role operator is granted run:resume"]}
}

test_unknown_role_is_denied_with_its_own_rule if {
	d := decide(request("superuser", "run:read"))
	not d.allow
	d.rule == "rbac.unknown_role"
	contains(d.reasons[0], "superuser")
}

test_unknown_action_is_denied_with_its_own_rule if {
	d := decide(request("platform-admin", "run:delete"))
	not d.allow
	d.rule == "rbac.unknown_action"
	contains(d.reasons[0], "run:delete")
}

test_role_names_are_case_sensitive if {
	decide(request("Viewer", "run:read")).rule == "rbac.unknown_role"
}

test_absent_resource_tenant_means_the_subjects_tenant if {
	d := decide({"subject": {"tenant": "acme", "role": "viewer"}, "action": "run:read", "resource": {"kind": "run"}})
	d.allow
	d.rule == "rbac.grant"
}

test_null_resource_tenant_means_the_subjects_tenant if {
	d := decide({"subject": {"tenant": "acme", "role": "viewer"}, "action": "run:read", "resource": {"tenant": null}})
	d.allow
}

test_absent_resource_is_a_tenant_wide_request if {
	decide({"subject": {"tenant": "acme", "role": "auditor"}, "action": "audit:read"}).allow
}

cross(role, reason) := {
	"subject": {"tenant": "acme", "role": role, "id": "tok_9"},
	"action": "run:resume",
	"resource": {"kind": "run", "tenant": "globex"},
	"context": {"reason": reason},
}

test_every_role_but_platform_admin_is_held_at_the_tenant_boundary if {
	every role in all_roles - {"platform-admin"} {
		d := decide(cross(role, "INC-1234 investigating"))
		not d.allow
		d.rule == "tenant.boundary"
	}
}

test_tenant_boundary_reason_names_both_tenants if {
	d := decide(cross("operator", ""))
	d.reasons == ["operator may not act on tenant globex from tenant acme"]
}

test_platform_admin_crosses_tenants_with_a_reason_and_the_reason_is_echoed if {
	d := decide(cross("platform-admin", "  INC-1234 investigating "))
	d.allow
	d.rule == "tenant.cross_tenant_with_reason"
	"reason: INC-1234 investigating" in d.reasons
	"platform-admin tok_9 acted on tenant globex from tenant acme" in d.reasons
}

test_cross_tenant_without_a_token_id_still_names_the_crossing_rule if {
	d := decide({
		"subject": {"tenant": "acme", "role": "platform-admin"},
		"action": "run:read",
		"resource": {"tenant": "globex"},
		"context": {"reason": "INC-1"},
	})
	d.rule == "tenant.cross_tenant_with_reason"
	"platform-admin (no token id) acted on tenant globex from tenant acme" in d.reasons
}

test_platform_admin_without_a_reason_is_held_at_the_tenant_boundary if {
	d := decide(object.remove(cross("platform-admin", ""), ["context"]))
	not d.allow
	d.rule == "tenant.boundary"
	contains(d.reasons[0], "non-blank context.reason")
}

test_platform_admin_with_a_blank_reason_is_held_at_the_tenant_boundary if {
	d := decide(cross("platform-admin", " \t "))
	not d.allow
	d.rule == "tenant.boundary"
}

test_platform_admin_with_a_null_reason_is_held_at_the_tenant_boundary if {
	d := decide(cross("platform-admin", null))
	not d.allow
	d.rule == "tenant.boundary"
}

test_unknown_action_across_tenants_is_still_unknown if {
	decide(object.union(cross("platform-admin", "INC-1"), {"action": "run:nuke"})).rule == "rbac.unknown_action"
}

test_cross_tenant_request_without_the_grant_names_the_boundary_first if {
	decide(object.union(cross("viewer", "x"), {"action": "run:cancel"})).rule == "tenant.boundary"
}

write_in(role, action, tenant, region) := {
	"subject": {"tenant": tenant, "role": role, "id": "tok_1"},
	"action": action,
	"resource": {"kind": split(action, ":")[0], "tenant": tenant, "region": region},
}

test_pinned_tenant_refuses_every_residency_write_in_another_region if {
	every action in authz.residency_writes {
		d := decide(write_in("platform-admin", action, "acme", "us-east-1"))
		not d.allow
		d.rule == "residency.region_pinned"
		d.reasons == [sprintf("tenant acme is pinned to region eu-west-1; %v in region us-east-1 is refused", [action])]
	}
}

test_pinned_tenant_allows_writes_in_its_region if {
	every action in authz.residency_writes {
		decide(write_in("platform-admin", action, "acme", "eu-west-1")).allow
	}
}

test_pinned_tenant_allows_writes_without_a_region if {
	decide(request("tenant-admin", "run:start")).allow
}

test_unpinned_tenant_has_no_residency_constraint if {
	decide(write_in("tenant-admin", "pipeline:write", "globex", "ap-south-1")).allow
}

test_unknown_tenant_has_no_residency_constraint if {
	decide(write_in("author", "run:start", "initech", "ap-south-1")).allow
}

test_reads_ignore_residency if {
	decide(write_in("viewer", "artifact:read", "acme", "us-east-1")).allow
}

test_missing_grant_is_named_before_residency if {
	decide(write_in("viewer", "run:start", "acme", "us-east-1")).rule == "rbac.no_grant"
}

test_cross_tenant_write_with_a_reason_still_respects_residency if {
	req := object.union(write_in("platform-admin", "run:start", "acme", "us-east-1"), {
		"subject": {"tenant": "platform", "role": "platform-admin", "id": "tok_1"},
		"context": {"reason": "INC-7"},
	})
	decide(req).rule == "residency.region_pinned"
}

test_residency_uses_the_bundled_tenant_data if {
	d := authz.decision with input as write_in("operator", "run:start", "acme", "us-east-1")
	d.rule == "residency.region_pinned"
}

token_for(role, granted) := {
	"subject": {"tenant": "acme", "role": role, "id": "tok_1"},
	"action": "token:write",
	"resource": {"kind": "token", "tenant": "acme", "role": granted},
}

test_tenant_admin_may_not_mint_a_platform_admin_token if {
	d := decide(token_for("tenant-admin", "platform-admin"))
	not d.allow
	d.rule == "token.escalation"
}

test_tenant_admin_mints_tenant_roles if {
	every granted in all_roles - {"platform-admin"} {
		decide(token_for("tenant-admin", granted)).allow
	}
}

test_platform_admin_mints_platform_admin_tokens if {
	decide(token_for("platform-admin", "platform-admin")).allow
}

test_empty_input_is_invalid if {
	d := decide({})
	not d.allow
	d.rule == "input.invalid"
	d.reasons == [
		"action must be a string",
		"resource.tenant must be a non-blank string when given",
		"subject.role must be a string",
		"subject.tenant must be a non-blank string",
	]
}

test_mistyped_fields_are_invalid if {
	d := decide({
		"subject": {"tenant": "acme", "role": "viewer", "id": 42},
		"action": "run:read",
		"resource": {"tenant": " ", "region": 7},
		"context": {"reason": ["x"]},
	})
	d.rule == "input.invalid"
	d.reasons == [
		"context.reason must be a string when given",
		"resource.region must be a string when given",
		"resource.tenant must be a non-blank string when given",
		"subject.id must be a string when given",
	]
}

test_a_role_without_grants_is_denied_everything if {
	roles := authz.roles | {"intern"}
	d := authz.decision with authz.roles as roles
		with input as request("intern", "run:read")
	d.rule == "rbac.no_grant"
	not d.allow
}
