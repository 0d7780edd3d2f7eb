//! The outbox: every package the applicant submitted, until and after its receipt, kept in
//! IndexedDB (`outbox`, by package id) so that sending resumes after a reload or once the browser
//! is back online, and 我的事项 can list what was sent. Reading and writing entries runs in the
//! `outbox` chunk (`on_demand.rs`): a first visit's outbox is empty, and only counting it runs in
//! the first module.

use crate::idb::{begin, database, decode, store, store_error, to_json_text, Shelf, OUTBOX};
use crate::on_demand::{self, in_chunk};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use wasm_bindgen::JsValue;
use zhicheng_engine::SubmissionV1;
use zhicheng_session::ports::drafts::StoreError;
use zhicheng_session::ports::outbox::Outbox;
use zhicheng_session::Task;

pub struct IndexedDbOutbox(pub Shelf);

impl Outbox for IndexedDbOutbox {
    fn put(&self, entry: SubmissionV1) -> Task<()> {
        Box::pin(on_demand::run_or(put(self.0, entry), StoreError::Unavailable))
    }

    fn all(&self) -> Task<Vec<SubmissionV1>> {
        Box::pin(on_demand::run_or(all(self.0), StoreError::Unavailable))
    }

    fn is_empty(&self) -> Task<bool> {
        let shelf = self.0;
        Box::pin(async move {
            let db = database(shelf).await?;
            let tx = begin(&db, &[OUTBOX], TransactionMode::Readonly)?;
            let count = store(&tx, OUTBOX)?.count().await.map_err(store_error)?;
            Ok(count == 0)
        })
    }

    fn get_ready(&self) -> Task<()> {
        Box::pin(on_demand::run_or(fetch_chunk(), StoreError::Unavailable))
    }
}

in_chunk! {
    /// Does nothing once the `outbox` chunk is here: calling it fetches the chunk, so that a
    /// package can be queued after the network goes (with no service worker's copy yet).
    outbox: fn fetch_chunk() -> Result<(), StoreError> {
        Ok(())
    }
}

in_chunk! {
    outbox: fn put(shelf: Shelf, entry: SubmissionV1) -> Result<(), StoreError> {
        let record = to_json_text(&entry)?;
        let db = database(shelf).await?;
        let tx = begin(&db, &[OUTBOX], TransactionMode::Readwrite)?;
        store(&tx, OUTBOX)?.put(record).with_key(entry.package_id.as_str()).await.map_err(store_error)?;
        tx.commit().await.map_err(store_error)
    }
}

in_chunk! {
    outbox: fn all(shelf: Shelf) -> Result<Vec<SubmissionV1>, StoreError> {
        let db = database(shelf).await?;
        let tx = begin(&db, &[OUTBOX], TransactionMode::Readonly)?;
        let all = store(&tx, OUTBOX)?.get_all::<JsValue>().await.map_err(store_error)?;
        let mut entries: Vec<SubmissionV1> =
            all.flatten().filter_map(|v| decode::<SubmissionV1>(Some(v)).ok().flatten()).collect();
        entries.sort_unstable_by(|a, b| {
            b.submitted_at_ms.cmp(&a.submitted_at_ms).then_with(|| a.package_id.cmp(&b.package_id))
        });
        Ok(entries)
    }
}
