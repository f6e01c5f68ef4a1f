package io.helmdesk.auth.api;

/** What a caller may do. The one permission model of Helmdesk: roles grant sets of these. */
public enum Permission {
    /** Read and change one's own account: profile, password, second factor, deletion. */
    OWN_ACCOUNT,
    /** Create, list and revoke one's own API keys. */
    OWN_API_KEYS,
    /** Enroll computers into one's account, see and manage them, and make enrollment tokens (DEV-1..DEV-12). */
    OWN_DEVICES,
    /** Administer the server: accounts of others, configuration. */
    SERVER_ADMINISTRATION
}
