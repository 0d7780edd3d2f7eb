//! The outbox: every package the applicant submitted, until and after its receipt, kept in
//! IndexedDB (`outbox`, by package id) so that sending resumes after a reload or once the browser
//! is back online, and 我的事项 can list what was sent. A memory double serves tests and private
//! windows.

use std::collections::BTreeMap;
use std::sync::Mutex;

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use wasm_bindgen::JsValue;
use zhicheng_engine::SubmissionV1;

use crate::browser::drafts::{StoreError, Task};
use crate::browser::idb::{begin, database, decode, store, store_error, to_json_text, OUTBOX};

pub trait Outbox {
    /// Stores (or replaces) an entry.
    fn put(&self, entry: SubmissionV1) -> Task<'static, ()>;
    /// Every entry, newest first.
    fn all(&self) -> Task<'static, Vec<SubmissionV1>>;
}

pub struct IndexedDbOutbox;

impl Outbox for IndexedDbOutbox {
    fn put(&self, entry: SubmissionV1) -> Task<'static, ()> {
        Box::pin(async move {
            let record = to_json_text(&entry)?;
            let db = database().await?;
            let tx = begin(&db, &[OUTBOX], TransactionMode::Readwrite)?;
            store(&tx, OUTBOX)?.put(record).with_key(entry.package_id.as_str()).await.map_err(store_error)?;
            tx.commit().await.map_err(store_error)
        })
    }

    fn all(&self) -> Task<'static, Vec<SubmissionV1>> {
        Box::pin(async move {
            let db = database().await?;
            let tx = begin(&db, &[OUTBOX], TransactionMode::Readonly)?;
            let all = store(&tx, OUTBOX)?.get_all::<JsValue>().await.map_err(store_error)?;
            let mut entries: Vec<SubmissionV1> =
                all.flatten().filter_map(|v| decode::<SubmissionV1>(Some(v)).ok().flatten()).collect();
            entries.sort_by_key(|e| std::cmp::Reverse(e.submitted_at_ms));
            Ok(entries)
        })
    }
}

#[derive(Default)]
pub struct MemoryOutbox(Mutex<BTreeMap<String, SubmissionV1>>);

impl Outbox for MemoryOutbox {
    fn put(&self, entry: SubmissionV1) -> Task<'static, ()> {
        let result = self
            .0
            .lock()
            .map(|mut all| drop(all.insert(entry.package_id.clone(), entry)))
            .map_err(|_| StoreError::Unavailable("内存存储不可用".into()));
        Box::pin(async move { result })
    }

    fn all(&self) -> Task<'static, Vec<SubmissionV1>> {
        let result = self
            .0
            .lock()
            .map(|all| {
                let mut entries: Vec<SubmissionV1> = all.values().cloned().collect();
                entries.sort_by_key(|e| std::cmp::Reverse(e.submitted_at_ms));
                entries
            })
            .map_err(|_| StoreError::Unavailable("内存存储不可用".into()));
        Box::pin(async move { result })
    }
}
