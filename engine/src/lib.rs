//! Headless form engine for Guangdong 职称 declarations: schema, values, conditions, validation
//! and navigation, with no browser, UI, async or I/O code.
//!
//! The UI holds a [`state::FormState`] and changes it only through [`state::Command`]s; after
//! each command the state recomputes derived values and its validation [`report::Report`].

pub mod archive;
pub mod attached;
pub mod attachments;
pub mod compute;
pub mod date;
pub mod decimal;
pub mod draft_summary;
pub mod eval;
pub mod export;
pub mod lock;
pub mod materials;
pub mod migrate;
pub mod navigation;
pub mod package;
pub mod path;
pub mod printable;
pub mod report;
pub mod retry;
pub mod rules;
pub mod schema;
pub mod state;
pub mod submission;
pub mod validate;
pub mod value;
pub mod wire;
