//! Autosave: every change reaches the draft store within 300 ms, and at once when the page is
//! hidden or closed. Shows 「保存中…」 / 「已保存 hh:mm:ss」 / 「保存失败：…」, and when another tab
//! has saved the same draft, stops and lets the applicant choose which version to keep.

use leptos::prelude::*;
use zhicheng_engine::{DraftMetaV1, FormState};

use crate::browser::drafts::{rescue, EntryChange, StoreError, StoredDraft};
use crate::browser::{clock, timing};
use crate::ui::store::{focus_after_render, Store};
use crate::ui::workspace::Workspace;

const DEBOUNCE_MS: u64 = 300;
/// The User Timing name of one autosave's preparation.
pub const AUTOSAVE_MEASURE: &str = "zhicheng:autosave";

/// The autosave of one open draft. Copy, so event handlers can hold it.
#[derive(Clone, Copy)]
pub struct Saver {
    pub status: RwSignal<String>,
    /// Another page's save that this page would overwrite; saving waits for the applicant.
    pub conflict: RwSignal<Option<DraftMetaV1>>,
    store: Store,
    workspace: StoredValue<Workspace>,
    entry: StoredValue<DraftMetaV1>,
    /// The last revision this page read or saved; its next save claims the one after.
    revision: StoredValue<u64>,
    pending: StoredValue<Option<TimeoutHandle>>,
    /// One save at a time: a save asked for while one is in flight runs when it ends, so the
    /// revision advances only on success and never leaves a gap another tab could fill.
    in_flight: StoredValue<bool>,
    again: StoredValue<bool>,
    /// Everything on screen is stored (no change since the last successful save).
    clean: StoredValue<bool>,
    /// Whether the draft is locked with a passphrase (its key is held by this page).
    pub locked: RwSignal<bool>,
    /// What to do once the first save after locking or unlocking has stored the body.
    after_save: StoredValue<Option<LockChange>>,
}

/// A change of the passphrase lock, finished after the body is saved in its new form.
#[derive(Clone, Copy, PartialEq)]
enum LockChange {
    /// Locked: clear the readable 草稿箱 name and drop plain files no unlocked draft uses.
    Locked,
    /// Unlocked: put the name back and drop the sealed copies of the files.
    Unlocked,
}

impl Saver {
    /// Writes the current state now (unless a conflict awaits the applicant's choice).
    pub fn save_now(&self) {
        self.save(None);
    }

    /// The current state as the next save writes it: claiming the revision after the last one.
    fn next_save(&self) -> StoredDraft {
        let mut stored = self.snapshot();
        stored.meta.revision += 1;
        stored
    }

    /// Saves `prepared` (already taken by the caller) or the current state, one save at a time.
    fn save(&self, prepared: Option<StoredDraft>) {
        if self.conflict.get_untracked().is_some() {
            return;
        }
        if self.in_flight.get_value() {
            self.again.set_value(true);
            return;
        }
        timing::start(AUTOSAVE_MEASURE);
        let this = *self;
        let workspace = self.workspace.get_value();
        let stored = prepared.unwrap_or_else(|| self.next_save());
        self.status.set("保存中…".to_string());
        let saving = workspace.repo.save(stored.meta, stored.draft);
        // The main thread's share: the state copied and converted for the store. The store's
        // own copy (IndexedDB's structured clone) is timed by the benchmark around its calls.
        timing::end(AUTOSAVE_MEASURE);
        self.in_flight.set_value(true);
        leptos::task::spawn_local(async move {
            let result = saving.await;
            this.in_flight.set_value(false);
            let again = std::mem::take(&mut *this.again.write_value());
            match result {
                Ok(saved) => {
                    this.revision.set_value(saved.revision);
                    this.finish_lock_change(&workspace, &saved);
                    if again {
                        this.save_now();
                        return;
                    }
                    if this.pending.get_value().is_none() {
                        this.clean.set_value(true);
                        // A rescue this page left at an earlier `pagehide` (it lived on) is stale.
                        rescue::forget(&saved.id, &saved.writer);
                    }
                    this.status.set(saved_status(workspace.persistent, &saved));
                }
                Err(StoreError::Conflict(theirs)) => {
                    this.status.set("未保存：此草稿已在另一个标签页或窗口中修改".to_string());
                    this.conflict.set(Some(*theirs));
                    focus_after_render("conflict-keep-mine".to_string());
                }
                Err(e) => this.status.set(format!(
                    "保存失败：{}。已填写的内容仍在本页，请勿关闭页面，可点击「导出备份」保存到文件。",
                    e.message()
                )),
            }
        });
    }

    /// The draft as it is on screen now, saved or not: what an export must contain even when
    /// the store refuses to save. Its revision is the last one this page read or saved.
    pub fn snapshot(&self) -> StoredDraft {
        let workspace = self.workspace.get_value();
        let base = self.entry.get_value();
        self.store.state.with_untracked(|s| {
            let mut meta = workspace.entry_for(&base.id, s);
            meta.created_at = base.created_at;
            meta.name = base.name.clone();
            meta.lock = base.lock.clone();
            meta.revision = self.revision.get_value();
            StoredDraft { meta, draft: s.to_draft() }
        })
    }

    /// The page is going away (reload, tab closed, navigation): anything not yet stored is
    /// rescued synchronously (`rescue.rs`), then saved as usual in case the browser lets the save
    /// finish. During a conflict the rescue is kept too: the next load stores it as a copy.
    fn rescue(&self) {
        if self.clean.get_value() {
            return;
        }
        let stored = self.next_save();
        // A locked draft is never written readable, not even to rescue it.
        if stored.meta.lock.is_none() {
            rescue::keep(&stored);
        }
        self.cancel_pending();
        self.save(Some(stored));
    }

    /// Saves at once if a save is waiting (page hidden, leaving for the 草稿箱).
    pub fn flush(&self) {
        if self.cancel_pending() {
            self.save_now();
        }
    }

    /// Cancels the waiting debounced save; says whether there was one.
    fn cancel_pending(&self) -> bool {
        let Some(handle) = self.pending.get_value() else { return false };
        handle.clear();
        self.pending.set_value(None);
        true
    }

    fn schedule(&self) {
        self.clean.set_value(false);
        if self.conflict.get_untracked().is_some() {
            return;
        }
        self.status.set("保存中…".to_string());
        self.cancel_pending();
        let this = *self;
        let handle = set_timeout_with_handle(
            move || {
                this.pending.set_value(None);
                this.save_now();
            },
            std::time::Duration::from_millis(DEBOUNCE_MS),
        );
        self.pending.set_value(handle.ok());
    }

    /// Locks the draft (`Some`) or removes its lock (`None`) from the next save on; the files
    /// have been sealed or unsealed by the caller.
    pub fn set_lock(&self, lock: Option<zhicheng_engine::LockV1>) {
        let change = if lock.is_some() { LockChange::Locked } else { LockChange::Unlocked };
        self.locked.set(lock.is_some());
        self.entry.update_value(|e| e.lock = lock);
        self.after_save.set_value(Some(change));
        self.cancel_pending();
        self.clean.set_value(false);
        self.save_now();
    }

    /// Finishes a lock change once a body in the new form is stored: files attached while the
    /// change ran are sealed (or unsealed) too, and only then are the old copies removed.
    fn finish_lock_change(&self, workspace: &Workspace, saved: &DraftMetaV1) {
        let Some(change) = self.after_save.get_value() else { return };
        if (change == LockChange::Locked) != saved.lock.is_some() {
            return; // A save started before the change.
        }
        self.after_save.set_value(None);
        let (workspace, id, name) = (workspace.clone(), saved.id.clone(), self.entry.get_value().name);
        let attached: Vec<_> = self
            .store
            .state
            .with_untracked(|s| zhicheng_engine::attachments::referenced(s.attachments()).cloned().collect());
        let this = *self;
        leptos::task::spawn_local(async move {
            let files = workspace.draft_files(&id);
            match change {
                LockChange::Locked => {
                    if let Err(e) = files.seal_all(&attached).await {
                        this.status.set(format!("加锁后整理附件未完成：{}（明文附件暂不删除）", e.message()));
                        return;
                    }
                    rescue::forget_draft(&id);
                    let _ = workspace.repo.change_entry(&id, EntryChange::Rename(None)).await;
                    if !workspace.remove_plain_copies(&id, &attached).await {
                        this.status.set("已加锁；但有草稿无法读取，未加密的附件副本暂未删除".to_string());
                    }
                }
                LockChange::Unlocked => {
                    if let Err(e) = files.unseal_all(&attached).await {
                        this.status.set(format!("解除加锁后整理附件未完成：{}（加密副本暂不删除）", e.message()));
                        return;
                    }
                    crate::browser::lock::forget(&id);
                    let _ = workspace.repo.change_entry(&id, EntryChange::Rename(name)).await;
                    let _ = workspace.files.remove_sealed(&id).await;
                }
            }
        });
    }

    /// Whether this page's version may be saved over `theirs`: not when the other page locked
    /// or unlocked the draft meanwhile, since its files were moved to match (sealed or plain) and
    /// this page's body would refer to copies that are gone.
    pub fn may_keep_mine(&self, theirs: &DraftMetaV1) -> bool {
        theirs.lock.is_some() == self.entry.get_value().lock.is_some()
    }

    /// Resolves a conflict by saving this page's version over the other one.
    pub fn keep_mine(&self) {
        if let Some(theirs) = self.conflict.get_untracked() {
            if !self.may_keep_mine(&theirs) {
                return;
            }
            self.revision.set_value(theirs.revision);
            self.conflict.set(None);
            self.save_now();
        }
    }

    /// Resolves a conflict by loading the other page's version, dropping this page's changes.
    pub fn take_theirs(&self) {
        let this = *self;
        let workspace = self.workspace.get_value();
        let id = self.entry.get_value().id;
        leptos::task::spawn_local(async move {
            match workspace.repo.load(&id).await {
                // Locked by the other page: this page needs the passphrase like any other.
                Err(StoreError::Locked(_)) => {
                    this.conflict.set(None);
                    let _ = workspace.open(&id).await;
                }
                Ok(stored) => match FormState::from_draft(workspace.schema.clone(), stored.draft, clock::today()) {
                    Ok(state) => {
                        // The other page's lock state (locked or not) is the draft's now.
                        this.entry.update_value(|e| e.lock = stored.meta.lock.clone());
                        this.locked.set(stored.meta.lock.is_some());
                        if stored.meta.lock.is_none() {
                            crate::browser::lock::forget(&id);
                        }
                        this.revision.set_value(stored.meta.revision);
                        this.conflict.set(None);
                        this.store.state.set(state);
                        this.status
                            .set(format!("已载入另一窗口保存的版本（{}）", clock::date_time(stored.meta.saved_at)));
                    }
                    Err(reason) => this.status.set(format!("另一窗口的版本无法载入：{reason}")),
                },
                Err(e) => this.status.set(format!("另一窗口的版本无法载入：{}", e.message())),
            }
        });
    }
}

/// 「已保存 hh:mm:ss」, or where the save really went and what the applicant should know.
fn saved_status(persistent: bool, saved: &DraftMetaV1) -> String {
    let time = clock::clock_time();
    match (persistent, saved.deleted_at.is_some()) {
        (false, _) => format!("仅暂存在本页（未写入本机） {time}"),
        (true, true) => format!("已保存 {time}（此草稿已在草稿箱中删除，可在「最近删除」中恢复）"),
        (true, false) => format!("已保存 {time}"),
    }
}

/// Starts autosaving `store` as the draft `entry` and returns its handle.
pub fn start_autosave(store: Store, workspace: Workspace, entry: DraftMetaV1) -> Saver {
    let saver = Saver {
        status: RwSignal::new(String::new()),
        conflict: RwSignal::new(None),
        store,
        workspace: StoredValue::new(workspace),
        revision: StoredValue::new(entry.revision),
        locked: RwSignal::new(entry.lock.is_some()),
        entry: StoredValue::new(entry),
        pending: StoredValue::new(None),
        in_flight: StoredValue::new(false),
        again: StoredValue::new(false),
        clean: StoredValue::new(true),
        after_save: StoredValue::new(None),
    };
    Effect::new(move |first: Option<()>| {
        store.state.track();
        // The first run is the restored state itself, which is already stored.
        if first.is_some() {
            saver.schedule();
        }
    });
    // Window listeners outlive components unless removed: leaving the form must remove them.
    let on_hide = window_event_listener(leptos::ev::pagehide, move |_| saver.rescue());
    let on_hidden = window_event_listener(leptos::ev::visibilitychange, move |_| saver.flush());
    on_cleanup(move || {
        on_hide.remove();
        on_hidden.remove();
    });
    saver
}

/// Asks which version to keep when another tab or window saved the same draft.
#[component]
pub fn ConflictDialog(saver: Saver) -> impl IntoView {
    move || {
        saver.conflict.get().map(|theirs| {
            view! {
                <div class="dialog-backdrop">
                    <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="conflict-title" aria-describedby="conflict-text">
                        <h2 id="conflict-title">"此草稿在别处也被修改了"</h2>
                        <p id="conflict-text">
                            "另一个标签页或窗口在 " {clock::date_time(theirs.saved_at)}
                            " 保存了这份草稿。为避免互相覆盖，本页的修改暂未保存。请选择保留哪个版本："
                        </p>
                        {(!saver.may_keep_mine(&theirs)).then(|| view! {
                            <p class="notice">"另一窗口同时为此草稿加锁或解除了加锁，只能载入另一窗口的版本。"</p>
                        })}
                        <div class="dialog-actions">
                            {saver.may_keep_mine(&theirs).then(|| view! {
                                <button type="button" id="conflict-keep-mine" class="button primary" on:click=move |_| saver.keep_mine()>
                                    "保留本页的版本"
                                </button>
                            })}
                            <button type="button" class="button secondary" on:click=move |_| saver.take_theirs()>
                                "载入另一窗口的版本（放弃本页修改）"
                            </button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}
