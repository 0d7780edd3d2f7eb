//! Loading form schemas: over HTTP from `public/forms/` in the app, from memory in tests.

use std::future::Future;
use std::pin::Pin;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Where schema JSON comes from.
pub trait SchemaSource {
    /// The JSON text of the form `form_id`, or a message saying why it could not be had.
    fn load(&self, form_id: &str) -> Pin<Box<dyn Future<Output = Result<String, String>>>>;
}

/// Fetches `forms/{id}.json` relative to the page.
pub struct HttpSchemaSource;

impl SchemaSource for HttpSchemaSource {
    fn load(&self, form_id: &str) -> Pin<Box<dyn Future<Output = Result<String, String>>>> {
        let url = format!("forms/{form_id}.json");
        Box::pin(async move { fetch_text(&url).await })
    }
}

/// Serves a fixed JSON text (tests, embedding with an inline schema).
pub struct StaticSchemaSource(pub String);

impl SchemaSource for StaticSchemaSource {
    fn load(&self, _form_id: &str) -> Pin<Box<dyn Future<Output = Result<String, String>>>> {
        let text = self.0.clone();
        Box::pin(async move { Ok(text) })
    }
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("没有浏览器窗口")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| format!("无法下载表单定义 {url}：请检查网络后刷新页面。"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "下载结果不是 HTTP 响应")?;
    if !response.ok() {
        return Err(format!("无法下载表单定义 {url}（HTTP {}）。", response.status()));
    }
    let text = response.text().map_err(|_| "无法读取表单定义")?;
    let text = JsFuture::from(text).await.map_err(|_| "无法读取表单定义")?;
    text.as_string().ok_or_else(|| "表单定义不是文本".to_string())
}
