//! A stored draft as one portable file and back (format in `engine/src/export.rs`; JSON made and
//! read by the browser's own parser). Importing checks everything before anything is stored.

use zhicheng_engine::export::{self, ExportedDraftV1, ManifestV1, Part, DRAFT_PATH};

use super::StoredDraft;
use crate::browser::json;

pub const MEDIA_TYPE: &str = "application/zip";

/// The export file's bytes. The same stored draft always gives the same bytes.
pub fn export(stored: &StoredDraft) -> Result<Vec<u8>, String> {
    let exported = ExportedDraftV1 { meta: stored.meta.clone(), draft: stored.draft.clone() };
    let draft_json = json::stringify(&exported)?;
    let parts = vec![Part { path: DRAFT_PATH.to_string(), media_type: "application/json".to_string(), bytes: draft_json.into_bytes() }];
    let manifest = json::stringify(&export::manifest(&stored.meta, &parts))?;
    Ok(export::pack(&manifest, parts))
}

/// A file name for the export: the draft's name without characters file systems refuse.
pub fn file_name(stored: &StoredDraft) -> String {
    let name: String = stored
        .meta
        .display_name()
        .chars()
        .map(|c| if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() { '_' } else { c })
        .collect();
    format!("职称申报草稿-{name}.zip")
}

/// Reads an export file, refusing anything damaged, altered or of another format.
pub fn import(bytes: &[u8]) -> Result<StoredDraft, String> {
    let unpacked = export::unpack(bytes)?;
    let manifest: ManifestV1 = json::parse(&unpacked.manifest_json).map_err(|e| format!("清单 manifest.json 无法读取：{e}"))?;
    let parts = export::verify(&manifest, unpacked.entries)?;
    let draft_part = parts.iter().find(|p| p.path == DRAFT_PATH).ok_or("文件中缺少草稿内容 draft.json")?;
    let text = std::str::from_utf8(&draft_part.bytes).map_err(|_| "草稿内容不是有效的文本".to_string())?;
    let exported: ExportedDraftV1 = json::parse(text).map_err(|e| format!("草稿内容无法读取：{e}"))?;
    exported.draft.check_header()?;
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
    Ok(StoredDraft { meta: exported.meta, draft: exported.draft })
}
