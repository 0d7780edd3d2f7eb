//! The protocol's JSON requests over `fetch` (protocol/openapi.yaml; file uploads are `upload.rs`): each returns the reply's status,
//! its JSON body, its `Retry-After`, and whether it carries the protocol marker, or the reason
//! nothing arrived. Judging the reply is the engine's (`retry::classify`).

use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use zhicheng_engine::retry::classify;
use zhicheng_engine::ReplyKind;

/// The marker every reply of a receiver carries.
pub const PROTOCOL: &str = "zhicheng-submission/1";

/// An HTTP reply.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
    pub retry_after: Option<String>,
    pub speaks_protocol: bool,
}

impl Reply {
    /// A reply from its status, its `Content-Type` and `Retry-After` headers and its text.
    pub fn from_parts(status: u16, content_type: Option<&str>, retry_after: Option<String>, text: &str) -> Reply {
        let body: Value = serde_json::from_str(text).unwrap_or(Value::Null);
        let is_json = content_type.is_some_and(|t| t.contains("json"));
        let speaks_protocol = is_json && body.get("protocol").and_then(Value::as_str) == Some(PROTOCOL);
        Reply { status, body, retry_after, speaks_protocol }
    }

    /// How the client takes this reply (success, retry, upload what is missing, stop).
    pub fn kind(&self) -> ReplyKind {
        classify(self.status, self.speaks_protocol, self.error_code())
    }

    /// The error code of a refusal (`missing_files`, `hash_mismatch` …).
    pub fn error_code(&self) -> Option<&str> {
        self.body.pointer("/error/code").and_then(Value::as_str)
    }

    /// The receiver's words for a refusal, with its field messages; a reply that is not from a
    /// receiver is described as such.
    pub fn explanation(&self) -> String {
        if !self.speaks_protocol {
            return format!(
                "提交地址返回了不属于申报接收接口的应答（HTTP {}），申报包没有被接收。请检查提交地址，或稍后再试。",
                self.status
            );
        }
        let message = self.body.pointer("/error/message").and_then(Value::as_str).unwrap_or("接收端拒绝了申报包");
        let fields: Vec<String> = self
            .body
            .pointer("/error/fields")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(|f| Some(format!("{}：{}", f["path"].as_str()?, f["message"].as_str()?)))
                    .collect()
            })
            .unwrap_or_default();
        if fields.is_empty() {
            message.to_string()
        } else {
            format!("{message}（{}）", fields.join("；"))
        }
    }
}

/// A request that has not been answered in this long is given up (and retried): a connection
/// that went quiet must not hold the package forever. Long enough for 10 MB on a slow link.
pub const TIMEOUT_MS: i32 = 180_000;

/// Sends one request; `Err` when no reply arrived (offline, connection dropped, refused, silent).
pub async fn send(method: &str, url: &str, body: Option<JsValue>, content_type: Option<&str>) -> Result<Reply, String> {
    let window = web_sys::window().ok_or("没有浏览器窗口")?;
    let abort = web_sys::AbortController::new().map_err(|_| "无法准备请求")?;
    let give_up = wasm_bindgen::closure::Closure::once_into_js({
        let abort = abort.clone();
        move || abort.abort()
    });
    let timer =
        window.set_timeout_with_callback_and_timeout_and_arguments_0(give_up.unchecked_ref(), TIMEOUT_MS).unwrap_or(0);
    let reply = send_with(&window, &abort.signal(), method, url, body, content_type).await;
    window.clear_timeout_with_handle(timer);
    reply
}

async fn send_with(
    window: &web_sys::Window,
    signal: &web_sys::AbortSignal,
    method: &str,
    url: &str,
    body: Option<JsValue>,
    content_type: Option<&str>,
) -> Result<Reply, String> {
    let init = web_sys::RequestInit::new();
    init.set_signal(Some(signal));
    init.set_method(method);
    if let Some(body) = &body {
        init.set_body(body);
    }
    let headers = web_sys::Headers::new().map_err(|_| "无法准备请求")?;
    if let Some(content_type) = content_type {
        headers.set("Content-Type", content_type).map_err(|_| "无法准备请求")?;
    }
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init(url, &init).map_err(|_| format!("提交地址无效：{url}"))?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| "网络连接中断或接收端无法访问".to_string())?
        .dyn_into()
        .map_err(|_| "应答不是 HTTP 响应".to_string())?;
    let header = |name: &str| response.headers().get(name).ok().flatten();
    let (content_type, retry_after) = (header("Content-Type"), header("Retry-After"));
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|t| t.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    Ok(Reply::from_parts(response.status(), content_type.as_deref(), retry_after, &text))
}
