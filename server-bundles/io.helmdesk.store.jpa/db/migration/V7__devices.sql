-- Devices (DEV-1..DEV-12): computers whose agent enrolled with an account, proven by their public key.
CREATE TABLE helmdesk_device (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    account_id VARCHAR(36) NOT NULL REFERENCES helmdesk_account (id) ON DELETE CASCADE,
    public_key VARCHAR(3000) NOT NULL,
    key_fingerprint VARCHAR(64) NOT NULL UNIQUE,
    display_name VARCHAR(100) NOT NULL,
    host_name VARCHAR(255) NOT NULL,
    group_name VARCHAR(100) NOT NULL,
    os_name VARCHAR(256) NOT NULL,
    os_version VARCHAR(256) NOT NULL,
    agent_version VARCHAR(256) NOT NULL,
    last_seen_at BIGINT NOT NULL,
    last_address VARCHAR(64) NOT NULL,
    previews_enabled INTEGER NOT NULL,
    operators_may_configure INTEGER NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX helmdesk_device_account ON helmdesk_device (account_id);

-- What the agent reported about its computer (DEV-7), as JSON sections.
CREATE TABLE helmdesk_device_info (
    device_id VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES helmdesk_device (id) ON DELETE CASCADE,
    info VARCHAR(32000) NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Favourites per account (DEV-5).
CREATE TABLE helmdesk_device_favourite (
    favourite_key VARCHAR(80) NOT NULL PRIMARY KEY,
    account_id VARCHAR(36) NOT NULL REFERENCES helmdesk_account (id) ON DELETE CASCADE,
    device_id VARCHAR(36) NOT NULL REFERENCES helmdesk_device (id) ON DELETE CASCADE
);
CREATE INDEX helmdesk_device_favourite_account ON helmdesk_device_favourite (account_id);

-- Tokens that let agents join an account without signing in (DEV-2): only their hash, a use count, an expiry.
CREATE TABLE helmdesk_enrollment_token (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    account_id VARCHAR(36) NOT NULL REFERENCES helmdesk_account (id) ON DELETE CASCADE,
    token_name VARCHAR(100) NOT NULL,
    token_prefix VARCHAR(16) NOT NULL,
    token_hash VARCHAR(64) NOT NULL UNIQUE,
    uses_left INTEGER NOT NULL,
    uses INTEGER NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX helmdesk_enrollment_token_account ON helmdesk_enrollment_token (account_id);
