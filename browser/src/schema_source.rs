//! Loading form schemas: over HTTP from `public/forms/` in the app, from memory in tests.

use std::future::Future;
use std::pin::Pin;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use zhicheng_engine::FormSchema;

use crate::json;

/// A schema ready for use, or the reasons it cannot be used, in words for the applicant.
pub type Loaded = Result<FormSchema, Vec<String>>;

/// Where schemas come from.
pub trait SchemaSource {
    /// The checked schema of the form `form_id`.
    fn load(&self, form_id: &str) -> Pin<Box<dyn Future<Output = Loaded>>>;
}

/// Fetches `forms/{id}.json` relative to the page; the browser parses the JSON.
pub struct HttpSchemaSource;

impl SchemaSource for HttpSchemaSource {
    fn load(&self, form_id: &str) -> Pin<Box<dyn Future<Output = Loaded>>> {
        let url = format!("forms/{form_id}.json");
        Box::pin(async move {
            let value = fetch_json(&url, "表单定义").await.map_err(|e| vec![e])?;
            let schema = json::from_js(value).map_err(|e| vec![format!("表单定义 {url} 的格式不正确：{e}")])?;
            ready(schema)
        })
    }
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
    let window = web_sys::window().ok_or("没有浏览器窗口")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| format!("无法下载{what} {url}：请检查网络后刷新页面。"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "下载结果不是 HTTP 响应")?;
    if !response.ok() {
        return Err(format!("无法下载{what} {url}（HTTP {}）。", response.status()));
    }
    let json = response.json().map_err(|_| format!("无法读取{what}"))?;
    JsFuture::from(json).await.map_err(|_| format!("{what} {url} 不是有效的 JSON。"))
}
