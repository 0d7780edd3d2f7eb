//! The outbox: every package the applicant submitted, until and after its receipt, kept so that
//! sending resumes after a reload or once the network is back, and 我的事项 can list what was sent.

use zhicheng_engine::SubmissionV1;

use super::Task;

pub trait Outbox {
    /// Stores (or replaces) an entry.
    fn put(&self, entry: SubmissionV1) -> Task<()>;
    /// Every entry, newest first.
    fn all(&self) -> Task<Vec<SubmissionV1>>;
    /// Whether the outbox holds no entry, told without reading any (a first visit's outbox is
    /// empty, and its host need not load the code that reads entries).
    fn is_empty(&self) -> Task<bool>;
    /// Makes sure entries can be stored later with no network: a host that loads the code storing
    /// them on demand loads it now (called when 提交申报 is shown).
    fn get_ready(&self) -> Task<()>;
}
