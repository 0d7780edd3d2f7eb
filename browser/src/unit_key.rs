//! The unit's key (protocol §2.8) for this tab: entered by the unit's 经办人, kept in the tab's
//! `sessionStorage` only (closing the tab forgets it; it is never in IndexedDB, an export or a
//! URL), and added to every request this copy of the app sends, as a portal's login is. Reading a
//! file of a declaration reported to the unit is a request with the key too, so the file comes
//! as a blob and opens from an object URL.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The request header that carries the key.
pub const UNIT_KEY_HEADER: &str = "Zhicheng-Unit-Key";
const SLOT: &str = "zhicheng.unit-key";

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// A key as the operator issued it: 64 hexadecimal digits (spaces and case forgiven).
pub fn normalised(typed: &str) -> Result<String, String> {
    let key: String = typed.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    if key.len() == 64 && key.bytes().all(|c| c.is_ascii_hexdigit()) {
        Ok(key)
    } else {
        Err("单位密钥应为接收端管理员签发的 64 位十六进制字符（0–9、a–f），请核对后重新输入。".into())
    }
}

/// The key this tab holds, if any.
pub fn current() -> Option<String> {
    session_storage()?.get_item(SLOT).ok().flatten().filter(|k| normalised(k).is_ok())
}

/// Keeps `key` for this tab, or forgets it (退出单位身份).
pub fn remember(key: Option<&str>) {
    let Some(storage) = session_storage() else { return };
    let _ = match key {
        Some(key) => storage.set_item(SLOT, key),
        None => storage.remove_item(SLOT),
    };
}

/// The header to add to a request, when the tab holds a key.
pub fn header() -> Option<(String, String)> {
    current().map(|key| (UNIT_KEY_HEADER.to_string(), key))
}

/// Fetches a file of a declaration reported to the unit and opens it in a new tab (the browser's
/// own viewer), or says why not.
pub async fn open_file(url: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("没有浏览器窗口")?;
    let init = web_sys::RequestInit::new();
    let headers = web_sys::Headers::new().map_err(|_| "无法准备请求")?;
    if let Some((name, key)) = header() {
        headers.set(&name, &key).map_err(|_| "无法准备请求")?;
    }
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init(url, &init).map_err(|_| "地址无效")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| "网络连接中断或接收端无法访问")?
        .dyn_into()
        .map_err(|_| "应答不是 HTTP 响应")?;
    if !response.ok() {
        return Err(format!("接收端拒绝了请求（HTTP {}）：请确认单位密钥有效", response.status()));
    }
    let blob: web_sys::Blob = JsFuture::from(response.blob().map_err(|_| "无法读取文件")?)
        .await
        .map_err(|_| "无法读取文件")?
        .dyn_into()
        .map_err(|_| "无法读取文件")?;
    crate::files::show_in_new_tab(&blob)
}
