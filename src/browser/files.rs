//! Files in and out of the page: offering bytes as a download, and reading a file the applicant
//! picked.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Offers `bytes` to the applicant as a file download named `name`.
pub fn download(bytes: &[u8], name: &str, media_type: &str) -> Result<(), String> {
    let fail = |_| "浏览器未能生成下载文件".to_string();
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(fail)?;
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

/// The first file chosen in the `<input type=file>` that fired `event`, if any.
pub fn chosen_file(event: &web_sys::Event) -> Option<web_sys::File> {
    let input: web_sys::HtmlInputElement = event.target()?.dyn_into().ok()?;
    let file = input.files()?.get(0);
    // Clearing the input lets the same file be chosen again after a fix.
    input.set_value("");
    file
}

/// The bytes of a file the applicant chose.
pub async fn read(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer: JsValue = JsFuture::from(file.array_buffer()).await.map_err(|_| "无法读取所选文件".to_string())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
