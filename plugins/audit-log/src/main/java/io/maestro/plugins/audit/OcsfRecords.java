package io.maestro.plugins.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Audit records in the shape of OCSF 1.3 "API Activity" (class 6003, category 6 Application Activity),
 * for a SIEM. The activity comes from the action's verb ({@code plugin.unload} is a Delete); what
 * OCSF has no place for (the chain fields, details) goes under {@code unmapped}.
 */
final class OcsfRecords {
    static final String SCHEMA_VERSION = "1.3.0";
    static final int CLASS_UID = 6003;
    static final int CATEGORY_UID = 6;

    private OcsfRecords() { }

    static Map<String, Object> from(AuditRecord r, String productVersion) {
        int activity = activityId(r.action());
        var m = new LinkedHashMap<String, Object>();
        m.put("class_uid", CLASS_UID);
        m.put("class_name", "API Activity");
        m.put("category_uid", CATEGORY_UID);
        m.put("category_name", "Application Activity");
        m.put("activity_id", activity);
        m.put("activity_name", activityName(activity));
        m.put("type_uid", (long) CLASS_UID * 100 + activity);
        m.put("type_name", "API Activity: " + activityName(activity));
        int severity = severityId(r);
        m.put("severity_id", severity);
        m.put("severity", switch (severity) {
            case 2 -> "Low";
            case 3 -> "Medium";
            case 4 -> "High";
            default -> "Informational";
        });
        int status = statusId(r.outcome());
        m.put("status_id", status);
        m.put("status", switch (status) {
            case 1 -> "Success";
            case 2 -> "Failure";
            case 99 -> "Other";
            default -> "Unknown";
        });
        if (r.reason() != null) m.put("status_detail", r.reason());
        m.put("time", r.time().toEpochMilli());
        m.put("message", message(r));

        var user = new LinkedHashMap<String, Object>();
        user.put("name", r.actor().name());
        user.put("type_id", switch (r.actor().type() == null ? "" : r.actor().type()) {
            case "user" -> 1;
            case "admin" -> 2;
            case "system" -> 3;
            default -> 99;
        });
        user.put("type", r.actor().type() == null ? "Other" : capitalized(r.actor().type()));
        m.put("actor", Map.of("user", user));
        m.put("api", Map.of("operation", r.action(), "service", Map.of("name", "maestro")));

        var resources = new ArrayList<Object>();
        if (r.target() != null) {
            var t = new LinkedHashMap<String, Object>();
            if (r.target().type() != null) t.put("type", r.target().type());
            if (r.target().id() != null) t.put("uid", r.target().id());
            if (r.target().name() != null) t.put("name", r.target().name());
            resources.add(t);
        }
        if (r.run() != null && (r.target() == null || !"run".equals(r.target().type()))) {
            resources.add(Map.of("type", "run", "uid", r.run()));
        }
        if (!resources.isEmpty()) m.put("resources", resources);

        var product = new LinkedHashMap<String, Object>();
        product.put("name", "Maestro");
        product.put("vendor_name", "Maestro");
        if (productVersion != null) product.put("version", productVersion);
        product.put("feature", Map.of("name", "audit-log"));
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("version", SCHEMA_VERSION);
        metadata.put("product", product);
        metadata.put("log_name", "audit-log");
        metadata.put("uid", r.hash());
        metadata.put("sequence", r.seq());
        if (r.tenant() != null) metadata.put("tenant_uid", r.tenant());
        if (r.trace() != null) metadata.put("correlation_uid", r.trace().traceId());
        m.put("metadata", metadata);

        var unmapped = new LinkedHashMap<String, Object>();
        unmapped.put("seq", r.seq());
        unmapped.put("prev", r.prev());
        unmapped.put("hash", r.hash());
        if (r.outcome() != null) unmapped.put("outcome", r.outcome());
        if (r.run() != null) unmapped.put("run", r.run());
        if (r.trace() != null) unmapped.put("trace", Map.of("trace_id", r.trace().traceId(), "span_id", r.trace().spanId()));
        if (!r.details().isEmpty()) unmapped.put("details", r.details());
        m.put("unmapped", unmapped);
        return m;
    }

    /** OCSF activity from the verb: Create 1, Read 2, Update 3, Delete 4, Other 99. */
    static int activityId(String action) {
        String verb = action.substring(action.lastIndexOf('.') + 1);
        return switch (verb) {
            case "submit", "create", "load", "produce", "add", "grant", "register" -> 1;
            case "read", "query", "export", "access", "view", "list", "download" -> 2;
            case "start", "finish", "schedule", "retry", "update", "change", "rotate", "repair", "override",
                 "approve" -> 3;
            case "unload", "delete", "remove", "revoke", "purge" -> 4;
            default -> 99;
        };
    }

    private static String activityName(int id) {
        return switch (id) {
            case 1 -> "Create";
            case 2 -> "Read";
            case 3 -> "Update";
            case 4 -> "Delete";
            default -> "Other";
        };
    }

    static int statusId(String outcome) {
        if (outcome == null) return 0;
        return switch (outcome) {
            case AuditRecord.SUCCESS -> 1;
            case AuditRecord.FAILURE, AuditRecord.DENIED -> 2;
            case AuditRecord.CANCELLED, AuditRecord.HELD, AuditRecord.SKIPPED -> 99;
            default -> 0;
        };
    }

    private static int severityId(AuditRecord r) {
        if (r.action().startsWith("audit.") && AuditRecord.FAILURE.equals(r.outcome())) return 4; // audit records lost
        if (AuditRecord.DENIED.equals(r.outcome())) return 3;
        if (AuditRecord.FAILURE.equals(r.outcome())) return 2;
        return 1;
    }

    private static String message(AuditRecord r) {
        var s = new StringBuilder(r.action());
        if (r.target() != null) s.append(' ').append(r.target().type()).append(' ').append(r.target().id());
        if (r.outcome() != null) s.append(": ").append(r.outcome());
        if (r.reason() != null) s.append(" (").append(r.reason()).append(')');
        return s.toString();
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
