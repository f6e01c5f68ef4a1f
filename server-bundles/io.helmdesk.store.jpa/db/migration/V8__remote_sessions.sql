-- Remote sessions (who connected to which device, when, how it ended) and their events. No foreign key to
-- helmdesk_device: the history outlives a deleted device.
CREATE TABLE helmdesk_remote_session (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    device_id VARCHAR(64) NOT NULL,
    operator_account_id VARCHAR(64) NOT NULL,
    operator_name VARCHAR(256) NOT NULL,
    state VARCHAR(16) NOT NULL,
    requested_at BIGINT NOT NULL,
    started_at BIGINT,
    ended_at BIGINT,
    end_reason VARCHAR(1024),
    bytes_from_agent BIGINT DEFAULT 0 NOT NULL,
    bytes_from_console BIGINT DEFAULT 0 NOT NULL
);
CREATE INDEX helmdesk_remote_session_device ON helmdesk_remote_session (device_id, requested_at);

-- An identity key (same syntax in Derby and PostgreSQL) keeps events of the same millisecond in the order they came.
CREATE TABLE helmdesk_remote_session_event (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id VARCHAR(64) NOT NULL REFERENCES helmdesk_remote_session (id) ON DELETE CASCADE,
    at_millis BIGINT NOT NULL,
    kind VARCHAR(32) NOT NULL,
    actor VARCHAR(256) NOT NULL,
    detail VARCHAR(4096) NOT NULL
);
CREATE INDEX helmdesk_remote_session_event_session ON helmdesk_remote_session_event (session_id, at_millis);
