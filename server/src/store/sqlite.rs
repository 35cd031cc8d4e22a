//! The SQLite backend: one file in WAL mode with `synchronous = FULL` (a
//! commit is on disk before the answer), one writing connection (writers
//! queue in the pool instead of spinning on the file lock) and a few
//! reading ones. Write transactions are `BEGIN IMMEDIATE`, so another
//! process on the same file waits its turn (`busy_timeout`) instead of
//! failing half-way.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous,
};
use sqlx::{Row, SqlSafeStr};

use super::{
    decide, key_order, now, ListQuery, NewRecord, Outcome, Receipt, Store, StoreError, Stored,
};

const MIGRATIONS: &[(i64, &str, &str)] = &[(
    1,
    "activities",
    include_str!("../../migrations/sqlite/0001_activities.sql"),
)];

/// How long a writer waits for another process's lock before the request
/// is answered 503 (retry).
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Clone, Debug)]
pub struct SqliteStore {
    writer: SqlitePool,
    reader: SqlitePool,
}

pub(crate) fn migrator(files: &[(i64, &str, &'static str)]) -> Migrator {
    Migrator::with_migrations(
        files
            .iter()
            .map(|(version, description, sql)| {
                Migration::new(
                    *version,
                    description.to_string().into(),
                    MigrationType::Simple,
                    sql.into_sql_str(),
                    false,
                )
            })
            .collect(),
    )
}

impl SqliteStore {
    pub async fn open(path: &Path) -> Result<SqliteStore, String> {
        let shown = path.display();
        if path.as_os_str().is_empty() {
            return Err("sqlite: needs a file path (sqlite:data/activities.db)".into());
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            if !parent.is_dir() {
                return Err(format!(
                    "cannot open the SQLite database '{shown}': directory '{}' does not exist",
                    parent.display()
                ));
            }
        }
        let options = SqliteConnectOptions::from_str("sqlite:")
            .map_err(|e| e.to_string())?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(BUSY_TIMEOUT)
            .foreign_keys(true);
        let open_error = |e: sqlx::Error| format!("cannot open the SQLite database '{shown}': {e}");
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options.clone())
            .await
            .map_err(open_error)?;
        migrator(MIGRATIONS)
            .run(&writer)
            .await
            .map_err(|e| format!("cannot migrate the SQLite database '{shown}': {e}"))?;
        let reader = SqlitePoolOptions::new()
            .max_connections(4)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options)
            .await
            .map_err(open_error)?;
        Ok(SqliteStore { writer, reader })
    }
}

fn error(e: sqlx::Error) -> StoreError {
    let busy = match &e {
        sqlx::Error::PoolTimedOut => true,
        sqlx::Error::Database(d) => d
            .code()
            .and_then(|c| c.parse::<i64>().ok())
            .is_some_and(|c| matches!(c % 256, 5 | 6)), // SQLITE_BUSY, SQLITE_LOCKED
        _ => false,
    };
    if busy {
        StoreError::Busy(e.to_string())
    } else {
        StoreError::Failed(e.to_string())
    }
}

/// The columns [`stored`] reads, from the activities table.
macro_rules! select_stored {
    () => {
        "SELECT seq, id, revision, received_at, idempotency_key, fingerprint, token_label, body \
         FROM activities"
    };
}

fn stored(row: &SqliteRow) -> Result<Stored, StoreError> {
    let revision: i64 = row.try_get("revision").map_err(error)?;
    Ok(Stored {
        receipt: Receipt {
            seq: row.try_get("seq").map_err(error)?,
            record_id: row.try_get("id").map_err(error)?,
            revision: u32::try_from(revision).unwrap_or(u32::MAX),
            received_at: row.try_get("received_at").map_err(error)?,
        },
        key: row.try_get("idempotency_key").map_err(error)?,
        fingerprint: row.try_get("fingerprint").map_err(error)?,
        label: row.try_get("token_label").map_err(error)?,
        body: row.try_get("body").map_err(error)?,
    })
}

impl Store for SqliteStore {
    async fn put(
        &self,
        records: Vec<NewRecord>,
        label: Option<String>,
    ) -> Result<Vec<Outcome>, StoreError> {
        let mut outcomes = vec![Outcome::InProcess; records.len()];
        if records.is_empty() {
            return Ok(outcomes);
        }
        let mut tx = self
            .writer
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(error)?;
        let received_at = now();
        for i in key_order(&records) {
            let r = &records[i];
            let inserted = sqlx::query(
                "INSERT INTO activities (id, seq, idempotency_key, fingerprint, revision, \
                 project, region, date, received_at, token_label, body) \
                 VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM activities), \
                 ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) \
                 ON CONFLICT DO NOTHING RETURNING seq",
            )
            .bind(r.id.clone())
            .bind(r.key.clone())
            .bind(r.fingerprint.clone())
            .bind(i64::from(r.revision))
            .bind(r.project.clone())
            .bind(r.region.clone())
            .bind(r.date.clone())
            .bind(received_at.clone())
            .bind(label.clone())
            .bind(r.body.clone())
            .fetch_optional(&mut *tx)
            .await
            .map_err(error)?;
            outcomes[i] = match inserted {
                Some(row) => Outcome::Created(Receipt {
                    seq: row.try_get("seq").map_err(error)?,
                    record_id: r.id.clone(),
                    revision: r.revision,
                    received_at: received_at.clone(),
                }),
                None => {
                    // One statement: the row of the key and the row of the id.
                    let rows = sqlx::query(concat!(
                        select_stored!(),
                        " WHERE idempotency_key = ?1 OR id = ?2"
                    ))
                    .bind(r.key.clone())
                    .bind(r.id.clone())
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(error)?
                    .iter()
                    .map(stored)
                    .collect::<Result<Vec<_>, _>>()?;
                    let by_key = rows.iter().find(|s| s.key == r.key);
                    let by_id = rows.iter().find(|s| s.receipt.record_id == r.id);
                    decide(r, by_key, by_id)
                }
            };
        }
        tx.commit().await.map_err(error)?;
        Ok(outcomes)
    }

    async fn get(&self, id: &str) -> Result<Option<Stored>, StoreError> {
        sqlx::query(concat!(select_stored!(), " WHERE id = ?1"))
            .bind(id.to_string())
            .fetch_optional(&self.reader)
            .await
            .map_err(error)?
            .as_ref()
            .map(stored)
            .transpose()
    }

    async fn list(&self, query: &ListQuery) -> Result<Vec<Stored>, StoreError> {
        let rows = sqlx::query(concat!(
            select_stored!(),
            " WHERE seq > ?1 \
               AND (?2 IS NULL OR received_at >= ?2) \
               AND (?3 IS NULL OR project = ?3) \
               AND (?4 IS NULL OR region = ?4) \
             ORDER BY seq LIMIT ?5"
        ))
        .bind(query.after.unwrap_or(0))
        .bind(query.since.clone())
        .bind(query.project.clone())
        .bind(query.region.clone())
        .bind(i64::from(query.limit))
        .fetch_all(&self.reader)
        .await
        .map_err(error)?;
        rows.iter().map(stored).collect()
    }

    async fn close(&self) {
        self.reader.close().await;
        self.writer.close().await;
    }
}
