//! The UI's handle on submitted packages: the outbox entries in a signal, kept current by the
//! sending loops; submitting a finished declaration; resuming unsent packages when the app
//! starts or comes back online; 进度, 撤回 and 重新发送.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use zhicheng_engine::printable::{applicable, fingerprint, ReportSet};
use zhicheng_engine::{FormSchema, FormState, PackageStatus, PackagedReport, Phase, SubmissionV1};

use crate::browser::drafts::now_ms;
use crate::browser::file_store::FileRepository;
use crate::browser::submit::new_submission;
use crate::browser::submit::outbox::{IndexedDbOutbox, MemoryOutbox};
use crate::browser::submit::sender::{already_received, ask_status, send_until_done, OutboxRef};
use crate::browser::{config, report_source};

#[derive(Clone)]
pub struct Submissions {
    outbox: OutboxRef,
    files: FileRepository,
    /// Every entry, newest first.
    pub entries: RwSignal<Vec<SubmissionV1>>,
    /// The endpoint and the report templates, fetched while online so that a declaration
    /// submitted offline still gets its package (and waits in the outbox).
    endpoint: StoredValue<Option<String>>,
    reports: StoredValue<Option<Arc<ReportSet>>>,
}

impl Submissions {
    pub fn new(persistent: bool, files: FileRepository) -> Submissions {
        let outbox: OutboxRef = if persistent { Arc::new(IndexedDbOutbox) } else { Arc::new(MemoryOutbox::default()) };
        Submissions {
            outbox,
            files,
            entries: RwSignal::new(Vec::new()),
            endpoint: StoredValue::new(None),
            reports: StoredValue::new(None),
        }
    }

    /// The newest entry of a draft.
    pub fn latest_for(&self, draft_id: &str) -> Option<SubmissionV1> {
        self.entries.with(|all| all.iter().find(|e| e.draft_id == draft_id).cloned())
    }

    /// Whether a draft is held by its submission: read-only, not to be deleted or locked, until
    /// the package is returned, withdrawn or stopped.
    pub fn holds(&self, draft_id: &str) -> bool {
        self.latest_for(draft_id).is_some_and(|e| !e.releases_draft())
    }

    fn find(&self, package_id: &str) -> Option<SubmissionV1> {
        self.entries.with_untracked(|all| all.iter().find(|e| e.package_id == package_id).cloned())
    }

    fn show(&self, entry: &SubmissionV1) {
        self.entries.update(|all| match all.iter_mut().find(|e| e.package_id == entry.package_id) {
            Some(known) => *known = entry.clone(),
            None => all.insert(0, entry.clone()),
        });
    }

    fn start_sending(&self, entry: SubmissionV1) {
        let this = self.clone();
        let on_change: Rc<dyn Fn(&SubmissionV1)> = Rc::new(move |e| this.show(e));
        leptos::task::spawn_local(send_until_done(entry, self.outbox.clone(), self.files.clone(), on_change));
    }

    /// Reads the outbox and resumes every package still to send; again whenever the browser
    /// comes back online (a loop already running for a package is not started twice).
    /// Fetches what a package needs besides the answers (kept for when the network is gone).
    async fn prepare(&self, schema: &FormSchema) -> Result<(String, Arc<ReportSet>), String> {
        let endpoint = match self.endpoint.get_value() {
            Some(endpoint) => endpoint,
            None => config::submit_endpoint().await?,
        };
        self.endpoint.set_value(Some(endpoint.clone()));
        let reports = match self.reports.get_value() {
            Some(reports) => reports,
            None => Arc::new(report_source::load(schema).await?),
        };
        self.reports.set_value(Some(reports.clone()));
        Ok((endpoint, reports))
    }

    /// Reads the outbox into the signal.
    pub async fn load(&self) {
        if let Ok(all) = self.outbox.all().await {
            self.entries.set(all);
        }
    }

    /// The files of packages not yet received (they must not be cleaned up).
    pub async fn files_still_needed(&self) -> Option<Vec<String>> {
        let all = self.outbox.all().await.ok()?;
        Some(
            all.iter()
                .filter(|e| e.phase != Phase::Sent)
                .flat_map(|e| e.manifest.attachments.iter().map(|f| f.sha256.clone()))
                .collect(),
        )
    }

    pub async fn resume(&self, schema: &FormSchema) {
        // Failures here are reported when the applicant submits, if they still hold then.
        let _ = self.prepare(schema).await;
        let all = self.entries.get_untracked();
        all.iter().filter(|e| e.phase == Phase::Sending).for_each(|e| self.start_sending(e.clone()));
        // News of packages already received (退回 makes a declaration editable again).
        for entry in all.into_iter().filter(|e| {
            e.phase == Phase::Sent && !matches!(e.status, Some(PackageStatus::Done | PackageStatus::Withdrawn))
        }) {
            let _ = self.ask(&entry.package_id, false).await;
        }
        let this = self.clone();
        let resume = move || {
            for entry in this.entries.get_untracked().into_iter().filter(|e| e.phase == Phase::Sending) {
                this.start_sending(entry);
            }
        };
        crate::browser::dom::on_window_event("online", resume);
    }

    /// Builds the package of a finished declaration, stores it in the outbox and starts sending.
    pub async fn submit(&self, state: &FormState, draft_id: &str, title: &str) -> Result<(), String> {
        let finished = state.finished_declaration().map_err(|e| e.message())?;
        // A package waits in the outbox readable until it is sent, which a lock promises never
        // to allow; and a locked draft's files are sealed.
        if crate::browser::lock::key(draft_id).is_some() {
            return Err("这份草稿已加锁。提交的申报包在发送完成前会以明文保存在本机，请先点击「已加锁 · 解除」解除口令保护，再提交".into());
        }
        // Another tab may have submitted it meanwhile: the stored outbox decides.
        let stored = self.outbox.all().await.map_err(|e| e.message())?;
        let previous = stored.iter().find(|e| e.draft_id == draft_id).cloned();
        self.entries.set(stored);
        if let Some(mut previous) = previous {
            if !previous.releases_draft() {
                return Err("这份申报已经提交（可能是在另一个窗口），请到「我的事项」的「已提交的申报」查看".into());
            }
            // Sending stopped: the receiver may still have stored it (a reply lost on the way).
            if previous.phase == Phase::Stopped && already_received(&mut previous).await? {
                self.outbox.put(previous.clone()).await.map_err(|e| e.message())?;
                self.show(&previous);
                return Ok(());
            }
        }
        let (endpoint, set) = self.prepare(state.schema()).await?;
        let print = fingerprint(state);
        let reports = set
            .reports
            .iter()
            .filter(|r| applicable(r, state))
            .map(|r| PackagedReport {
                id: r.id.clone(),
                title: r.title.clone(),
                fingerprint: print.clone(),
                printed_at: state.last_printed(&r.id).map(zhicheng_engine::package::rfc3339),
            })
            .collect();
        let entry = new_submission(finished, reports, draft_id, title, &endpoint)?;
        // Stored before the first byte leaves: its package id is the idempotency key.
        self.outbox.put(entry.clone()).await.map_err(|e| e.message())?;
        self.show(&entry);
        self.start_sending(entry);
        Ok(())
    }

    /// 重新发送 after a stop.
    pub fn retry(&self, package_id: &str) {
        let Some(mut entry) = self.find(package_id) else { return };
        entry.resume(now_ms());
        self.show(&entry);
        let outbox = self.outbox.clone();
        let stored = entry.clone();
        leptos::task::spawn_local(async move {
            let _ = outbox.put(stored).await;
        });
        self.start_sending(entry);
    }

    /// 进度 (`withdraw = false`) or 撤回 (`true`); the new status is stored and shown.
    pub async fn ask(&self, package_id: &str, withdraw: bool) -> Result<(), String> {
        let Some(mut entry) = self.find(package_id) else { return Err("没有这份申报".into()) };
        ask_status(&mut entry, withdraw).await?;
        self.outbox.put(entry.clone()).await.map_err(|e| e.message())?;
        self.show(&entry);
        Ok(())
    }
}
