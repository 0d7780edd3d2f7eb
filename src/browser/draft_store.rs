//! Keeping the current draft across reloads. For now one draft per form in `localStorage`;
//! IndexedDB storage with attachments replaces it (issue #3) behind the same trait.

use std::collections::HashMap;
use std::sync::Mutex;

/// Stores serialized drafts by key.
pub trait DraftStore {
    fn load(&self, key: &str) -> Option<String>;
    /// Saves the draft, or says why it could not be saved (storage full or disabled).
    fn save(&self, key: &str, json: &str) -> Result<(), String>;
}

/// The browser's `localStorage`.
pub struct LocalDraftStore;

impl LocalDraftStore {
    fn storage() -> Result<web_sys::Storage, String> {
        web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .ok_or_else(|| "浏览器禁用了本地存储（可能处于无痕模式）".to_string())
    }
}

impl DraftStore for LocalDraftStore {
    fn load(&self, key: &str) -> Option<String> {
        Self::storage().ok()?.get_item(key).ok().flatten()
    }

    fn save(&self, key: &str, json: &str) -> Result<(), String> {
        Self::storage()?
            .set_item(key, json)
            .map_err(|_| "本地存储空间已满或不可用".to_string())
    }
}

/// An in-memory double for tests.
#[derive(Default)]
pub struct MemoryDraftStore(Mutex<HashMap<String, String>>);

impl DraftStore for MemoryDraftStore {
    fn load(&self, key: &str) -> Option<String> {
        self.0.lock().ok()?.get(key).cloned()
    }

    fn save(&self, key: &str, json: &str) -> Result<(), String> {
        let mut drafts = self.0.lock().map_err(|_| "内存存储不可用".to_string())?;
        drafts.insert(key.to_string(), json.to_string());
        Ok(())
    }
}
