//! Where a page keeps drafts, files and its outbox when the browser refuses IndexedDB (some
//! private windows, storage turned off): its own memory. The session's in-memory stores are made
//! in the `in_memory` chunk (`on_demand.rs`), which only such a page fetches.

use std::rc::Rc;

use zhicheng_session::memory::{MemoryDrafts, MemoryFiles, MemoryOutbox};
use zhicheng_session::ports::outbox::Outbox;
use zhicheng_session::{DraftRepository, FileStore};

use crate::on_demand::in_chunk;

/// The three stores a page without IndexedDB keeps in memory.
pub struct MemoryStores {
    pub drafts: Rc<dyn DraftRepository>,
    pub files: Rc<dyn FileStore>,
    pub outbox: Rc<dyn Outbox>,
}

in_chunk! {
    in_memory: fn memory_stores() -> MemoryStores {
        MemoryStores {
            drafts: Rc::new(MemoryDrafts::default()),
            files: Rc::new(MemoryFiles::new(crate::drafts::now_ms)),
            outbox: Rc::new(MemoryOutbox::default()),
        }
    }
}
