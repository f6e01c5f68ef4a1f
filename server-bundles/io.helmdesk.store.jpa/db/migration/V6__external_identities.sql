-- Accounts signed in through an OpenID Connect provider (ACC-1): the provider's stable subject, never the e-mail.
CREATE TABLE helmdesk_external_identity (
    identity_key VARCHAR(400) NOT NULL PRIMARY KEY,
    provider_id VARCHAR(64) NOT NULL,
    subject VARCHAR(255) NOT NULL,
    account_id VARCHAR(36) NOT NULL REFERENCES helmdesk_account (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL
);
CREATE INDEX helmdesk_external_identity_account ON helmdesk_external_identity (account_id);
