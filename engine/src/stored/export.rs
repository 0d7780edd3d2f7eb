//! The portable export of a draft, format `zhicheng.export` version 1, as written: the ZIP's
//! `manifest.json` (every other part with its media type, size and SHA-256), `draft.json` (the
//! draft and its 草稿箱 entry) and every attached file once as `files/<its SHA-256>`; the export of
//! a declaration as it was sent (我的事项's 导出申报包) also holds `package.json`. Assembling and
//! checking the archive is `crate::export`.

use serde::{Deserialize, Serialize};

use crate::stored::draft::DraftV1;
use crate::stored::draft_meta::DraftMetaV1;
use crate::stored::package::PackageManifestV1;

pub const EXPORT_FORMAT: &str = "zhicheng.export";
pub const MANIFEST_PATH: &str = "manifest.json";
pub const DRAFT_PATH: &str = "draft.json";
/// The package as sent, in the export of a sent declaration only.
pub const PACKAGE_PATH: &str = "package.json";
/// The folder of attached files, each named by its SHA-256.
pub const FILES_DIR: &str = "files/";

/// `manifest.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportManifestV1 {
    pub format: String,
    pub format_version: u32,
    pub form_id: String,
    pub schema_version: u32,
    pub draft_id: String,
    pub draft_name: String,
    /// When the draft was last saved (ms since the epoch); the export itself carries no clock,
    /// so exporting the same draft twice gives the same bytes.
    pub saved_at: u64,
    pub parts: Vec<ExportPartV1>,
}

/// One part of the archive besides the manifest.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportPartV1 {
    pub path: String,
    pub media_type: String,
    pub size: u64,
    /// Lower-case hex.
    pub sha256: String,
}

/// `draft.json`: the draft exactly as stored, with its 草稿箱 entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportedDraftV1 {
    pub meta: DraftMetaV1,
    pub draft: DraftV1,
}

/// `package.json`: a declaration exactly as it was sent and the 业务流水号 the receiver gave it, so
/// that the unit can review it from the file (单位审核's 从文件打开, or a portal handing the file
/// to the widget) where it cannot read it from the receiver. Its files are the export's `files/`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportedPackageV1 {
    /// The receiver's 业务流水号; empty when the package had none yet.
    #[serde(default)]
    pub receipt: String,
    pub manifest: PackageManifestV1,
}
