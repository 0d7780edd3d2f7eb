//! The submission package's manifest, format `zhicheng.package` version 1 (protocol/README.md §1,
//! protocol/manifest.schema.json): what a finished declaration leaves the browser with, and the
//! field problems a receiver's refusal lists. Building a manifest is `crate::package`.

use serde::{Deserialize, Serialize};

use crate::stored::attached::AttachedFile;
use crate::value::Answers;

pub const PACKAGE_FORMAT: &str = "zhicheng.package";
pub const PACKAGE_FORMAT_VERSION: u32 = 1;

/// The manifest of a package.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackageManifestV1 {
    pub format: String,
    pub format_version: u32,
    /// UUID v4, lowercase; also the idempotency key.
    pub package_id: String,
    pub form_id: String,
    pub schema_version: u32,
    pub client_version: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub submitted_at: String,
    pub applicant: Applicant,
    pub answers: Answers,
    pub attachments: Vec<PackagedFile>,
    pub reports: Vec<PackagedReport>,
    /// For a decision on another package (a form with `settings.decides`): that package's id.
    /// Absent from every other manifest, so theirs read and hash as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refers_to: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    pub name: String,
    pub id_number: String,
}

/// One attached file as listed in a package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackagedFile {
    /// The checklist item the file is attached to.
    pub material: String,
    pub name: String,
    pub media_type: String,
    pub size: u64,
    pub sha256: String,
    #[serde(default)]
    pub pages: Option<u32>,
}

/// A report rendered for the package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackagedReport {
    pub id: String,
    pub title: String,
    pub fingerprint: String,
    #[serde(default)]
    pub printed_at: Option<String>,
}

/// One problem with a manifest, at a JSON path, in words for whoever sent it (the `fields` of a
/// receiver's refusal).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub path: String,
    pub message: String,
}

impl PackagedFile {
    /// A file attached to `material`, as a package lists it.
    pub fn of(material: &str, file: &AttachedFile) -> PackagedFile {
        PackagedFile {
            material: material.to_string(),
            name: file.name.clone(),
            media_type: file.media_type.clone(),
            size: file.size,
            sha256: file.sha256.clone(),
            pages: file.pages,
        }
    }

    /// The attached file a package lists (a receiver rebuilding the declaration).
    pub fn attached(&self) -> AttachedFile {
        AttachedFile {
            sha256: self.sha256.clone(),
            name: self.name.clone(),
            media_type: self.media_type.clone(),
            size: self.size,
            pages: self.pages,
        }
    }
}
