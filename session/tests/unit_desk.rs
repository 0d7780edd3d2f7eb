//! The unit reviews a declaration from the applicant's 导出申报包 file, natively: the applicant
//! submits and exports, the unit (another profile, with no receiver) opens the file and gets the
//! decision draft with the declaration kept beside it; a draft backup, another form's package or
//! an altered file is refused, and the decision's own package never carries the applicant's files.

use std::sync::Arc;

use zhicheng_engine::hex::sha256_hex;
use zhicheng_engine::{AttachedFile, Command, FormSchema, Value};
use zhicheng_session::testing::{ManualHost, Page, Profile};
use zhicheng_session::unit_desk::from_file::{kept_subject, open_from_file, SUBJECT_FILES};
use zhicheng_session::unit_desk::DeskUnit;
use zhicheng_session::{DraftsCommand, Screen, Workspace, DEBOUNCE_MS};

/// The unit's decision on the short test form's declarations.
fn decision_form(decided: &str) -> Arc<FormSchema> {
    let json = r#"{"id": "test-review", "version": 1, "title": "单位审核",
        "settings": {"draft_summary": {"applicant": "unitName", "kind": "subjectName"}, "applicant_id_field": "unitCode",
          "decides": {"form": "DECIDED", "stage": "unit-review", "decider_field": "unitOf", "subject_field": "subject",
            "receipt_field": "receipt", "copies": {"subjectName": "name"},
            "outcome_field": "outcome", "outcomes": {"提交": "passed"}, "opinion_field": "reason"}},
        "options": {"outcomes": ["提交"]},
        "steps": [{"id": "s", "title": "审核", "sections": [{"id": "x", "title": "x", "fields": [
            {"id": "subject", "label": "编号", "kind": "text", "fixed": true, "required": true},
            {"id": "receipt", "label": "业务流水号", "kind": "text", "fixed": true, "required": true},
            {"id": "subjectName", "label": "申报人", "kind": "text", "fixed": true},
            {"id": "unitName", "label": "单位", "kind": "text"}, {"id": "unitCode", "label": "代码", "kind": "text"},
            {"id": "outcome", "label": "结果", "kind": "select", "options": "outcomes", "required": true},
            {"id": "reason", "label": "原因", "kind": "textarea"}]}]}]}"#;
    Arc::new(FormSchema::from_json(&json.replace("DECIDED", decided)).unwrap_or_else(|e| panic!("{e:?}")))
}

/// An applicant's declaration with one attached file, submitted and sent, exported as sent.
fn applicants_package_file() -> (Vec<u8>, zhicheng_engine::SubmissionV1) {
    let host = ManualHost::new(1_000_000);
    let profile = Profile::new(&host);
    let page = Page::start(&profile, &host, None);
    page.type_into("name", "张三");
    let form = page.form();
    let content = b"%PDF-1.7 certificate".to_vec();
    let file = AttachedFile {
        sha256: sha256_hex(&content),
        name: "学历证书.pdf".into(),
        media_type: "application/pdf".into(),
        size: content.len() as u64,
        pages: Some(1),
    };
    let (files, stored) = (form.files(), file.clone());
    page.finish(async move { files.put(&stored, content).await }).unwrap();
    form.dispatch(Command::Attach { material: "evidence".into(), file });
    assert_eq!(form.dispatch(Command::Finish), zhicheng_engine::Outcome::Done);
    host.advance(DEBOUNCE_MS);
    let submissions = page.workspace.submissions().clone();
    page.finish(async move { submissions.submit(&form, None).await }).unwrap();
    host.run();
    let entry = page.workspace.submissions().latest_for(&page.form().id()).expect("sent");
    let (workspace, id) = (page.workspace.clone(), entry.package_id.clone());
    let exported = page.finish(async move { workspace.export_sent(&id).await }).unwrap();
    assert!(exported.name.starts_with("职称申报包-") && exported.name.ends_with("ZC000001.zip"), "{}", exported.name);
    // The applicant's plain backup of the same declaration, which is not a package file.
    let (workspace, draft) = (page.workspace.clone(), page.form().id());
    let backup = page.finish(async move { workspace.run(DraftsCommand::Export(draft)).await }).unwrap();
    BACKUP.with(|b| *b.borrow_mut() = backup.download.unwrap().bytes);
    (exported.bytes, entry)
}

thread_local! {
    static BACKUP: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The unit's browser: another profile, with the decision form open on its list.
fn units_desk(decided: &str) -> (std::rc::Rc<ManualHost>, Profile, Workspace) {
    let host = ManualHost::new(2_000_000);
    let profile = Profile::new(&host);
    let workspace = Workspace::new(profile.ports(&host), decision_form(decided));
    (host, profile, workspace)
}

/// Opens the package file in the unit's browser, with the unit's key given (`keyed`) or not yet.
fn open_as(host: &std::rc::Rc<ManualHost>, workspace: &Workspace, bytes: Vec<u8>, keyed: bool) -> Result<(), String> {
    let page = Page { host: host.clone(), workspace: workspace.clone() };
    let unit = DeskUnit { code: "91440300568520498A".into(), name: "示例公司".into() };
    let workspace = workspace.clone();
    page.finish(async move { open_from_file(&workspace, bytes, keyed.then_some(&unit)).await })
}

fn open(host: &std::rc::Rc<ManualHost>, workspace: &Workspace, bytes: Vec<u8>) -> Result<(), String> {
    open_as(host, workspace, bytes, true)
}

#[test]
fn the_unit_opens_the_exported_package_and_keeps_it_with_the_decision() {
    let (bytes, entry) = applicants_package_file();
    let (host, _profile, workspace) = units_desk("test-short");
    open_as(&host, &workspace, bytes.clone(), false).unwrap();
    let page = Page { host: host.clone(), workspace: workspace.clone() };
    let unit_name = |page: &Page| page.form().with_state(|s| s.answers().get("unitName").map(Value::display));
    assert_eq!(unit_name(&page), None, "no key, no unit to name");
    workspace.show_list();
    open(&host, &workspace, bytes.clone()).unwrap();
    let decision = page.form();
    assert_eq!(decision.id(), format!("decision-{}", entry.package_id), "one decision per declaration");
    let answer = |id: &str| decision.with_state(|s| s.answers().get(id).map(Value::display));
    assert_eq!(answer("subject"), Some(entry.package_id.clone()));
    assert_eq!(answer("receipt").as_deref(), Some("ZC000001"));
    assert_eq!(answer("subjectName").as_deref(), Some("张三"));
    assert_eq!(answer("unitName").as_deref(), Some("示例公司"), "the key's unit fills the blank on opening again");
    let drafts = workspace.ports().drafts.clone();
    let listed = page.finish(async move { drafts.list().await }).unwrap();
    assert_eq!(listed[0].summary.applicant, "示例公司", "the 草稿箱 names the decision by the unit now");

    // The declaration is read again from the kept file: the package as sent, with its file.
    let attachments = decision.with_state(|s| s.attachments().clone());
    assert_eq!(attachments[SUBJECT_FILES].len(), 1, "the package file is kept with the decision");
    let ports = workspace.ports().clone();
    let subject = page.finish(async move { kept_subject(&ports, &attachments).await }).expect("kept").unwrap();
    assert_eq!(subject.sent.manifest, entry.manifest);
    assert_eq!(subject.sent.receipt, "ZC000001");
    let certificate = &subject.sent.manifest.attachments[0];
    let content = subject.files.iter().find(|(f, _)| f.sha256 == certificate.sha256).map(|(_, b)| b.clone());
    assert_eq!(content.as_deref(), Some(&b"%PDF-1.7 certificate"[..]));

    // Opening the same file again opens the same draft, with what the unit wrote.
    decision.dispatch(Command::SetValue {
        path: zhicheng_engine::FieldPath::top("reason"),
        value: Value::text("材料齐全"),
    });
    decision.flush();
    host.run();
    workspace.show_list();
    open(&host, &workspace, bytes).unwrap();
    assert_eq!(page.form().with_state(|s| s.answers().get("reason").map(Value::display)).as_deref(), Some("材料齐全"));

    // The decision's own package carries only the unit's answers, never the applicant's files.
    let form = page.form();
    form.dispatch(Command::SetValue { path: zhicheng_engine::FieldPath::top("outcome"), value: Value::text("提交") });
    let packaged = form.with_state(|s| {
        let finished = s.finished_declaration().expect("the decision is complete");
        zhicheng_engine::PackageManifestV1::build(finished, stamp(), Vec::new()).attachments
    });
    assert!(packaged.is_empty(), "{packaged:?}");
}

fn stamp() -> zhicheng_engine::package::PackageStamp {
    zhicheng_engine::package::PackageStamp {
        package_id: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
        client_version: "t".into(),
        created_at_ms: 1_000_000,
        submitted_at_ms: 1_000_000,
    }
}

#[test]
fn a_draft_backup_another_forms_package_or_an_altered_file_is_refused() {
    let (bytes, _) = applicants_package_file();
    let (host, profile, workspace) = units_desk("test-short");
    let backup = BACKUP.with(|b| b.borrow().clone());
    let refused = open(&host, &workspace, backup).unwrap_err();
    assert!(refused.contains("草稿备份文件，不是申报包") && refused.contains("导出申报包"), "{refused}");

    let mut altered = bytes.clone();
    let at = altered.windows(4).position(|w| w == b"%PDF").expect("the file is stored as it is");
    altered[at + 5] ^= 1;
    assert!(open(&host, &workspace, altered).unwrap_err().contains("已损坏或被改动"));

    let (host, _, other) = units_desk("another-form");
    let refused = open(&host, &other, bytes).unwrap_err();
    assert!(refused.contains("属于另一张申报表（test-short）"), "{refused}");
    assert!(!matches!(workspace.screen().get(), Screen::Form(_)), "nothing opened");
    let page = Page { host, workspace };
    let drafts = profile.drafts.clone();
    assert!(page.finish(async move { zhicheng_session::DraftRepository::list(&*drafts).await }).unwrap().is_empty());
}

/// A change made to a package file's `package.json`.
type Change = dyn Fn(&mut zhicheng_engine::ExportedPackageV1);

#[test]
fn a_package_file_whose_package_disagrees_with_what_it_holds_is_refused() {
    use zhicheng_session::portable::{pack, unpack, SerdeJson};
    let (bytes, _) = applicants_package_file();
    let (host, _, workspace) = units_desk("test-short");
    let good = unpack::<SerdeJson>(&bytes).expect("the export reads back");
    let repacked = |change: &Change| {
        let mut sent = good.sent.clone().expect("a package file");
        change(&mut sent);
        pack::<SerdeJson>(&good.stored, Some(&sent), good.files.clone()).unwrap()
    };
    let cases: [(&Change, &str); 4] = [
        (&|sent| sent.manifest.package_id = "../../drafts".into(), "申报包内容与清单不一致"),
        (&|sent| sent.receipt = "ZC<script>".into(), "申报包内容与清单不一致"),
        (&|sent| sent.manifest.form_id = "another-form".into(), "申报包内容与清单不一致"),
        (&|sent| sent.manifest.attachments[0].sha256 = "0".repeat(64), "缺少申报包的附件「学历证书.pdf」"),
    ];
    for (change, expected) in cases {
        let refused = open(&host, &workspace, repacked(change)).unwrap_err();
        assert!(refused.contains(expected), "{refused}");
    }
    open(&host, &workspace, repacked(&|_| {})).expect("the file packed again unchanged opens");
}
