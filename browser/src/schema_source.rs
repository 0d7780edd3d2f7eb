//! Loading form schemas with their shared parts, and the catalog of declarations: over HTTP from
//! `public/` in the app, from memory in tests.

use std::future::Future;
use std::pin::Pin;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
pub use zhicheng_engine::catalog::is_plain_id;
use zhicheng_engine::catalog::Catalog;
use zhicheng_engine::schema::{SchemaPart, MAX_PARTS};
use zhicheng_engine::FormSchema;

use crate::json;
use crate::mount::Mount;

/// A schema ready for use, or the reasons it cannot be used, in words for the applicant.
pub type Loaded = Result<FormSchema, Vec<String>>;

/// Where schemas come from.
pub trait SchemaSource {
    /// The checked schema of the form `form_id`.
    fn load(&self, form_id: &str) -> Pin<Box<dyn Future<Output = Loaded>>>;
}

/// Fetches `forms/{id}.json` from the app's files (beside the page, or under a widget's base
/// URL); the browser parses the JSON.
pub struct HttpSchemaSource(pub Mount);

impl SchemaSource for HttpSchemaSource {
    fn load(&self, form_id: &str) -> Pin<Box<dyn Future<Output = Loaded>>> {
        let url = self.0.file_url(&format!("forms/{form_id}.json"));
        let mount = self.0.clone();
        Box::pin(async move {
            let schema: FormSchema = fetch_decoded(&url, "表单定义").await?;
            // Every part is asked for at once, then read in order: one round trip, not one each.
            let pending: Vec<_> = schema
                .parts
                .iter()
                .take(MAX_PARTS)
                .filter(|id| is_plain_id(id))
                .map(|id| {
                    let url = mount.file_url(&format!("forms/parts/{id}.json"));
                    let started = start_fetch(&url, "共用部件");
                    (url, started)
                })
                .collect();
            let mut parts = Vec::new();
            for (url, started) in pending {
                parts.push(finish_decoded::<SchemaPart>(started, &url, "共用部件").await?);
            }
            schema.checked_with(&parts).map_err(|problems| problems.iter().map(ToString::to_string).collect())
        })
    }
}

/// The declarations on offer (`catalog.json` among the app's files), checked.
pub async fn load_catalog(mount: Mount) -> Result<Catalog, Vec<String>> {
    let catalog: Catalog = fetch_decoded(&mount.file_url("catalog.json"), "申报目录").await?;
    catalog.checked().map_err(|problems| problems.iter().map(ToString::to_string).collect())
}

/// Fetches and decodes one JSON file of the app; `what` names it in messages.
async fn fetch_decoded<T: serde::de::DeserializeOwned>(url: &str, what: &str) -> Result<T, Vec<String>> {
    finish_decoded(start_fetch(url, what), url, what).await
}

/// Reads and decodes the answer to a request `start_fetch` sent.
async fn finish_decoded<T: serde::de::DeserializeOwned>(
    started: Result<js_sys::Promise, String>,
    url: &str,
    what: &str,
) -> Result<T, Vec<String>> {
    let value = finish_json(started.map_err(|e| vec![e])?, url, what).await.map_err(|e| vec![e])?;
    json::from_js(value).map_err(|e| vec![format!("{what} {url} 的格式不正确：{e}")])
}

/// Serves a fixed JSON text (tests, embedding with an inline schema).
pub struct StaticSchemaSource(pub String);

impl SchemaSource for StaticSchemaSource {
    fn load(&self, _form_id: &str) -> Pin<Box<dyn Future<Output = Loaded>>> {
        let loaded = json::parse::<FormSchema>(&self.0).map_err(|e| vec![e]).and_then(ready);
        Box::pin(async move { loaded })
    }
}

/// Runs the engine's load-time checks and words any problems for the applicant.
fn ready(schema: FormSchema) -> Loaded {
    schema.checked().map_err(|problems| problems.iter().map(ToString::to_string).collect())
}

/// Fetches a JSON file of the app (a form, its reports, the configuration); `what` names it in
/// messages (「表单定义」, 「报表模板」).
pub async fn fetch_json(url: &str, what: &str) -> Result<wasm_bindgen::JsValue, String> {
    finish_json(start_fetch(url, what)?, url, what).await
}

/// Sends the request for `url` now; `finish_json` reads its answer.
fn start_fetch(url: &str, what: &str) -> Result<js_sys::Promise, String> {
    let window = web_sys::window().ok_or_else(|| format!("没有浏览器窗口，无法下载{what}"))?;
    Ok(window.fetch_with_str(url))
}

/// The JSON of a request `start_fetch` sent.
async fn finish_json(started: js_sys::Promise, url: &str, what: &str) -> Result<wasm_bindgen::JsValue, String> {
    let response =
        JsFuture::from(started).await.map_err(|_| format!("无法下载{what} {url}：请检查网络后刷新页面。"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "下载结果不是 HTTP 响应")?;
    if !response.ok() {
        return Err(format!("无法下载{what} {url}（HTTP {}）。", response.status()));
    }
    let json = response.json().map_err(|_| format!("无法读取{what}"))?;
    JsFuture::from(json).await.map_err(|_| format!("{what} {url} 不是有效的 JSON。"))
}
