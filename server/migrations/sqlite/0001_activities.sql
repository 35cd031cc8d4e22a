-- Activity records received by the sync endpoint (SQLite).
-- `id` is the record's own id (a client-made UUID); `seq` is the server's id,
-- given in the writing transaction (writers are serialised) as max + 1.
CREATE TABLE activities (
    id              TEXT    NOT NULL PRIMARY KEY,
    seq             INTEGER NOT NULL UNIQUE,
    idempotency_key TEXT    NOT NULL UNIQUE,
    fingerprint     TEXT    NOT NULL,          -- SHA-256 (hex) of the canonical record
    revision        INTEGER NOT NULL,
    project         TEXT    NOT NULL,
    region          TEXT    NOT NULL,
    date            TEXT    NOT NULL,          -- YYYY-MM-DD
    received_at     TEXT    NOT NULL,          -- UTC, YYYY-MM-DDTHH:MM:SS.ffffffZ
    token_label     TEXT,                      -- NULL when writes were open
    body            TEXT    NOT NULL           -- the record's JSON as received
);
CREATE INDEX activities_project ON activities (project, seq);
CREATE INDEX activities_region ON activities (region, seq);
CREATE INDEX activities_date ON activities (date);
CREATE INDEX activities_received_at ON activities (received_at);
