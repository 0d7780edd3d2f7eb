//! A stored draft with its attached files as one portable file and back (format in
//! `engine/src/export.rs`, documented in the README). Importing checks everything before
//! anything is stored. The JSON codec is the host's choice (`JsonCodec`): the browser uses its
//! own parser, native hosts and tests use serde_json (`SerdeJsonArchive`).

use serde::de::DeserializeOwned;
use serde::Serialize;
use zhicheng_engine::export::{self, Part};
use zhicheng_engine::stored::export::DRAFT_PATH;
use zhicheng_engine::{attachments, AttachedFile, ExportManifestV1, ExportedDraftV1};

use crate::ports::archive::{Archive, Imported};
use crate::ports::drafts::StoredDraft;

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
/// order. The same stored draft always gives the same bytes.
pub fn pack<J: JsonCodec>(stored: &StoredDraft, contents: Vec<(AttachedFile, Vec<u8>)>) -> Result<Vec<u8>, String> {
    let exported = ExportedDraftV1 { meta: stored.meta.clone(), draft: stored.draft.clone() };
    let draft_json = J::to_text(&exported)?;
    let mut parts = vec![Part {
        path: DRAFT_PATH.to_string(),
        media_type: "application/json".to_string(),
        bytes: draft_json.into_bytes(),
    }];
    parts.extend(contents.into_iter().map(|(file, bytes)| Part {
        path: export::file_path(&file.sha256),
        media_type: file.media_type,
        bytes,
    }));
    let manifest = J::to_text(&export::manifest(&stored.meta, &parts))?;
    Ok(export::pack(&manifest, parts))
}

/// A file name for the export: the draft's name without characters file systems refuse.
pub fn file_name(stored: &StoredDraft) -> String {
    let refused = |c: char| matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control();
    let name: String = stored.meta.display_name().chars().map(|c| if refused(c) { '_' } else { c }).collect();
    format!("职称申报草稿-{name}.zip")
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
    Ok(Imported { stored, files })
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
    fn pack(&self, stored: &StoredDraft, contents: Vec<(AttachedFile, Vec<u8>)>) -> Result<Vec<u8>, String> {
        pack::<SerdeJson>(stored, contents)
    }

    fn unpack(&self, bytes: &[u8]) -> Result<Imported, String> {
        unpack::<SerdeJson>(bytes)
    }
}
