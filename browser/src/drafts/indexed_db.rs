//! Drafts in IndexedDB (through `indexed_db_futures`). Four stores: `draft_entries` (what saves
//! write about a draft), `draft_bodies` (the draft), `draft_labels` (the 草稿箱's name and
//! deletion mark) and `draft_claims` (one key per saved revision of a draft). A save adds the
//! claim `[id, revision]` and puts entry and body in one transaction: if another page already
//! claimed that revision, the add fails inside the database, the transaction aborts and nothing is
//! written. All requests go out at once, with no read first, so a save started by `pagehide`
//! completes while the page closes. Counting and saving run in the first module; reading,
//! changing entries, purging and inserting run in the `stored_drafts` chunk (`on_demand.rs`), as
//! a first visit's store is empty.

use crate::idb::{
    begin, database, decode, is_constraint, read, store, store_error, to_js, to_json_text, Shelf, BODIES, CLAIMS,
    ENTRIES, LABELS,
};
use crate::on_demand::{self, in_chunk};
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyRange;
use wasm_bindgen::JsValue;
use zhicheng_engine::stored::lock::{stored_entry, unsealed_entry};
use zhicheng_engine::{DraftMetaV1, DraftV1, SealedPayloadV1};
use zhicheng_session::{DraftRepository, EntryChange, Labels, StoreError, StoredDraft, Task};

/// The drafts of this browser profile, in IndexedDB.
#[derive(Clone, Copy)]
pub struct IndexedDbDrafts(pub Shelf);

impl IndexedDbDrafts {
    /// Opens the database (creating it on first use), or says why it cannot be used.
    pub async fn open(shelf: Shelf) -> Result<IndexedDbDrafts, StoreError> {
        database(shelf).await.map(|_| IndexedDbDrafts(shelf))
    }
}

/// The key claiming one revision of one draft.
fn claim_key(id: &str, revision: u64) -> JsValue {
    js_sys::Array::of2(&JsValue::from_str(id), &JsValue::from_f64(revision as f64)).into()
}

/// The entry as the 草稿箱 sees it: what saves wrote, with its labels when it has any.
async fn read_merged(
    entries: &ObjectStore<'_>,
    labels: &ObjectStore<'_>,
    id: &str,
) -> Result<Option<DraftMetaV1>, StoreError> {
    let Some(mut entry) = read::<DraftMetaV1>(entries, id).await? else { return Ok(None) };
    if let Some(found) = read::<Labels>(labels, id).await? {
        found.apply_to(&mut entry);
    }
    Ok(Some(entry))
}

/// A locked draft's body: its payload as JSON text, sealed with the key this page holds.
async fn seal_body(id: &str, payload: &SealedPayloadV1) -> Result<JsValue, StoreError> {
    let key =
        crate::lock::key(id).ok_or_else(|| StoreError::Unavailable("这份草稿已加锁，但本页没有它的口令".into()))?;
    let text = serde_json::to_string(payload).map_err(|e| StoreError::Unavailable(format!("无法整理草稿数据：{e}")))?;
    let sealed = crate::lock::seal(&key, text.as_bytes()).await.map_err(StoreError::Unavailable)?;
    Ok(js_sys::Uint8Array::from(sealed.as_slice()).into())
}

impl DraftRepository for IndexedDbDrafts {
    fn list(&self) -> Task<Vec<DraftMetaV1>> {
        Box::pin(on_demand::run_or(list(self.0), StoreError::Unavailable))
    }

    fn count(&self) -> Task<usize> {
        let shelf = self.0;
        Box::pin(async move {
            let db = database(shelf).await?;
            let tx = begin(&db, &[ENTRIES], TransactionMode::Readonly)?;
            let count = store(&tx, ENTRIES)?.count().await.map_err(store_error)?;
            Ok(count as usize)
        })
    }

    fn load(&self, id: &str) -> Task<StoredDraft> {
        Box::pin(on_demand::run_or(load(self.0, id.to_string()), StoreError::Unavailable))
    }

    fn save(&self, mut meta: DraftMetaV1, draft: DraftV1) -> Task<DraftMetaV1> {
        // Everything is converted (and sealed) before the transaction starts, so it stays short.
        // A locked draft's name and summary travel sealed in the body; its entry names nothing.
        let name = meta.name.take();
        meta.deleted_at = None;
        let locked = meta.lock.is_some();
        let entry = to_js(&if locked { stored_entry(&meta) } else { meta.clone() });
        let payload =
            locked.then(|| SealedPayloadV1 { name: name.clone(), summary: meta.summary.clone(), draft: draft.clone() });
        let body = if locked { Ok(JsValue::NULL) } else { to_json_text(&draft) };
        let shelf = self.0;
        Box::pin(async move {
            let (entry, mut body) = (entry?, body?);
            if let Some(payload) = payload {
                body = seal_body(&meta.id, &payload).await?;
            }
            let id = meta.id.as_str();
            let db = database(shelf).await?;
            let tx = begin(&db, &[ENTRIES, BODIES, LABELS, CLAIMS], TransactionMode::Readwrite)?;
            // Issued together, before any await: see the module comment. The labels are read in
            // the same transaction, to return the entry as the 草稿箱 lists it.
            let claim = store(&tx, CLAIMS)?
                .add(JsValue::from_str(&meta.writer))
                .with_key(claim_key(id, meta.revision))
                .primitive();
            let put_entry = store(&tx, ENTRIES)?.put(entry).with_key(id).primitive();
            let put_body = store(&tx, BODIES)?.put(body).with_key(id).primitive();
            let labels = store(&tx, LABELS)?.get::<JsValue, _, _>(id).primitive();
            // Claims are kept until the draft is purged (a few bytes each): a freed revision
            // could be claimed by a tab that is far behind, overwriting newer work.
            let (claim, put_entry, put_body, labels) = (
                claim.map_err(store_error)?,
                put_entry.map_err(store_error)?,
                put_body.map_err(store_error)?,
                labels.map_err(store_error)?,
            );
            let committed = tx.commit();
            if let Err(e) = claim.await {
                drop(committed);
                return Err(if is_constraint(&e) {
                    StoreError::Conflict(Box::new(
                        on_demand::run_or(current_entry(shelf, id.to_string()), StoreError::Unavailable).await?,
                    ))
                } else {
                    store_error(e)
                });
            }
            put_entry.await.map_err(store_error)?;
            put_body.await.map_err(store_error)?;
            let labels: Option<Labels> = decode(labels.await.map_err(store_error)?)?;
            committed.await.map_err(store_error)?;
            let mut saved = meta.clone();
            if let Some(labels) = labels {
                labels.apply_to(&mut saved);
            }
            if locked {
                saved.name = name;
            }
            Ok(saved)
        })
    }

    fn change_entry(&self, id: &str, change: EntryChange) -> Task<DraftMetaV1> {
        Box::pin(on_demand::run_or(change_entry(self.0, id.to_string(), change), StoreError::Unavailable))
    }

    fn purge(&self, id: &str) -> Task<()> {
        Box::pin(on_demand::run_or(purge(self.0, id.to_string()), StoreError::Unavailable))
    }

    fn insert_new(&self, stored: StoredDraft) -> Task<()> {
        Box::pin(on_demand::run_or(insert_new(self.0, stored), StoreError::Unavailable))
    }
}

// What a first visit does not do (its store is empty): reading drafts, changing their entries,
// purging and inserting, in the `stored_drafts` chunk.

in_chunk! {
    stored_drafts: fn list(shelf: Shelf) -> Result<Vec<DraftMetaV1>, StoreError> {
        let db = database(shelf).await?;
        let tx = begin(&db, &[ENTRIES, LABELS], TransactionMode::Readonly)?;
        let (entries, labels) = (store(&tx, ENTRIES)?, store(&tx, LABELS)?);
        let ids = entries.get_all_keys::<JsValue>().await.map_err(store_error)?;
        let mut out = Vec::new();
        for id in ids.flatten().filter_map(|k| k.as_string()) {
            // One damaged entry must not hide the others.
            if let Ok(Some(entry)) = read_merged(&entries, &labels, &id).await {
                out.push(entry);
            }
        }
        Ok(out)
    }
}

in_chunk! {
    stored_drafts: fn load(shelf: Shelf, id: String) -> Result<StoredDraft, StoreError> {
        let db = database(shelf).await?;
        let tx = begin(&db, &[ENTRIES, BODIES, LABELS], TransactionMode::Readonly)?;
        let meta =
            read_merged(&store(&tx, ENTRIES)?, &store(&tx, LABELS)?, &id).await?.ok_or(StoreError::NotFound)?;
        let body: Option<JsValue> = store(&tx, BODIES)?.get(id.as_str()).await.map_err(store_error)?;
        let body = body.ok_or_else(|| StoreError::Damaged("草稿正文缺失".into()))?;
        let (meta, draft) = match meta.lock {
            None => {
                (meta, decode::<DraftV1>(Some(body))?.ok_or_else(|| StoreError::Damaged("草稿正文缺失".into()))?)
            }
            Some(_) => {
                let Some(key) = crate::lock::key(&id) else {
                    return Err(StoreError::Locked(Box::new(meta)));
                };
                let sealed = js_sys::Uint8Array::new(&body).to_vec();
                let plain = crate::lock::unseal(&key, &sealed)
                    .await
                    .map_err(|_| StoreError::Damaged("口令正确，但加密的草稿内容已损坏，无法解密".into()))?;
                let text = String::from_utf8(plain)
                    .map_err(|_| StoreError::Damaged("解密后的内容不是有效的文本".into()))?;
                let payload: SealedPayloadV1 = crate::json::parse(&text).map_err(StoreError::Damaged)?;
                (unsealed_entry(&meta, &payload), payload.draft)
            }
        };
        draft.check_header().map_err(|e| StoreError::Damaged(e.to_string()))?;
        Ok(StoredDraft { meta, draft })
    }
}

in_chunk! {
    stored_drafts: fn change_entry(shelf: Shelf, id: String, change: EntryChange) -> Result<DraftMetaV1, StoreError> {
        let db = database(shelf).await?;
        let tx = begin(&db, &[ENTRIES, LABELS], TransactionMode::Readwrite)?;
        let (entries, labels) = (store(&tx, ENTRIES)?, store(&tx, LABELS)?);
        let mut entry = read_merged(&entries, &labels, &id).await?.ok_or(StoreError::NotFound)?;
        // A locked draft's name travels sealed; a readable one is never written for it.
        if entry.lock.is_some() && matches!(change, EntryChange::Rename(Some(_))) {
            return Err(StoreError::Locked(Box::new(entry)));
        }
        change.apply(&mut entry);
        labels.put(to_js(&Labels::of(&entry))?).with_key(id.as_str()).await.map_err(store_error)?;
        tx.commit().await.map_err(store_error)?;
        Ok(entry)
    }
}

in_chunk! {
    stored_drafts: fn purge(shelf: Shelf, id: String) -> Result<(), StoreError> {
        let db = database(shelf).await?;
        let tx = begin(&db, &[ENTRIES, BODIES, LABELS, CLAIMS], TransactionMode::Readwrite)?;
        for name in [ENTRIES, BODIES, LABELS] {
            store(&tx, name)?.delete(id.as_str()).await.map_err(store_error)?;
        }
        let claims = KeyRange::Bound(claim_key(&id, 0), false, claim_key(&id, u64::MAX >> 11), false);
        store(&tx, CLAIMS)?.delete::<JsValue, _>(claims).await.map_err(store_error)?;
        tx.commit().await.map_err(store_error)
    }
}

in_chunk! {
    stored_drafts: fn insert_new(shelf: Shelf, stored: StoredDraft) -> Result<(), StoreError> {
        if stored.meta.lock.is_some() {
            return Err(StoreError::Unavailable("已加锁的草稿不能复制或导入，请先解除加锁".into()));
        }
        let entry = to_js(&stored.meta)?;
        let body = to_json_text(&stored.draft)?;
        let labels = to_js(&Labels::of(&stored.meta))?;
        let id = stored.meta.id.as_str();
        let db = database(shelf).await?;
        let tx = begin(&db, &[ENTRIES, BODIES, LABELS, CLAIMS], TransactionMode::Readwrite)?;
        let entries = store(&tx, ENTRIES)?;
        if let Some(existing) = read::<DraftMetaV1>(&entries, id).await? {
            return Err(StoreError::Conflict(Box::new(existing)));
        }
        entries.put(entry).with_key(id).await.map_err(store_error)?;
        store(&tx, BODIES)?.put(body).with_key(id).await.map_err(store_error)?;
        store(&tx, LABELS)?.put(labels).with_key(id).await.map_err(store_error)?;
        let claim = claim_key(id, stored.meta.revision);
        store(&tx, CLAIMS)?
            .put(JsValue::from_str(&stored.meta.writer))
            .with_key(claim)
            .await
            .map_err(store_error)?;
        tx.commit().await.map_err(store_error)
    }
}

in_chunk! {
    /// The stored entry of `id`, read after a save was refused, to say whose save won.
    stored_drafts: fn current_entry(shelf: Shelf, id: String) -> Result<DraftMetaV1, StoreError> {
        let db = database(shelf).await?;
        let tx = begin(&db, &[ENTRIES, LABELS], TransactionMode::Readonly)?;
        read_merged(&store(&tx, ENTRIES)?, &store(&tx, LABELS)?, &id).await?.ok_or(StoreError::NotFound)
    }
}
