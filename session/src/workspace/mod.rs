//! The applicant's workspace for one form: the draft store, the screen shown (草稿箱, a form, a
//! locked draft's passphrase prompt), and the submissions. A host shows `screen` and sends the
//! 草稿箱's commands (`drafts_page.rs`); the form's own work is the `OpenForm`'s.

mod drafts_page;
mod start;

pub use drafts_page::{Done, DraftLists, DraftsCommand, ExportFile, SUBMITTED_CANNOT_BE_DELETED};

use std::rc::Rc;
use std::sync::Arc;

use zhicheng_engine::{AttachedFile, Command, DraftMetaV1, FieldPath, FormSchema, FormState, Value};

use crate::observable::Observable;
use crate::open_form::{new_entry, OpenForm};
use crate::ports::drafts::{StoreError, StoredDraft};
use crate::ports::Ports;
use crate::submissions::Submissions;

/// Deleted drafts stay restorable this long (ms) before they are purged.
pub const KEEP_DELETED_MS: u64 = 7 * 24 * 60 * 60 * 1000;

/// What the workspace shows.
#[derive(Clone)]
pub enum Screen {
    Starting,
    List,
    Form(OpenForm),
    /// A locked draft waiting for its passphrase.
    Unlock(Box<DraftMetaV1>),
}

impl Screen {
    /// The draft this screen is about, if any (a host may keep it in the address bar).
    pub fn draft_id(&self) -> Option<String> {
        match self {
            Screen::Form(open) => Some(open.id()),
            Screen::Unlock(meta) => Some(meta.id.clone()),
            Screen::Starting | Screen::List => None,
        }
    }
}

/// One form's workspace. Cloning shares it.
#[derive(Clone)]
pub struct Workspace(Rc<Inner>);

struct Inner {
    ports: Ports,
    schema: Arc<FormSchema>,
    screen: Observable<Screen>,
    /// A message about storage as a whole (an old draft that could not be read, a rescue kept
    /// apart, a draft in the address that would not open).
    notice: Observable<Option<String>>,
    submissions: Submissions,
}

impl Workspace {
    pub fn new(ports: Ports, schema: Arc<FormSchema>) -> Workspace {
        let submissions = Submissions::new(ports.clone());
        Workspace(Rc::new(Inner {
            ports,
            schema,
            screen: Observable::new(Screen::Starting),
            notice: Observable::new(None),
            submissions,
        }))
    }

    pub fn ports(&self) -> &Ports {
        &self.0.ports
    }

    pub fn schema(&self) -> &Arc<FormSchema> {
        &self.0.schema
    }

    pub fn screen(&self) -> &Observable<Screen> {
        &self.0.screen
    }

    pub fn notice(&self) -> &Observable<Option<String>> {
        &self.0.notice
    }

    pub fn submissions(&self) -> &Submissions {
        &self.0.submissions
    }

    /// Whether drafts survive closing the page (false in a private window without IndexedDB).
    pub fn is_persistent(&self) -> bool {
        self.0.ports.persistent
    }

    /// Starts a blank declaration, stores it and opens it.
    pub async fn create(&self) -> Result<(), StoreError> {
        self.create_with(Vec::new()).await
    }

    /// Starts a declaration with some answers already given (field id and text; those the form
    /// does not take are left out), stores it and opens it.
    pub async fn create_with(&self, answers: Vec<(String, String)>) -> Result<(), StoreError> {
        let mut state = FormState::new(self.0.schema.clone(), self.0.ports.host.today());
        for (field, text) in answers {
            state.apply(Command::SetValue { path: FieldPath::top(&field), value: Value::text(text) });
        }
        let draft = state.to_draft();
        let entry = new_entry(&self.0.ports, &self.0.ports.host.new_id(), &state);
        let meta = self.0.ports.drafts.save(entry, draft.clone()).await?;
        self.show_form(StoredDraft { meta, draft });
        Ok(())
    }

    /// Opens the draft `id` made from what it is about (a unit's decision on a declaration, one
    /// draft per declaration), or makes it: `answers` are prefilled, the form's fixed fields among
    /// them staying read-only; stores it and opens it. Opened again, its blank answers take what
    /// `answers` gives. `kept` files (the declaration's package file, when the unit opened it
    /// from a file) are kept in the draft under their key.
    pub async fn open_or_create_prefilled(
        &self,
        id: &str,
        answers: Vec<(String, Value)>,
        kept: Option<(&str, AttachedFile)>,
    ) -> Result<(), String> {
        let ports = &self.0.ports;
        match ports.drafts.load(id).await {
            Ok(mut stored) => {
                // The same draft again: what is known now fills what is still blank (the unit's
                // name once its key is given), and a file opened anew replaces the one it kept.
                let before = stored.draft.clone();
                for (field, value) in answers {
                    if stored.draft.answers.get(&field).is_none_or(Value::is_blank) {
                        stored.draft.answers.insert(field, value);
                    }
                }
                if let Some((key, file)) = kept {
                    stored.draft.attachments.insert(key.to_string(), vec![file]);
                }
                if stored.draft != before {
                    let mut meta = stored.meta.clone();
                    (meta.revision, meta.writer, meta.saved_at) =
                        (meta.revision + 1, ports.host.page_id(), ports.host.now_ms());
                    // The 草稿箱 names the draft by what it now says (the unit's name once given).
                    if let Ok(state) =
                        FormState::from_draft(self.0.schema.clone(), stored.draft.clone(), ports.host.today())
                    {
                        meta.summary = state.summary();
                    }
                    stored.meta = ports.drafts.save(meta, stored.draft.clone()).await.map_err(|e| e.message())?;
                }
                self.show_form(stored);
                return Ok(());
            }
            Err(StoreError::NotFound) => {}
            Err(_) => return self.open(id).await.map_err(|e| e.message()),
        }
        let mut state = FormState::new(self.0.schema.clone(), ports.host.today());
        let prefill = Command::Prefill { answers: answers.into_iter().collect(), locked: false };
        if let zhicheng_engine::Outcome::Refused(why) = state.apply(prefill) {
            return Err(why);
        }
        let mut draft = state.to_draft();
        if let Some((key, file)) = kept {
            draft.attachments.insert(key.to_string(), vec![file]);
        }
        let entry = new_entry(ports, id, &state);
        let meta = ports.drafts.save(entry, draft.clone()).await.map_err(|e| e.message())?;
        self.show_form(StoredDraft { meta, draft });
        Ok(())
    }

    /// 修改后重新提交 after a 退回: opens the declaration's draft (kept read-only while the package
    /// was out, so it holds the answers that were sent); when this browser no longer has it, the
    /// draft is made again from the package as it was sent, its files included.
    pub async fn edit_returned(&self, package_id: &str) -> Result<(), String> {
        let entries = self.0.submissions.entries().get();
        let entry = entries.iter().find(|e| e.package_id == package_id).ok_or("没有这份申报")?;
        match self.open(&entry.draft_id).await {
            Err(StoreError::NotFound) => {}
            other => return other.map_err(|e| e.message()),
        }
        let made = self.draft_as_sent(entry)?;
        let meta = self.0.ports.drafts.save(made.meta, made.draft.clone()).await.map_err(|e| e.message())?;
        self.show_form(StoredDraft { meta, draft: made.draft });
        Ok(())
    }

    /// The draft a sent package was made from, as far as the package tells (not stored).
    fn draft_as_sent(&self, entry: &zhicheng_engine::SubmissionV1) -> Result<StoredDraft, String> {
        let draft = zhicheng_engine::package::draft_of(&entry.manifest);
        let state = FormState::from_draft(self.0.schema.clone(), draft.clone(), self.0.ports.host.today())
            .map_err(|e| format!("无法按当前申报表恢复这份申报（{e}）"))?;
        let mut meta = new_entry(&self.0.ports, &entry.draft_id, &state);
        meta.name = Some(entry.title.clone());
        Ok(StoredDraft { meta, draft })
    }

    /// Opens a draft; a locked one asks for its passphrase first.
    pub async fn open(&self, id: &str) -> Result<(), StoreError> {
        match self.0.ports.drafts.load(id).await {
            Ok(stored) => {
                self.show_form(stored);
                Ok(())
            }
            Err(StoreError::Locked(meta)) => {
                self.0.screen.set(Screen::Unlock(meta));
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Opens a locked draft with its passphrase; the error says why it did not open.
    pub async fn unlock(&self, meta: &DraftMetaV1, passphrase: &str) -> Result<(), String> {
        crate::lock::unlock_stored(&self.0.ports, meta, passphrase).await?;
        let opened = self.open(&meta.id).await.map_err(|e| e.message());
        if opened.is_err() {
            self.0.ports.keyring.forget(&meta.id);
        }
        opened
    }

    fn show_form(&self, stored: StoredDraft) {
        let weak = Rc::downgrade(&self.0);
        let reopen = Box::new(move |id: &str| {
            if let Some(inner) = weak.upgrade() {
                let (workspace, id) = (Workspace(inner), id.to_string());
                let host = workspace.0.ports.host.clone();
                host.spawn(Box::pin(async move {
                    let _ = workspace.open(&id).await;
                }));
            }
        });
        let open = OpenForm::open(self.0.ports.clone(), self.0.schema.clone(), stored, reopen);
        self.0.screen.set(Screen::Form(open));
    }

    /// Shows a submitted package as it was sent (查看), read-only.
    pub fn view_package(&self, package_id: &str) -> Result<(), String> {
        let entries = self.0.submissions.entries().get();
        let entry = entries.iter().find(|e| e.package_id == package_id).ok_or("没有这份申报")?;
        if self.0.screen.with(|s| matches!(s, Screen::Form(open) if open.sent_package().is_none())) {
            self.show_list();
        }
        let open = OpenForm::of_package(self.0.ports.clone(), self.0.schema.clone(), entry)?;
        self.0.screen.set(Screen::Form(open));
        Ok(())
    }

    /// Shows the 草稿箱, saving first whatever the open form still waits to save.
    pub fn show_list(&self) {
        if let Screen::Form(open) = self.0.screen.get() {
            open.flush();
        }
        self.0.screen.set(Screen::List);
    }

    /// The form shown now, if one is.
    pub fn open_form(&self) -> Option<OpenForm> {
        match self.0.screen.get() {
            Screen::Form(open) => Some(open),
            _ => None,
        }
    }

    fn say(&self, notice: String) {
        self.0.notice.set(Some(notice));
    }
}
