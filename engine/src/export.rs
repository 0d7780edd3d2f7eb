//! The portable export of a draft (format `zhicheng.export`, version 1, `stored::export`): a ZIP
//! archive (`archive.rs`) holding `manifest.json`, which lists every other part with its media
//! type, size and SHA-256; `draft.json`, the draft and its 草稿箱 entry; and every attached file
//! once, as `files/<its SHA-256>`. JSON text is made and read by the caller (the browser uses its
//! own parser), so this module only assembles and checks bytes.

use thiserror::Error;

use crate::archive;
use crate::hex::sha256_hex;
use crate::stored::draft_meta::DraftMetaV1;
use crate::stored::export::{ExportManifestV1, ExportPartV1, DRAFT_PATH, EXPORT_FORMAT, FILES_DIR, MANIFEST_PATH};

pub use crate::archive::{ArchiveError, Entry};

/// Why a file is not an export this program imports.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ExportError {
    #[error(transparent)]
    Archive(#[from] ArchiveError),
    #[error("文件中缺少清单 manifest.json，不是本系统导出的草稿")]
    NoManifest,
    #[error("清单 manifest.json 不是有效的文本")]
    ManifestNotText,
    #[error("不是本系统导出的草稿（格式标记为「{0}」）")]
    OtherFormat(String),
    #[error("导出格式版本 {0} 不受支持（本程序支持版本 1），请使用最新版本打开")]
    UnsupportedVersion(u32),
    #[error("文件中有清单未列出的「{0}」（文件已损坏或被改动）")]
    Unlisted(String),
    #[error("文件中缺少「{0}」（文件不完整）")]
    Missing(String),
    #[error("「{0}」与清单记录的大小或 SHA-256 不符（文件已损坏或被改动）")]
    Altered(String),
    #[error("文件中缺少草稿内容 draft.json")]
    NoDraft,
}

/// Where an attached file sits in the archive: named by its content hash, so each is stored once.
pub fn file_path(sha256: &str) -> String {
    format!("{FILES_DIR}{sha256}")
}

/// A part to put in an export: path, media type, bytes.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub path: String,
    pub media_type: String,
    pub bytes: Vec<u8>,
}

/// The manifest describing `parts` of the draft `meta`.
pub fn manifest(meta: &DraftMetaV1, parts: &[Part]) -> ExportManifestV1 {
    ExportManifestV1 {
        format: EXPORT_FORMAT.to_string(),
        format_version: 1,
        form_id: meta.form_id.clone(),
        schema_version: meta.schema_version,
        draft_id: meta.id.clone(),
        draft_name: meta.display_name(),
        saved_at: meta.saved_at,
        parts: parts
            .iter()
            .map(|p| ExportPartV1 {
                path: p.path.clone(),
                media_type: p.media_type.clone(),
                size: p.bytes.len() as u64,
                sha256: sha256_hex(&p.bytes),
            })
            .collect(),
    }
}

/// The archive: the manifest's JSON text first, then every part in order.
pub fn pack(manifest_json: &str, parts: Vec<Part>) -> Vec<u8> {
    let mut entries = vec![Entry { path: MANIFEST_PATH.to_string(), bytes: manifest_json.as_bytes().to_vec() }];
    entries.extend(parts.into_iter().map(|p| Entry { path: p.path, bytes: p.bytes }));
    archive::write(&entries)
}

/// An archive opened and structurally checked: the manifest's text and the other entries.
pub struct Unpacked {
    pub manifest_json: String,
    pub entries: Vec<Entry>,
}

/// Opens an export, before its manifest is decoded.
pub fn unpack(bytes: &[u8]) -> Result<Unpacked, ExportError> {
    let mut entries = archive::read(bytes)?;
    let at = entries.iter().position(|e| e.path == MANIFEST_PATH).ok_or(ExportError::NoManifest)?;
    let manifest = entries.remove(at);
    let manifest_json = String::from_utf8(manifest.bytes).map_err(|_| ExportError::ManifestNotText)?;
    Ok(Unpacked { manifest_json, entries })
}

/// Checks the decoded manifest against the archive: the format and version, and every part
/// present exactly once with its size and SHA-256, with nothing unlisted. Returns the parts.
pub fn verify(manifest: &ExportManifestV1, entries: Vec<Entry>) -> Result<Vec<Part>, ExportError> {
    if manifest.format != EXPORT_FORMAT {
        return Err(ExportError::OtherFormat(manifest.format.clone()));
    }
    if manifest.format_version != 1 {
        return Err(ExportError::UnsupportedVersion(manifest.format_version));
    }
    if let Some(extra) = entries.iter().find(|e| !manifest.parts.iter().any(|p| p.path == e.path)) {
        return Err(ExportError::Unlisted(extra.path.clone()));
    }
    let mut parts = Vec::with_capacity(manifest.parts.len());
    let mut entries = entries;
    for listed in &manifest.parts {
        let at = entries
            .iter()
            .position(|e| e.path == listed.path)
            .ok_or_else(|| ExportError::Missing(listed.path.clone()))?;
        let entry = entries.swap_remove(at);
        let named_for = listed.path.strip_prefix(FILES_DIR).is_none_or(|hash| hash == listed.sha256);
        if entry.bytes.len() as u64 != listed.size || !named_for || sha256_hex(&entry.bytes) != listed.sha256 {
            return Err(ExportError::Altered(listed.path.clone()));
        }
        parts.push(Part { path: entry.path, media_type: listed.media_type.clone(), bytes: entry.bytes });
    }
    if !parts.iter().any(|p| p.path == DRAFT_PATH) {
        return Err(ExportError::NoDraft);
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts() -> Vec<Part> {
        vec![
            Part { path: DRAFT_PATH.into(), media_type: "application/json".into(), bytes: br#"{"draft":1}"#.to_vec() },
            Part {
                path: file_path(&sha256_hex(b"%PDF-1.7 ...")),
                media_type: "application/pdf".into(),
                bytes: b"%PDF-1.7 ...".to_vec(),
            },
        ]
    }

    fn manifest_for(parts: &[Part]) -> ExportManifestV1 {
        ExportManifestV1 {
            format: EXPORT_FORMAT.into(),
            format_version: 1,
            form_id: "f".into(),
            schema_version: 1,
            draft_id: "d".into(),
            draft_name: "张三".into(),
            saved_at: 0,
            parts: parts
                .iter()
                .map(|p| ExportPartV1 {
                    path: p.path.clone(),
                    media_type: p.media_type.clone(),
                    size: p.bytes.len() as u64,
                    sha256: sha256_hex(&p.bytes),
                })
                .collect(),
        }
    }

    #[test]
    fn an_untouched_export_verifies_and_returns_its_parts() {
        let manifest = manifest_for(&parts());
        let unpacked = unpack(&pack("{}", parts())).unwrap();
        assert_eq!(unpacked.manifest_json, "{}");
        assert_eq!(verify(&manifest, unpacked.entries).unwrap(), parts());
    }

    #[test]
    fn altered_missing_or_extra_parts_and_other_formats_are_refused() {
        let good = manifest_for(&parts());
        let mut altered = parts();
        altered[1].bytes[3] ^= 1;
        let mut missing = parts();
        missing.pop();
        let mut extra = parts();
        extra.push(Part { path: "files/unlisted".into(), media_type: "x".into(), bytes: vec![1] });
        // A file under another file's name: its own hash is right, but it is not what the draft
        // refers to.
        let mut misnamed_parts = parts();
        misnamed_parts[1].path = file_path(&sha256_hex(b"another file"));
        let misnamed = manifest_for(&misnamed_parts);
        let mut other_format = good.clone();
        other_format.format = "something.else".into();
        let mut newer = good.clone();
        newer.format_version = 2;
        let cases: Vec<(ExportManifestV1, Vec<Part>, &str)> = vec![
            (good.clone(), altered, "SHA-256 不符"),
            (good.clone(), missing, "缺少「files/"),
            (misnamed, misnamed_parts, "SHA-256 不符"),
            (good.clone(), extra, "清单未列出"),
            (other_format, parts(), "不是本系统导出的草稿"),
            (newer, parts(), "版本 2 不受支持"),
        ];
        for (manifest, parts, expected) in cases {
            let unpacked = unpack(&pack("{}", parts)).unwrap();
            let error = verify(&manifest, unpacked.entries).unwrap_err().to_string();
            assert!(error.contains(expected), "{error} should mention {expected}");
        }
    }
}
