//! The outbox in memory.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use zhicheng_engine::SubmissionV1;

use crate::ports::outbox::Outbox;
use crate::ports::{ready, Task};

#[derive(Default)]
pub struct MemoryOutbox {
    entries: RefCell<BTreeMap<String, SubmissionV1>>,
    reads: Cell<usize>,
    readied: Cell<usize>,
}

impl MemoryOutbox {
    /// How many times every entry was read (`all`), for tests of what a start reads.
    pub fn reads(&self) -> usize {
        self.reads.get()
    }

    /// How many times the outbox was asked to get ready, for tests of 提交申报's preparation.
    pub fn readied(&self) -> usize {
        self.readied.get()
    }
}

impl Outbox for MemoryOutbox {
    fn put(&self, entry: SubmissionV1) -> Task<()> {
        self.entries.borrow_mut().insert(entry.package_id.clone(), entry);
        ready(Ok(()))
    }

    fn all(&self) -> Task<Vec<SubmissionV1>> {
        self.reads.set(self.reads.get() + 1);
        let mut entries: Vec<SubmissionV1> = self.entries.borrow().values().cloned().collect();
        entries.sort_unstable_by(|a, b| {
            b.submitted_at_ms.cmp(&a.submitted_at_ms).then_with(|| a.package_id.cmp(&b.package_id))
        });
        ready(Ok(entries))
    }

    fn is_empty(&self) -> Task<bool> {
        ready(Ok(self.entries.borrow().is_empty()))
    }

    fn get_ready(&self) -> Task<()> {
        self.readied.set(self.readied.get() + 1);
        ready(Ok(()))
    }
}
