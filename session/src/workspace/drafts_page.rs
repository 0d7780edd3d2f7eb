//! The 草稿箱's commands: 新建, 打开, 重命名, 复制, 导出, 导入, 删除 (undoable, and restorable from
//! 最近删除 for seven days), 永久删除; and the lists it shows.

use zhicheng_engine::{DraftMetaV1, ExportedPackageV1};

use super::Workspace;
use crate::housekeeping::remove_unused_files;
use crate::portable::{self, referenced_files};
use crate::ports::drafts::{EntryChange, StoreError, StoredDraft};

/// Why a submitted declaration's draft stays until its package is returned or withdrawn.
pub const SUBMITTED_CANNOT_BE_DELETED: &str = "这份申报已经提交，不能删除。如需修改，请先在「已提交的申报」中撤回。";

/// What the applicant asked of the 草稿箱.
#[derive(Clone, Debug)]
pub enum DraftsCommand {
    Create,
    Open(String),
    Rename(String, Option<String>),
    Copy(String),
    /// Moves a draft to 最近删除; the outcome offers 撤销.
    Delete(String),
    Restore(String),
    Purge(String),
    Export(String),
    /// An export file's bytes.
    Import(Vec<u8>),
}

/// What a command did that the 草稿箱 shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Done {
    /// A message worth showing (「已导入草稿…」).
    pub message: Option<String>,
    /// The draft just deleted, for 撤销.
    pub deleted: Option<DraftMetaV1>,
    /// A file for the host to offer as a download.
    pub download: Option<ExportFile>,
}

/// A file to hand to the applicant.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportFile {
    pub name: String,
    pub media_type: &'static str,
    pub bytes: Vec<u8>,
}

/// This form's drafts: those in use, most recently saved first, and those in 最近删除, most
/// recently deleted first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DraftLists {
    pub active: Vec<DraftMetaV1>,
    pub deleted: Vec<DraftMetaV1>,
}

impl Workspace {
    /// Carries out a 草稿箱 command; the error says what went wrong, in the applicant's terms.
    pub async fn run(&self, command: DraftsCommand) -> Result<Done, String> {
        let drafts = &self.0.ports.drafts;
        let failed = |e: StoreError| format!("操作未完成：{}。", e.message());
        let mut done = Done::default();
        match command {
            DraftsCommand::Export(id) => {
                let stored = drafts.load(&id).await.map_err(|e| format!("导出失败：{}。", e.message()))?;
                done.download = Some(self.export(&stored).await.map_err(|e| format!("导出失败：{e}。"))?);
            }
            DraftsCommand::Import(bytes) => {
                let name = self.import(bytes).await.map_err(|e| format!("导入失败：{e}。已有的草稿没有任何改动。"))?;
                done.message = Some(format!("已导入草稿「{name}」。"));
            }
            DraftsCommand::Create => self.create().await.map_err(failed)?,
            DraftsCommand::Open(id) => self.open(&id).await.map_err(failed)?,
            DraftsCommand::Rename(id, name) => {
                drop(drafts.change_entry(&id, EntryChange::Rename(name)).await.map_err(failed)?)
            }
            DraftsCommand::Copy(id) => self.copy(&id).await.map_err(failed)?,
            DraftsCommand::Delete(id) => {
                if self.0.submissions.holds(&id) {
                    return Err(SUBMITTED_CANNOT_BE_DELETED.into());
                }
                let now = self.0.ports.host.now_ms();
                done.deleted = Some(drafts.change_entry(&id, EntryChange::Delete(now)).await.map_err(failed)?);
            }
            DraftsCommand::Restore(id) => drop(drafts.change_entry(&id, EntryChange::Restore).await.map_err(failed)?),
            DraftsCommand::Purge(id) => self.purge(&id).await.map_err(failed)?,
        }
        Ok(done)
    }

    /// This form's drafts as the 草稿箱 lists them.
    pub async fn lists(&self) -> Result<DraftLists, StoreError> {
        Ok(self.sort(self.0.ports.drafts.list().await?))
    }

    pub(super) fn sort(&self, list: Vec<DraftMetaV1>) -> DraftLists {
        let (mut deleted, mut active): (Vec<_>, Vec<_>) =
            list.into_iter().filter(|d| d.form_id == self.0.schema.id).partition(|d| d.deleted_at.is_some());
        active.sort_unstable_by(|a, b| b.saved_at.cmp(&a.saved_at).then_with(|| a.id.cmp(&b.id)));
        deleted.sort_unstable_by(|a, b| b.deleted_at.cmp(&a.deleted_at).then_with(|| a.id.cmp(&b.id)));
        DraftLists { active, deleted }
    }

    async fn copy(&self, id: &str) -> Result<(), StoreError> {
        let ports = &self.0.ports;
        let mut copy = ports.drafts.load(id).await?.renamed_copy(ports.host.new_id(), "（副本）");
        copy.meta.created_at = ports.host.now_ms();
        copy.meta.saved_at = copy.meta.created_at;
        copy.meta.writer = ports.host.page_id();
        copy.meta.revision = 1;
        ports.drafts.insert_new(copy).await
    }

    /// Purges a draft for good, with the files nothing else uses.
    async fn purge(&self, id: &str) -> Result<(), StoreError> {
        let ports = &self.0.ports;
        ports.drafts.purge(id).await?;
        let _ = ports.files.remove_sealed(id).await;
        remove_unused_files(ports).await;
        Ok(())
    }

    /// A stored draft, with its attached files, as a portable file. A locked draft (open here,
    /// so unsealed) exports plain: the file is the applicant's own copy.
    pub async fn export(&self, stored: &StoredDraft) -> Result<ExportFile, String> {
        let ports = &self.0.ports;
        let files = crate::draft_files::DraftFiles::new(ports.files.clone(), ports.keyring.clone(), &stored.meta.id);
        let mut contents = Vec::new();
        for file in referenced_files(stored) {
            let bytes = files.bytes(&file).await.map_err(|e| format!("附件「{}」：{}", file.name, e.message()))?;
            contents.push((file, bytes));
        }
        let mut plain = stored.clone();
        plain.meta.lock = None;
        let name = portable::file_name(&plain, None);
        let bytes = ports.archive.pack(plain, None, contents).await?;
        Ok(ExportFile { name, media_type: portable::MEDIA_TYPE, bytes })
    }

    /// 导出申报包: a sent declaration as a portable file — the package exactly as it was sent with
    /// its 业务流水号 and files, and the draft it was made from — for a unit that reviews it from
    /// the file (单位审核's 从文件打开), and for the applicant's keeping (导入草稿 restores it).
    pub async fn export_sent(&self, package_id: &str) -> Result<ExportFile, String> {
        let entries = self.0.submissions.entries().get();
        let entry = entries.iter().find(|e| e.package_id == package_id).ok_or("没有这份申报")?;
        let stored = self.draft_as_sent(entry)?;
        let ports = &self.0.ports;
        let files = crate::draft_files::DraftFiles::new(ports.files.clone(), ports.keyring.clone(), &entry.draft_id);
        let mut contents = Vec::new();
        for file in referenced_files(&stored) {
            let bytes =
                files.bytes(&file).await.map_err(|_| format!("附件「{}」已不在本机，无法导出申报包", file.name))?;
            contents.push((file, bytes));
        }
        let receipt = entry.receipt.clone().unwrap_or_default();
        let sent = ExportedPackageV1 { receipt, manifest: entry.manifest.clone() };
        let name = portable::file_name(&stored, Some(&sent));
        let bytes = ports.archive.pack(stored, Some(sent), contents).await?;
        Ok(ExportFile { name, media_type: portable::MEDIA_TYPE, bytes })
    }

    /// Stores a draft from an export file and returns its name. Everything is checked before
    /// anything is stored; a draft already here under the same id is kept, and the import is
    /// stored beside it as a copy.
    pub async fn import(&self, bytes: Vec<u8>) -> Result<String, String> {
        let ports = &self.0.ports;
        let imported = ports.archive.unpack(bytes).await?;
        let mut stored = imported.stored;
        if stored.meta.form_id != self.0.schema.id {
            return Err(format!("这份草稿属于另一张申报表（{}），请在对应的申报系统中导入", stored.meta.form_id));
        }
        let taken = ports.drafts.list().await.map_err(|e| e.message())?.iter().any(|d| d.id == stored.meta.id);
        stored.meta.deleted_at = None;
        if taken {
            stored = stored.renamed_copy(ports.host.new_id(), "（导入）");
        }
        let name = stored.meta.display_name();
        // Files first: a file already stored is left as it is (same hash, same bytes), so a
        // failed import leaves at most unused files, never a draft missing its files.
        for (file, bytes) in imported.files {
            ports.files.put(file, bytes).await.map_err(|e| e.message())?;
        }
        ports.drafts.insert_new(stored).await.map_err(|e| e.message())?;
        Ok(name)
    }
}
