//! How much room this site has on the device, and whether the browser keeps its data when space
//! runs low (persistent storage). Shown in the 草稿箱 so full disks are no surprise.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Usage and quota in bytes (when the browser reports them) and the persistence grant.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StorageHealth {
    pub usage: Option<f64>,
    pub quota: Option<f64>,
    pub persisted: bool,
}

fn number(object: &JsValue, key: &str) -> Option<f64> {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).ok()?.as_f64()
}

/// Asks for persistent storage (browsers grant it silently or after a prompt, or refuse) and
/// reads usage and quota. Missing APIs simply leave the figures unknown.
pub async fn check() -> StorageHealth {
    let Some(manager) = web_sys::window().map(|w| w.navigator().storage()) else {
        return StorageHealth::default();
    };
    let persisted = match manager.persist() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()).unwrap_or(false),
        Err(_) => false,
    };
    let estimate = match manager.estimate() {
        Ok(promise) => JsFuture::from(promise).await.ok(),
        Err(_) => None,
    };
    StorageHealth {
        usage: estimate.as_ref().and_then(|e| number(e, "usage")),
        quota: estimate.as_ref().and_then(|e| number(e, "quota")),
        persisted,
    }
}
