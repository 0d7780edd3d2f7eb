//! Drafts in IndexedDB (through `indexed_db_futures`): one store of 草稿箱 entries, one of draft
//! bodies, written together in one transaction so an entry never describes a body that is not
//! there. The revision check runs inside that transaction, so two tabs cannot both pass it.

use std::cell::RefCell;

use indexed_db_futures::database::Database;
use indexed_db_futures::error::{DomException, Error, OpenDbError};
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use wasm_bindgen::JsValue;
use zhicheng_engine::wire::{DraftMetaV1, DraftV1};

use super::{next_entry, DraftRepository, EntryChange, StoreError, StoredDraft, Task};
use crate::browser::json;

const DB_NAME: &str = "zhicheng";
const DB_VERSION: u8 = 1;
const ENTRIES: &str = "draft_entries";
const BODIES: &str = "draft_bodies";

thread_local! {
    /// The open database, shared by every operation of this page.
    static DATABASE: RefCell<Option<Database>> = const { RefCell::new(None) };
}

/// The drafts of this browser profile, in IndexedDB.
#[derive(Clone, Copy, Default)]
pub struct IndexedDbDrafts;

impl IndexedDbDrafts {
    /// Opens the database (creating it on first use), or says why it cannot be used.
    pub async fn open() -> Result<IndexedDbDrafts, StoreError> {
        database().await.map(|_| IndexedDbDrafts)
    }
}

async fn database() -> Result<Database, StoreError> {
    if let Some(db) = DATABASE.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let db = Database::open(DB_NAME)
        .with_version(DB_VERSION)
        .with_on_upgrade_needed(|event, db| {
            // Version 1 creates both stores; later versions add their own steps below.
            if event.old_version() < 1.0 {
                db.create_object_store(ENTRIES).build()?;
                db.create_object_store(BODIES).build()?;
            }
            Ok(())
        })
        .await
        .map_err(open_error)?;
    DATABASE.with(|d| *d.borrow_mut() = Some(db.clone()));
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

/// Sorts IndexedDB errors into what the applicant can act on. A full disk shows up as a
/// `QuotaExceededError`, on the request or as the reason a transaction aborted.
fn store_error(error: Error) -> StoreError {
    let name = match &error {
        Error::DomException(DomException::Other(e)) => e.name(),
        Error::DomException(DomException::AbortError(e)) => e.name(),
        _ => String::new(),
    };
    let text = error.to_string();
    if name == "QuotaExceededError" || text.contains("QuotaExceeded") || text.contains("quota") {
        StoreError::QuotaExceeded
    } else {
        StoreError::Unavailable(if text.is_empty() { name } else { text })
    }
}

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, StoreError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| StoreError::Unavailable(format!("无法整理草稿数据：{e}")))
}

fn decode_entry(value: JsValue) -> Result<DraftMetaV1, StoreError> {
    json::from_js(value).map_err(StoreError::Damaged)
}

async fn read_entry(store: &ObjectStore<'_>, id: &str) -> Result<Option<DraftMetaV1>, StoreError> {
    let value: Option<JsValue> = store.get(id).await.map_err(store_error)?;
    value.map(decode_entry).transpose()
}

impl DraftRepository for IndexedDbDrafts {
    fn list(&self) -> Task<'_, Vec<DraftMetaV1>> {
        Box::pin(async move {
            let db = database().await?;
            let tx = db.transaction(ENTRIES).build().map_err(store_error)?;
            let store = tx.object_store(ENTRIES).map_err(store_error)?;
            let values = store.get_all::<JsValue>().await.map_err(store_error)?;
            let mut entries = Vec::new();
            for value in values {
                // One damaged entry must not hide the others.
                if let Ok(entry) = value.map_err(store_error).and_then(decode_entry) {
                    entries.push(entry);
                }
            }
            Ok(entries)
        })
    }

    fn load(&self, id: &str) -> Task<'_, StoredDraft> {
        let id = id.to_string();
        Box::pin(async move {
            let db = database().await?;
            let tx = db.transaction([ENTRIES, BODIES]).build().map_err(store_error)?;
            let entries = tx.object_store(ENTRIES).map_err(store_error)?;
            let bodies = tx.object_store(BODIES).map_err(store_error)?;
            let meta = read_entry(&entries, &id).await?.ok_or(StoreError::NotFound)?;
            let body: Option<JsValue> = bodies.get(id.as_str()).await.map_err(store_error)?;
            let body = body.ok_or_else(|| StoreError::Damaged("草稿正文缺失".into()))?;
            let draft: DraftV1 = json::from_js(body).map_err(StoreError::Damaged)?;
            draft.check_header().map_err(StoreError::Damaged)?;
            Ok(StoredDraft { meta, draft })
        })
    }

    fn save(&self, meta: DraftMetaV1, draft: DraftV1, known_revision: u64) -> Task<'_, DraftMetaV1> {
        // The body is converted before the transaction starts, so the transaction stays short.
        let body = to_js(&draft);
        Box::pin(async move {
            let body = body?;
            let db = database().await?;
            let tx = db.transaction([ENTRIES, BODIES]).with_mode(TransactionMode::Readwrite).build().map_err(store_error)?;
            let entries = tx.object_store(ENTRIES).map_err(store_error)?;
            let bodies = tx.object_store(BODIES).map_err(store_error)?;
            let stored = read_entry(&entries, &meta.id).await?;
            let entry = next_entry(stored.as_ref(), meta, known_revision)?;
            entries.put(to_js(&entry)?).with_key(entry.id.as_str()).await.map_err(store_error)?;
            bodies.put(body).with_key(entry.id.as_str()).await.map_err(store_error)?;
            tx.commit().await.map_err(store_error)?;
            Ok(entry)
        })
    }

    fn change_entry(&self, id: &str, change: EntryChange) -> Task<'_, DraftMetaV1> {
        let id = id.to_string();
        Box::pin(async move {
            let db = database().await?;
            let tx = db.transaction(ENTRIES).with_mode(TransactionMode::Readwrite).build().map_err(store_error)?;
            let entries = tx.object_store(ENTRIES).map_err(store_error)?;
            let mut entry = read_entry(&entries, &id).await?.ok_or(StoreError::NotFound)?;
            change.apply(&mut entry);
            entries.put(to_js(&entry)?).with_key(id.as_str()).await.map_err(store_error)?;
            tx.commit().await.map_err(store_error)?;
            Ok(entry)
        })
    }

    fn purge(&self, id: &str) -> Task<'_, ()> {
        let id = id.to_string();
        Box::pin(async move {
            let db = database().await?;
            let tx = db.transaction([ENTRIES, BODIES]).with_mode(TransactionMode::Readwrite).build().map_err(store_error)?;
            tx.object_store(ENTRIES).map_err(store_error)?.delete(id.as_str()).await.map_err(store_error)?;
            tx.object_store(BODIES).map_err(store_error)?.delete(id.as_str()).await.map_err(store_error)?;
            tx.commit().await.map_err(store_error)
        })
    }
}
