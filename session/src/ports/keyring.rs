//! The passphrase lock's cryptography: keys made from passphrases, held in the page's memory by
//! draft id and never stored, sealing and unsealing bytes. The browser uses WebCrypto (PBKDF2,
//! AES-GCM); what is sealed and what the stored entry may show is the engine's `lock` module.

use zhicheng_engine::LockV1;

use super::LocalFuture;

/// Why a passphrase did not open a draft.
#[derive(Clone, Debug, PartialEq)]
pub enum UnlockError {
    WrongPassphrase,
    /// The lock record itself is damaged; no passphrase can open it.
    Damaged(String),
}

pub trait Keyring {
    /// Makes a new lock for `draft_id` from a passphrase and keeps its key for this page.
    fn create(&self, draft_id: &str, passphrase: &str) -> LocalFuture<Result<LockV1, String>>;
    /// Opens `lock` with a passphrase and keeps the key for this page.
    fn unlock(&self, draft_id: &str, lock: &LockV1, passphrase: &str) -> LocalFuture<Result<(), UnlockError>>;
    /// Whether this page holds the key of `draft_id` (so the draft is locked and open here).
    fn holds(&self, draft_id: &str) -> bool;
    /// Drops the key of a draft.
    fn forget(&self, draft_id: &str);
    /// `plain` sealed with the key of `draft_id`.
    fn seal(&self, draft_id: &str, plain: Vec<u8>) -> LocalFuture<Result<Vec<u8>, String>>;
    /// The plain bytes of something sealed with the key of `draft_id`; fails when the key is
    /// wrong or the bytes were changed.
    fn unseal(&self, draft_id: &str, sealed: Vec<u8>) -> LocalFuture<Result<Vec<u8>, String>>;
}
