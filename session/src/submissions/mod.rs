//! Submitted packages: the outbox entries as observable state, kept current by the sending
//! loops; submitting a finished declaration; resuming unsent packages when a host starts or
//! comes back online; 进度, 撤回 and 重新发送.

mod preflight;
mod sender;

/// What a package waiting for the network says.
pub use sender::{send, Act, SendAtOnce, OFFLINE};

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use zhicheng_engine::package::{rfc3339, uuid_v4};
use zhicheng_engine::printable::{self, applicable, fingerprint, ReportSet};
use zhicheng_engine::{
    FormSchema, FormState, PackageManifestV1, PackageStamp, PackageStatus, PackagedReport, Phase, SubmissionV1,
};

use crate::housekeeping::remove_plain_copies;
use crate::observable::Observable;
use crate::open_form::OpenForm;
use crate::ports::sending::SendJob;
use crate::ports::Ports;

/// The outbox of one browser profile as this page sees it. Cloning shares it.
#[derive(Clone)]
pub struct Submissions(Rc<Inner>);

struct Inner {
    ports: Ports,
    /// Every entry, newest first.
    entries: Observable<Vec<SubmissionV1>>,
    /// The endpoint and the report templates, fetched while online so that a declaration
    /// submitted offline still gets its package (and waits in the outbox).
    endpoint: RefCell<Option<String>>,
    reports: RefCell<Option<Arc<ReportSet>>>,
}

impl Submissions {
    pub fn new(ports: Ports) -> Submissions {
        Submissions(Rc::new(Inner {
            ports,
            entries: Observable::new(Vec::new()),
            endpoint: RefCell::default(),
            reports: RefCell::default(),
        }))
    }

    pub fn entries(&self) -> &Observable<Vec<SubmissionV1>> {
        &self.0.entries
    }

    /// The newest entry of a draft.
    pub fn latest_for(&self, draft_id: &str) -> Option<SubmissionV1> {
        self.0.entries.with(|all| all.iter().find(|e| e.draft_id == draft_id).cloned())
    }

    /// Whether a draft is held by its submission: read-only, not to be deleted or locked, until
    /// the package is returned, withdrawn or stopped.
    pub fn holds(&self, draft_id: &str) -> bool {
        self.latest_for(draft_id).is_some_and(|e| !e.releases_draft())
    }

    fn find(&self, package_id: &str) -> Option<SubmissionV1> {
        self.0.entries.with(|all| all.iter().find(|e| e.package_id == package_id).cloned())
    }

    fn show(&self, entry: &SubmissionV1) {
        self.0.entries.update(|all| match all.iter_mut().find(|e| e.package_id == entry.package_id) {
            Some(known) => *known = entry.clone(),
            None => all.insert(0, entry.clone()),
        });
    }

    /// Reads the outbox; an empty one is only counted, not read.
    pub async fn load(&self) {
        if let Ok(true) = self.0.ports.outbox.is_empty().await {
            self.0.entries.set(Vec::new());
            return;
        }
        if let Ok(all) = self.0.ports.outbox.all().await {
            self.0.entries.set(all);
        }
    }

    /// Sends every package still to send (a loop already running for a package is not started
    /// twice); hosts call this again when the network comes back.
    pub fn resume_sending(&self) {
        for entry in self.0.entries.get().into_iter().filter(|e| e.phase == Phase::Sending) {
            self.start_sending(entry);
        }
    }

    /// At start: resumes sending and asks the receiver for news of packages it holds (a 退回 makes
    /// a declaration editable again). The report templates a new package needs are fetched when
    /// 提交申报 is shown (`get_ready`), not here: on a browser with a service worker they come from
    /// its cache anyway, and the first screen does not wait for them.
    pub async fn resume(&self) {
        self.resume_sending();
        let open = self
            .0
            .entries
            .get()
            .into_iter()
            .filter(|e| e.phase == Phase::Sent && !e.status.is_some_and(PackageStatus::is_final));
        for entry in open {
            let _ = self.ask(&entry.package_id, Act::Progress).await;
        }
    }

    fn start_sending(&self, entry: SubmissionV1) {
        let this = self.clone();
        let on_change: Rc<dyn Fn(&SubmissionV1)> = Rc::new(move |e| {
            if e.phase == Phase::Sent && this.find(&e.package_id).is_some_and(|known| known.phase != Phase::Sent) {
                this.tidy_after_sending(e.clone());
            }
            this.show(e);
        });
        let job = SendJob { entry, ports: self.0.ports.clone(), on_change };
        self.0.ports.host.spawn(self.0.ports.sending.run(job));
    }

    /// Once a locked draft's package is sent, the plain copies of its files made for the upload
    /// go, unless another unlocked draft uses them: nothing readable of a locked draft stays.
    fn tidy_after_sending(&self, entry: SubmissionV1) {
        let ports = self.0.ports.clone();
        self.0.ports.host.spawn(Box::pin(async move {
            let Ok(drafts) = ports.drafts.list().await else { return };
            if drafts.iter().any(|d| d.id == entry.draft_id && d.lock.is_some()) {
                let files: Vec<_> = entry.manifest.unique_files().into_iter().map(|f| f.attached()).collect();
                remove_plain_copies(&ports, &entry.draft_id, &files).await;
            }
        }));
    }

    /// Fetches what a new package needs besides the answers, and readies the outbox, ahead of
    /// 提交申报 (the screen that offers it calls this when shown), so that a declaration finished
    /// after the network went can still be queued. Failures are reported when the applicant
    /// submits, if they still hold then.
    pub async fn get_ready(&self, schema: Arc<FormSchema>) {
        let _ = self.prepare(schema).await;
        let _ = self.0.ports.outbox.get_ready().await;
    }

    /// Fetches what a package needs besides the answers (kept for when the network is gone).
    async fn prepare(&self, schema: Arc<FormSchema>) -> Result<(String, Arc<ReportSet>), String> {
        let resources = &self.0.ports.resources;
        let known = self.0.endpoint.borrow().clone();
        let endpoint = match known {
            Some(endpoint) => endpoint,
            None => resources.submit_endpoint().await?,
        };
        *self.0.endpoint.borrow_mut() = Some(endpoint.clone());
        let known = self.0.reports.borrow().clone();
        let reports = match known {
            Some(reports) => reports,
            None => Arc::new(resources.reports(schema).await?),
        };
        *self.0.reports.borrow_mut() = Some(reports.clone());
        Ok((endpoint, reports))
    }

    /// Builds the package of the open form's finished declaration, stores it in the outbox and
    /// starts sending. A locked draft needs its passphrase again: the draft stays sealed, but the
    /// package (its answers and files) waits in this browser in plain form until it is sent.
    pub async fn submit(&self, open: &OpenForm, passphrase: Option<&str>) -> Result<(), String> {
        let ports = &self.0.ports;
        let (draft_id, title) = (open.id(), open.display_name());
        if open.sent_package().is_some() {
            return Err("这是提交时的申报包，只能查看；请打开草稿后再提交".into());
        }
        open.with_state(|s| s.finished_declaration().map(drop)).map_err(|e| e.message())?;
        if let Some(lock) = open.lock_record() {
            let Some(passphrase) = passphrase.filter(|p| !p.is_empty()) else {
                return Err("这份草稿已加锁，请输入口令确认提交".into());
            };
            if ports.keyring.unlock(&draft_id, &lock, passphrase).await.is_err() {
                return Err("口令不正确，请重新输入（口令区分大小写和全角、半角）".into());
            }
        }
        // Another tab may have submitted it meanwhile: the stored outbox decides.
        let stored = ports.outbox.all().await.map_err(|e| e.message())?;
        let previous = stored.iter().find(|e| e.draft_id == draft_id).cloned();
        self.0.entries.set(stored);
        if let Some(mut previous) = previous {
            if !previous.releases_draft() {
                return Err("这份申报已经提交（可能是在另一个窗口），请到「我的事项」的「已提交的申报」查看".into());
            }
            // Sending stopped: the receiver may still have stored it (a reply lost on the way).
            if previous.phase == Phase::Stopped && sender::already_received(ports, &mut previous).await? {
                ports.outbox.put(previous.clone()).await.map_err(|e| e.message())?;
                self.show(&previous);
                return Ok(());
            }
        }
        let (endpoint, set) = self.prepare(open.schema()).await?;
        let entry = open.with_state(|state| self.new_entry(state, &set, &draft_id, &title, &endpoint))?;
        if open.is_locked() {
            // The upload reads plain copies; they go again once the package is sent.
            let files: Vec<_> = entry.manifest.unique_files().into_iter().map(|f| f.attached()).collect();
            open.files().unseal_all(&files).await.map_err(|e| format!("无法准备附件：{}", e.message()))?;
        }
        // Stored before the first byte leaves: its package id is the idempotency key.
        ports.outbox.put(entry.clone()).await.map_err(|e| e.message())?;
        self.show(&entry);
        self.start_sending(entry);
        Ok(())
    }

    /// A new outbox entry for a finished declaration, with a fresh package id.
    fn new_entry(
        &self,
        state: &FormState,
        set: &ReportSet,
        draft_id: &str,
        title: &str,
        endpoint: &str,
    ) -> Result<SubmissionV1, String> {
        let host = &self.0.ports.host;
        let finished = state.finished_declaration().map_err(|e| e.message())?;
        let print = fingerprint(state);
        let reports = set
            .reports
            .iter()
            .filter(|r| applicable(r, state))
            .map(|r| PackagedReport {
                id: r.id.clone(),
                title: printable::title(r, state),
                fingerprint: print.clone(),
                printed_at: state.last_printed(&r.id).map(rfc3339),
            })
            .collect();
        let random: [u8; 16] = host.random_bytes(16)?.try_into().map_err(|_| "无法生成申报包编号".to_string())?;
        let now = host.now_ms();
        let stamp = PackageStamp {
            package_id: uuid_v4(random),
            client_version: env!("CARGO_PKG_VERSION").to_string(),
            created_at_ms: now,
            submitted_at_ms: now,
        };
        let manifest = PackageManifestV1::build(finished, stamp, reports);
        // Refused here, before any byte is sent, rather than by the receiver after every upload.
        let problems: Vec<String> =
            manifest.check().into_iter().map(|p| format!("{}：{}", p.path, p.message)).collect();
        if !problems.is_empty() {
            return Err(format!("申报包不符合提交协议（{}），请修改后再提交", problems.join("；")));
        }
        let mut entry = SubmissionV1::new(manifest, draft_id, title, endpoint, now);
        entry.secret = sender::new_secret(&self.0.ports)?;
        // 我的事项 shows the path of the form the package was sent under, with no form at hand.
        entry.status_path = state.schema().settings.status_path.clone();
        Ok(entry)
    }

    /// 重新发送 after a stop.
    pub fn retry(&self, package_id: &str) {
        let Some(mut entry) = self.find(package_id) else { return };
        entry.resume(self.0.ports.host.now_ms());
        self.show(&entry);
        let storing = self.0.ports.outbox.put(entry.clone());
        self.0.ports.host.spawn(Box::pin(async move {
            let _ = storing.await;
        }));
        self.start_sending(entry);
    }

    /// 进度, 撤回 or 终止申报; the new status is stored and shown.
    pub async fn ask(&self, package_id: &str, act: Act) -> Result<(), String> {
        let Some(mut entry) = self.find(package_id) else { return Err("没有这份申报".into()) };
        sender::ask_status(&self.0.ports, &mut entry, act).await?;
        self.0.ports.outbox.put(entry.clone()).await.map_err(|e| e.message())?;
        self.show(&entry);
        Ok(())
    }
}
