//! Training mode's rehearsal, natively: a declaration submitted to the simulated receiver gets a
//! receipt, is returned with the script's reason, comes back corrected as a new package, goes
//! through the resubmission's steps to 办结; the desk survives a reload and a reset empties it.

use std::rc::Rc;

use zhicheng_engine::training::{Script, Stage};
use zhicheng_engine::{Command, PackageStatus, Phase, SubmissionV1};
use zhicheng_session::ports::host::Host;
use zhicheng_session::testing::{ManualHost, Page, Profile};
use zhicheng_session::training::{Keeper, MemoryKeeper, SimulatedReceiver};
use zhicheng_session::{Act, DEBOUNCE_MS};

fn stage(outcome: Option<&str>, opinion: Option<&str>, returns: bool) -> Stage {
    Stage { id: "unit-review".into(), outcome: outcome.map(String::from), opinion: opinion.map(String::from), returns }
}

fn script() -> Script {
    Script {
        first: vec![stage(Some("failed"), Some("请补充工作经历"), true)],
        resubmitted: vec![stage(None, None, false)],
    }
}

fn submit_and_send(page: &Page, host: &ManualHost) -> SubmissionV1 {
    assert_eq!(page.form().dispatch(Command::Finish), zhicheng_engine::Outcome::Done);
    host.advance(DEBOUNCE_MS);
    let (submissions, form) = (page.workspace.submissions().clone(), page.form());
    page.finish(async move { submissions.submit(&form, None).await }).unwrap();
    host.run();
    page.workspace.submissions().latest_for(&page.form().id()).expect("an outbox entry")
}

fn ask(page: &Page, package_id: &str) -> SubmissionV1 {
    let (submissions, id) = (page.workspace.submissions().clone(), package_id.to_string());
    page.finish(async move { submissions.ask(&id, Act::Progress).await }).unwrap();
    page.workspace.submissions().latest_for(&page.form().id()).unwrap()
}

#[test]
fn a_rehearsal_goes_from_receipt_to_return_to_resubmission_to_done() {
    let host = ManualHost::new(1_795_000_000_000);
    let keeper = Rc::new(MemoryKeeper::default());
    let receiver = Rc::new(SimulatedReceiver::open(keeper.clone(), host.clone() as Rc<dyn Host>));
    let mut profile = Profile::new(&host);
    profile.other_transport = Some(receiver.clone());
    let page = Page::start(&profile, &host, None);
    page.type_into("name", "张三");

    let first = submit_and_send(&page, &host);
    assert_eq!(first.phase, Phase::Sent, "{:?}", first.message);
    let receipt = first.receipt.clone().unwrap();
    assert!(receipt.starts_with("YS2026") && receipt.ends_with("000001"), "{receipt}");
    assert!(profile.receiver.stored().is_empty(), "nothing reached the real receiver");

    assert!(receiver.advance(&first.package_id, &script(), 0).unwrap().contains("请补充工作经历"));
    let returned = ask(&page, &first.package_id);
    assert_eq!(returned.status, Some(PackageStatus::Returned));
    assert_eq!(returned.reason.as_deref(), Some("请补充工作经历"));
    assert!(receiver.advance(&first.package_id, &script(), 0).is_err(), "a returned package stays returned");

    page.type_into("name", "张三丰");
    let second = submit_and_send(&page, &host);
    assert_ne!(second.package_id, first.package_id, "the corrected declaration is a new package");
    assert!(second.receipt.as_deref().unwrap().ends_with("000002"));
    receiver.advance(&second.package_id, &script(), 1).unwrap();
    let placed = ask(&page, &second.package_id);
    assert_eq!(placed.stage.map(|s| s.id), Some("unit-review".to_string()), "the script's stage is reported");
    assert_eq!(placed.status, Some(PackageStatus::Waiting), "not returned this time");
    assert_eq!(receiver.advance(&second.package_id, &script(), 1).unwrap(), "已办结");
    assert_eq!(ask(&page, &second.package_id).status, Some(PackageStatus::Done));

    // A reload opens the kept desk; a reset forgets every package.
    let reopened = SimulatedReceiver::open(keeper.clone(), host.clone() as Rc<dyn Host>);
    assert!(reopened.advance(&second.package_id, &script(), 1).unwrap_err().contains("办结"));
    reopened.reset();
    assert!(keeper.load().is_some_and(|kept| !kept.contains(&second.package_id)));
    assert!(reopened.advance(&second.package_id, &script(), 1).unwrap_err().contains("没有这份申报"));
}

#[test]
fn a_persona_draft_is_seeded_once_and_never_written_over() {
    use zhicheng_session::training::{persona_draft_id, seed};
    let host = ManualHost::new(1_795_000_000_000);
    let profile = Profile::new(&host);
    let ports = profile.ports(&host);
    let schema = zhicheng_session::testing::short_form();
    let mut state = zhicheng_engine::FormState::new(schema.clone(), host.today());
    state.apply(Command::SetValue {
        path: zhicheng_engine::FieldPath::top("name"),
        value: zhicheng_engine::Value::text("李明"),
    });
    let page = Page::start(&profile, &host, None);
    let p = ports.clone();
    assert!(page.finish(async move { seed(&p, "engineer", "李明（练习）", &state).await }).unwrap());
    let (p, id) = (ports.clone(), persona_draft_id("engineer"));
    let listed = page.finish(async move { p.drafts.list().await }).unwrap();
    assert_eq!(listed.iter().find(|m| m.id == id).and_then(|m| m.name.as_deref()), Some("李明（练习）"));
    let (p, blank) = (ports.clone(), zhicheng_engine::FormState::new(schema, host.today()));
    assert!(!page.finish(async move { seed(&p, "engineer", "李明（练习）", &blank).await }).unwrap(), "kept");
}
