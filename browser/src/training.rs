//! Training mode's browser parts (feature `training`): the simulated receiver's desk kept in
//! `localStorage` under the training shelf's keys, the training data files fetched as text, and
//! 「重置培训」, which deletes the training database and keys (the applicant's own are another
//! database and other keys, never touched).

use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use zhicheng_session::training::{Keeper, SimulatedReceiver};

use crate::drafts::{keys_starting, local_storage};
use crate::idb::Shelf;
use crate::mount::Mount;

/// The simulated receiver's desk in `localStorage`.
struct LocalStorageKeeper;

const DESK_KEY: &str = "zhicheng-training.receiver";
/// A desk larger than this is not kept (the browser's quota for `localStorage` is about 5 MB).
const MAX_DESK_CHARS: usize = 2_000_000;

impl Keeper for LocalStorageKeeper {
    fn load(&self) -> Option<String> {
        local_storage()?.get_item(DESK_KEY).ok().flatten()
    }

    fn keep(&self, text: &str) {
        if text.len() <= MAX_DESK_CHARS {
            if let Some(storage) = local_storage() {
                let _ = storage.set_item(DESK_KEY, text);
            }
        }
    }
}

/// The page's simulated receiver, with the desk an earlier visit kept.
pub fn simulated_receiver() -> Rc<SimulatedReceiver> {
    Rc::new(SimulatedReceiver::open(Rc::new(LocalStorageKeeper), Rc::new(crate::host::BrowserHost)))
}

/// A training data file (`training/…` beside the app's forms) as text, at most `max` bytes. Its
/// own download rather than a text variant of `schema_source`'s: splitting that one's checks out
/// for sharing cost the applicant's bundle 0.3 KB, for code only training uses.
pub async fn fetch_text(mount: &Mount, path: &str, max: usize) -> Result<String, String> {
    let url = mount.file_url(path);
    let window = web_sys::window().ok_or("没有浏览器窗口")?;
    let response = JsFuture::from(window.fetch_with_str(&url))
        .await
        .map_err(|_| format!("无法下载培训资料 {url}：请检查网络后刷新页面。"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "下载结果不是 HTTP 响应")?;
    if !response.ok() {
        return Err(format!("无法下载培训资料 {url}（HTTP {}）。", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|_| "无法读取培训资料")?)
        .await
        .map_err(|_| format!("无法读取培训资料 {url}"))?
        .as_string()
        .unwrap_or_default();
    if text.len() > max {
        return Err(format!("培训资料 {url} 超过 {} KB。", max / 1024));
    }
    Ok(text)
}

/// 「重置培训」: closes and deletes the training database and removes the training keys of
/// `localStorage`, then reloads the page, which starts training afresh. An error says why not
/// (another tab of training still holds the database open).
pub async fn reset_everything() -> Result<(), String> {
    crate::idb::close(Shelf::TRAINING);
    if let Some(storage) = local_storage() {
        for key in keys_starting(Shelf::TRAINING.prefix) {
            let _ = storage.remove_item(&key);
        }
    }
    let window = web_sys::window().ok_or("没有浏览器窗口")?;
    let factory = window.indexed_db().ok().flatten().ok_or("浏览器不允许使用本地数据库")?;
    let request = factory.delete_database(Shelf::TRAINING.database).map_err(|_| "无法删除培训数据")?;
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        let ok = resolve.clone();
        let on_success = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = ok.call0(&JsValue::NULL);
        });
        let on_blocked = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("blocked"));
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(resolve.unchecked_ref()));
        request.set_onblocked(Some(on_blocked.unchecked_ref()));
    });
    JsFuture::from(done).await.map_err(|_| "另一个培训窗口还开着，请先关闭其他培训窗口再重置。".to_string())?;
    let _ = window.location().reload();
    Ok(())
}

/// The trainer's settings and imported scenarios stay through 「重置培训」 (their keys do not start
/// with the training shelf's prefix).
const KIOSK_KEY: &str = "zhicheng-training-kiosk";
const SCENARIOS_KEY: &str = "zhicheng-training-scenarios";
/// At most this many imported scenarios are kept.
pub const MAX_SCENARIOS: usize = 10;

/// Minutes without input after which kiosk mode resets training (0: never).
pub fn kiosk_minutes() -> u32 {
    local_storage()
        .and_then(|s| s.get_item(KIOSK_KEY).ok().flatten())
        .and_then(|v| v.parse().ok())
        .filter(|m| *m <= 240)
        .unwrap_or(0)
}

pub fn set_kiosk_minutes(minutes: u32) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(KIOSK_KEY, &minutes.min(240).to_string());
    }
}

/// The persona files a trainer imported (their text, checked when training opens).
pub fn imported_scenarios() -> Vec<String> {
    local_storage()
        .and_then(|s| s.get_item(SCENARIOS_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str::<Vec<String>>(&text).ok())
        .unwrap_or_default()
}

/// Keeps an imported persona file (`id` replaces an earlier import of the same persona), or says
/// why not.
pub fn keep_scenario(id: &str, text: &str) -> Result<(), String> {
    let mut kept: Vec<String> = imported_scenarios()
        .into_iter()
        .filter(|t| zhicheng_engine::training::Persona::from_json(t).is_ok_and(|p| p.id != id))
        .collect();
    if kept.len() >= MAX_SCENARIOS {
        return Err(format!("最多导入 {MAX_SCENARIOS} 个场景；请先「重置培训」后删除旧场景。"));
    }
    kept.push(text.to_string());
    let all = serde_json::to_string(&kept).map_err(|e| e.to_string())?;
    let storage = local_storage().ok_or("浏览器不允许保存导入的场景")?;
    storage.set_item(SCENARIOS_KEY, &all).map_err(|_| "浏览器存储空间不足，场景未能保存".to_string())
}

/// Forgets every imported scenario.
pub fn forget_scenarios() {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(SCENARIOS_KEY);
    }
}

/// Reloads the page (after an import, training opens with the new persona).
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
