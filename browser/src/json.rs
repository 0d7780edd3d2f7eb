//! JSON in the browser: the browser's own `JSON.parse`/`JSON.stringify` with serde-wasm-bindgen,
//! so that no JSON parser has to be compiled into the WebAssembly bundle.

use std::convert::identity;

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;
use zhicheng_session::ports::archive::Imported;
use zhicheng_session::LocalFuture;

use crate::on_demand::{self, in_chunk};

/// Decodes a JavaScript value (e.g. from `Response.json()`) into a Rust value.
pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, String> {
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}

/// Parses JSON text with the browser's parser and decodes it.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let value = js_sys::JSON::parse(text).map_err(|_| "不是有效的 JSON".to_string())?;
    from_js(value)
}

/// Encodes a value as JSON text (maps become plain objects, as `serde_json` would write them).
pub fn stringify<T: Serialize>(value: &T) -> Result<String, String> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let js = value.serialize(&serializer).map_err(|e| e.to_string())?;
    js_sys::JSON::stringify(&js).map(String::from).map_err(|_| "无法转换为 JSON".to_string())
}

/// The browser's JSON as the session's codec for export files.
pub struct BrowserJson;

impl zhicheng_session::portable::JsonCodec for BrowserJson {
    fn to_text<T: Serialize>(value: &T) -> Result<String, String> {
        stringify(value)
    }

    fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, String> {
        parse(text)
    }
}

/// Export files made and read with the browser's JSON, by code in the 草稿箱's chunk (export and
/// import are its commands; the unit's import of a package file fetches it too).
pub struct BrowserArchive;

impl zhicheng_session::ports::archive::Archive for BrowserArchive {
    fn pack(
        &self,
        stored: zhicheng_session::StoredDraft,
        sent: Option<zhicheng_engine::ExportedPackageV1>,
        contents: Vec<(zhicheng_engine::AttachedFile, Vec<u8>)>,
    ) -> LocalFuture<Result<Vec<u8>, String>> {
        Box::pin(on_demand::run_or(pack(stored, sent, contents), identity))
    }

    fn unpack(&self, bytes: Vec<u8>) -> LocalFuture<Result<Imported, String>> {
        Box::pin(on_demand::run_or(unpack(bytes), identity))
    }
}

in_chunk! {
    drafts: fn pack(
        stored: zhicheng_session::StoredDraft,
        sent: Option<zhicheng_engine::ExportedPackageV1>,
        contents: Vec<(zhicheng_engine::AttachedFile, Vec<u8>)>
    ) -> Result<Vec<u8>, String> {
        zhicheng_session::portable::pack::<BrowserJson>(&stored, sent.as_ref(), contents)
    }
}

in_chunk! {
    drafts: fn unpack(bytes: Vec<u8>) -> Result<Imported, String> {
        zhicheng_session::portable::unpack::<BrowserJson>(&bytes)
    }
}
