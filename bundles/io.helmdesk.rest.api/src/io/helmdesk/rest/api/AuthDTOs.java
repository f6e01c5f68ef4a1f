package io.helmdesk.rest.api;

import java.util.List;

/** The JSON bodies of {@code /api/v1/auth}, {@code /api/v1/account} and {@code /api/v1/api-keys}. */
public final class AuthDTOs {

    private AuthDTOs() {
    }

    /** {@code POST /auth/login}. */
    public record LoginRequest(String email, String password) {
    }

    /**
     * {@code POST /auth/login}: a session ({@code token}), or, when the account has a second factor, a
     * {@code pendingToken} to send with a code to {@code /auth/second-factor}.
     */
    public record LoginResultDTO(String token, String accountId, String expiresAt, String secondFactor,
            String pendingToken) {
    }

    /** {@code POST /auth/second-factor}. */
    public record SecondFactorRequest(String pendingToken, String code) {
    }

    /** A code from the authenticator app: {@code POST /account/second-factor/totp/confirm}, {@code DELETE /account/second-factor}. */
    public record CodeRequest(String code) {
    }

    /** {@code GET /auth/oidc/providers}: an OpenID Connect provider to offer on the sign-in screen. */
    public record OidcProviderDTO(String id, String name) {
    }

    /**
     * {@code POST /auth/oidc/{provider}/start}: open {@code authorizationUrl} in a browser, then poll with
     * {@code pollToken} until the sign-in is done (at {@code expiresAt} at the latest).
     */
    public record OidcStartDTO(String authorizationUrl, String pollToken, String expiresAt) {
    }

    /** {@code POST /auth/oidc/poll}. */
    public record OidcPollRequest(String pollToken) {
    }

    /** How to link a Telegram chat: send the link code to the bot, or open the deep link. */
    public record TelegramLinkDTO(String botUsername, String linkCode, String deepLink) {
    }

    /** {@code POST /account/second-factor/totp}: the new seed, shown once, as text, URI and QR code (PNG, base 64). */
    public record TotpEnrollmentDTO(String secret, String otpauthUri, String qrCodePng) {
    }

    /** A new session: send {@code Authorization: Bearer <token>} with every call. */
    public record SessionDTO(String token, String accountId, String expiresAt) {
    }

    /** {@code GET /auth/setup}: whether the first administrator is still to be created. */
    public record SetupStatusDTO(boolean needed) {
    }

    /** {@code POST /auth/setup}: the one-time token printed at the server's first start, and the first admin. */
    public record SetupRequest(String token, String email, String password, String displayName) {
    }

    /** {@code POST /auth/register}: a password is sent to the address. */
    public record RegisterRequest(String email, String language) {
    }

    /** {@code POST /auth/recovery}: a link to choose a new password is sent to the address, if it has an account. */
    public record RecoveryRequest(String email) {
    }

    /** {@code POST /auth/recovery/complete}: the link's token and the new password. */
    public record CompleteRecoveryRequest(String token, String newPassword) {
    }

    /** An answer that says only what happens next. */
    public record NoticeDTO(String message) {
    }

    /** {@code GET /account}. */
    public record AccountDTO(String id, String email, String displayName, String role, List<String> permissions,
            String language, String timeZone, String createdAt, String secondFactor) {
    }

    /** {@code PATCH /account}: the fields to change; absent ones stay. */
    public record ProfileUpdate(String displayName, String language, String timeZone) {
    }

    /** {@code POST /account/email}: a code goes to the new address. */
    public record EmailChangeRequest(String newEmail) {
    }

    /** {@code PUT /account/email}: the code from the new address and the current password. */
    public record EmailChangeConfirmation(String code, String currentPassword) {
    }

    /** {@code DELETE /account}: confirmed with the current password. */
    public record DeleteAccountRequest(String password) {
    }

    /** {@code PUT /account/password}. */
    public record ChangePasswordRequest(String currentPassword, String newPassword) {
    }

    /** {@code GET /admin/accounts}: an account as administrators see it. */
    public record AdminAccountDTO(String id, String email, String displayName, String role, String state,
            String createdAt) {
    }

    /** {@code PUT /admin/accounts/{id}/state}: "ACTIVE" or "DISABLED". */
    public record AccountStateRequest(String state) {
    }

    /** An API key, without its secret. */
    public record ApiKeyDTO(String id, String name, String prefix, List<String> scopes, String createdAt,
            String lastUsedAt, String revokedAt) {
    }

    /** {@code POST /api-keys}. */
    public record CreateApiKeyRequest(String name, List<String> scopes) {
    }

    /** The answer to {@code POST /api-keys}: the secret is shown this once. */
    public record CreatedApiKeyDTO(ApiKeyDTO key, String secret) {
    }
}
