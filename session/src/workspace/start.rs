//! Starting a workspace: changes closing pages rescued are stored, a first-version draft is
//! moved in, expired deletions are purged, and the first screen is chosen (the draft the host
//! asked for, the only draft, a new one, or the 草稿箱).

use zhicheng_engine::{DraftMetaV1, FormState};

use super::{Workspace, KEEP_DELETED_MS};
use crate::housekeeping::remove_unused_files;
use crate::open_form::new_entry;
use crate::ports::drafts::{EntryChange, StoreError};

impl Workspace {
    /// Reads what is stored and shows the first screen: `requested` (a draft id the host was
    /// given, e.g. in the address) when it opens, else the only draft, a new one, or the list.
    /// The outbox is read first, so that a submitted draft opens as submitted (read-only).
    pub async fn start(&self, requested: Option<String>) {
        let all = self.prepare().await;
        if let Some(id) = requested {
            match self.open(&id).await {
                Ok(()) => return self.0.submissions.resume().await,
                Err(e) => self.say(format!("无法打开链接中的草稿：{}。", e.message())),
            }
        }
        // Purged drafts were in 最近删除, so they are not among the active ones counted here.
        let deciding = self.0.schema.settings.decides.is_some();
        let outcome = match all.map(|list| self.sort(list).active) {
            // A decision starts from the declaration it is about, chosen in the list.
            Ok(_) if deciding => {
                self.show_list();
                Ok(())
            }
            Ok(drafts) if drafts.is_empty() => self.create().await,
            Ok(drafts) if drafts.len() == 1 => self.open(&drafts[0].id).await,
            Ok(_) => {
                self.show_list();
                Ok(())
            }
            Err(e) => Err(e),
        };
        if let Err(e) = outcome {
            self.say(format!("{}。", e.message()));
            self.show_list();
        }
        // Packages left unsent by an earlier visit go on now; sent ones are asked for news.
        self.0.submissions.resume().await;
    }

    /// Starts on a new draft holding the choices made before it existed (on the start page: the
    /// business's preset and the series, level, specialty …), after the same housekeeping as
    /// `start`.
    pub async fn start_new(&self, choices: Vec<(String, String)>) {
        // A store that cannot list its drafts may still take a new one; creating says if not.
        let _listed = self.prepare().await;
        if self.0.schema.settings.decides.is_some() {
            self.show_list();
        } else if let Err(e) = self.create_with(choices).await {
            self.say(format!("{}。", e.message()));
            self.show_list();
        }
        self.0.submissions.resume().await;
    }

    /// What every start does first: the outbox read, rescues stored, a first-version draft moved
    /// in, expired deletions purged, readable names of locked drafts removed. Gives every entry.
    async fn prepare(&self) -> Result<Vec<DraftMetaV1>, StoreError> {
        self.0.submissions.load().await;
        self.store_rescued().await;
        self.move_in_first_version_draft().await;
        // A first visit's store is empty: nothing to read (nor the code reading it to load).
        let all = match self.0.ports.drafts.count().await {
            Ok(0) => Ok(Vec::new()),
            _ => self.0.ports.drafts.list().await,
        };
        if let Ok(all) = &all {
            self.purge_expired(all).await;
            // A page that closed right after locking may have left the readable name behind.
            for locked in all.iter().filter(|d| d.lock.is_some() && d.name.is_some()) {
                let _ = self.0.ports.drafts.change_entry(&locked.id, EntryChange::Rename(None)).await;
            }
        }
        all
    }

    /// Stores the changes closing pages rescued. A rescue claims the revision after the last
    /// one its page saved; if that page's own save of it completed after all, the rescue (which
    /// may hold later edits) goes on top. If another page saved in between, the rescue is kept
    /// as a separate draft, never dropped and never written over that work.
    async fn store_rescued(&self) {
        let ports = &self.0.ports;
        if !ports.persistent {
            return;
        }
        for (key, rescued) in ports.rescues.all().await {
            let mut attempt = rescued.clone();
            let outcome = loop {
                match ports.drafts.save(attempt.meta.clone(), attempt.draft.clone()).await {
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
                Ok(()) => ports.rescues.forget_key(&key),
                Err(StoreError::Conflict(_)) => {
                    let mut copy = rescued.renamed_copy(ports.host.new_id(), "（关闭页面前未保存的修改）");
                    copy.meta.revision = 1;
                    if ports.drafts.insert_new(copy).await.is_ok() {
                        ports.rescues.forget_key(&key);
                        self.say(
                            "关闭页面前的最后修改与另一窗口的保存冲突，已另存为一份草稿，请在草稿箱中核对。".into(),
                        );
                    }
                }
                Err(_) => {} // Kept for the next start.
            }
        }
    }

    /// Moves a draft of the first version (kept by the host apart from the store) in, once.
    async fn move_in_first_version_draft(&self) {
        let ports = &self.0.ports;
        let Some(found) = ports.rescues.first_version_draft(&self.0.schema.id).await else { return };
        let today = ports.host.today();
        let restored = found.and_then(|draft| {
            FormState::from_draft(self.0.schema.clone(), draft.clone(), today)
                .map(|state| (state, draft))
                .map_err(|e| e.to_string())
        });
        match restored {
            Ok((state, draft)) => {
                let entry = new_entry(ports, &ports.host.new_id(), &state);
                // Moved out of its old place only once it is stored for good.
                if ports.drafts.save(entry, draft).await.is_ok() && ports.persistent {
                    ports.rescues.retire_first_version_draft(&self.0.schema.id, true);
                }
            }
            Err(reason) => {
                ports.rescues.retire_first_version_draft(&self.0.schema.id, false);
                self.say(format!("旧版草稿无法读取（{reason}），已原样保留在浏览器中，未被覆盖。"));
            }
        }
    }

    /// Purges the drafts of `all` deleted longer ago than [`KEEP_DELETED_MS`].
    async fn purge_expired(&self, all: &[DraftMetaV1]) {
        let ports = &self.0.ports;
        let now = ports.host.now_ms();
        let mut purged = false;
        for draft in all {
            let expired = draft.deleted_at.is_some_and(|at| now.saturating_sub(at) > KEEP_DELETED_MS);
            if expired && ports.drafts.purge(&draft.id).await.is_ok() {
                let _ = ports.files.remove_sealed(&draft.id).await;
                purged = true;
            }
        }
        if purged {
            remove_unused_files(ports).await;
        }
    }
}
