-- Accounts, sessions, API keys and the counters of failed attempts (ACC-1..8, INT-2).
CREATE TABLE helmdesk_account (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    email VARCHAR(254) NOT NULL,
    email_key VARCHAR(254) NOT NULL UNIQUE,
    display_name VARCHAR(100) NOT NULL,
    account_role VARCHAR(20) NOT NULL,
    account_state VARCHAR(20) NOT NULL,
    password_hash VARCHAR(300),
    language_tag VARCHAR(35) NOT NULL,
    time_zone VARCHAR(64) NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE helmdesk_session (
    token_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    account_id VARCHAR(36) NOT NULL REFERENCES helmdesk_account (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX helmdesk_session_account ON helmdesk_session (account_id);

CREATE TABLE helmdesk_api_key (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    account_id VARCHAR(36) NOT NULL REFERENCES helmdesk_account (id) ON DELETE CASCADE,
    key_name VARCHAR(100) NOT NULL,
    key_prefix VARCHAR(16) NOT NULL,
    key_hash VARCHAR(64) NOT NULL UNIQUE,
    scopes VARCHAR(500) NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL,
    revoked_at BIGINT NOT NULL
);
CREATE INDEX helmdesk_api_key_account ON helmdesk_api_key (account_id);

CREATE TABLE helmdesk_attempt_counter (
    bucket VARCHAR(300) NOT NULL PRIMARY KEY,
    failures INTEGER NOT NULL,
    consecutive INTEGER NOT NULL,
    window_start BIGINT NOT NULL,
    blocked_until BIGINT NOT NULL
);

-- The row that serialises the creation of the first account (see JpaAccountRepository.insertFirst).
INSERT INTO helmdesk_setting (setting_key, setting_value, updated_at) VALUES ('store.first-account-lock', 'lock', 0);
