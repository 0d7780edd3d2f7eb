//! A stored draft with its attached files as one portable file and back (format in
//! `engine/src/export.rs`, documented in the README). Importing checks everything before
//! anything is stored. The JSON codec is the host's choice (`JsonCodec`): the browser uses its
//! own parser, native hosts and tests use serde_json (`SerdeJsonArchive`).

use serde::de::DeserializeOwned;
use serde::Serialize;
use zhicheng_engine::export::{self, Part};
use zhicheng_engine::package::is_uuid_v4;
use zhicheng_engine::stored::export::{DRAFT_PATH, PACKAGE_PATH};
use zhicheng_engine::{attachments, AttachedFile, ExportManifestV1, ExportedDraftV1, ExportedPackageV1};

use crate::ports::archive::{Archive, Imported};
use crate::ports::drafts::StoredDraft;
use crate::ports::LocalFuture;

pub const MEDIA_TYPE: &str = "application/zip";

/// How a host turns values into JSON text and back.
pub trait JsonCodec {
    fn to_text<T: Serialize>(value: &T) -> Result<String, String>;
    fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, String>;
}

/// The files a draft refers to, each once, in the draft's order: what an export must carry.
pub fn referenced_files(stored: &StoredDraft) -> Vec<AttachedFile> {
    let mut seen = std::collections::BTreeSet::new();
    attachments::referenced(&stored.draft.attachments).filter(|f| seen.insert(f.sha256.clone())).cloned().collect()
}

/// The export file's bytes, given the content of every file of [`referenced_files`] in that
/// order, with the package as it was sent when `sent` (导出申报包; the draft is then the one the
/// package was made from). The same stored draft always gives the same bytes.
pub fn pack<J: JsonCodec>(
    stored: &StoredDraft,
    sent: Option<&ExportedPackageV1>,
    contents: Vec<(AttachedFile, Vec<u8>)>,
) -> Result<Vec<u8>, String> {
    let exported = ExportedDraftV1 { meta: stored.meta.clone(), draft: stored.draft.clone() };
    let json = |text: String| Part {
        path: String::new(),
        media_type: "application/json".to_string(),
        bytes: text.into_bytes(),
    };
    let mut parts = vec![Part { path: DRAFT_PATH.to_string(), ..json(J::to_text(&exported)?) }];
    if let Some(sent) = sent {
        parts.push(Part { path: PACKAGE_PATH.to_string(), ..json(J::to_text(sent)?) });
    }
    parts.extend(contents.into_iter().map(|(file, bytes)| Part {
        path: export::file_path(&file.sha256),
        media_type: file.media_type,
        bytes,
    }));
    let manifest = J::to_text(&export::manifest(&stored.meta, &parts))?;
    Ok(export::pack(&manifest, parts))
}

/// A file name for the export: the draft's name without characters file systems refuse; a sent
/// declaration's (导出申报包) says so and ends with its 业务流水号.
pub fn file_name(stored: &StoredDraft, sent: Option<&ExportedPackageV1>) -> String {
    let refused = |c: char| matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control();
    let name: String = stored.meta.display_name().chars().map(|c| if refused(c) { '_' } else { c }).collect();
    match sent {
        None => format!("职称申报草稿-{name}.zip"),
        Some(sent) if sent.receipt.is_empty() => format!("职称申报包-{name}.zip"),
        Some(sent) => format!("职称申报包-{name}-{}.zip", sent.receipt),
    }
}

/// Reads an export file, refusing anything damaged, altered or of another format, or a draft
/// whose attached files are not all in it.
pub fn unpack<J: JsonCodec>(bytes: &[u8]) -> Result<Imported, String> {
    let unpacked = export::unpack(bytes).map_err(|e| e.to_string())?;
    let manifest: ExportManifestV1 =
        J::from_text(&unpacked.manifest_json).map_err(|e| format!("清单 manifest.json 无法读取：{e}"))?;
    let mut parts = export::verify(&manifest, unpacked.entries).map_err(|e| e.to_string())?;
    let draft_part = parts.iter().find(|p| p.path == DRAFT_PATH).ok_or("文件中缺少草稿内容 draft.json")?;
    let text = std::str::from_utf8(&draft_part.bytes).map_err(|_| "草稿内容不是有效的文本".to_string())?;
    let exported: ExportedDraftV1 = J::from_text(text).map_err(|e| format!("草稿内容无法读取：{e}"))?;
    exported.draft.check_header().map_err(|e| e.to_string())?;
    let agrees = exported.meta.id == manifest.draft_id
        && exported.meta.form_id == manifest.form_id
        && exported.draft.form_id == manifest.form_id
        && exported.draft.schema_version == manifest.schema_version
        && exported.meta.saved_at == manifest.saved_at;
    if !agrees {
        return Err("草稿内容与清单不一致（文件已损坏或被改动）".into());
    }
    // Revisions are stored as JavaScript numbers: anything larger cannot be a real one.
    if exported.meta.revision > 1 << 52 {
        return Err("草稿的版本号无效（文件已损坏或被改动）".into());
    }
    let stored = StoredDraft { meta: exported.meta, draft: exported.draft };
    let mut files = Vec::new();
    for file in referenced_files(&stored) {
        let path = export::file_path(&file.sha256);
        let at = parts
            .iter()
            .position(|p| p.path == path)
            .ok_or_else(|| format!("文件中缺少附件「{}」（文件不完整）", file.name))?;
        let bytes = parts.swap_remove(at).bytes;
        if bytes.len() as u64 != file.size {
            return Err(format!("附件「{}」与草稿记录的大小不符（文件已损坏或被改动）", file.name));
        }
        files.push((file, bytes));
    }
    let sent = match parts.iter().position(|p| p.path == PACKAGE_PATH) {
        Some(at) => Some(sent_package::<J>(&parts.swap_remove(at).bytes, &stored, &files)?),
        None => None,
    };
    Ok(Imported { stored, files, sent })
}

/// The longest 业务流水号 a file may carry (the receiver's are 16 characters).
const MAX_RECEIPT_CHARS: usize = 40;

/// `package.json` of an export, checked against the draft beside it: the same form, a package
/// id as the protocol makes them, a plain 业务流水号, and every file it lists in the export.
fn sent_package<J: JsonCodec>(
    bytes: &[u8],
    stored: &StoredDraft,
    files: &[(AttachedFile, Vec<u8>)],
) -> Result<ExportedPackageV1, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "申报包内容不是有效的文本".to_string())?;
    let sent: ExportedPackageV1 = J::from_text(text).map_err(|e| format!("申报包内容无法读取：{e}"))?;
    let manifest = &sent.manifest;
    let plain_receipt =
        sent.receipt.len() <= MAX_RECEIPT_CHARS && sent.receipt.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if manifest.form_id != stored.meta.form_id || !is_uuid_v4(&manifest.package_id) || !plain_receipt {
        return Err("申报包内容与清单不一致（文件已损坏或被改动）".into());
    }
    for file in &manifest.attachments {
        let here = files.iter().any(|(f, _)| f.sha256 == file.sha256 && f.size == file.size);
        if !here {
            return Err(format!("文件中缺少申报包的附件「{}」（文件不完整）", file.name));
        }
    }
    Ok(sent)
}

/// JSON by serde_json, for native hosts and tests.
pub struct SerdeJson;

impl JsonCodec for SerdeJson {
    fn to_text<T: Serialize>(value: &T) -> Result<String, String> {
        serde_json::to_string(value).map_err(|e| e.to_string())
    }

    fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

/// Export files with serde_json.
pub struct SerdeJsonArchive;

impl Archive for SerdeJsonArchive {
    fn pack(
        &self,
        stored: StoredDraft,
        sent: Option<ExportedPackageV1>,
        contents: Vec<(AttachedFile, Vec<u8>)>,
    ) -> LocalFuture<Result<Vec<u8>, String>> {
        Box::pin(std::future::ready(pack::<SerdeJson>(&stored, sent.as_ref(), contents)))
    }

    fn unpack(&self, bytes: Vec<u8>) -> LocalFuture<Result<Imported, String>> {
        Box::pin(std::future::ready(unpack::<SerdeJson>(&bytes)))
    }
}
