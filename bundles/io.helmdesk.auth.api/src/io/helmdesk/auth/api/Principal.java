package io.helmdesk.auth.api;

import java.util.Set;

/**
 * Who makes a request, once authenticated.
 *
 * @param accountId the account
 * @param email the account's e-mail address
 * @param role the account's role
 * @param method how the caller proved it: a session (signed in) or an API key
 * @param permissions what this caller may do: the role's permissions, narrowed by an API key's scopes
 */
public record Principal(String accountId, String email, Role role, Method method, Set<Permission> permissions) {

    /** How a caller proved who it is. */
    public enum Method {
        SESSION, API_KEY
    }

    public Principal {
        permissions = Set.copyOf(permissions);
    }

    public boolean has(Permission permission) {
        return permissions.contains(permission);
    }
}
