//! The reference receiver of the `zhicheng-submission/1` protocol (protocol/README.md): a small
//! HTTP server that checks every package (manifest, hashes, limits, and the answers against the
//! form's own rules with the same engine the app runs), stores it once in SQLite with its files on
//! disk, issues receipts (业务流水号) and answers status queries; an operator moves packages on.

pub mod app_files;
pub mod disk;
pub mod forms;
pub mod http;
pub mod limits;
pub mod operator;
pub mod page_preloads;
pub mod recheck;
pub mod replies;
pub mod server;
pub mod stages;
pub mod store;
pub mod unit_keys;

/// The marker every JSON reply carries; clients take nothing without it as success.
pub const PROTOCOL: &str = "zhicheng-submission/1";
