//! The app's IndexedDB database (through `indexed_db_futures`): opening and upgrading it, and the
//! small helpers every store module shares (transactions, reads, errors in the applicant's terms).
//! Drafts (`drafts/indexed_db.rs`), attachment files (`file_store/indexed_db.rs`) and the outbox
//! of submitted packages (`submit/outbox.rs`) live in it.

use std::cell::RefCell;

use indexed_db_futures::database::Database;
use indexed_db_futures::error::{DomException, Error, OpenDbError};
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use wasm_bindgen::JsValue;

use crate::json;
use zhicheng_session::StoreError;

/// Which of this profile's two stores: the applicant's own, or training mode's, kept apart so that
/// nothing typed in training reaches the real 草稿箱 and no real draft is reachable from training.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shelf {
    /// The IndexedDB database.
    pub database: &'static str,
    /// The start of all its `localStorage` keys (those 「重置培训」 removes).
    pub prefix: &'static str,
    /// The start of the keys of closing pages' rescues (`rescue.rs`).
    pub rescues: &'static str,
    /// The applicant's own: the first version's drafts are theirs (`drafts/legacy.rs`).
    pub own: bool,
    /// Its place among the page's open databases.
    slot: usize,
}

impl Shelf {
    pub const REAL: Shelf =
        Shelf { database: "zhicheng", prefix: "zhicheng.", rescues: "zhicheng.rescue.", own: true, slot: 0 };
    pub const TRAINING: Shelf = Shelf {
        database: "zhicheng-training",
        prefix: "zhicheng-training.",
        rescues: "zhicheng-training.rescue.",
        own: false,
        slot: 1,
    };
}
const DB_VERSION: u8 = 4;
pub const ENTRIES: &str = "draft_entries";
pub const BODIES: &str = "draft_bodies";
pub const LABELS: &str = "draft_labels";
pub const CLAIMS: &str = "draft_claims";
/// What is known about each stored file (name, type, size, pages), by content hash.
pub const FILE_INFO: &str = "file_info";
/// The files' bytes as Blobs, by content hash, written once.
pub const FILE_BLOBS: &str = "file_blobs";
/// Submitted packages (the outbox), by package id.
pub const OUTBOX: &str = "outbox";

thread_local! {
    /// The open databases (by shelf), shared by every operation of this page.
    static DATABASES: RefCell<[Option<Database>; 2]> = const { RefCell::new([None, None]) };
    /// Set when opening waits for another tab that holds an older version of the database open.
    static OPEN_BLOCKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether opening the database is waiting for another tab (one running an older version of the
/// app) to close; the open completes by itself once that tab is closed or reloaded.
pub fn open_is_blocked() -> bool {
    OPEN_BLOCKED.with(std::cell::Cell::get)
}

/// Closes the shelf's database if this page has it open (before deleting it).
pub fn close(shelf: Shelf) {
    if let Some(db) = DATABASES.with(|d| d.borrow_mut()[shelf.slot].take()) {
        db.close();
    }
}

/// The shelf's open database, opened (and created or upgraded) on first use.
pub async fn database(shelf: Shelf) -> Result<Database, StoreError> {
    if let Some(db) = DATABASES.with(|d| d.borrow()[shelf.slot].clone()) {
        return Ok(db);
    }
    let db = Database::open(shelf.database)
        .with_version(DB_VERSION)
        .with_on_blocked(|_| {
            OPEN_BLOCKED.with(|b| b.set(true));
            Ok(())
        })
        .with_on_upgrade_needed(|event, db| {
            // Each version adds its own stores; a database of any older version gets every step.
            if event.old_version() < 1.0 {
                db.create_object_store(ENTRIES).build()?;
                db.create_object_store(BODIES).build()?;
            }
            if event.old_version() < 2.0 {
                db.create_object_store(LABELS).build()?;
                db.create_object_store(CLAIMS).build()?;
            }
            if event.old_version() < 3.0 {
                db.create_object_store(FILE_INFO).build()?;
                db.create_object_store(FILE_BLOBS).build()?;
            }
            if event.old_version() < 4.0 {
                db.create_object_store(OUTBOX).build()?;
            }
            Ok(())
        })
        .await
        .map_err(open_error)?;
    OPEN_BLOCKED.with(|b| b.set(false));
    DATABASES.with(|d| d.borrow_mut()[shelf.slot] = Some(db.clone()));
    Ok(db)
}

fn open_error(error: OpenDbError) -> StoreError {
    match error {
        OpenDbError::Base(e) => store_error(e),
        OpenDbError::NullFactory | OpenDbError::UnsupportedEnvironment => {
            StoreError::Unavailable("此浏览器或当前模式（如无痕模式）不提供 IndexedDB".into())
        }
        other => StoreError::Unavailable(other.to_string()),
    }
}

/// Whether an error says a key was already taken (a claimed revision).
pub fn is_constraint(error: &Error) -> bool {
    matches!(error, Error::DomException(DomException::ConstraintError(_)))
}

/// Sorts IndexedDB errors into what the applicant can act on. A full disk shows up as a
/// `QuotaExceededError`, on the request or as the reason a transaction aborted.
pub fn store_error(error: Error) -> StoreError {
    let name = match &error {
        Error::DomException(DomException::Other(e)) => e.name(),
        Error::DomException(DomException::AbortError(e)) => e.name(),
        _ => String::new(),
    };
    let text = error.to_string();
    if name == "QuotaExceededError" || text.contains("QuotaExceeded") || text.contains("quota") {
        StoreError::QuotaExceeded
    } else if matches!(error, Error::MissingData(_)) || name == "AbortError" {
        // Chromium reports a full disk as an aborted transaction without saying why.
        StoreError::Unavailable("浏览器中止了保存，最常见的原因是本机存储空间已满".into())
    } else {
        StoreError::Unavailable(if text.is_empty() { name } else { text })
    }
}

pub fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, StoreError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| StoreError::Unavailable(format!("无法整理草稿数据：{e}")))
}

/// A large record (a draft's body) as JSON text: serialising in WebAssembly and handing the
/// browser one string is several times faster than building a JavaScript object field by field,
/// and a string is the cheapest thing for IndexedDB to clone.
pub fn to_json_text<T: serde::Serialize>(value: &T) -> Result<JsValue, StoreError> {
    serde_json::to_string(value)
        .map(|text| JsValue::from_str(&text))
        .map_err(|e| StoreError::Unavailable(format!("无法整理草稿数据：{e}")))
}

/// Decodes a stored record: JSON text (bodies) or a plain object (entries, and bodies saved by
/// earlier versions).
pub fn decode<T: serde::de::DeserializeOwned>(value: Option<JsValue>) -> Result<Option<T>, StoreError> {
    value
        .map(|v| match v.as_string() {
            Some(text) => json::parse(&text),
            None => json::from_js(v),
        })
        .transpose()
        .map_err(StoreError::Damaged)
}

/// The record stored under `id` in `store` (an entry, labels), decoded.
pub async fn read<T: serde::de::DeserializeOwned>(store: &ObjectStore<'_>, id: &str) -> Result<Option<T>, StoreError> {
    decode(store.get(id).await.map_err(store_error)?)
}

pub fn begin<'a>(db: &'a Database, stores: &[&str], mode: TransactionMode) -> Result<Transaction<'a>, StoreError> {
    db.transaction(stores).with_mode(mode).build().map_err(store_error)
}

pub fn store<'a>(tx: &'a Transaction<'_>, name: &str) -> Result<ObjectStore<'a>, StoreError> {
    tx.object_store(name).map_err(store_error)
}
