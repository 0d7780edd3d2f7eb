//! The protocol's JSON requests over `fetch` (protocol/openapi.yaml; file uploads are
//! `upload.rs`): each gives the reply's status, body text and headers, or the reason nothing
//! arrived. Reading the reply is the session's (`Reply::from_parts`).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use zhicheng_session::ports::transport::SECRET_HEADER;
use zhicheng_session::{NoReply, Reply};

/// A request that has not been answered in this long is given up (and retried): a connection
/// that went quiet must not hold the package forever. Long enough for 10 MB on a slow link.
pub const TIMEOUT_MS: i32 = 180_000;

fn no_reply(why: impl Into<String>) -> NoReply {
    NoReply::Network(why.into())
}

/// Sends one request; `Err` when no reply arrived (offline, connection dropped, refused, silent).
/// `extra` are the host page's headers (its login), set before the protocol's own.
pub async fn send(
    method: &str,
    url: &str,
    body: Option<String>,
    secret: &str,
    extra: &[(String, String)],
) -> Result<Reply, NoReply> {
    let window = web_sys::window().ok_or_else(|| no_reply("没有浏览器窗口"))?;
    let abort = web_sys::AbortController::new().map_err(|_| no_reply("无法准备请求"))?;
    let give_up = wasm_bindgen::closure::Closure::once_into_js({
        let abort = abort.clone();
        move || abort.abort()
    });
    let timer =
        window.set_timeout_with_callback_and_timeout_and_arguments_0(give_up.unchecked_ref(), TIMEOUT_MS).unwrap_or(0);
    let reply = send_with(&window, &abort.signal(), (method, url), body, secret, extra).await;
    window.clear_timeout_with_handle(timer);
    reply
}

async fn send_with(
    window: &web_sys::Window,
    signal: &web_sys::AbortSignal,
    (method, url): (&str, &str),
    body: Option<String>,
    secret: &str,
    extra: &[(String, String)],
) -> Result<Reply, NoReply> {
    let init = web_sys::RequestInit::new();
    init.set_signal(Some(signal));
    init.set_method(method);
    let headers = web_sys::Headers::new().map_err(|_| no_reply("无法准备请求"))?;
    for (name, value) in extra {
        headers.set(name, value).map_err(|_| no_reply(format!("门户提供的请求头 {name} 无法使用")))?;
    }
    if let Some(body) = &body {
        init.set_body(&JsValue::from_str(body));
        headers.set("Content-Type", "application/json").map_err(|_| no_reply("无法准备请求"))?;
    }
    if !secret.is_empty() {
        headers.set(SECRET_HEADER, secret).map_err(|_| no_reply("无法准备请求"))?;
    }
    init.set_headers(&headers);
    let request =
        web_sys::Request::new_with_str_and_init(url, &init).map_err(|_| no_reply(format!("提交地址无效：{url}")))?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| no_reply("网络连接中断或接收端无法访问"))?
        .dyn_into()
        .map_err(|_| no_reply("应答不是 HTTP 响应"))?;
    let header = |name: &str| response.headers().get(name).ok().flatten();
    let (content_type, retry_after) = (header("Content-Type"), header("Retry-After"));
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|t| t.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    Ok(Reply::from_parts(response.status(), content_type.as_deref(), retry_after, &text))
}
