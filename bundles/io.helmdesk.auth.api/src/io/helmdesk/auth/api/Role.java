package io.helmdesk.auth.api;

import java.util.EnumSet;
import java.util.Set;

/** An account's role on the server, and the permissions it grants. */
public enum Role {

    /** Runs the server: everything. */
    ADMIN(EnumSet.allOf(Permission.class)),
    /** An operator with an account of their own. */
    USER(EnumSet.of(Permission.OWN_ACCOUNT, Permission.OWN_API_KEYS, Permission.OWN_DEVICES));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }
}
