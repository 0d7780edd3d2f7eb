//! Rescues and first-version drafts in memory (a host without `localStorage`, and tests).

use std::cell::RefCell;
use std::collections::BTreeMap;

use zhicheng_engine::DraftV1;

use crate::ports::drafts::StoredDraft;
use crate::ports::rescues::Rescues;
use crate::ports::LocalFuture;

#[derive(Default)]
pub struct MemoryRescues {
    rescues: RefCell<BTreeMap<String, StoredDraft>>,
    first_version: RefCell<BTreeMap<String, Result<DraftV1, String>>>,
}

fn key(id: &str, writer: &str) -> String {
    format!("{id}.{writer}")
}

impl MemoryRescues {
    /// Plants a first-version draft of `form_id` (or an unreadable one), for tests.
    pub fn plant_first_version(&self, form_id: &str, draft: Result<DraftV1, String>) {
        self.first_version.borrow_mut().insert(form_id.to_string(), draft);
    }

    pub fn len(&self) -> usize {
        self.rescues.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Rescues for MemoryRescues {
    fn keep(&self, stored: &StoredDraft) -> bool {
        self.rescues.borrow_mut().insert(key(&stored.meta.id, &stored.meta.writer), stored.clone());
        true
    }

    fn all(&self) -> LocalFuture<Vec<(String, StoredDraft)>> {
        let all: Vec<_> = self.rescues.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        Box::pin(std::future::ready(all))
    }

    fn forget_key(&self, key: &str) {
        self.rescues.borrow_mut().remove(key);
    }

    fn forget(&self, id: &str, writer: &str) {
        self.forget_key(&key(id, writer));
    }

    fn forget_draft(&self, id: &str) {
        let prefix = format!("{id}.");
        self.rescues.borrow_mut().retain(|k, _| !k.starts_with(&prefix));
    }

    fn first_version_draft(&self, form_id: &str) -> LocalFuture<Option<Result<DraftV1, String>>> {
        Box::pin(std::future::ready(self.first_version.borrow().get(form_id).cloned()))
    }

    fn retire_first_version_draft(&self, form_id: &str, _readable: bool) {
        self.first_version.borrow_mut().remove(form_id);
    }
}
