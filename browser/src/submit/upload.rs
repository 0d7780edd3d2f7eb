//! File uploads over XMLHttpRequest, the one browser API that reports how much of a request body
//! has left: progress moves within a file, and an upload is given up only when it stops moving
//! (a 10 MB file on a slow mobile link may take many minutes, but never a minute without news).

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ProgressEvent, XmlHttpRequest};

use zhicheng_session::ports::transport::SECRET_HEADER;
use zhicheng_session::Reply;

use super::http::TIMEOUT_MS;
use crate::drafts::now_ms;

/// An upload whose body stops moving for this long is given up (and retried).
const SILENCE_WHILE_SENDING_MS: u64 = 60_000;
/// Once the whole body has left, the receiver has as long to answer as for any request (the
/// last bytes may still be on their way through the network's buffers, and the receiver hashes
/// and syncs the file).
const SILENCE_AWAITING_REPLY_MS: u64 = TIMEOUT_MS as u64;
/// How often the watchdog looks.
const WATCH_EVERY_MS: i32 = 5_000;

/// `PUT`s `blob` to `url` with the host's `extra` headers; `on_progress` hears the bytes that
/// have left. `Err` when no reply arrived (offline, connection dropped, refused, stalled).
pub async fn put_file(
    url: &str,
    blob: &Blob,
    media_type: &str,
    secret: &str,
    extra: &[(String, String)],
    on_progress: impl Fn(u64) + 'static,
) -> Result<Reply, String> {
    let window = web_sys::window().ok_or("没有浏览器窗口")?;
    let xhr = XmlHttpRequest::new().map_err(|_| "无法准备请求")?;
    xhr.open("PUT", url).map_err(|_| format!("提交地址无效：{url}"))?;
    for (name, value) in extra {
        xhr.set_request_header(name, value).map_err(|_| format!("门户提供的请求头 {name} 无法使用"))?;
    }
    xhr.set_request_header("Content-Type", media_type).map_err(|_| "无法准备请求")?;
    if !secret.is_empty() {
        xhr.set_request_header(SECRET_HEADER, secret).map_err(|_| "无法准备请求")?;
    }
    let upload = xhr.upload().map_err(|_| "无法准备请求")?;

    let last_heard = Rc::new(Cell::new(now_ms()));
    let body_sent = Rc::new(Cell::new(false));
    let progress = Closure::<dyn Fn(ProgressEvent)>::new({
        let last_heard = last_heard.clone();
        move |event: ProgressEvent| {
            last_heard.set(now_ms());
            on_progress(event.loaded() as u64);
        }
    });
    let heard = Closure::<dyn Fn()>::new({
        let last_heard = last_heard.clone();
        move || last_heard.set(now_ms())
    });
    let all_sent = Closure::<dyn Fn()>::new({
        let (last_heard, body_sent) = (last_heard.clone(), body_sent.clone());
        move || {
            last_heard.set(now_ms());
            body_sent.set(true);
        }
    });
    let watchdog = Closure::<dyn Fn()>::new({
        let xhr = xhr.clone();
        move || {
            let allowed = if body_sent.get() { SILENCE_AWAITING_REPLY_MS } else { SILENCE_WHILE_SENDING_MS };
            if now_ms().saturating_sub(last_heard.get()) > allowed {
                let _ = xhr.abort();
            }
        }
    });
    upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    upload.set_onload(Some(all_sent.as_ref().unchecked_ref()));
    xhr.set_onreadystatechange(Some(heard.as_ref().unchecked_ref()));
    // `loadend` fires once, after a reply, an error, an abort or a timeout.
    let settled = js_sys::Promise::new(&mut |resolve, _| xhr.set_onloadend(Some(&resolve)));
    let timer = window
        .set_interval_with_callback_and_timeout_and_arguments_0(watchdog.as_ref().unchecked_ref(), WATCH_EVERY_MS)
        .unwrap_or(0);

    // Whatever ends this upload (its reply, or the future being dropped), the handlers and the
    // watchdog go with it, and a request still running is aborted.
    let _attached =
        Attached { window, xhr: xhr.clone(), upload, timer, _closures: (progress, heard, all_sent, watchdog) };
    let sent = xhr.send_with_opt_blob(Some(blob));
    if sent.is_ok() {
        let _ = JsFuture::from(settled).await;
    }

    // Status 0 means no reply: a network error, the watchdog's abort, or a refused connection.
    let status = xhr.status().unwrap_or(0);
    if sent.is_err() || status == 0 {
        return Err("网络连接中断或接收端无法访问".into());
    }
    let header = |name: &str| xhr.get_response_header(name).ok().flatten();
    let text = xhr.response_text().ok().flatten().unwrap_or_default();
    Ok(Reply::from_parts(status, header("Content-Type").as_deref(), header("Retry-After"), &text))
}

/// The closures the request's handlers call: progress, any news, all sent, the watchdog.
type Handlers = (Closure<dyn Fn(ProgressEvent)>, Closure<dyn Fn()>, Closure<dyn Fn()>, Closure<dyn Fn()>);

/// The handlers and the watchdog of one upload, removed when it ends or is given up.
struct Attached {
    window: web_sys::Window,
    xhr: XmlHttpRequest,
    upload: web_sys::XmlHttpRequestUpload,
    timer: i32,
    _closures: Handlers,
}

impl Drop for Attached {
    fn drop(&mut self) {
        self.window.clear_interval_with_handle(self.timer);
        self.upload.set_onprogress(None);
        self.upload.set_onload(None);
        self.xhr.set_onreadystatechange(None);
        self.xhr.set_onloadend(None);
        // Done already when it ended normally; stops the request when the future was dropped.
        if self.xhr.ready_state() != XmlHttpRequest::DONE {
            let _ = self.xhr.abort();
        }
    }
}
