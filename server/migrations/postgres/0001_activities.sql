-- Activity records received by the sync endpoint (PostgreSQL).
-- `id` is the record's own id (a client-made UUID); `seq` is the server's id.
CREATE TABLE activities (
    id              TEXT        NOT NULL PRIMARY KEY,
    seq             BIGINT      GENERATED ALWAYS AS IDENTITY UNIQUE,
    idempotency_key TEXT        NOT NULL UNIQUE,
    fingerprint     TEXT        NOT NULL,      -- SHA-256 (hex) of the canonical record
    revision        BIGINT      NOT NULL,
    project         TEXT        NOT NULL,
    region          TEXT        NOT NULL,
    date            DATE        NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL,
    token_label     TEXT,                      -- NULL when writes were open
    body            JSON        NOT NULL       -- the record's JSON as received (json keeps the text)
);
CREATE INDEX activities_project ON activities (project, seq);
CREATE INDEX activities_region ON activities (region, seq);
CREATE INDEX activities_date ON activities (date);
CREATE INDEX activities_received_at ON activities (received_at);
