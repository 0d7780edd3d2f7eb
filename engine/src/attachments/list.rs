//! The list of files attached to each material, in the applicant's order: attach, remove,
//! reorder, and every file referred to. The stored shape is `stored::attached`.

use crate::stored::attached::{AttachedFile, Attachments};

/// Adds `file` at the end of `material`'s list; the same content twice in one material is refused.
pub fn attach(all: &mut Attachments, material: &str, file: AttachedFile) -> Result<(), String> {
    let files = all.entry(material.to_string()).or_default();
    if let Some(same) = files.iter().find(|f| f.sha256 == file.sha256) {
        return Err(format!("「{}」与已上传的「{}」内容相同，无需重复上传。", file.name, same.name));
    }
    files.push(file);
    Ok(())
}

/// Removes the file with this content from `material`'s list.
pub fn detach(all: &mut Attachments, material: &str, sha256: &str) -> Result<(), String> {
    let files = all.get_mut(material).ok_or("此项还没有上传文件。")?;
    let before = files.len();
    files.retain(|f| f.sha256 != sha256);
    if files.len() == before {
        return Err("该文件已被移除。".into());
    }
    if files.is_empty() {
        all.remove(material);
    }
    Ok(())
}

/// Moves a file up (negative) or down (positive) within its material's list.
pub fn move_file(all: &mut Attachments, material: &str, sha256: &str, offset: i32) -> Result<(), String> {
    let files = all.get_mut(material).ok_or("此项还没有上传文件。")?;
    let from = files.iter().position(|f| f.sha256 == sha256).ok_or("该文件已被移除。")?;
    let to = (from as i64 + i64::from(offset)).clamp(0, files.len() as i64 - 1) as usize;
    let moved = files.remove(from);
    files.insert(to, moved);
    Ok(())
}

/// Every file hash the attachments refer to, for export and for the shared file store.
pub fn referenced(all: &Attachments) -> impl Iterator<Item = &AttachedFile> {
    all.values().flatten()
}
