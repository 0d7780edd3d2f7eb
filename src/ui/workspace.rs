//! The applicant's workspace: opens the draft store, brings in drafts of the first version, and
//! switches between the 草稿箱 and the form. A reload returns to the same draft (`?draft=…`).

use std::sync::Arc;

use leptos::prelude::*;
use zhicheng_engine::{DraftMetaV1, FormSchema, FormState};

use crate::browser::clock;
use crate::browser::dom;
use crate::browser::drafts::memory::MemoryDrafts;
use crate::browser::drafts::{
    legacy, new_id, now_ms, open_persistent, page_id, DraftRepository, EntryChange, StoreError, StoredDraft,
};
use crate::browser::drafts::{portable, rescue};
use crate::browser::file_store;
use crate::browser::file_store::draft_files::DraftFiles;
use crate::browser::files;
use crate::browser::idb;
use crate::ui::drafts_page::DraftsPage;
use crate::ui::form_app::FormApp;
use crate::ui::submissions::Submissions;
use crate::ui::unlock_page::UnlockPage;

/// Deleted drafts stay restorable this long (ms) before they are purged.
pub const KEEP_DELETED_MS: u64 = 7 * 24 * 60 * 60 * 1000;

pub type Repository = Arc<dyn DraftRepository + Send + Sync>;
pub use crate::browser::file_store::FileRepository;

/// What the workspace shows.
#[derive(Clone)]
pub enum Screen {
    Starting,
    List,
    Form(Arc<StoredDraft>),
    /// A locked draft waiting for its passphrase.
    Unlock(DraftMetaV1),
}

/// Shared through context by the 草稿箱 and the form.
#[derive(Clone)]
pub struct Workspace {
    pub schema: Arc<FormSchema>,
    pub repo: Repository,
    /// Attachment files, stored once by content hash and shared by every draft.
    pub files: FileRepository,
    pub screen: RwSignal<Screen>,
    /// A message about storage as a whole (IndexedDB refused, an old draft that could not be read).
    pub notice: RwSignal<Option<String>>,
    /// False when the browser refused IndexedDB and drafts live only in this page's memory.
    pub persistent: bool,
    /// Submitted packages (the outbox) and their sending.
    pub submissions: Submissions,
}

impl Workspace {
    /// The 草稿箱 entry for a state about to be saved by this page.
    pub fn entry_for(&self, id: &str, state: &FormState) -> DraftMetaV1 {
        let now = now_ms();
        DraftMetaV1 {
            id: id.to_string(),
            form_id: self.schema.id.clone(),
            schema_version: self.schema.version,
            name: None,
            summary: state.summary(),
            created_at: now,
            saved_at: now,
            // A new draft's first save; autosave counts on from the stored revision.
            revision: 1,
            writer: page_id(),
            deleted_at: None,
            lock: None,
        }
    }

    /// Starts a blank declaration, stores it and opens it.
    pub async fn create(&self) -> Result<(), StoreError> {
        let state = FormState::new(self.schema.clone(), clock::today());
        let draft = state.to_draft();
        let meta = self.repo.save(self.entry_for(&new_id(), &state), draft.clone()).await?;
        self.show_form(StoredDraft { meta, draft });
        Ok(())
    }

    /// Opens a draft; a locked one asks for its passphrase first.
    pub async fn open(&self, id: &str) -> Result<(), StoreError> {
        match self.repo.load(id).await {
            Ok(stored) => {
                self.show_form(stored);
                Ok(())
            }
            Err(StoreError::Locked(meta)) => {
                dom::set_query_param("draft", Some(id));
                self.screen.set(Screen::Unlock(*meta));
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Stores the changes closing pages rescued (see `rescue`). A rescue claims the revision
    /// after the last one its page saved; if that page's own save of it completed after all, the
    /// rescue (which may hold later edits) goes on top. If another page saved in between, the
    /// rescue is kept as a separate draft, never dropped and never written over that work.
    async fn store_rescued(&self) {
        for (key, rescued) in rescue::all() {
            if !self.persistent {
                return;
            }
            let mut attempt = rescued.clone();
            let outcome = loop {
                match self.repo.save(attempt.meta.clone(), attempt.draft.clone()).await {
                    // The page's own save of this revision completed: the rescue goes on top.
                    Err(StoreError::Conflict(theirs))
                        if theirs.writer == attempt.meta.writer && theirs.revision == attempt.meta.revision =>
                    {
                        attempt.meta.revision += 1;
                    }
                    // The page saved again after rescuing, from a later state: nothing to add.
                    Err(StoreError::Conflict(theirs))
                        if theirs.writer == attempt.meta.writer && theirs.revision > attempt.meta.revision =>
                    {
                        break Ok(());
                    }
                    other => break other.map(drop),
                }
            };
            match outcome {
                Ok(()) => rescue::forget_key(&key),
                Err(StoreError::Conflict(_)) => {
                    let mut copy = rescued.renamed_copy("（关闭页面前未保存的修改）");
                    copy.meta.revision = 1;
                    if self.repo.insert_new(copy).await.is_ok() {
                        rescue::forget_key(&key);
                        self.notice.set(Some(
                            "关闭页面前的最后修改与另一窗口的保存冲突，已另存为一份草稿，请在草稿箱中核对。".into(),
                        ));
                    }
                }
                Err(_) => {} // Kept for the next start.
            }
        }
    }

    fn show_form(&self, stored: StoredDraft) {
        dom::set_query_param("draft", Some(&stored.meta.id));
        self.screen.set(Screen::Form(Arc::new(stored)));
    }

    pub fn show_list(&self) {
        dom::set_query_param("draft", None);
        self.screen.set(Screen::List);
    }

    /// This form's drafts: those in use, most recently saved first, and those in 最近删除, most
    /// recently deleted first.
    pub fn sort_drafts(&self, list: Vec<DraftMetaV1>) -> (Vec<DraftMetaV1>, Vec<DraftMetaV1>) {
        let (mut deleted, mut active): (Vec<_>, Vec<_>) =
            list.into_iter().filter(|d| d.form_id == self.schema.id).partition(|d| d.deleted_at.is_some());
        active.sort_by_key(|d| std::cmp::Reverse(d.saved_at));
        deleted.sort_by_key(|d| std::cmp::Reverse(d.deleted_at));
        (active, deleted)
    }

    /// The files of one draft (sealed ones when it is locked here).
    pub fn draft_files(&self, draft_id: &str) -> DraftFiles {
        DraftFiles::new(self.files.clone(), draft_id)
    }

    /// Offers the stored draft, with its attached files, as a portable file download. A locked
    /// draft (open here, so unsealed) exports plain: the file is the applicant's own copy.
    pub async fn export(&self, stored: &StoredDraft) -> Result<(), String> {
        let draft_files = self.draft_files(&stored.meta.id);
        let mut contents = Vec::new();
        for file in portable::referenced_files(stored) {
            let bytes =
                draft_files.bytes(&file).await.map_err(|e| format!("附件「{}」：{}", file.name, e.message()))?;
            contents.push((file, bytes));
        }
        let mut plain = stored.clone();
        plain.meta.lock = None;
        let bytes = portable::export(&plain, contents)?;
        files::download(&bytes, &portable::file_name(&plain), portable::MEDIA_TYPE)
    }

    /// Stores a draft from an export file and returns its name. Everything is checked before
    /// anything is stored; a draft already here under the same id is kept, and the import is
    /// stored beside it as a copy.
    pub async fn import(&self, bytes: &[u8]) -> Result<String, String> {
        let portable::Imported { mut stored, files } = portable::import(bytes)?;
        if stored.meta.form_id != self.schema.id {
            return Err(format!("这份草稿属于另一张申报表（{}），请在对应的申报系统中导入", stored.meta.form_id));
        }
        let taken = self.repo.list().await.map_err(|e| e.message())?.iter().any(|d| d.id == stored.meta.id);
        stored.meta.deleted_at = None;
        if taken {
            stored = stored.renamed_copy("（导入）");
        }
        let name = stored.meta.display_name();
        // Files first: a file already stored is left as it is (same hash, same bytes), so a
        // failed import leaves at most unused files, never a draft missing its files.
        for (file, bytes) in files {
            let blob = files::blob_of(&bytes, &file.media_type)?;
            self.files.put(file, blob).await.map_err(|e| e.message())?;
        }
        self.repo.insert_new(stored).await.map_err(|e| e.message())?;
        Ok(name)
    }

    /// Moves a draft of the first version (kept in `localStorage`) into the store, once.
    async fn import_legacy(&self) {
        let Some(found) = legacy::find(&self.schema.id) else { return };
        let imported = found.and_then(|draft| {
            FormState::from_draft(self.schema.clone(), draft.clone(), clock::today())
                .map(|state| (state, draft))
                .map_err(|e| e.to_string())
        });
        match imported {
            Ok((state, draft)) => {
                let id = new_id();
                // Moved out of localStorage only once it is stored for good.
                if self.repo.save(self.entry_for(&id, &state), draft).await.is_ok() && self.persistent {
                    legacy::retire(&self.schema.id, true);
                }
            }
            Err(reason) => {
                legacy::retire(&self.schema.id, false);
                self.notice.set(Some(format!("旧版草稿无法读取（{reason}），已原样保留在浏览器中，未被覆盖。")));
            }
        }
    }

    /// Purges the drafts of `all` deleted longer ago than [`KEEP_DELETED_MS`].
    async fn purge_expired(&self, all: &[DraftMetaV1]) {
        let now = now_ms();
        let mut purged = false;
        for draft in all {
            if draft.deleted_at.is_some_and(|at| now.saturating_sub(at) > KEEP_DELETED_MS)
                && self.repo.purge(&draft.id).await.is_ok()
            {
                let _ = self.files.remove_sealed(&draft.id).await;
                purged = true;
            }
        }
        if purged {
            self.remove_unused_files().await;
        }
    }

    /// Purges a draft for good, with the files no other draft uses.
    pub async fn purge(&self, id: &str) -> Result<(), StoreError> {
        self.repo.purge(id).await?;
        let _ = self.files.remove_sealed(id).await;
        self.remove_unused_files().await;
        Ok(())
    }

    /// The files the unlocked drafts (other than `except`) refer to, deleted drafts still in
    /// 最近删除 included; locked drafts use sealed copies. `None` when any draft cannot be read:
    /// its files might be in use.
    async fn files_in_use(&self, except: Option<&str>) -> Option<std::collections::BTreeSet<String>> {
        let all = self.repo.list().await.ok()?;
        // An entry that cannot be read (damaged, or from a newer version) may use any file.
        if self.repo.count().await.ok()? != all.len() {
            return None;
        }
        let mut used = std::collections::BTreeSet::new();
        for meta in all.into_iter().filter(|m| m.lock.is_none() && Some(m.id.as_str()) != except) {
            let stored = self.repo.load(&meta.id).await.ok()?;
            used.extend(portable::referenced_files(&stored).into_iter().map(|f| f.sha256));
        }
        // Packages still to send need their files, whatever became of their drafts.
        used.extend(self.submissions.files_still_needed().await?);
        Some(used)
    }

    /// Removes the plain stored files no unlocked draft refers to any more. Files stored in the
    /// last day are left alone: another tab may be about to save a draft that refers to them.
    pub async fn remove_unused_files(&self) {
        const GRACE_MS: u64 = 24 * 60 * 60 * 1000;
        let Some(used) = self.files_in_use(None).await else { return };
        let _ = self.files.remove_except(used, now_ms().saturating_sub(GRACE_MS)).await;
    }

    /// After locking draft `id`: removes the plain copies of its files that no other unlocked
    /// draft uses, however recent, so that nothing readable of them stays. Returns whether it could.
    pub async fn remove_plain_copies(&self, id: &str, files: &[zhicheng_engine::AttachedFile]) -> bool {
        let Some(used) = self.files_in_use(Some(id)).await else { return false };
        let Ok(stored) = self.files.list().await else { return false };
        let mine: std::collections::BTreeSet<&str> = files.iter().map(|f| f.sha256.as_str()).collect();
        let keep = stored
            .into_iter()
            .map(|f| f.file.sha256)
            .filter(|h| !mine.contains(h.as_str()) || used.contains(h))
            .collect();
        self.files.remove_except(keep, u64::MAX).await.is_ok()
    }

    /// Chooses the first screen: the draft in the URL, the only draft, a new one, or the list.
    async fn start(&self) {
        self.store_rescued().await;
        self.import_legacy().await;
        let all = self.repo.list().await;
        if let Ok(all) = &all {
            self.purge_expired(all).await;
            // A page that closed right after locking may have left the readable name behind.
            for locked in all.iter().filter(|d| d.lock.is_some() && d.name.is_some()) {
                let _ = self.repo.change_entry(&locked.id, EntryChange::Rename(None)).await;
            }
        }
        if let Some(id) = dom::query_param("draft") {
            match self.open(&id).await {
                Ok(()) => return,
                Err(e) => self.notice.set(Some(format!("无法打开链接中的草稿：{}。", e.message()))),
            }
        }
        // Purged drafts were in 最近删除, so they are not among the active ones counted here.
        let outcome = match all.map(|list| self.sort_drafts(list).0) {
            Ok(drafts) if drafts.is_empty() => self.create().await,
            Ok(drafts) if drafts.len() == 1 => self.open(&drafts[0].id).await,
            Ok(_) => {
                self.show_list();
                Ok(())
            }
            Err(e) => Err(e),
        };
        if let Err(e) = outcome {
            self.notice.set(Some(format!("{}。", e.message())));
            self.show_list();
        }
    }
}

/// Opens the store (IndexedDB, or memory when the browser refuses it) and shows the workspace.
#[component]
pub fn WorkspaceView(schema: Arc<FormSchema>) -> impl IntoView {
    let screen = RwSignal::new(Screen::Starting);
    let notice = RwSignal::new(None::<String>);
    let ready = RwSignal::new(None::<Workspace>);
    // Another tab on an older version of the app can hold the database open and hold up this
    // page's upgrade of it: say so instead of waiting silently.
    let waiting = RwSignal::new(false);
    set_timeout(
        move || {
            if ready.get_untracked().is_none() && idb::open_is_blocked() {
                waiting.set(true);
            }
        },
        std::time::Duration::from_millis(1500),
    );
    leptos::task::spawn_local(async move {
        let (repo, files, persistent): (Repository, FileRepository, bool) = match open_persistent().await {
            Ok(store) => (store, file_store::persistent(), true),
            Err(e) => {
                notice.set(Some(format!(
                    "{}。本次填写只保存在当前页面中，关闭或刷新页面会丢失；请随时点击「导出备份」保存到文件，或换用普通窗口。",
                    e.message()
                )));
                (Arc::new(MemoryDrafts::default()), file_store::in_memory(), false)
            }
        };
        let submissions = Submissions::new(persistent, files.clone());
        let workspace = Workspace { schema, repo, files, screen, notice, persistent, submissions };
        ready.set(Some(workspace.clone()));
        // The outbox first: a submitted draft must open as submitted (read-only).
        workspace.submissions.load().await;
        workspace.start().await;
        // Packages left unsent by an earlier visit go on now; sent ones are asked for news.
        workspace.submissions.resume(&workspace.schema).await;
    });
    view! {
        {move || notice.get().map(|n| view! { <p class="notice storage-notice" role="alert">{n}</p> })}
        {move || match (ready.get(), screen.get()) {
            (Some(workspace), Screen::List) => view! { <DraftsPage workspace=workspace/> }.into_any(),
            (Some(workspace), Screen::Form(stored)) => view! { <FormApp workspace=workspace stored=stored/> }.into_any(),
            (Some(workspace), Screen::Unlock(meta)) => view! { <UnlockPage workspace=workspace meta=meta/> }.into_any(),
            _ if waiting.get() => view! {
                <p class="notice" role="alert">
                    "本应用已更新，但另一个标签页或窗口仍在使用旧版本，本页暂时无法打开草稿。"
                    "请关闭（或刷新）本应用的其他标签页，本页会自动继续，已保存的草稿不受影响。"
                </p>
            }.into_any(),
            _ => view! { <p class="loading" role="status">"正在打开草稿…"</p> }.into_any(),
        }}
    }
}
