-- Single-use secrets sent to people (recovery links, codes): only their hash, with an expiry and a number of tries.
CREATE TABLE helmdesk_one_time_secret (
    secret_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    account_id VARCHAR(36) NOT NULL REFERENCES helmdesk_account (id) ON DELETE CASCADE,
    purpose VARCHAR(30) NOT NULL,
    expires_at BIGINT NOT NULL,
    tries_left INTEGER NOT NULL
);
CREATE INDEX helmdesk_one_time_secret_account ON helmdesk_one_time_secret (account_id, purpose);
