//! The list of files attached to each material, in the applicant's order: attach, remove,
//! reorder, and every file referred to. The stored shape is `stored::attached`.

use thiserror::Error;

use crate::stored::attached::{AttachedFile, Attachments};

/// Why a change to a material's files was refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum AttachmentError {
    #[error("「{name}」与已上传的「{same}」内容相同，无需重复上传。")]
    SameContent { name: String, same: String },
    #[error("此项还没有上传文件。")]
    NoFiles,
    #[error("该文件已被移除。")]
    AlreadyRemoved,
}

/// Adds `file` at the end of `material`'s list; the same content twice in one material is refused.
pub fn attach(all: &mut Attachments, material: &str, file: AttachedFile) -> Result<(), AttachmentError> {
    let files = all.entry(material.to_string()).or_default();
    if let Some(same) = files.iter().find(|f| f.sha256 == file.sha256) {
        return Err(AttachmentError::SameContent { name: file.name, same: same.name.clone() });
    }
    files.push(file);
    Ok(())
}

/// Removes the file with this content from `material`'s list.
pub fn detach(all: &mut Attachments, material: &str, sha256: &str) -> Result<(), AttachmentError> {
    let files = all.get_mut(material).ok_or(AttachmentError::NoFiles)?;
    let before = files.len();
    files.retain(|f| f.sha256 != sha256);
    if files.len() == before {
        return Err(AttachmentError::AlreadyRemoved);
    }
    if files.is_empty() {
        all.remove(material);
    }
    Ok(())
}

/// Moves a file up (negative) or down (positive) within its material's list.
pub fn move_file(all: &mut Attachments, material: &str, sha256: &str, offset: i32) -> Result<(), AttachmentError> {
    let files = all.get_mut(material).ok_or(AttachmentError::NoFiles)?;
    let from = files.iter().position(|f| f.sha256 == sha256).ok_or(AttachmentError::AlreadyRemoved)?;
    let to = (from as i64 + i64::from(offset)).clamp(0, files.len() as i64 - 1) as usize;
    let moved = files.remove(from);
    files.insert(to, moved);
    Ok(())
}

/// Every file hash the attachments refer to, for export and for the shared file store.
pub fn referenced(all: &Attachments) -> impl Iterator<Item = &AttachedFile> {
    all.values().flatten()
}
