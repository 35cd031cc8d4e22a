//! Storage of activity records behind one trait, [`Store`], with two
//! backends: SQLite ([`sqlite`], a file in WAL mode, the default) and
//! PostgreSQL ([`postgres`], for several server instances on one database).
//!
//! One table, `activities`, keyed by the record's `id`, keeps each record's
//! JSON exactly as it came beside indexed columns (project, region, date,
//! received time, token label), the idempotency key (unique) and the
//! fingerprint of the record. Each backend has its own versioned
//! migrations (`server/migrations/<backend>/`), applied at start-up.
//!
//! Idempotency is decided inside the write transaction by the two unique
//! keys, never by the server's memory: an insert that conflicts does
//! nothing, and the row that is there says whether the request is a replay
//! ([`Outcome::Replayed`]) or a conflict ([`decide`]).

pub mod postgres;
pub mod sqlite;

use std::future::Future;

/// Rows per page at most, for lists and the CSV.
pub const MAX_PAGE: u32 = 1000;

/// A checked record, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRecord {
    /// The `Idempotency-Key`, else the record's `id`.
    pub key: String,
    pub id: String,
    pub revision: u32,
    /// SHA-256 (hex) of the record in its canonical form: what "the same
    /// body" means.
    pub fingerprint: String,
    pub project: String,
    pub region: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The record's JSON as received.
    pub body: String,
}

/// What the server says it holds: its own id for the row and when it came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// The server's id: increasing, never reused.
    pub seq: i64,
    pub record_id: String,
    pub revision: u32,
    /// UTC, `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
    pub received_at: String,
}

/// A stored row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub receipt: Receipt,
    pub key: String,
    pub fingerprint: String,
    /// The label of the token that brought it (`None`: writes were open).
    pub label: Option<String>,
    pub body: String,
}

/// What became of one record sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Stored now (201).
    Created(Receipt),
    /// Already stored with the same key or id and the same content (200,
    /// the first answer's receipt).
    Replayed(Receipt),
    /// The key was used for another body (422).
    KeyReused(Receipt),
    /// Another record with this id is stored, with other content (422).
    IdTaken(Receipt),
    /// Another transaction holds this key and has not finished (409).
    InProcess,
}

/// Which rows to read, oldest first (by server id).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListQuery {
    /// Received at or after this time (`YYYY-MM-DDTHH:MM:SS.ffffffZ`).
    pub since: Option<String>,
    pub project: Option<String>,
    pub region: Option<String>,
    /// Server ids above this one (the cursor of the next page).
    pub after: Option<i64>,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The database is locked or out of connections for now: try again.
    Busy(String),
    /// Anything else (the message is logged, not sent).
    Failed(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Busy(m) => write!(f, "database busy: {m}"),
            StoreError::Failed(m) => write!(f, "database error: {m}"),
        }
    }
}

/// The storage of activity records. Every method is one transaction;
/// [`Store::put`] commits before it returns, so what it reports as created
/// is durable.
pub trait Store: Send + Sync {
    /// Stores each record that is new, in one transaction, and says for
    /// each (in the same order) what became of it.
    fn put(
        &self,
        records: Vec<NewRecord>,
        label: Option<String>,
    ) -> impl Future<Output = Result<Vec<Outcome>, StoreError>> + Send;

    /// The row of this record id.
    fn get(&self, id: &str) -> impl Future<Output = Result<Option<Stored>, StoreError>> + Send;

    /// Rows matching `query`, by increasing server id, at most `query.limit`.
    fn list(
        &self,
        query: &ListQuery,
    ) -> impl Future<Output = Result<Vec<Stored>, StoreError>> + Send;

    /// Waits for the connections to close (on shutdown).
    fn close(&self) -> impl Future<Output = ()> + Send;
}

/// Either backend, chosen by the database URL.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(sqlite::SqliteStore),
    Postgres(postgres::PgStore),
}

impl Db {
    /// Connects to `sqlite:PATH` (made if missing) or `postgres://…`, and
    /// applies the migrations. The error is a sentence for the operator.
    pub async fn open(url: &str) -> Result<Db, String> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            postgres::PgStore::open(url).await.map(Db::Postgres)
        } else if let Some(path) = url.strip_prefix("sqlite:") {
            let path = path.strip_prefix("//").unwrap_or(path);
            sqlite::SqliteStore::open(std::path::Path::new(path))
                .await
                .map(Db::Sqlite)
        } else {
            // Not echoed: a mistyped URL may hold a password.
            Err("the database is neither sqlite:PATH nor postgres://…".into())
        }
    }

    /// `sqlite` or `postgres`, for the start-up line.
    pub fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }
}

impl Store for Db {
    async fn put(
        &self,
        records: Vec<NewRecord>,
        label: Option<String>,
    ) -> Result<Vec<Outcome>, StoreError> {
        match self {
            Db::Sqlite(s) => s.put(records, label).await,
            Db::Postgres(s) => s.put(records, label).await,
        }
    }

    async fn get(&self, id: &str) -> Result<Option<Stored>, StoreError> {
        match self {
            Db::Sqlite(s) => s.get(id).await,
            Db::Postgres(s) => s.get(id).await,
        }
    }

    async fn list(&self, query: &ListQuery) -> Result<Vec<Stored>, StoreError> {
        match self {
            Db::Sqlite(s) => s.list(query).await,
            Db::Postgres(s) => s.list(query).await,
        }
    }

    async fn close(&self) {
        match self {
            Db::Sqlite(s) => s.close().await,
            Db::Postgres(s) => s.close().await,
        }
    }
}

/// What a record that could not be inserted meets: the row holding its key
/// decides first (same fingerprint: a replay; else the key was reused),
/// then the row holding its id (same fingerprint: the same record sent
/// under another key, a replay; else a conflict).
pub fn decide(record: &NewRecord, by_key: Option<&Stored>, by_id: Option<&Stored>) -> Outcome {
    if let Some(row) = by_key {
        return if row.fingerprint == record.fingerprint {
            Outcome::Replayed(row.receipt.clone())
        } else if record.key == record.id && row.receipt.record_id == record.id {
            // Keyed by its id (no Idempotency-Key): another version of
            // the same record, not a reused key.
            Outcome::IdTaken(row.receipt.clone())
        } else {
            Outcome::KeyReused(row.receipt.clone())
        };
    }
    match by_id {
        Some(row) if row.fingerprint == record.fingerprint => {
            Outcome::Replayed(row.receipt.clone())
        }
        Some(row) => Outcome::IdTaken(row.receipt.clone()),
        // Neither is there: the conflicting row went away (it cannot: rows
        // are never deleted) or its transaction rolled back after the
        // insert gave up. Either way the client may simply send again.
        None => Outcome::InProcess,
    }
}

/// The server's clock, as stored: UTC with microseconds.
pub fn now() -> String {
    format_time(chrono::Utc::now())
}

pub fn format_time(time: chrono::DateTime<chrono::Utc>) -> String {
    time.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// Sorts a batch by key (stable), so that two transactions that share keys
/// take them in the same order; returns the original positions.
pub(crate) fn key_order(records: &[NewRecord]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..records.len()).collect();
    order.sort_by(|&a, &b| records[a].key.cmp(&records[b].key));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(key: &str, id: &str, fingerprint: &str) -> NewRecord {
        NewRecord {
            key: key.into(),
            id: id.into(),
            revision: 1,
            fingerprint: fingerprint.into(),
            project: "p".into(),
            region: "r".into(),
            date: "2026-11-29".into(),
            body: "{}".into(),
        }
    }

    fn row(seq: i64, key: &str, id: &str, fingerprint: &str) -> Stored {
        Stored {
            receipt: Receipt {
                seq,
                record_id: id.into(),
                revision: 1,
                received_at: "2026-12-01T10:00:00.000000Z".into(),
            },
            key: key.into(),
            fingerprint: fingerprint.into(),
            label: None,
            body: "{}".into(),
        }
    }

    #[test]
    fn decisions() {
        let new = record("k", "a", "f1");
        let same_key = row(1, "k", "a", "f1");
        let other_body = row(2, "k", "b", "f2");
        let same_id = row(3, "a", "a", "f1");
        let other_id_body = row(4, "a", "a", "f9");
        assert_eq!(
            decide(&new, Some(&same_key), Some(&same_key)),
            Outcome::Replayed(same_key.receipt.clone())
        );
        assert_eq!(
            decide(&new, Some(&other_body), None),
            Outcome::KeyReused(other_body.receipt.clone())
        );
        // The key decides before the id.
        assert_eq!(
            decide(&new, Some(&other_body), Some(&same_id)),
            Outcome::KeyReused(other_body.receipt.clone())
        );
        assert_eq!(
            decide(&new, None, Some(&same_id)),
            Outcome::Replayed(same_id.receipt.clone())
        );
        assert_eq!(
            decide(&new, None, Some(&other_id_body)),
            Outcome::IdTaken(other_id_body.receipt.clone())
        );
        assert_eq!(decide(&new, None, None), Outcome::InProcess);
        // Keyed by id: a different body is a record conflict.
        let by_id = record("a", "a", "f1");
        assert_eq!(
            decide(&by_id, Some(&other_id_body), Some(&other_id_body)),
            Outcome::IdTaken(other_id_body.receipt.clone())
        );
    }

    #[test]
    fn time_format_sorts_as_text() {
        let t = chrono::DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z").unwrap();
        assert_eq!(format_time(t.into()), "2026-12-01T10:00:00.000000Z");
        assert!(now().len() == 27 && now().ends_with('Z'));
    }

    #[test]
    fn batch_key_order_is_stable() {
        let batch = [
            record("b", "1", ""),
            record("a", "2", ""),
            record("b", "3", ""),
            record("a", "4", ""),
        ];
        assert_eq!(key_order(&batch), [1, 3, 0, 2]);
    }
}
