package io.maestro.core.access;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a token's holder may do within its tenant; the permissions matrix is docs/security/rbac.md. */
public enum Role {
    VIEWER("viewer"), AUTHOR("author"), OPERATOR("operator"), TENANT_ADMIN("tenant-admin"),
    AUDITOR("auditor"), PLATFORM_ADMIN("platform-admin");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException naming the valid roles */
    public static Role parse(String name) {
        for (Role r : values()) if (r.wireName.equals(name)) return r;
        throw new IllegalArgumentException("unknown role '" + name + "' (one of: "
                + Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", ")) + ")");
    }
}
