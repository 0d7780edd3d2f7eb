//! Taking in a file the applicant chose for a material: judged by its content with the engine's
//! rules (type, size), hashed with WebCrypto (off the main thread, as fast as the browser can),
//! pages counted for PDFs. The result is the draft's reference and the Blob to store.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use zhicheng_engine::attachments::{self, FileKind};
use zhicheng_engine::AttachedFile;

use crate::files;

/// Bytes read to recognise a file (PDF headers may sit anywhere in the first kilobyte).
const HEAD_BYTES: i32 = 1024;

/// A file the applicant chose (a `File`, which the UI holds without naming the browser's types).
pub type ChosenFile = web_sys::File;

/// A checked file: the reference for the draft and the content for the file store.
pub struct Intake {
    pub file: AttachedFile,
    pub blob: web_sys::Blob,
}

/// Checks `file` against a material's accepted kinds; the error says why it is refused.
pub async fn take(file: web_sys::File, accept: &[String]) -> Result<Intake, String> {
    let name = file.name();
    let size = file.size() as u64;
    let head_blob = file.slice_with_i32_and_i32(0, HEAD_BYTES).map_err(|_| format!("无法读取「{name}」"))?;
    let head = files::read_blob(&head_blob).await?;
    // Refuses by size and type before the whole file is read.
    let kind = attachments::check(&name, size, &head, accept).map_err(|e| e.to_string())?;
    let buffer = files::array_buffer(&file).await?;
    let sha256 = sha256_hex(&buffer).await?;
    let pages = match kind {
        FileKind::Pdf => attachments::pdf_page_count(&js_sys::Uint8Array::new(&buffer).to_vec()),
        _ => None,
    };
    let media_type = kind.media_type().to_string();
    let attached = AttachedFile { sha256, name, media_type, size, pages };
    Ok(Intake { file: attached, blob: file.unchecked_into() })
}

/// The SHA-256 of a buffer, lower-case hex, computed by the browser's WebCrypto.
pub async fn sha256_hex(buffer: &js_sys::ArrayBuffer) -> Result<String, String> {
    let subtle = web_sys::window().and_then(|w| w.crypto().ok()).map(|c| c.subtle()).ok_or("浏览器不支持 WebCrypto")?;
    let promise = subtle
        .digest_with_str_and_buffer_source("SHA-256", buffer)
        .map_err(|_| "浏览器无法计算文件摘要".to_string())?;
    let digest: JsValue = JsFuture::from(promise).await.map_err(|_| "浏览器无法计算文件摘要".to_string())?;
    Ok(zhicheng_engine::hex::to_hex(&js_sys::Uint8Array::new(&digest).to_vec()))
}
