package io.helmdesk.auth.api;

/** The caller is not who it claims, or its token is unknown, expired or revoked: HTTP 401. */
public class AuthenticationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message);
    }
}
