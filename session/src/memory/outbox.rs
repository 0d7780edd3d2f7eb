//! The outbox in memory.

use std::cell::RefCell;
use std::collections::BTreeMap;

use zhicheng_engine::SubmissionV1;

use crate::ports::outbox::Outbox;
use crate::ports::{ready, Task};

#[derive(Default)]
pub struct MemoryOutbox(RefCell<BTreeMap<String, SubmissionV1>>);

impl Outbox for MemoryOutbox {
    fn put(&self, entry: SubmissionV1) -> Task<()> {
        self.0.borrow_mut().insert(entry.package_id.clone(), entry);
        ready(Ok(()))
    }

    fn all(&self) -> Task<Vec<SubmissionV1>> {
        let mut entries: Vec<SubmissionV1> = self.0.borrow().values().cloned().collect();
        entries.sort_unstable_by(|a, b| {
            b.submitted_at_ms.cmp(&a.submitted_at_ms).then_with(|| a.package_id.cmp(&b.package_id))
        });
        ready(Ok(entries))
    }
}
