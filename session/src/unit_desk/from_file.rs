//! A declaration the unit reviews from a file rather than from the receiver: the applicant's
//! 导出申报包 file, chosen with 从文件打开 or handed over by the portal (the widget's
//! `reviewPackage`). The file itself is kept with the decision draft, in its attachments under
//! [`SUBJECT_FILES`], which no material of a form uses (so packaging the decision leaves it out):
//! the declaration stays beside the decision after a reload, offline, and in the decision's own
//! backup, and it is read and checked again each time it is shown.

use zhicheng_engine::hex::sha256_hex;
use zhicheng_engine::stored::attached::Attachments;
use zhicheng_engine::{AttachedFile, ExportedPackageV1};

use super::{decision_answers, decision_draft_id, DeskUnit, Reported};
use crate::portable::MEDIA_TYPE;
use crate::ports::Ports;
use crate::Workspace;

/// Where a decision draft keeps the package file it was opened from.
pub const SUBJECT_FILES: &str = "~subject";

/// The largest package file the unit opens: a thousand files of at most 10 MB cannot all be in
/// one declaration, and the whole file is read into memory to be checked.
pub const MAX_PACKAGE_FILE_BYTES: usize = 256 * 1024 * 1024;

/// A declaration read from its package file: the package as sent, and its files' content.
pub struct Subject {
    pub sent: ExportedPackageV1,
    pub files: Vec<(AttachedFile, Vec<u8>)>,
}

/// Opens the decision on the declaration in a package file: it must be a sent declaration of
/// the form this one decides; the file is stored, and the decision draft for that declaration
/// (the same one as from the receiver) opens, or is made with the answers a decision copies and
/// the unit's name and code when the tab holds the unit's key.
pub async fn open_from_file(workspace: &Workspace, bytes: Vec<u8>, unit: Option<&DeskUnit>) -> Result<(), String> {
    let (ports, schema) = (workspace.ports(), workspace.schema().clone());
    let decides = schema.settings.decides.as_ref().ok_or("这张表单不是审核表，不能打开申报包")?;
    let sent = read(ports, bytes.clone()).await?.sent;
    let manifest = &sent.manifest;
    if manifest.form_id != decides.form {
        return Err(format!("这份申报包属于另一张申报表（{}），不是本表审核的申报", manifest.form_id));
    }
    if sent.receipt.is_empty() {
        return Err("这份申报包没有业务流水号（尚未被受理），请申报人提交成功后再导出".into());
    }
    let listed = Reported {
        package_id: manifest.package_id.clone(),
        receipt: sent.receipt.clone(),
        form_id: manifest.form_id.clone(),
        applicant: manifest.applicant.name.clone(),
        status: None,
        stage: None,
        received_at: String::new(),
    };
    let nobody = DeskUnit { code: String::new(), name: String::new() };
    let answers = decision_answers(&schema, decides, &listed, manifest, unit.unwrap_or(&nobody));
    let file = AttachedFile {
        sha256: sha256_hex(&bytes),
        name: format!("申报包-{}.zip", sent.receipt),
        media_type: MEDIA_TYPE.to_string(),
        size: bytes.len() as u64,
        pages: None,
    };
    ports.files.put(file.clone(), bytes).await.map_err(|e| format!("申报包未能保存到本机：{}", e.message()))?;
    workspace
        .open_or_create_prefilled(&decision_draft_id(&listed.package_id), answers, Some((SUBJECT_FILES, file)))
        .await
}

/// The declaration kept with a decision draft opened from a file, read again from the kept file;
/// `None` when the draft was opened from the receiver.
pub async fn kept_subject(ports: &Ports, attachments: &Attachments) -> Option<Result<Subject, String>> {
    let file = attachments.get(SUBJECT_FILES)?.first()?.clone();
    let bytes = match ports.files.bytes(&file.sha256).await {
        Ok(bytes) => bytes,
        Err(e) => return Some(Err(format!("申报包文件已不在本机（{}），请重新从文件打开", e.message()))),
    };
    Some(read(ports, bytes).await)
}

/// A package file, checked whole: an export of a sent declaration.
async fn read(ports: &Ports, bytes: Vec<u8>) -> Result<Subject, String> {
    if bytes.len() > MAX_PACKAGE_FILE_BYTES {
        return Err(format!("文件超过 {} MB，不是本系统导出的申报包", MAX_PACKAGE_FILE_BYTES >> 20));
    }
    let imported = ports.archive.unpack(bytes).await?;
    let sent = imported
        .sent
        .ok_or("这是草稿备份文件，不是申报包：请申报人在「我的事项」中对已提交的申报选择「导出申报包」")?;
    Ok(Subject { sent, files: imported.files })
}
