//! The scaled database: PostgreSQL, shared by any number of receiver instances (docs/scaling.md),
//! through a pool of connections driven by the backend's own runtime (`bridge.rs`). The store's
//! locks are PostgreSQL advisory locks held until the transaction ends: one per package id (so
//! finalising, uploads, withdrawals and moves of one package take turns on every instance), a
//! shared one that every upload and finalising holds and the clean-up's deletion takes
//! exclusively (so no file is deleted while an instance is recording it), and a try-lock that
//! lets one instance at a time run the clean-up. The schema is migrated once, under a session
//! lock, when instances start together. A lost connection, a database restarting or a lock not
//! granted in time is [`StoreError::Busy`]: the client is told to retry, and the pool reconnects.

use std::error::Error;
use std::sync::Arc;
use std::time::Duration;

use bytes::BytesMut;
use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, PoolError, RecyclingMethod, Runtime};
use tokio_postgres::types::{to_sql_checked, IsNull, ToSql, Type};
use tokio_postgres::NoTls;

use super::bridge::Bridge;
use super::sql::{Lock, Row, Tx, Value};
use super::{StoreError, StoreResult};

mod schema;

/// The classes of the two-key advisory locks this receiver takes (`ZC` and a number).
const FILES_LOCK: i32 = 0x5a43_0001;
const PACKAGE_LOCK: i32 = 0x5a43_0002;
const HOUSEKEEPING_LOCK: i32 = 0x5a43_0003;
const MIGRATION_LOCK: i32 = 0x5a43_0004;

/// How long a statement waits for a lock before the request is answered "busy, retry".
const LOCK_TIMEOUT: &str = "5s";
/// How long a request waits for a connection (all in use, or the database down).
const CONNECTION_WAIT: Duration = Duration::from_secs(3);
/// How often the clean-up tries for a lull to delete files in, 50 ms apart.
const DELETE_FILES_TRIES: usize = 40;

pub struct Postgres {
    pool: Pool,
    bridge: Bridge,
    where_: String,
}

/// SQLSTATE classes and codes that mean "try again": a lost or refused connection, a server
/// shutting down or starting, a lock not granted in time, a transaction chosen to break a
/// deadlock or a conflict.
fn transient(e: &tokio_postgres::Error) -> bool {
    if e.is_closed() || e.source().is_some_and(|s| s.is::<std::io::Error>()) {
        return true;
    }
    let Some(code) = e.code() else { return false };
    let code = code.code();
    code.starts_with("08")
        || code.starts_with("57P")
        || code.starts_with("53")
        || matches!(code, "40001" | "40P01" | "55P03")
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(e: tokio_postgres::Error) -> StoreError {
        if transient(&e) {
            StoreError::Busy
        } else {
            StoreError::Failed(e.to_string())
        }
    }
}

impl From<PoolError> for StoreError {
    fn from(e: PoolError) -> StoreError {
        match e {
            PoolError::Backend(e) => e.into(),
            // No connection in time: the database is down or every connection is busy.
            _ => StoreError::Busy,
        }
    }
}

impl Postgres {
    /// Connects to `url` (`postgres://user:password@host/dbname`) with at most `connections`
    /// connections, and migrates the schema (once, however many instances start together).
    pub fn connect(url: &str, connections: u32) -> Result<Postgres, String> {
        let mut config: tokio_postgres::Config = url.parse().map_err(|e| format!("数据库地址无法识别：{e}"))?;
        // A database host that vanished without closing its connections is noticed in seconds.
        config.keepalives(true).keepalives_idle(Duration::from_secs(30)).tcp_user_timeout(Duration::from_secs(30));
        let hosts: Vec<String> = config
            .get_hosts()
            .iter()
            .map(|h| match h {
                tokio_postgres::config::Host::Tcp(name) => name.clone(),
                tokio_postgres::config::Host::Unix(path) => path.display().to_string(),
            })
            .collect();
        let where_ = format!("PostgreSQL {}/{}", hosts.join(","), config.get_dbname().unwrap_or(""));
        let manager = Manager::from_config(config, NoTls, ManagerConfig { recycling_method: RecyclingMethod::Fast });
        let pool = Pool::builder(manager)
            .max_size(connections as usize)
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(CONNECTION_WAIT))
            .create_timeout(Some(CONNECTION_WAIT))
            .build()
            .map_err(|e| e.to_string())?;
        let bridge = Bridge::new("postgres")?;
        let first = pool.clone();
        let migrated = bridge.wait(async move {
            let client = first.get().await.map_err(|e| e.to_string())?;
            schema::migrate(&client, MIGRATION_LOCK).await.map_err(|e| e.to_string())
        });
        migrated.map_err(|e| e.to_string())?.map_err(|e| format!("无法连接或升级数据库 {where_}：{e}"))?;
        Ok(Postgres { pool, bridge, where_ })
    }
}

/// `?1`-style placeholders written as PostgreSQL's `$1`.
fn dialect(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '?' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('$');
        } else {
            out.push(c);
        }
    }
    out
}

/// A value bound to whatever type PostgreSQL inferred for its placeholder.
#[derive(Debug)]
struct Bound<'a>(&'a Value);

impl ToSql for Bound<'_> {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, Box<dyn Error + Sync + Send>> {
        match self.0 {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(n) if *ty == Type::INT4 => i32::try_from(*n)?.to_sql(ty, out),
            Value::Int(n) => n.to_sql(ty, out),
            Value::Text(text) => text.as_str().to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

fn read_row(row: &tokio_postgres::Row) -> StoreResult<Row> {
    let mut values = Vec::with_capacity(row.len());
    for (i, column) in row.columns().iter().enumerate() {
        let value = match *column.type_() {
            Type::INT8 => row.try_get::<_, Option<i64>>(i)?.map(Value::Int),
            Type::INT4 => row.try_get::<_, Option<i32>>(i)?.map(|n| Value::Int(n.into())),
            Type::BOOL => row.try_get::<_, Option<bool>>(i)?.map(|b| Value::Int(b.into())),
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => {
                row.try_get::<_, Option<String>>(i)?.map(Value::Text)
            }
            ref other => {
                return Err(StoreError::Failed(format!("column {} has an unexpected type {other}", column.name())))
            }
        };
        values.push(value.unwrap_or(Value::Null));
    }
    Ok(Row(values))
}

/// Runs one statement (prepared once per connection) with `params`: its rows.
async fn run(client: &Object, sql: &str, params: &[Value]) -> StoreResult<Vec<Row>> {
    let statement = client.prepare_cached(&dialect(sql)).await?;
    let bound: Vec<Bound> = params.iter().map(Bound).collect();
    let refs: Vec<&(dyn ToSql + Sync)> = bound.iter().map(|b| b as &(dyn ToSql + Sync)).collect();
    client.query(&statement, &refs).await?.iter().map(read_row).collect()
}

/// A transaction on one connection of the pool, which it holds until it ends.
struct PgTx<'a> {
    bridge: &'a Bridge,
    client: Arc<Object>,
    open: bool,
}

impl PgTx<'_> {
    fn batch(&self, sql: String) -> StoreResult<()> {
        let client = self.client.clone();
        Ok(self.bridge.wait(async move { client.batch_execute(&sql).await })??)
    }
}

impl Tx for PgTx<'_> {
    fn execute(&mut self, sql: &str, params: &[Value]) -> StoreResult<u64> {
        let (client, sql, params) = (self.client.clone(), sql.to_string(), params.to_vec());
        self.bridge.wait(async move {
            let statement = client.prepare_cached(&dialect(&sql)).await?;
            let bound: Vec<Bound> = params.iter().map(Bound).collect();
            let refs: Vec<&(dyn ToSql + Sync)> = bound.iter().map(|b| b as &(dyn ToSql + Sync)).collect();
            Ok(client.execute(&statement, &refs).await?)
        })?
    }

    fn rows(&mut self, sql: &str, params: &[Value]) -> StoreResult<Vec<Row>> {
        let (client, sql, params) = (self.client.clone(), sql.to_string(), params.to_vec());
        self.bridge.wait(async move { run(&client, &sql, &params).await })?
    }

    fn commit(mut self: Box<Self>) -> StoreResult<()> {
        self.batch("COMMIT".into())?;
        self.open = false;
        Ok(())
    }

    fn hold(&mut self, lock: Lock<'_>) -> StoreResult<bool> {
        match lock {
            Lock::Read => {}
            Lock::Package(id) => {
                self.execute(&format!("SELECT pg_advisory_xact_lock_shared({FILES_LOCK}, 0)"), &[])?;
                self.execute(&format!("SELECT pg_advisory_xact_lock({PACKAGE_LOCK}, hashtext(?1))"), &[id.into()])?;
            }
            Lock::DeleteFiles => {
                // Waiting in the queue would hold up every upload behind it (PostgreSQL grants a
                // lock in order): instead try for a moment, and else leave it to the next round.
                for _ in 0..DELETE_FILES_TRIES {
                    let taken = self.row(&format!("SELECT pg_try_advisory_xact_lock({FILES_LOCK}, 0)"), &[])?;
                    if taken.map(|r| r.int(0)).transpose()? == Some(1) {
                        return Ok(true);
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                return Ok(false);
            }
            Lock::Housekeeping => {
                let taken = self.row(&format!("SELECT pg_try_advisory_xact_lock({HOUSEKEEPING_LOCK}, 0)"), &[])?;
                return Ok(taken.map(|r| r.int(0)).transpose()? == Some(1));
            }
        }
        Ok(true)
    }
}

impl Drop for PgTx<'_> {
    fn drop(&mut self) {
        if self.open {
            // Without waiting; the connection goes back to the pool once it is rolled back.
            let client = self.client.clone();
            let _ = self.bridge.spawn(async move {
                let _ = client.batch_execute("ROLLBACK").await;
            });
        }
    }
}

impl super::sql::Database for Postgres {
    fn begin(&self, lock: Lock<'_>) -> StoreResult<Option<Box<dyn Tx + '_>>> {
        let pool = self.pool.clone();
        let client = self.bridge.wait(async move { pool.get().await })??;
        let mut tx = Box::new(PgTx { bridge: &self.bridge, client: Arc::new(client), open: false });
        tx.batch(format!("BEGIN; SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'"))?;
        tx.open = true;
        Ok(if tx.hold(lock)? { Some(tx) } else { None })
    }

    fn describe(&self) -> String {
        self.where_.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::dialect;

    #[test]
    fn placeholders_are_written_the_postgresql_way() {
        assert_eq!(dialect("SELECT a FROM t WHERE b = ?1 AND c = ?12"), "SELECT a FROM t WHERE b = $1 AND c = $12");
        assert_eq!(dialect("SELECT '?' || ?"), "SELECT '?' || ?", "a lone question mark is left alone");
    }
}
