//! A package as it was sent, opened to read: its answers and files as a draft that cannot change
//! (查看 in 已提交的申报 shows what the receiver got, even after a 退回 made the draft editable).

use std::collections::BTreeMap;

use zhicheng_engine::stored::draft::DRAFT_FORMAT;
use zhicheng_engine::{Attachments, DraftV1, PackageManifestV1, Position};

/// The draft a package was built from, as far as the package tells: the answers it submitted and
/// its files by material, finished, on 核对信息.
pub fn draft_of(manifest: &PackageManifestV1) -> DraftV1 {
    let mut attachments = Attachments::new();
    for file in &manifest.attachments {
        attachments.entry(file.material.clone()).or_default().push(file.attached());
    }
    DraftV1 {
        format: DRAFT_FORMAT.to_string(),
        format_version: 1,
        form_id: manifest.form_id.clone(),
        schema_version: manifest.schema_version,
        answers: manifest.answers.clone(),
        touched: Vec::new(),
        revealed_steps: Vec::new(),
        visited_steps: Vec::new(),
        position: Position::Review,
        // Restoring raises this past every row id in the answers.
        next_row_id: 1,
        finished: true,
        set_aside: Vec::new(),
        attachments,
        printed: BTreeMap::new(),
    }
}
