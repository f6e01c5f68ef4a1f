-- What a one-time secret confirms, e.g. the new address of an e-mail change (ACC-5).
ALTER TABLE helmdesk_one_time_secret ADD COLUMN payload VARCHAR(254);
