//! Export files: a stored draft with its attached files as one portable file and back. The
//! format and every check are the session's (`portable`); a host only chooses the JSON codec
//! (the browser uses its own `JSON.parse`, so no JSON parser is compiled into the bundle).

use zhicheng_engine::{AttachedFile, ExportedPackageV1};

use super::drafts::StoredDraft;
use super::LocalFuture;

/// An export read back: the draft, and the content of every file it refers to.
pub struct Imported {
    pub stored: StoredDraft,
    pub files: Vec<(AttachedFile, Vec<u8>)>,
    /// The package as it was sent, in the export of a sent declaration (导出申报包).
    pub sent: Option<ExportedPackageV1>,
}

/// Asynchronous, so that a host can fetch the code first (the browser's release build loads it on
/// demand).
pub trait Archive {
    /// The export file's bytes for `stored` (with the package as it was sent, when `sent`),
    /// given the content of every file it refers to in the order of `portable::referenced_files`.
    fn pack(
        &self,
        stored: StoredDraft,
        sent: Option<ExportedPackageV1>,
        contents: Vec<(AttachedFile, Vec<u8>)>,
    ) -> LocalFuture<Result<Vec<u8>, String>>;
    /// Reads an export file, refusing anything damaged, altered or of another format.
    fn unpack(&self, bytes: Vec<u8>) -> LocalFuture<Result<Imported, String>>;
}
