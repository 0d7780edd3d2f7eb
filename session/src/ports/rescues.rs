//! Places that survive a page closing mid-save, written synchronously (the browser's
//! `localStorage`): the last changes of a closing page (rescues, one per draft and page), and
//! the drafts the first version of the app kept there (moved into the store once).

use zhicheng_engine::DraftV1;

use super::drafts::StoredDraft;
use super::LocalFuture;

pub trait Rescues {
    /// Keeps `stored` (its `meta.writer` is this page) until the next start; false when the
    /// host refused it.
    fn keep(&self, stored: &StoredDraft) -> bool;
    /// Every rescue left by closing pages, with the key to forget it by; unreadable ones are
    /// left in place. Read at a start only, so it may wait (a host may load the code decoding
    /// them only when there are some).
    fn all(&self) -> LocalFuture<Vec<(String, StoredDraft)>>;
    fn forget_key(&self, key: &str);
    /// Forgets the rescue of draft `id` left by page `writer`.
    fn forget(&self, id: &str, writer: &str);
    /// Forgets every page's rescue of draft `id` (it was just locked: nothing readable may stay).
    fn forget_draft(&self, id: &str);
    /// The first version's draft of this form, if there is one: decoded, or why it cannot be read.
    fn first_version_draft(&self, form_id: &str) -> LocalFuture<Option<Result<DraftV1, String>>>;
    /// Removes the first version's draft once it is safely stored; an unreadable one is kept
    /// aside, untouched, rather than deleted.
    fn retire_first_version_draft(&self, form_id: &str, readable: bool);
}
