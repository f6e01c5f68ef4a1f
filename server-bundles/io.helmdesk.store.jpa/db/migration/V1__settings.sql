-- Server-wide settings as key/value text.
CREATE TABLE helmdesk_setting (
    setting_key VARCHAR(200) NOT NULL PRIMARY KEY,
    setting_value VARCHAR(4000) NOT NULL,
    updated_at BIGINT NOT NULL
);
