//! The stored and sent formats, each a versioned type in one place, one file per format: the
//! draft (`draft`), its 草稿箱 entry (`draft_meta`), the lock record and sealed body (`lock`), the
//! export's manifest and draft (`export`), the attached-file references they share (`attached`),
//! the outbox entry (`submission`), the package manifest (`package`), the status a receiver gives
//! a package (`package_status`) and its stage on the form's status path (`package_stage`).
//!
//! Architecture invariant: these types name only answers, paths and hex digests, never the form
//! state or any logic that works on them (checked by `tests/architecture.rs`), so every other
//! module may depend on them and none of them on it. A field renamed here changes what is on disk
//! or on the wire: `engine/tests/stored_formats.rs` compares each with a snapshot.

pub mod attached;
pub mod draft;
pub mod draft_meta;
pub mod export;
pub mod lock;
pub mod package;
pub mod package_stage;
pub mod package_status;
pub mod submission;
