//! Submissions run natively against a receiver in memory: a package stored once whatever fails
//! on the way, waits that follow the protocol, refusals that stop, and the journey afterwards.

use std::rc::Rc;

use zhicheng_engine::{AttachedFile, Command, FieldPath, Outcome, Phase, StageState, SubmissionV1};

use zhicheng_session::testing::{Fault, ManualHost, Page, Profile};
use zhicheng_session::workspace::DraftsCommand;
use zhicheng_session::{Act, DEBOUNCE_MS};

fn finished_page() -> (Rc<ManualHost>, Profile, Page) {
    let host = ManualHost::new(1_000_000);
    let profile = Profile::new(&host);
    let page = Page::start(&profile, &host, None);
    page.type_into("name", "张三");
    assert_eq!(page.form().dispatch(Command::Finish), zhicheng_engine::Outcome::Done);
    host.advance(DEBOUNCE_MS);
    (host, profile, page)
}

fn submit(page: &Page) -> Result<(), String> {
    submit_with(page, None)
}

fn submit_with(page: &Page, passphrase: Option<&'static str>) -> Result<(), String> {
    let (submissions, form) = (page.workspace.submissions().clone(), page.form());
    page.finish(async move { submissions.submit(&form, passphrase).await })
}

fn latest(page: &Page) -> SubmissionV1 {
    page.workspace.submissions().latest_for(&page.form().id()).expect("an outbox entry")
}

#[test]
fn a_finished_declaration_is_sent_once_and_gets_its_receipt() {
    let (host, profile, page) = finished_page();
    submit(&page).unwrap();
    host.run();
    let entry = latest(&page);
    assert_eq!((entry.phase, entry.receipt.as_deref()), (Phase::Sent, Some("ZC000001")));
    assert_eq!(profile.receiver.stored(), vec![entry.package_id.clone()]);
    assert!(page.workspace.submissions().holds(&page.form().id()), "a sent declaration is read-only");
    let error = submit(&page).unwrap_err();
    assert!(error.starts_with("这份申报已经提交"), "{error}");
}

#[test]
fn the_package_secret_is_kept_in_the_outbox_and_sent_with_every_request() {
    let (host, profile, page) = finished_page();
    submit(&page).unwrap();
    host.run();
    let entry = latest(&page);
    assert_eq!(entry.phase, Phase::Sent, "{:?}", entry.message);
    assert_eq!(entry.secret.len(), 64, "a fresh secret of 32 random bytes in hex");
    assert!(entry.secret.bytes().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    assert_eq!(profile.receiver.secret_of(&entry.package_id), Some(entry.secret.clone()));
    // 进度 and 撤回 open the package with the same secret (the receiver refuses any other).
    let (submissions, id) = (page.workspace.submissions().clone(), entry.package_id.clone());
    page.finish(async move { submissions.ask(&id, Act::Withdraw).await }).unwrap();
    assert_eq!(latest(&page).status, Some(zhicheng_engine::PackageStatus::Withdrawn));
}

#[test]
fn dropped_connections_and_busy_replies_wait_and_try_again() {
    let (host, profile, page) = finished_page();
    profile.receiver.inject([Fault::Drop, Fault::Status(500, None), Fault::Status(429, Some("5".into()))]);
    submit(&page).unwrap();
    host.run();
    assert_eq!(latest(&page).phase, Phase::Sending);
    assert!(latest(&page).message.unwrap().contains("网络连接中断"));
    // Backoff with the host's jitter of 0.5: 750 ms after the first failure, 1.5 s after the second.
    host.advance(750);
    assert!(latest(&page).message.unwrap().contains("HTTP 500"));
    host.advance(1_500);
    assert!(latest(&page).message.unwrap().contains("接收端繁忙"));
    host.advance(4_999);
    assert_eq!(latest(&page).phase, Phase::Sending, "Retry-After: 5 is honoured");
    host.advance(1);
    assert_eq!(latest(&page).phase, Phase::Sent);
    assert_eq!(profile.receiver.stored().len(), 1);
}

#[test]
fn offline_waits_for_the_network_and_a_portal_page_is_never_taken_for_success() {
    let (host, profile, page) = finished_page();
    host.set_online(false);
    submit(&page).unwrap();
    host.advance(10_000);
    assert_eq!(latest(&page).message.as_deref(), Some(zhicheng_session::submissions::OFFLINE));
    assert!(profile.receiver.requests.borrow().is_empty());
    profile.receiver.inject([Fault::ForeignPage]);
    host.set_online(true);
    host.advance(2_000);
    let entry = latest(&page);
    assert_eq!(entry.phase, Phase::Stopped);
    assert!(entry.message.unwrap().contains("不属于申报接收接口"));
    assert!(!page.workspace.submissions().holds(&page.form().id()), "a stopped package frees the draft");
    page.workspace.submissions().retry(&entry.package_id);
    host.run();
    assert_eq!(latest(&page).phase, Phase::Sent);
}

#[test]
fn a_withdrawn_package_frees_the_declaration() {
    let (host, _profile, page) = finished_page();
    submit(&page).unwrap();
    host.run();
    let package = latest(&page).package_id;
    let submissions = page.workspace.submissions().clone();
    page.finish(async move { submissions.ask(&package, Act::Withdraw).await }).unwrap();
    assert_eq!(latest(&page).status, Some(zhicheng_engine::PackageStatus::Withdrawn));
    assert!(!page.workspace.submissions().holds(&page.form().id()));
}

#[test]
fn a_returned_declaration_is_edited_from_what_was_sent_or_ended() {
    let (host, profile, page) = finished_page();
    submit(&page).unwrap();
    host.run();
    let (entry, draft) = (latest(&page), page.form().id());
    profile.receiver.set_status(&entry.package_id, "退回", Some("姓名与身份证不一致"));
    let (submissions, id) = (page.workspace.submissions().clone(), entry.package_id.clone());
    page.finish(async move { submissions.ask(&id, Act::Progress).await }).unwrap();
    assert_eq!(latest(&page).reason.as_deref(), Some("姓名与身份证不一致"));

    // The draft is gone from this browser: 修改后重新提交 makes it again from the package as sent.
    page.workspace.show_list();
    for command in [DraftsCommand::Delete(draft.clone()), DraftsCommand::Purge(draft.clone())] {
        let workspace = page.workspace.clone();
        page.finish(async move { workspace.run(command).await }).unwrap();
    }
    let (workspace, id) = (page.workspace.clone(), entry.package_id.clone());
    page.finish(async move { workspace.edit_returned(&id).await }).unwrap();
    let reopened = page.form();
    assert_eq!(reopened.id(), draft, "the same declaration, so its submissions stay together");
    assert_eq!(reopened.with_state(|s| s.submission_answers()), entry.manifest.answers);
    assert!(!page.workspace.submissions().holds(&draft), "editable again");

    let (submissions, id) = (page.workspace.submissions().clone(), entry.package_id.clone());
    page.finish(async move { submissions.ask(&id, Act::Terminate).await }).unwrap();
    assert_eq!(latest(&page).status, Some(zhicheng_engine::PackageStatus::Terminated));
    let (submissions, id) = (page.workspace.submissions().clone(), entry.package_id.clone());
    let again = page.finish(async move { submissions.ask(&id, Act::Terminate).await });
    assert!(again.unwrap_err().contains("只有被退回的申报才能终止"));
}

#[test]
fn a_locked_draft_is_sent_with_its_passphrase_and_stays_sealed() {
    let (host, profile, page) = finished_page();
    let form = page.form();
    let file = AttachedFile {
        sha256: "b".repeat(64),
        name: "学历证书.pdf".into(),
        media_type: "application/pdf".into(),
        size: 4,
        pages: Some(1),
    };
    let (files, stored) = (form.files(), file.clone());
    page.finish(async move { files.put(&stored, b"%PDF".to_vec()).await }).unwrap();
    form.dispatch(Command::Attach { material: "evidence".into(), file });
    form.dispatch(Command::Finish);
    let locking = form.clone();
    page.finish(async move { zhicheng_session::lock::lock(&locking, "一句很长的口令").await }).unwrap();
    host.run();
    assert!(profile.files.hashes().is_empty(), "locked: no plain copy");
    assert!(submit(&page).unwrap_err().contains("请输入口令"));
    assert!(submit_with(&page, Some("不对的口令不对的口令")).unwrap_err().starts_with("口令不正确"));
    submit_with(&page, Some("一句很长的口令")).unwrap();
    host.run();
    let entry = latest(&page);
    assert_eq!(entry.phase, Phase::Sent);
    assert_eq!(entry.manifest.attachments.len(), 1, "the package carries the file");
    assert!(profile.files.hashes().is_empty(), "the plain copy made for the upload is gone once sent");
    assert_eq!(profile.files.sealed_keys().len(), 1, "the draft's own copy stays sealed");
    let stored = profile.drafts.stored_entry(&form.id()).unwrap();
    assert!(stored.lock.is_some() && stored.summary.applicant.is_empty(), "the stored draft names nobody");
}

#[test]
fn a_sent_package_opens_as_it_was_sent_even_after_the_draft_changed() {
    let (host, profile, page) = finished_page();
    submit(&page).unwrap();
    host.run();
    let entry = latest(&page);
    profile.receiver.set_status(&entry.package_id, "退回", Some("学历证书不清晰"));
    let (submissions, package) = (page.workspace.submissions().clone(), entry.package_id.clone());
    page.finish(async move { submissions.ask(&package, Act::Progress).await }).unwrap();
    assert!(!page.workspace.submissions().holds(&page.form().id()), "a 退回 frees the draft");
    page.type_into("name", "张三丰");
    host.advance(DEBOUNCE_MS);
    page.workspace.view_package(&entry.package_id).unwrap();
    let sent = page.form();
    assert!(sent.sent_package().is_some());
    assert_eq!(
        sent.with_state(|s| s.text(&FieldPath::top("name")).to_string()),
        "张三",
        "what was sent, not the draft"
    );
    assert!(matches!(sent.dispatch(Command::Finish), Outcome::Refused(_)), "it cannot change");
    let submissions = page.workspace.submissions().clone();
    let again = page.finish(async move { submissions.submit(&sent, None).await });
    assert!(again.unwrap_err().contains("只能查看"), "nor be submitted again as it is");
}

#[test]
fn the_outbox_entry_follows_the_stage_the_receiver_reports() {
    let (host, profile, page) = finished_page();
    submit(&page).unwrap();
    host.run();
    let entry = latest(&page);
    let stage_ids: Vec<&str> = entry.status_path.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(stage_ids, ["declare", "unit-review"], "the form's path travels with the package");
    assert_eq!(entry.stage, None, "no stage until the receiver sets one");
    let states = |e: &SubmissionV1| e.path_progress().iter().map(|s| s.state).collect::<Vec<_>>();
    assert_eq!(states(&entry), [StageState::Done, StageState::Current]);

    let ask = |page: &Page| {
        let (submissions, id) = (page.workspace.submissions().clone(), latest(page).package_id);
        page.finish(async move { submissions.ask(&id, Act::Progress).await }).unwrap();
    };
    profile.receiver.set_stage(&entry.package_id, "unit-review", None, Some("已收到，审核中"), false);
    ask(&page);
    let stage = latest(&page).stage.expect("the reported stage is stored");
    assert_eq!((stage.id.as_str(), stage.opinion.as_deref()), ("unit-review", Some("已收到，审核中")));

    // The unit refuses it: the entry is returned with the unit's 意见, and the path says so.
    profile.receiver.set_stage(&entry.package_id, "unit-review", Some("failed"), Some("请补充工作经历"), true);
    ask(&page);
    let returned = latest(&page);
    assert_eq!(returned.status, Some(zhicheng_engine::PackageStatus::Returned));
    assert_eq!(returned.reason.as_deref(), Some("请补充工作经历"));
    assert_eq!(states(&returned), [StageState::Done, StageState::NotPassed]);
    assert_eq!(returned.path_progress()[1].opinion.as_deref(), Some("请补充工作经历"));
    assert!(!page.workspace.submissions().holds(&page.form().id()), "a returned package frees the draft");
}

#[test]
fn a_start_only_counts_an_empty_outbox_and_reads_one_with_entries() {
    let host = ManualHost::new(1_000_000);
    let profile = Profile::new(&host);
    let first = Page::start(&profile, &host, None);
    assert_eq!(profile.outbox.reads(), 0, "a first visit's empty outbox is counted, not read");
    first.type_into("name", "张三");
    assert_eq!(first.form().dispatch(Command::Finish), Outcome::Done);
    host.advance(DEBOUNCE_MS);
    submit(&first).unwrap();
    host.run();
    let reads = profile.outbox.reads();
    let again = Page::start(&profile, &host, None);
    assert!(profile.outbox.reads() > reads, "a later visit reads the entries");
    assert!(again.workspace.submissions().holds(&first.form().id()), "and the sent declaration is held");
}

#[test]
fn getting_ready_for_submission_readies_the_outbox_before_anything_is_stored() {
    let (_host, profile, page) = finished_page();
    assert_eq!(profile.outbox.readied(), 0);
    let (submissions, schema) = (page.workspace.submissions().clone(), page.form().schema());
    page.finish(async move { submissions.get_ready(schema).await });
    assert_eq!(profile.outbox.readied(), 1, "the code storing entries is loaded while the network is there");
    assert!(page.workspace.submissions().latest_for(&page.form().id()).is_none(), "and nothing is queued yet");
}
