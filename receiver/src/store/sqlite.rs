//! The default database: one SQLite file in the data folder, opened by one connection that every
//! request takes in turn. Every writing transaction is `BEGIN IMMEDIATE`, which holds the whole
//! database, across processes too (an operator's command beside the server), so each of the
//! store's locks is simply that; a database another process holds for longer than the busy
//! timeout is [`StoreError::Busy`].

use std::fs::{OpenOptions, Permissions};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::types::{Value as Stored, ValueRef};
use rusqlite::{Connection, ErrorCode};

use super::sql::{Database, Lock, Row, Tx, Value};
use super::{StoreError, StoreResult};

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            _ => StoreError::Failed(e.to_string()),
        }
    }
}

pub struct Sqlite {
    db: Mutex<Connection>,
    path: PathBuf,
}

impl Sqlite {
    /// Opens (or creates) `receiver.sqlite3` in `folder`, waiting at most `busy` for a database
    /// another process holds, and brings its tables up to date.
    pub fn open(folder: &Path, busy: Duration) -> Result<Sqlite, String> {
        // SQLite gives its journal files the database file's permissions: the file is made
        // private before SQLite first opens it, and an older store's files are made private too.
        let path = folder.join("receiver.sqlite3");
        OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(&path)
            .map_err(|e| e.to_string())?;
        for name in ["receiver.sqlite3", "receiver.sqlite3-wal", "receiver.sqlite3-shm"] {
            let _ = std::fs::set_permissions(folder.join(name), Permissions::from_mode(0o600));
        }
        let db = Connection::open(&path).map_err(|e| e.to_string())?;
        db.busy_timeout(busy).map_err(|e| e.to_string())?;
        db.execute_batch(PRAGMAS).map_err(|e| e.to_string())?;
        // One writer at a time brings the tables up to date: processes opening a new store
        // together must not both add the same column.
        let upgraded = db.execute_batch("BEGIN IMMEDIATE").and_then(|()| {
            db.execute_batch(SCHEMA)?;
            add_missing_columns(&db)?;
            db.execute_batch("CREATE INDEX IF NOT EXISTS packages_by_unit ON packages (unit_code, received_at)")?;
            db.execute_batch("COMMIT")
        });
        if let Err(e) = upgraded {
            let _ = db.execute_batch("ROLLBACK");
            return Err(e.to_string());
        }
        Ok(Sqlite { db: Mutex::new(db), path })
    }

    fn connection(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (transactions roll back).
        self.db.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn bind(params: &[Value]) -> Vec<Stored> {
    params
        .iter()
        .map(|v| match v {
            Value::Null => Stored::Null,
            Value::Int(n) => Stored::Integer(*n),
            Value::Text(t) => Stored::Text(t.clone()),
        })
        .collect()
}

fn read_row(row: &rusqlite::Row<'_>, columns: usize) -> rusqlite::Result<Row> {
    let mut values = Vec::with_capacity(columns);
    for i in 0..columns {
        values.push(match row.get_ref(i)? {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(n) => Value::Int(n),
            ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Real(x) => Value::Text(x.to_string()),
            ValueRef::Blob(_) => Value::Null,
        });
    }
    Ok(Row(values))
}

fn query(
    db: &Connection,
    sql: &str,
    params: &[Value],
    each: &mut dyn FnMut(Row) -> StoreResult<()>,
) -> StoreResult<()> {
    let mut statement = db.prepare_cached(sql)?;
    let columns = statement.column_count();
    let mut rows = statement.query(rusqlite::params_from_iter(bind(params)))?;
    while let Some(row) = rows.next()? {
        each(read_row(row, columns)?)?;
    }
    Ok(())
}

/// A transaction on the one connection, which it holds until it ends.
struct SqliteTx<'a> {
    db: MutexGuard<'a, Connection>,
    open: bool,
}

impl Tx for SqliteTx<'_> {
    fn execute(&mut self, sql: &str, params: &[Value]) -> StoreResult<u64> {
        let mut statement = self.db.prepare_cached(sql)?;
        Ok(statement.execute(rusqlite::params_from_iter(bind(params)))? as u64)
    }

    fn rows(&mut self, sql: &str, params: &[Value]) -> StoreResult<Vec<Row>> {
        let mut rows = Vec::new();
        query(&self.db, sql, params, &mut |row| {
            rows.push(row);
            Ok(())
        })?;
        Ok(rows)
    }

    fn commit(mut self: Box<Self>) -> StoreResult<()> {
        self.db.execute_batch("COMMIT")?;
        self.open = false;
        Ok(())
    }

    /// A writing transaction already holds the whole database.
    fn hold(&mut self, _: Lock<'_>) -> StoreResult<bool> {
        Ok(true)
    }
}

impl Drop for SqliteTx<'_> {
    fn drop(&mut self) {
        if self.open {
            let _ = self.db.execute_batch("ROLLBACK");
        }
    }
}

impl Database for Sqlite {
    fn begin(&self, lock: Lock<'_>) -> StoreResult<Option<Box<dyn Tx + '_>>> {
        let db = self.connection();
        // IMMEDIATE: the write lock is taken at the start, so two requests finalising the same
        // package cannot both see it absent, and deleting files waits for every upload.
        db.execute_batch(match lock {
            Lock::Read => "BEGIN",
            Lock::Package(_) | Lock::DeleteFiles | Lock::Housekeeping => "BEGIN IMMEDIATE",
        })?;
        Ok(Some(Box::new(SqliteTx { db, open: true })))
    }

    fn describe(&self) -> String {
        format!("SQLite {}", self.path.display())
    }
}

/// Columns added after the first stores were written: each is added to an older store that lacks
/// it (SQLite has no `ADD COLUMN IF NOT EXISTS`).
const LATER_COLUMNS: [(&str, &str); 7] = [
    ("packages", "stage TEXT"),
    ("packages", "stage_outcome TEXT"),
    ("packages", "stage_opinion TEXT"),
    ("packages", "stage_at TEXT"),
    ("audit", "from_stage TEXT"),
    ("audit", "to_stage TEXT"),
    ("packages", "unit_code TEXT"),
];

fn add_missing_columns(db: &Connection) -> rusqlite::Result<()> {
    for (table, column) in LATER_COLUMNS {
        let name = column.split(' ').next().unwrap_or(column);
        let present: i64 =
            db.query_row(&format!("SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = ?1"), [name], |r| {
                r.get(0)
            })?;
        if present == 0 {
            db.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {column}"))?;
        }
    }
    Ok(())
}

const PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";

/// The tables; each statement is idempotent, so an older store gains what it lacks on opening.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS packages (
  package_id TEXT PRIMARY KEY,
  receipt TEXT NOT NULL UNIQUE,
  manifest TEXT NOT NULL,
  manifest_sha256 TEXT NOT NULL,
  form_id TEXT NOT NULL,
  applicant TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  received_at TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS package_files (
  package_id TEXT NOT NULL REFERENCES packages(package_id),
  sha256 TEXT NOT NULL,
  PRIMARY KEY (package_id, sha256));
CREATE INDEX IF NOT EXISTS package_files_by_hash ON package_files (sha256);
-- The next receipt number of each day (业务流水号 ZC<day><n>).
CREATE TABLE IF NOT EXISTS receipt_counters (
  day TEXT PRIMARY KEY,
  last INTEGER NOT NULL);
-- Which secret acts on each package id: the one presented first.
CREATE TABLE IF NOT EXISTS claims (
  package_id TEXT PRIMARY KEY,
  secret_sha256 TEXT NOT NULL,
  claimed_at_ms INTEGER NOT NULL);
-- Files uploaded for packages not yet finalised, by package: what the quotas count, and what a
-- manifest may cite.
CREATE TABLE IF NOT EXISTS uploads (
  package_id TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  media_type TEXT NOT NULL,
  uploaded_at_ms INTEGER NOT NULL,
  PRIMARY KEY (package_id, sha256));
CREATE INDEX IF NOT EXISTS uploads_by_hash ON uploads (sha256);
-- Withdrawals and operator moves (of status, or of stage on the form's status path), append-only.
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  package_id TEXT NOT NULL,
  receipt TEXT NOT NULL,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  reason TEXT);
-- The keys units decide with (protocol §2.8), by their SHA-256 only.
CREATE TABLE IF NOT EXISTS unit_keys (
  key_sha256 TEXT PRIMARY KEY,
  unit_code TEXT NOT NULL,
  unit_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT);
CREATE INDEX IF NOT EXISTS audit_by_package ON audit (package_id, id);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
";
