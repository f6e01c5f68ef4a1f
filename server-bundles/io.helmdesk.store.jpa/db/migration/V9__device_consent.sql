-- Whether the user at the computer must allow each remote session (SES-2). True for every device already enrolled:
-- nobody chose unattended access for them. An INTEGER flag like the table's others; the same SQL on Derby and
-- PostgreSQL.
ALTER TABLE helmdesk_device ADD COLUMN consent_required INTEGER DEFAULT 1 NOT NULL;
