//! Keeping the current draft across reloads. For now one draft per form in `localStorage`;
//! IndexedDB storage with attachments replaces it (issue #3) behind the same trait.

use std::collections::HashMap;
use std::sync::Mutex;

use zhicheng_engine::wire::DraftV1;

use crate::browser::json;

/// Stores drafts by key.
pub trait DraftStore {
    /// The saved draft, `None` when there is none, or why a saved one cannot be read.
    fn load(&self, key: &str) -> Option<Result<DraftV1, String>>;
    /// Saves the draft, or says why it could not be saved (storage full or disabled).
    fn save(&self, key: &str, draft: &DraftV1) -> Result<(), String>;
    /// Moves an unreadable draft out of the way, untouched, so that starting afresh never
    /// overwrites it. Returns the key it now lives under.
    fn set_aside(&self, key: &str) -> Result<String, String>;
}

/// The browser's `localStorage`, holding each draft as JSON text.
pub struct LocalDraftStore;

impl LocalDraftStore {
    fn storage() -> Result<web_sys::Storage, String> {
        web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .ok_or_else(|| "浏览器禁用了本地存储（可能处于无痕模式）".to_string())
    }
}

impl DraftStore for LocalDraftStore {
    fn load(&self, key: &str) -> Option<Result<DraftV1, String>> {
        let text = Self::storage().ok()?.get_item(key).ok().flatten()?;
        let draft = json::parse::<DraftV1>(&text).map_err(|e| format!("草稿内容不完整或已损坏：{e}"));
        Some(draft.and_then(|d| d.check_header().map(|()| d)))
    }

    fn save(&self, key: &str, draft: &DraftV1) -> Result<(), String> {
        let text = json::stringify(draft)?;
        Self::storage()?.set_item(key, &text).map_err(|_| "本地存储空间已满或不可用".to_string())
    }

    fn set_aside(&self, key: &str) -> Result<String, String> {
        let storage = Self::storage()?;
        let text = storage.get_item(key).ok().flatten().unwrap_or_default();
        let aside = format!("{key}.unreadable.{}", js_sys::Date::now() as u64);
        storage.set_item(&aside, &text).map_err(|_| "本地存储空间已满或不可用".to_string())?;
        storage.remove_item(key).map_err(|_| "本地存储不可用".to_string())?;
        Ok(aside)
    }
}

/// An in-memory double for tests.
#[derive(Default)]
pub struct MemoryDraftStore(Mutex<HashMap<String, DraftV1>>);

impl DraftStore for MemoryDraftStore {
    fn load(&self, key: &str) -> Option<Result<DraftV1, String>> {
        self.0.lock().ok()?.get(key).cloned().map(Ok)
    }

    fn save(&self, key: &str, draft: &DraftV1) -> Result<(), String> {
        let mut drafts = self.0.lock().map_err(|_| "内存存储不可用".to_string())?;
        drafts.insert(key.to_string(), draft.clone());
        Ok(())
    }

    fn set_aside(&self, key: &str) -> Result<String, String> {
        let mut drafts = self.0.lock().map_err(|_| "内存存储不可用".to_string())?;
        let aside = format!("{key}.unreadable");
        if let Some(draft) = drafts.remove(key) {
            drafts.insert(aside.clone(), draft);
        }
        Ok(aside)
    }
}
