//! The session every host shares (the standalone app, a portal's widget, training): the drafts
//! of a form, the open draft with its autosave, the passphrase lock, export and import, and the
//! submissions with their sending loops. No Leptos and no browser API: the host gives its
//! storage, network, crypto and clock through the traits in `ports`, sends commands, and
//! observes plain state.
//!
//! The contract, in full:
//! - [`Workspace`]: `start`, the 草稿箱's [`DraftsCommand`]s, `screen` and `notice` to observe.
//! - [`OpenForm`]: `dispatch` an engine `Command`, read the state, observe `changes` and
//!   `status`; `flush` and `page_hide` when the page hides or closes; `keep_mine` /
//!   `take_theirs` in a two-tab conflict.
//! - [`lock`]: lock, unlock, open a locked draft.
//! - [`Submissions`]: `submit`, `retry`, `ask` (进度, 撤回, 终止申报: [`Act`]), `entries` to observe.
//!
//! `memory` holds the in-memory stores (a private window's fallback); `testing` holds the
//! doubles a native test runs a whole session with.

pub mod autosave;
pub mod draft_files;
pub mod host_api;
pub mod housekeeping;
pub mod lock;
pub mod memory;
pub mod observable;
pub mod open_form;
pub mod portable;
pub mod ports;
pub mod row_import;
pub mod submissions;
pub mod testing;
pub mod training;
pub mod unit_desk;
pub mod workspace;

pub use autosave::machine::{SaveStatus, DEBOUNCE_MS};
pub use draft_files::DraftFiles;
pub use observable::{Observable, Subscription};
pub use open_form::{OpenForm, StatusLine};
pub use ports::drafts::{DraftRepository, EntryChange, Labels, StoreError, StoredDraft};
pub use ports::files::{FileStore, StoredFile};
pub use ports::keyring::{Keyring, UnlockError};
pub use ports::transport::{NoReply, Reply, Transport};
pub use ports::{LocalFuture, Ports, Task};
pub use submissions::{Act, Submissions};
pub use workspace::{Done, DraftLists, DraftsCommand, ExportFile, Screen, Workspace};
