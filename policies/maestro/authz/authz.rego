# Authorization of every Maestro API and CLI call: role grants, the tenant boundary, data residency.
# Queried as data.maestro.authz.decision; the matrix is documented in docs/security/rbac.md.
package maestro.authz

roles := {"viewer", "author", "operator", "tenant-admin", "auditor", "platform-admin"}

# Least privilege per role. The first five actions of each list are today's Java matrix (every role
# reads pipelines, runs, logs, artifacts and plugins); platform-admin holds every known action.
grants := {
	"viewer": {
		"pipeline:read", "run:read", "log:read", "artifact:read", "plugin:read",
	},
	"auditor": {
		"pipeline:read", "run:read", "log:read", "artifact:read", "plugin:read",
		"audit:read", "evidence:read", "budget:read", "token:read",
	},
	"author": {
		"pipeline:read", "run:read", "log:read", "artifact:read", "plugin:read",
		"pipeline:write", "run:start", "plugin:route-write",
		"console:translate", "console:run",
	},
	"operator": {
		"pipeline:read", "run:read", "log:read", "artifact:read", "plugin:read",
		"run:start", "run:cancel", "run:resume", "plugin:route-write",
		"artifact:write",
		"console:translate", "console:run",
	},
	"tenant-admin": {
		"pipeline:read", "run:read", "log:read", "artifact:read", "plugin:read",
		"pipeline:write", "run:start", "run:cancel", "run:resume", "plugin:route-write",
		"artifact:write", "evidence:read", "audit:read",
		"budget:read", "budget:write", "token:read", "token:write",
		"console:translate", "console:run",
	},
	"platform-admin": actions,
}

actions := {
	"pipeline:read", "pipeline:write",
	"run:read", "run:start", "run:cancel", "run:resume",
	"log:read",
	"artifact:read", "artifact:write",
	"evidence:read", "evidence:write",
	"plugin:read", "plugin:manage", "plugin:route-write",
	"budget:read", "budget:write",
	"audit:read",
	"token:read", "token:write",
	"console:translate", "console:run",
}

# Writes that place tenant data somewhere, and so must respect the tenant's pinned region.
residency_writes := {"run:start", "artifact:write", "evidence:write", "pipeline:write"}

subject := input.subject

role := subject.role

# For the audit trail only. Every value in the decision chain must stay defined (an undefined one
# would fall through to the next branch), hence the fallback.
subject_id := object.get(subject, "id", "(no token id)")

# An absent (or null) resource.tenant means the subject's own tenant: tenant-wide lists.
target_tenant := input.resource.tenant if {
	input.resource.tenant != null
} else := subject.tenant

cross_tenant if target_tenant != subject.tenant

reason := trim_space(input.context.reason) if is_string(input.context.reason)

has_reason if reason != ""

pinned_region := data.maestro.tenants[target_tenant].region

# Unreachable while every branch below is defined; kept so the answer can never be undefined.
default decision := {
	"allow": false,
	"rule": "rbac.no_grant",
	"reasons": ["no rule granted this request"],
}

decision := deny("input.invalid", sort(input_problems)) if {
	count(input_problems) > 0
} else := deny("rbac.unknown_role", [sprintf("unknown role %v; known roles: %v", [role, concat(", ", sort(roles))])]) if {
	not role_known
} else := deny("rbac.unknown_action", [sprintf("unknown action %v", [input.action])]) if {
	not action_known
} else := deny("tenant.boundary", [sprintf(
	"%v may not act on tenant %v from tenant %v%v",
	[role, target_tenant, subject.tenant, boundary_hint],
)]) if {
	cross_tenant
	not cross_tenant_allowed
} else := deny("rbac.no_grant", [sprintf("role %v is not granted %v", [role, input.action])]) if {
	not granted
} else := deny("token.escalation", [sprintf(
	"role %v may not issue a token with role %v",
	[role, input.resource.role],
)]) if {
	token_escalation
} else := deny("residency.region_pinned", [sprintf(
	"tenant %v is pinned to region %v; %v in region %v is refused",
	[target_tenant, pinned_region, input.action, input.resource.region],
)]) if {
	residency_violation
} else := allow("tenant.cross_tenant_with_reason", [
	sprintf("platform-admin %v acted on tenant %v from tenant %v", [subject_id, target_tenant, subject.tenant]),
	sprintf("reason: %v", [reason]),
]) if {
	cross_tenant
} else := allow("rbac.grant", [sprintf("role %v is granted %v", [role, input.action])])

role_known if role in roles

action_known if input.action in actions

# A helper, so that a role missing from grants is denied rather than skipped (see input_problems).
granted if input.action in grants[role]

cross_tenant_allowed if {
	role == "platform-admin"
	has_reason
}

boundary_hint := " (platform-admin needs a non-blank context.reason)" if {
	role == "platform-admin"
} else := ""

residency_violation if {
	input.action in residency_writes
	is_string(pinned_region)
	is_string(input.resource.region)
	input.resource.region != pinned_region
}

# Only a platform-admin may mint a platform-admin token; tenant-admin manages tokens of its tenant only.
token_escalation if {
	input.action == "token:write"
	input.resource.role == "platform-admin"
	role != "platform-admin"
}

# Each check is a rule of its own: `not f(input.x)` with input.x undefined is undefined, not true.
input_problems contains "subject.tenant must be a non-blank string" if not subject_tenant_valid

input_problems contains "subject.role must be a string" if not role_valid

input_problems contains "action must be a string" if not action_valid

input_problems contains "resource.tenant must be a non-blank string when given" if not target_tenant_valid

input_problems contains "subject.id must be a string when given" if {
	subject.id != null
	not subject_id_valid
}

input_problems contains "resource.region must be a string when given" if {
	input.resource.region != null
	not region_valid
}

input_problems contains "context.reason must be a string when given" if {
	input.context.reason != null
	not reason_valid
}

subject_tenant_valid if non_blank(subject.tenant)

role_valid if is_string(role)

action_valid if is_string(input.action)

target_tenant_valid if non_blank(target_tenant)

subject_id_valid if is_string(subject.id)

region_valid if is_string(input.resource.region)

reason_valid if is_string(input.context.reason)

non_blank(s) if trim_space(s) != ""

deny(rule, reasons) := {"allow": false, "rule": rule, "reasons": reasons}

allow(rule, reasons) := {"allow": true, "rule": rule, "reasons": reasons}
