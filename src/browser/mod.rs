//! The only code that touches browser APIs (fetch, storage, the clock, focus). Each service sits
//! behind a small trait with an in-memory double, so UI logic can be tested without a browser.

pub mod clock;
pub mod config;
pub mod dom;
pub mod drafts;
pub mod file_store;
pub mod files;
pub mod idb;
pub mod intake;
pub mod json;
pub mod lock;
pub mod print;
pub mod print_layout;
pub mod report_source;
pub mod schema_source;
pub mod storage_health;
pub mod submit;
pub mod timing;
