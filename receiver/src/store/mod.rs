//! Durable storage: packages, uploads, claims and the audit log in a database (SQLite in the data
//! folder by default, or PostgreSQL shared by several instances), files named by their SHA-256 in a
//! file store (a local folder by default, or an S3-compatible bucket). A file is written to a
//! temporary name, checked and synced, then put in place inside the transaction that records it;
//! a package is recorded in one transaction keyed by its id. So a refused or interrupted request
//! leaves nothing half-stored, and a package is stored at most once however often it is sent,
//! and by whichever instance. The rules are written once (`packages.rs`, `uploads.rs`,
//! `prune.rs`) in the SQL both databases share (`sql.rs`).
//!
//! The store is synchronous: the HTTP side calls it off the async workers (`http::blocking`), and
//! a database that is held, restarting or unreachable for longer than a short wait is
//! [`StoreError::Busy`] (answered 503 with `Retry-After`), never a stalled worker.

mod audit;
mod bridge;
mod bucket;
mod claims;
mod decisions;
mod export;
mod files;
mod packages;
mod postgres;
mod prune;
mod sql;
mod sqlite;
mod units;
mod uploads;

use std::fs::{DirBuilder, OpenOptions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use zhicheng_engine::PackageStatus;

pub use audit::AuditEntry;
pub use claims::{secret_digest, Access};
pub use decisions::Decision;
pub use packages::{Filing, Finalised, PackageRecord};
pub use units::{unit_key_digest, Unit, UnitKeyRecord};
pub use uploads::{Admission, Committed, Quotas};

use files::{FileStore, Folder};
use sql::{Database, Lock, Row};

/// Why the store could not do what was asked.
#[derive(Debug)]
pub enum StoreError {
    /// The database is held by another process, restarting or unreachable: try again shortly.
    Busy,
    Failed(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Busy => write!(f, "数据库正忙或暂时无法连接"),
            StoreError::Failed(why) => write!(f, "{why}"),
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

/// Where the store keeps its data besides the data folder: the default (`None`) is SQLite and
/// `files/` in the data folder.
#[derive(Clone, Debug, Default)]
pub struct Backend {
    /// `postgres://user:password@host/dbname`.
    pub database: Option<String>,
    /// `s3://bucket/prefix`, with the `AWS_*` environment variables.
    pub files: Option<String>,
    /// The most connections to PostgreSQL this instance opens.
    pub connections: u32,
}

pub struct Store {
    db: Box<dyn Database>,
    files: Box<dyn FileStore>,
    incoming: PathBuf,
}

/// Makes every temporary file name unique within this process, however many stores it opens.
static NEXT_TEMPORARY: AtomicU64 = AtomicU64::new(0);

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
    /// Opens (or creates) the store `backend` names, with its temporary files (`incoming/`) in
    /// `folder`; the default backend keeps everything there (`receiver.sqlite3`, `files/`).
    /// `busy` is how long to wait for a database another process holds.
    pub fn connect(folder: &Path, backend: &Backend, busy: Duration) -> Result<Store, String> {
        let incoming = folder.join("incoming");
        for dir in [folder, &incoming] {
            private_dir(dir)?;
        }
        let db: Box<dyn Database> = match &backend.database {
            None => Box::new(sqlite::Sqlite::open(folder, busy)?),
            Some(url) => Box::new(postgres::Postgres::connect(url, backend.connections.max(1))?),
        };
        let files: Box<dyn FileStore> = match &backend.files {
            None => {
                let files = folder.join("files");
                private_dir(&files)?;
                Box::new(Folder::new(files))
            }
            Some(url) => Box::new(bucket::Bucket::connect(url)?),
        };
        let store = Store { db, files, incoming };
        // Files left half-written by a crash are never part of a package. Only old ones: an
        // operator's command opening the store beside a running server must not delete the
        // uploads it is writing.
        store.clean_parts(Duration::from_secs(3600));
        Ok(store)
    }

    /// Where the database and the files are, for the start-up line (never with a password).
    pub fn describe(&self) -> String {
        format!("{}; 文件 {}", self.db.describe(), self.files.describe())
    }

    /// The folder whose disk fills as uploads arrive: the files' own, or the temporary files'
    /// when the files go to a bucket (for the free-space reserve).
    pub fn upload_disk(&self) -> &Path {
        self.files.local_folder().unwrap_or(&self.incoming)
    }

    /// A new temporary name for an upload of `sha256` in `incoming/`, unique to this request.
    pub fn part_path(&self, sha256: &str) -> PathBuf {
        let n = NEXT_TEMPORARY.fetch_add(1, Ordering::Relaxed);
        self.incoming.join(format!("{sha256}.{}.{n}.part", std::process::id()))
    }

    /// Whether a file with this hash and size is held (false when the file store cannot say).
    pub fn holds(&self, sha256: &str, size: u64) -> bool {
        self.files.holds(sha256, size).unwrap_or(false)
    }

    /// How many packages and stored files there are: for tests and the operator's list.
    pub fn counts(&self) -> StoreResult<(usize, usize)> {
        let packages = sql::begin(&*self.db, Lock::Read)?.row("SELECT COUNT(*) FROM packages", &[])?;
        let packages = packages.map(|r| r.int(0)).transpose()?.unwrap_or(0);
        Ok((packages as usize, self.files.names()?.len()))
    }
}

/// A status word read from the database, refused if it is none of the five.
fn status_column(row: &Row, column: usize) -> StoreResult<PackageStatus> {
    let word = row.text(column)?;
    word.parse().map_err(|e| StoreError::Failed(format!("stored status「{word}」: {e}")))
}
