//! Files in and out of the page: offering bytes as a download, reading the files the applicant
//! picked, and Blobs made from bytes and back.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Offers `bytes` to the applicant as a file download named `name`.
pub fn download(bytes: &[u8], name: &str, media_type: &str) -> Result<(), String> {
    let fail = |_| "浏览器未能生成下载文件".to_string();
    let blob = blob_of(bytes, media_type)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("页面不可用")?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").map_err(fail)?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The download has started from the click; the URL is released after the browser took it.
    let release = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(release.unchecked_ref(), 10_000);
    }
    Ok(())
}

/// A Blob holding a copy of `bytes`.
pub fn blob_of(bytes: &[u8], media_type: &str) -> Result<web_sys::Blob, String> {
    let array = js_sys::Uint8Array::from(bytes);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&js_sys::Array::of1(&array), &options)
        .map_err(|_| "浏览器未能生成文件".to_string())
}

/// The files chosen in the `<input type=file>` that fired `event`, in the order given.
pub fn chosen_files(event: &web_sys::Event) -> Vec<web_sys::File> {
    let Some(input) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
        return Vec::new();
    };
    let files = input.files().map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect()).unwrap_or_default();
    // Clearing the input lets the same file be chosen again after a fix.
    input.set_value("");
    files
}

/// The first file chosen in the `<input type=file>` that fired `event`, if any.
pub fn chosen_file(event: &web_sys::Event) -> Option<web_sys::File> {
    chosen_files(event).into_iter().next()
}

/// The whole content of a Blob (a chosen file is one), as a JavaScript buffer.
pub async fn array_buffer(blob: &web_sys::Blob) -> Result<js_sys::ArrayBuffer, String> {
    let buffer: JsValue =
        JsFuture::from(blob.array_buffer()).await.map_err(|_| "无法读取文件（文件可能已被移动或删除）".to_string())?;
    Ok(buffer.unchecked_into())
}

/// The bytes of a Blob (a chosen file is one).
pub async fn read_blob(blob: &web_sys::Blob) -> Result<Vec<u8>, String> {
    let buffer = array_buffer(blob).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// A URL the page can show `blob` at (an `<img src>`), until [`release_url`].
pub fn object_url(blob: &web_sys::Blob) -> Option<String> {
    web_sys::Url::create_object_url_with_blob(blob).ok()
}

/// Opens `blob` in a new tab, in the browser's own viewer; its URL is released a minute later,
/// once the tab has read it.
pub fn show_in_new_tab(blob: &web_sys::Blob) -> Result<(), String> {
    let window = web_sys::window().ok_or("没有浏览器窗口")?;
    let url = object_url(blob).ok_or("无法打开文件")?;
    match window.open_with_url_and_target(&url, "_blank") {
        Ok(Some(_)) => {}
        _ => {
            release_url(&url);
            return Err("浏览器阻止了新窗口，请允许弹出窗口后重试".into());
        }
    }
    let release = wasm_bindgen::closure::Closure::once_into_js(move || release_url(&url));
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(release.unchecked_ref(), 60_000);
    Ok(())
}

/// Releases a URL made by [`object_url`].
pub fn release_url(url: &str) {
    let _ = web_sys::Url::revoke_object_url(url);
}
