//! One open draft: its form state, changed only through engine commands, and its autosave. A
//! host reads the state, subscribes to `changes` and `status`, and tells the form when the page
//! hides or closes; everything else (saving, rescues, conflicts, lock changes) happens here.

mod lock_change;

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use zhicheng_engine::attachments::referenced;
use zhicheng_engine::{AttachedFile, Command, DraftMetaV1, FormSchema, FormState, LockV1, Outcome, SubmissionV1};

use crate::autosave::machine::{Effect, Input, Machine, SaveStatus};
use crate::draft_files::DraftFiles;
use crate::observable::Observable;
use crate::ports::drafts::{StoreError, StoredDraft};
use crate::ports::Ports;

/// The User Timing name of one autosave's main-thread work (the autosave budget).
pub const AUTOSAVE_MEASURE: &str = "zhicheng:autosave";

/// What the save-status line of the open form says: where saving stands, or the last thing worth
/// telling about the draft as a whole.
#[derive(Clone, Debug, PartialEq)]
pub enum StatusLine {
    Save(SaveStatus),
    /// The other page's version, saved at `saved_at` (ms), was loaded in place of this page's.
    LoadedTheirs {
        saved_at: u64,
    },
    Note(String),
}

/// One open draft. Cloning shares it.
#[derive(Clone)]
pub struct OpenForm(Rc<Inner>);

struct Inner {
    ports: Ports,
    state: RefCell<FormState>,
    /// The draft's entry as this page knows it: its id, creation time, own name and lock.
    entry: RefCell<DraftMetaV1>,
    machine: RefCell<Machine>,
    /// Goes up with every change of the state, whoever made it.
    changes: Observable<u64>,
    status: Observable<StatusLine>,
    /// The save status last put on the status line.
    published: RefCell<SaveStatus>,
    /// Said once when the draft opens (restored blank, or carried over to a new schema version).
    opening_notice: Option<String>,
    /// What to do when the other page's version turns out to be locked: open it as any locked
    /// draft (the workspace asks for the passphrase).
    reopen: Box<dyn Fn(&str)>,
    /// A package as it was sent, opened to read: no command changes it, nothing is saved.
    view_of: Option<SubmissionV1>,
}

impl OpenForm {
    /// Opens a stored draft. A draft that cannot be restored with this schema is kept as it is:
    /// a blank form opens instead, under a new id, so the original is never overwritten.
    pub fn open(ports: Ports, schema: Arc<FormSchema>, stored: StoredDraft, reopen: Box<dyn Fn(&str)>) -> OpenForm {
        let today = ports.host.today();
        let from_version = stored.draft.schema_version;
        let (state, entry, opening_notice) = match FormState::from_draft(schema.clone(), stored.draft, today) {
            Ok(state) => {
                let notice =
                    (from_version < schema.version).then(|| upgrade_notice(&state, from_version, schema.version));
                (state, stored.meta, notice)
            }
            Err(reason) => {
                let state = FormState::new(schema.clone(), today);
                let entry = new_entry(&ports, &ports.host.new_id(), &state);
                let notice =
                    format!("这份草稿无法按当前申报表恢复（{reason}），现显示空白申报表；原草稿仍保留，未被覆盖。");
                (state, entry, Some(notice))
            }
        };
        let machine = Machine::new(entry.revision, entry.lock.is_some());
        OpenForm(Rc::new(Inner {
            state: RefCell::new(counting_with_the_hosts_calendar(&ports, state)),
            ports,
            entry: RefCell::new(entry),
            machine: RefCell::new(machine),
            changes: Observable::new(0),
            status: Observable::new(StatusLine::Save(SaveStatus::Idle)),
            published: RefCell::new(SaveStatus::Idle),
            opening_notice,
            reopen,
            view_of: None,
        }))
    }

    /// A package as it was sent, to read: its answers and files, under its draft's id, finished
    /// and unchangeable. `Err` when its form has changed beyond reading it.
    pub fn of_package(ports: Ports, schema: Arc<FormSchema>, entry: &SubmissionV1) -> Result<OpenForm, String> {
        let state =
            FormState::from_draft(schema, zhicheng_engine::package::draft_of(&entry.manifest), ports.host.today())
                .map_err(|e| format!("无法按当前申报表显示这份申报包（{e}）"))?;
        let mut meta = new_entry(&ports, &entry.draft_id, &state);
        meta.name = Some(entry.title.clone());
        Ok(OpenForm(Rc::new(Inner {
            machine: RefCell::new(Machine::new(meta.revision, false)),
            state: RefCell::new(counting_with_the_hosts_calendar(&ports, state)),
            entry: RefCell::new(meta),
            ports,
            changes: Observable::new(0),
            status: Observable::new(StatusLine::Save(SaveStatus::Idle)),
            published: RefCell::new(SaveStatus::Idle),
            opening_notice: None,
            reopen: Box::new(|_| {}),
            view_of: Some(entry.clone()),
        })))
    }

    /// The package this form shows as it was sent, when it is one.
    pub fn sent_package(&self) -> Option<&SubmissionV1> {
        self.0.view_of.as_ref()
    }

    pub fn id(&self) -> String {
        self.0.entry.borrow().id.clone()
    }

    pub fn schema(&self) -> Arc<FormSchema> {
        self.0.state.borrow().schema().clone()
    }

    /// Reads the form state.
    pub fn with_state<R>(&self, read: impl FnOnce(&FormState) -> R) -> R {
        read(&self.0.state.borrow())
    }

    /// Bumped after every change of the state.
    pub fn changes(&self) -> &Observable<u64> {
        &self.0.changes
    }

    pub fn status(&self) -> &Observable<StatusLine> {
        &self.0.status
    }

    pub fn opening_notice(&self) -> Option<&str> {
        self.0.opening_notice.as_deref()
    }

    pub fn ports(&self) -> &Ports {
        &self.0.ports
    }

    /// Applies an engine command: the only way the form changes. Every change is saved.
    pub fn dispatch(&self, command: Command) -> Outcome {
        if self.0.view_of.is_some() {
            return Outcome::Refused("这是提交时的申报包，只能查看。".into());
        }
        let outcome = self.0.state.borrow_mut().apply(command);
        self.0.changes.update(|n| *n += 1);
        self.input(Input::Edited);
        outcome
    }

    /// The name the draft goes by: its own name, else the one its answers make, as typed.
    pub fn display_name(&self) -> String {
        let given = self.0.entry.borrow().name.clone().filter(|n| !n.trim().is_empty());
        given.unwrap_or_else(|| self.with_state(|s| s.naming_summary().default_name()))
    }

    pub fn is_locked(&self) -> bool {
        self.0.machine.borrow().is_locked()
    }

    /// Every file attached to the draft, each once.
    pub fn attached_files(&self) -> Vec<AttachedFile> {
        self.with_state(|s| referenced(s.attachments()).cloned().collect())
    }

    /// The files of this draft (sealed ones while it is locked).
    pub fn files(&self) -> DraftFiles {
        let ports = &self.0.ports;
        DraftFiles::new(ports.files.clone(), ports.keyring.clone(), &self.id())
    }

    /// The draft as it is on screen now, saved or not, at the last revision this page read or
    /// saved: what an export must contain even when the store refuses to save.
    pub fn snapshot(&self) -> StoredDraft {
        self.snapshot_at(self.0.machine.borrow().revision())
    }

    fn snapshot_at(&self, revision: u64) -> StoredDraft {
        let base = self.0.entry.borrow().clone();
        let state = self.0.state.borrow();
        let mut meta = new_entry(&self.0.ports, &base.id, &state);
        meta.created_at = base.created_at;
        meta.name = base.name;
        meta.lock = base.lock;
        meta.revision = revision;
        StoredDraft { meta, draft: state.to_draft() }
    }

    /// Saves at once if a save is waiting (the page was hidden, the applicant leaves the form).
    pub fn flush(&self) {
        self.input(Input::Flush);
    }

    /// The page is going away (reload, tab closed): anything not yet stored is rescued
    /// synchronously, then saved as usual in case the host lets the save finish.
    pub fn page_hide(&self) {
        self.input(Input::PageHide);
    }

    /// Whether this page's version may be saved over `theirs` (see `Machine::may_keep_mine`).
    pub fn may_keep_mine(&self, theirs: &DraftMetaV1) -> bool {
        self.0.machine.borrow().may_keep_mine(theirs)
    }

    /// Resolves a conflict by saving this page's version over the other one.
    pub fn keep_mine(&self) {
        self.input(Input::KeepMine);
    }

    /// Resolves a conflict by loading the other page's version, dropping this page's changes.
    pub async fn take_theirs(&self) {
        let ports = self.0.ports.clone();
        let id = self.id();
        match ports.drafts.load(&id).await {
            // Locked by the other page: this page needs the passphrase like any other.
            Err(StoreError::Locked(_)) => (self.0.reopen)(&id),
            Ok(stored) => match FormState::from_draft(self.schema(), stored.draft, ports.host.today()) {
                Ok(state) => {
                    let locked = stored.meta.lock.is_some();
                    self.0.entry.borrow_mut().lock = stored.meta.lock.clone();
                    if !locked {
                        ports.keyring.forget(&id);
                    }
                    *self.0.state.borrow_mut() = counting_with_the_hosts_calendar(&ports, state);
                    self.input(Input::TookTheirs { revision: stored.meta.revision, locked });
                    self.0.changes.update(|n| *n += 1);
                    self.0.status.set(StatusLine::LoadedTheirs { saved_at: stored.meta.saved_at });
                }
                Err(reason) => self.note(format!("另一窗口的版本无法载入：{reason}")),
            },
            Err(e) => self.note(format!("另一窗口的版本无法载入：{}", e.message())),
        }
    }

    /// Tells the applicant something about the draft on its status line.
    pub fn note(&self, text: String) {
        self.0.status.set(StatusLine::Note(text));
    }

    /// Locks the draft (`Some`) or removes its lock (`None`) from the next save on, which starts
    /// at once; the files have been sealed or made plain already.
    pub(crate) fn set_lock(&self, lock: Option<LockV1>) {
        let locked = lock.is_some();
        self.0.entry.borrow_mut().lock = lock;
        self.input(Input::LockSet { locked });
        self.0.changes.update(|n| *n += 1);
    }

    /// The lock record of the draft, while it is locked.
    pub fn lock_record(&self) -> Option<LockV1> {
        self.0.entry.borrow().lock.clone()
    }

    /// The draft's own name (not the one its answers make), for putting it back after a lock.
    pub(crate) fn own_name(&self) -> Option<String> {
        self.0.entry.borrow().name.clone()
    }

    /// Feeds the autosave machine and does what it says.
    fn input(&self, input: Input) {
        let (effects, status) = {
            let mut machine = self.0.machine.borrow_mut();
            let effects = machine.handle(input);
            (effects, machine.status().clone())
        };
        // A note stays on the line until saving moves on.
        if *self.0.published.borrow() != status {
            *self.0.published.borrow_mut() = status.clone();
            self.0.status.set(StatusLine::Save(status));
        }
        for effect in effects {
            self.run(effect);
        }
    }

    fn run(&self, effect: Effect) {
        let ports = &self.0.ports;
        match effect {
            Effect::ArmPause { generation, after_ms } => {
                let (this, pause) = (self.clone(), ports.host.sleep(after_ms));
                ports.host.spawn(Box::pin(async move {
                    pause.await;
                    this.input(Input::PauseElapsed { generation });
                }));
            }
            Effect::Write { revision } => {
                ports.host.start_measure(AUTOSAVE_MEASURE);
                let stored = self.snapshot_at(revision);
                let saving = ports.drafts.save(stored.meta, stored.draft);
                ports.host.end_measure(AUTOSAVE_MEASURE);
                let this = self.clone();
                ports.host.spawn(Box::pin(async move {
                    match saving.await {
                        Ok(saved) => this.input(Input::Saved(Box::new(saved))),
                        Err(error) => this.input(Input::SaveFailed(error)),
                    }
                }));
            }
            Effect::Rescue { revision } => {
                ports.rescues.keep(&self.snapshot_at(revision));
            }
            Effect::ForgetRescue => ports.rescues.forget(&self.id(), &ports.host.page_id()),
            Effect::FinishLockChange(change) => {
                let this = self.clone();
                ports.host.spawn(Box::pin(async move { lock_change::finish_change(&this, change).await }));
            }
        }
    }
}

/// The 草稿箱 entry for `state` as this page saves it now: a new draft's first revision.
/// A form state that counts working days with the calendar the host loaded.
fn counting_with_the_hosts_calendar(ports: &Ports, mut state: FormState) -> FormState {
    state.apply(Command::SetCalendar(ports.resources.holiday_calendar()));
    state
}

pub fn new_entry(ports: &Ports, id: &str, state: &FormState) -> DraftMetaV1 {
    let now = ports.host.now_ms();
    let schema = state.schema();
    DraftMetaV1 {
        id: id.to_string(),
        form_id: schema.id.clone(),
        schema_version: schema.version,
        name: None,
        summary: state.summary(),
        created_at: now,
        saved_at: now,
        revision: 1,
        writer: ports.host.page_id(),
        deleted_at: None,
        lock: None,
    }
}

fn upgrade_notice(state: &FormState, from: u32, to: u32) -> String {
    let kept = state.set_aside().len();
    let tail = if kept > 0 {
        format!("；{kept} 项内容在新版中没有对应栏目，已原样保留，请到「核对信息」中查看")
    } else {
        String::new()
    };
    format!("申报表已从第 {from} 版更新到第 {to} 版，您的草稿已按新版调整{tail}。")
}
