//! The outbox: every package the applicant submitted, until and after its receipt, kept so that
//! sending resumes after a reload or once the network is back, and 我的事项 can list what was sent.

use zhicheng_engine::SubmissionV1;

use super::Task;

pub trait Outbox {
    /// Stores (or replaces) an entry.
    fn put(&self, entry: SubmissionV1) -> Task<()>;
    /// Every entry, newest first.
    fn all(&self) -> Task<Vec<SubmissionV1>>;
}
