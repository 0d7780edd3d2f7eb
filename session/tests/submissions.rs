//! Submissions run natively against a receiver in memory: a package stored once whatever fails
//! on the way, waits that follow the protocol, refusals that stop, and the journey afterwards.

use std::rc::Rc;

use zhicheng_engine::{Command, Phase, SubmissionV1};

use zhicheng_session::testing::{Fault, ManualHost, Page, Profile};
use zhicheng_session::DEBOUNCE_MS;

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
    let (submissions, form) = (page.workspace.submissions().clone(), page.form());
    page.finish(async move { submissions.submit(&form).await })
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
    assert_eq!(latest(&page).message.as_deref(), Some("当前没有网络连接，恢复联网后会自动继续发送。"));
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
    page.finish(async move { submissions.ask(&package, true).await }).unwrap();
    assert_eq!(latest(&page).status, Some(zhicheng_engine::PackageStatus::Withdrawn));
    assert!(!page.workspace.submissions().holds(&page.form().id()));
}

#[test]
fn a_locked_draft_is_not_sent_until_its_lock_is_removed() {
    let (host, _profile, page) = finished_page();
    let form = page.form();
    page.finish(async move { zhicheng_session::lock::lock(&form, "一句很长的口令").await }).unwrap();
    host.run();
    let error = submit(&page).unwrap_err();
    assert!(error.contains("已加锁"), "{error}");
}
