//! Storage in this page's memory: the doubles for tests, and where work lives for the session
//! when the browser refuses IndexedDB (a private window). Nothing here survives the page.

pub mod drafts;
pub mod files;
pub mod outbox;
pub mod rescues;

pub use drafts::MemoryDrafts;
pub use files::MemoryFiles;
pub use outbox::MemoryOutbox;
pub use rescues::MemoryRescues;
