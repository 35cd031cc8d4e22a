//! The PostgreSQL backend, for one database shared by several server
//! instances. Each write is one transaction at READ COMMITTED: an insert
//! whose id or key another transaction has just inserted waits for that
//! transaction to end, then does nothing if it committed, and the row it
//! finds decides (replay or conflict). A wait longer than
//! [`IN_PROCESS_WAIT`] (`lock_timeout`) means the key is still being
//! processed elsewhere: that record is answered 409.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgRow};
use sqlx::Row;

use super::sqlite::migrator;
use super::{
    decide, key_order, now, ListQuery, NewRecord, Outcome, Receipt, Store, StoreError, Stored,
};

const MIGRATIONS: &[(i64, &str, &str)] = &[(
    1,
    "activities",
    include_str!("../../migrations/postgres/0001_activities.sql"),
)];

/// How long a write waits for another transaction that holds the same key
/// or id before it answers 409 for that record (`SET LOCAL lock_timeout`).
pub const IN_PROCESS_WAIT: &str = "SET LOCAL lock_timeout = '1s'";

/// PostgreSQL's `lock_not_available`, raised when `lock_timeout` expires.
const LOCK_NOT_AVAILABLE: &str = "55P03";

#[derive(Clone, Debug)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    pub async fn open(url: &str) -> Result<PgStore, String> {
        let shown = redact(url);
        let options = PgConnectOptions::from_str(url)
            .map_err(|e| format!("'{shown}' is not a PostgreSQL URL: {e}"))?
            .application_name("paix-server");
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options)
            .await
            .map_err(|e| format!("cannot connect to PostgreSQL at '{shown}': {e}"))?;
        // The migrator takes an advisory lock: instances starting together
        // apply each migration once.
        migrator(MIGRATIONS)
            .run(&pool)
            .await
            .map_err(|e| format!("cannot migrate the PostgreSQL database '{shown}': {e}"))?;
        Ok(PgStore { pool })
    }
}

/// The URL for messages: scheme, user, host, port and database, read as
/// sqlx reads them. Never the password, nor the query (sqlx takes
/// `password=` there too), nor a URL that does not parse (a password with
/// an unencoded `/` or `?` makes the rest unreadable as a URL).
pub fn redact(url: &str) -> String {
    // A SQLite path holds no secret.
    if url.starts_with("sqlite:") {
        return url.to_string();
    }
    let Ok(u) = url::Url::parse(url) else {
        return "(a URL that does not parse)".into();
    };
    let user = if u.username().is_empty() { String::new() } else { format!("{}{}@", u.username(), if u.password().is_some() { ":***" } else { "" }) };
    let port = u.port().map(|p| format!(":{p}")).unwrap_or_default();
    let query = if u.query().is_some() { "?***" } else { "" };
    format!("{}://{user}{}{port}{}{query}", u.scheme(), u.host_str().unwrap_or(""), u.path())
}

fn code(e: &sqlx::Error) -> Option<String> {
    e.as_database_error()
        .and_then(|d| d.code())
        .map(|c| c.into_owned())
}

fn error(e: sqlx::Error) -> StoreError {
    let busy = match &e {
        sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed => true,
        // serialization_failure, deadlock_detected, lock_not_available,
        // too_many_connections, cannot_connect_now, admin_shutdown
        _ => code(&e).is_some_and(|c| {
            matches!(
                c.as_str(),
                "40001" | "40P01" | "55P03" | "53300" | "57P03" | "57P01"
            )
        }),
    };
    if busy {
        StoreError::Busy(e.to_string())
    } else {
        StoreError::Failed(e.to_string())
    }
}

/// The columns [`stored`] reads, from the activities table (the time as
/// UTC RFC 3339 text, the body as text).
macro_rules! select_stored {
    () => {
        "SELECT seq, id, revision, \
         to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS received_at, \
         idempotency_key, fingerprint, token_label, body::text AS body FROM activities"
    };
}

fn stored(row: &PgRow) -> Result<Stored, StoreError> {
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

type Tx = sqlx::Transaction<'static, sqlx::Postgres>;

/// Inserts one record, or finds what stands in its way.
async fn put_one(
    tx: &mut Tx,
    r: &NewRecord,
    received_at: &str,
    label: &Option<String>,
) -> Result<Outcome, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO activities (id, idempotency_key, fingerprint, revision, project, region, \
         date, received_at, token_label, body) \
         VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8::timestamptz, $9, $10::json) \
         ON CONFLICT DO NOTHING RETURNING seq",
    )
    .bind(r.id.clone())
    .bind(r.key.clone())
    .bind(r.fingerprint.clone())
    .bind(i64::from(r.revision))
    .bind(r.project.clone())
    .bind(r.region.clone())
    .bind(r.date.clone())
    .bind(received_at.to_string())
    .bind(label.clone())
    .bind(r.body.clone())
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(row) = inserted {
        return Ok(Outcome::Created(Receipt {
            seq: row.try_get("seq")?,
            record_id: r.id.clone(),
            revision: r.revision,
            received_at: received_at.to_string(),
        }));
    }
    // One statement, one snapshot: the row of the key and the row of the id.
    let rows = sqlx::query(concat!(
        select_stored!(),
        " WHERE idempotency_key = $1 OR id = $2"
    ))
    .bind(r.key.clone())
    .bind(r.id.clone())
    .fetch_all(&mut **tx)
    .await?;
    let rows: Vec<Stored> = rows
        .iter()
        .map(stored)
        .collect::<Result<_, StoreError>>()
        .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    let by_key = rows.iter().find(|s| s.key == r.key);
    let by_id = rows.iter().find(|s| s.receipt.record_id == r.id);
    Ok(decide(r, by_key, by_id))
}

fn lock_timed_out(e: &sqlx::Error) -> bool {
    code(e).as_deref() == Some(LOCK_NOT_AVAILABLE)
}

impl Store for PgStore {
    async fn put(
        &self,
        records: Vec<NewRecord>,
        label: Option<String>,
    ) -> Result<Vec<Outcome>, StoreError> {
        let mut outcomes = vec![Outcome::InProcess; records.len()];
        if records.is_empty() {
            return Ok(outcomes);
        }
        let mut tx = self.pool.begin().await.map_err(error)?;
        sqlx::query(IN_PROCESS_WAIT)
            .execute(&mut *tx)
            .await
            .map_err(error)?;
        let received_at = now();
        if records.len() == 1 {
            // No savepoint: a lock timeout ends the one-record transaction.
            match put_one(&mut tx, &records[0], &received_at, &label).await {
                Ok(outcome) => outcomes[0] = outcome,
                Err(e) if lock_timed_out(&e) => {
                    let _ = tx.rollback().await;
                    return Ok(outcomes);
                }
                Err(e) => return Err(error(e)),
            }
        } else {
            for i in key_order(&records) {
                sqlx::query("SAVEPOINT item")
                    .execute(&mut *tx)
                    .await
                    .map_err(error)?;
                match put_one(&mut tx, &records[i], &received_at, &label).await {
                    Ok(outcome) => {
                        outcomes[i] = outcome;
                        sqlx::query("RELEASE SAVEPOINT item")
                            .execute(&mut *tx)
                            .await
                            .map_err(error)?;
                    }
                    Err(e) if lock_timed_out(&e) => {
                        // This record stays InProcess; the others go on.
                        sqlx::query("ROLLBACK TO SAVEPOINT item")
                            .execute(&mut *tx)
                            .await
                            .map_err(error)?;
                    }
                    Err(e) => return Err(error(e)),
                }
            }
        }
        tx.commit().await.map_err(error)?;
        Ok(outcomes)
    }

    async fn get(&self, id: &str) -> Result<Option<Stored>, StoreError> {
        sqlx::query(concat!(select_stored!(), " WHERE id = $1"))
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await
            .map_err(error)?
            .as_ref()
            .map(stored)
            .transpose()
    }

    async fn list(&self, query: &ListQuery) -> Result<Vec<Stored>, StoreError> {
        let rows = sqlx::query(concat!(
            select_stored!(),
            " WHERE seq > $1 \
               AND ($2::timestamptz IS NULL OR received_at >= $2::timestamptz) \
               AND ($3::text IS NULL OR project = $3) \
               AND ($4::text IS NULL OR region = $4) \
             ORDER BY seq LIMIT $5"
        ))
        .bind(query.after.unwrap_or(0))
        .bind(query.since.clone())
        .bind(query.project.clone())
        .bind(query.region.clone())
        .bind(i64::from(query.limit))
        .fetch_all(&self.pool)
        .await
        .map_err(error)?;
        rows.iter().map(stored).collect()
    }

    async fn close(&self) {
        self.pool.close().await;
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_are_not_shown() {
        assert_eq!(
            redact("postgres://paix:s3cret@127.0.0.1:5432/paix"),
            "postgres://paix:***@127.0.0.1:5432/paix"
        );
        assert_eq!(
            redact("postgres://127.0.0.1/paix"),
            "postgres://127.0.0.1/paix"
        );
        assert_eq!(redact("postgres://u:p@h/d?x=a@b"), "postgres://u:***@h/d?***");
        // sqlx reads `password=` in the query; a password with an unencoded
        // `/` (as `openssl rand -base64` makes) leaves no readable URL.
        for (url, secret) in [("postgres://paix@db/paix?password=S3CRET", "S3CRET"), ("postgres://paix:ab/cd@h/db", "ab/cd"), ("postgres://paix:ab?cd@h/db", "ab?cd")] {
            assert!(!redact(url).contains(secret), "{url}: {}", redact(url));
        }
        assert_eq!(redact("postgres://paix@db/paix?sslmode=disable"), "postgres://paix@db/paix?***");
    }
}
