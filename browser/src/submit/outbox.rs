//! The outbox: every package the applicant submitted, until and after its receipt, kept in
//! IndexedDB (`outbox`, by package id) so that sending resumes after a reload or once the browser
//! is back online, and 我的事项 can list what was sent.

use crate::idb::{begin, database, decode, store, store_error, to_json_text, Shelf, OUTBOX};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use wasm_bindgen::JsValue;
use zhicheng_engine::SubmissionV1;
use zhicheng_session::ports::outbox::Outbox;
use zhicheng_session::Task;

pub struct IndexedDbOutbox(pub Shelf);

impl Outbox for IndexedDbOutbox {
    fn put(&self, entry: SubmissionV1) -> Task<()> {
        let shelf = self.0;
        Box::pin(async move {
            let record = to_json_text(&entry)?;
            let db = database(shelf).await?;
            let tx = begin(&db, &[OUTBOX], TransactionMode::Readwrite)?;
            store(&tx, OUTBOX)?.put(record).with_key(entry.package_id.as_str()).await.map_err(store_error)?;
            tx.commit().await.map_err(store_error)
        })
    }

    fn all(&self) -> Task<Vec<SubmissionV1>> {
        let shelf = self.0;
        Box::pin(async move {
            let db = database(shelf).await?;
            let tx = begin(&db, &[OUTBOX], TransactionMode::Readonly)?;
            let all = store(&tx, OUTBOX)?.get_all::<JsValue>().await.map_err(store_error)?;
            let mut entries: Vec<SubmissionV1> =
                all.flatten().filter_map(|v| decode::<SubmissionV1>(Some(v)).ok().flatten()).collect();
            entries.sort_unstable_by(|a, b| {
                b.submitted_at_ms.cmp(&a.submitted_at_ms).then_with(|| a.package_id.cmp(&b.package_id))
            });
            Ok(entries)
        })
    }
}
