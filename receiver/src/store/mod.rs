//! Durable storage: packages, uploads, claims and the audit log in SQLite, files on disk named by
//! their SHA-256. A file is written to a temporary name, checked and synced, then renamed into
//! place inside the transaction that records it; a package is recorded in one transaction keyed by
//! its id. So a refused or interrupted request leaves nothing half-stored, and a package is stored
//! at most once however often it is sent. Every data file is created readable by its owner only.
//!
//! The store is synchronous: the HTTP side calls it off the async workers (`http::blocking`), and
//! a database another process holds for longer than the busy timeout is [`StoreError::Busy`]
//! (answered 503 with `Retry-After`), never a stalled worker.

mod audit;
mod claims;
mod packages;
mod prune;
mod uploads;

use std::fs::{DirBuilder, OpenOptions, Permissions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode};
use zhicheng_engine::PackageStatus;

pub use audit::AuditEntry;
pub use claims::{secret_digest, Access};
pub use packages::{Finalised, PackageRecord};
pub use uploads::{Admission, Committed, Quotas};

/// Why the store could not do what was asked.
#[derive(Debug)]
pub enum StoreError {
    /// Another process (an operator's command) holds the database for longer than the busy
    /// timeout: try again shortly.
    Busy,
    Failed(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Busy => write!(f, "数据库正被其他进程占用"),
            StoreError::Failed(why) => write!(f, "{why}"),
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            _ => StoreError::Failed(e.to_string()),
        }
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> StoreError {
        StoreError::Failed(e.to_string())
    }
}

impl From<String> for StoreError {
    fn from(e: String) -> StoreError {
        StoreError::Failed(e)
    }
}

impl From<&str> for StoreError {
    fn from(e: &str) -> StoreError {
        StoreError::Failed(e.to_string())
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// How long the server waits for a database another process holds before answering 503.
pub const SERVER_BUSY_TIMEOUT: Duration = Duration::from_secs(2);
/// How long an operator's command waits for the server.
pub const OPERATOR_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

pub struct Store {
    db: Mutex<Connection>,
    files: PathBuf,
    incoming: PathBuf,
    /// Makes every temporary file name unique within this process.
    next_temporary: AtomicU64,
}

/// Creates `dir` (and its parents) readable by the owner only.
fn private_dir(dir: &Path) -> Result<(), String> {
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| format!("cannot create {}: {e}", dir.display()))
}

/// Creates a file for writing, readable by the owner only; fails if it exists.
pub fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)
}

impl Store {
    /// Opens (or creates) the store in `folder` for the server: `receiver.sqlite3`, `files/`,
    /// `incoming/`.
    pub fn open(folder: &Path) -> Result<Store, String> {
        Store::open_waiting(folder, SERVER_BUSY_TIMEOUT)
    }

    /// Opens the store, waiting at most `busy` for a database another process holds.
    pub fn open_waiting(folder: &Path, busy: Duration) -> Result<Store, String> {
        let files = folder.join("files");
        let incoming = folder.join("incoming");
        for dir in [folder, &files, &incoming] {
            private_dir(dir)?;
        }
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
        db.execute_batch(SCHEMA).map_err(|e| e.to_string())?;
        add_missing_columns(&db).map_err(|e| e.to_string())?;
        let store = Store { db: Mutex::new(db), files, incoming, next_temporary: AtomicU64::new(0) };
        // Files left half-written by a crash are never part of a package. Only old ones: an
        // operator's command opening the store beside a running server must not delete the
        // uploads it is writing.
        store.clean_parts(Duration::from_secs(3600));
        Ok(store)
    }

    fn db(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (transactions roll back).
        self.db.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn file_path(&self, sha256: &str) -> PathBuf {
        self.files.join(sha256)
    }

    /// The folder the stored files are in (for free-space checks).
    pub fn files_folder(&self) -> &Path {
        &self.files
    }

    /// A new temporary name for an upload of `sha256` in `incoming/`, unique to this request.
    pub fn part_path(&self, sha256: &str) -> PathBuf {
        let n = self.next_temporary.fetch_add(1, Ordering::Relaxed);
        self.incoming.join(format!("{sha256}.{}.{n}.part", std::process::id()))
    }

    /// Whether a file with this hash and size is held.
    pub fn holds(&self, sha256: &str, size: u64) -> bool {
        std::fs::metadata(self.file_path(sha256)).is_ok_and(|m| m.len() == size)
    }

    /// How many packages and stored files there are: for tests and the operator's list.
    pub fn counts(&self) -> StoreResult<(usize, usize)> {
        let packages: i64 = self.db().query_row("SELECT COUNT(*) FROM packages", [], |r| r.get(0))?;
        let files = std::fs::read_dir(&self.files)?.count();
        Ok((packages as usize, files))
    }
}

/// A status word read from the database, refused (as a conversion failure) if it is none of the five.
fn status_column(row: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<PackageStatus> {
    let word: String = row.get(column)?;
    word.parse()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e)))
}

/// Columns added after the first stores were written: each is added to an older store that lacks
/// it (SQLite has no `ADD COLUMN IF NOT EXISTS`).
const LATER_COLUMNS: [(&str, &str); 6] = [
    ("packages", "stage TEXT"),
    ("packages", "stage_outcome TEXT"),
    ("packages", "stage_opinion TEXT"),
    ("packages", "stage_at TEXT"),
    ("audit", "from_stage TEXT"),
    ("audit", "to_stage TEXT"),
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

/// The tables; each statement is idempotent, so an older store gains what it lacks on opening.
const SCHEMA: &str = "
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
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
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
";
