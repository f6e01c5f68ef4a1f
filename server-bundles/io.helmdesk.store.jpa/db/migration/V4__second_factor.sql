-- Second factors (ACC-8): the TOTP seed sealed with the installation's key, and the last time step used (no replay).
CREATE TABLE helmdesk_second_factor (
    account_id VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES helmdesk_account (id) ON DELETE CASCADE,
    method VARCHAR(20) NOT NULL,
    enabled INTEGER NOT NULL,
    secret_sealed VARCHAR(300) NOT NULL,
    last_step BIGINT NOT NULL
);
