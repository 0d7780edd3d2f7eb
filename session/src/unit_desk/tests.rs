//! The desk reads the receiver's lists and packages, sends nothing it was not asked to, tells a
//! refusal in the receiver's words, and starts a decision with the package's fixed answers.

use std::cell::RefCell;
use std::rc::Rc;

use serde_json::json;
use zhicheng_engine::{FormSchema, PackagedFile};

use super::*;
use crate::portable::SerdeJson;
use crate::ports::transport::{NoReply, Transport};
use crate::ports::LocalFuture;
use crate::testing::{ManualHost, Profile};

const MANIFEST_ID: &str = "0f8fad5b-d9cb-469f-a165-70867728950e";

/// Answers every GET with `reply`, and remembers the URLs asked.
struct Scripted {
    reply: Reply,
    asked: RefCell<Vec<String>>,
}

impl Transport for Scripted {
    fn send(&self, method: &str, url: &str, _: Option<String>, secret: &str) -> LocalFuture<Result<Reply, NoReply>> {
        assert_eq!((method, secret), ("GET", ""), "the desk only reads, with no package secret");
        self.asked.borrow_mut().push(url.to_string());
        Box::pin(std::future::ready(Ok(self.reply.clone())))
    }

    fn put_file(&self, _: &str, _: &PackagedFile, _: &str, _: Box<dyn Fn(u64)>) -> LocalFuture<Result<Reply, NoReply>> {
        unreachable!("the desk uploads nothing")
    }
}

fn ports_answering(status: u16, body: serde_json::Value) -> (Ports, Rc<Scripted>) {
    let host = ManualHost::new(1_795_420_800_000);
    let mut profile = Profile::new(&host);
    let reply = Reply::from_parts(status, Some("application/json"), None, &body.to_string());
    let scripted = Rc::new(Scripted { reply, asked: RefCell::default() });
    profile.other_transport = Some(scripted.clone());
    (profile.ports(&host), scripted)
}

fn manifest() -> serde_json::Value {
    json!({
        "format": "zhicheng.package", "format_version": 1, "package_id": MANIFEST_ID, "form_id": "decl",
        "schema_version": 1, "client_version": "t", "created_at": "2026-11-23T07:59:00Z",
        "submitted_at": "2026-11-23T08:00:00Z", "applicant": { "name": "李明", "id_number": "" },
        "answers": { "name": "李明", "titleName": "高级工程师" }, "attachments": [], "reports": []
    })
}

#[test]
fn the_inbox_lists_what_the_receiver_reported_for_the_unit() {
    let body = json!({ "protocol": "zhicheng-submission/1", "unit": { "code": "91440300568520498A", "name": "示例公司" },
        "packages": [{ "package_id": MANIFEST_ID, "receipt": "ZC20261123000001", "form_id": "decl",
            "applicant": { "name": "李明" }, "status": "待办中", "stage": null, "received_at": "2026-11-23T08:00:00Z" }] });
    let (ports, scripted) = ports_answering(200, body);
    let inbox = futures::executor::block_on(inbox(&ports)).unwrap();
    assert_eq!(inbox.unit, DeskUnit { code: "91440300568520498A".into(), name: "示例公司".into() });
    assert_eq!(inbox.packages.len(), 1);
    assert_eq!(inbox.packages[0].applicant, "李明");
    assert_eq!(inbox.packages[0].status, Some(PackageStatus::Waiting));
    assert!(scripted.asked.borrow()[0].ends_with("v1/units/packages"), "{:?}", scripted.asked.borrow());
}

#[test]
fn a_refusal_is_told_in_the_receivers_words() {
    let body = json!({ "protocol": "zhicheng-submission/1",
        "error": { "code": "unit_key_required", "message": "只有单位才能审核申报：请求缺少单位密钥", "fields": [] } });
    let (ports, _) = ports_answering(401, body);
    let refused = futures::executor::block_on(inbox(&ports)).unwrap_err();
    assert!(refused.contains("缺少单位密钥"), "{refused}");
}

#[test]
fn a_package_is_read_with_its_manifest_and_must_be_the_one_asked_for() {
    let body = json!({ "protocol": "zhicheng-submission/1",
        "package": { "package_id": MANIFEST_ID, "receipt": "ZC20261123000001", "status": "待办中" }, "manifest": manifest() });
    let (ports, _) = ports_answering(200, body);
    let (listed, read) = futures::executor::block_on(package::<SerdeJson>(&ports, MANIFEST_ID)).unwrap();
    assert_eq!((listed.receipt.as_str(), read.answers.len()), ("ZC20261123000001", 2));
    let other = futures::executor::block_on(package::<SerdeJson>(&ports, "7c9e6679-7425-40de-944b-e07fc1f90ae7"));
    assert!(other.is_err(), "a manifest of another package is not taken");
}

#[test]
fn a_decision_starts_with_the_packages_fixed_answers_and_the_unit() {
    let form = FormSchema::from_json(
        r#"{"id": "review", "version": 1, "title": "单位审核",
        "settings": {"draft_summary": {"applicant": "unitName", "kind": "subjectName"}, "applicant_id_field": "unitCode",
          "decides": {"form": "decl", "stage": "unit-review", "decider_field": "unitOf", "subject_field": "subject",
            "receipt_field": "receipt", "copies": {"subjectName": "name", "subjectTitle": "titleName", "subjectPhone": "phone"},
            "outcome_field": "outcome", "outcomes": {"提交": "passed"}, "opinion_field": "reason"}},
        "options": {"outcomes": ["提交"]},
        "steps": [{"id": "s", "title": "s", "sections": [{"id": "x", "title": "x", "fields": [
            {"id": "subject", "label": "编号", "kind": "text", "fixed": true}, {"id": "receipt", "label": "流水号", "kind": "text", "fixed": true},
            {"id": "subjectName", "label": "申报人", "kind": "text", "fixed": true}, {"id": "subjectTitle", "label": "资格", "kind": "text", "fixed": true},
            {"id": "subjectPhone", "label": "电话", "kind": "text", "fixed": true},
            {"id": "unitName", "label": "单位", "kind": "text"}, {"id": "unitCode", "label": "代码", "kind": "text"},
            {"id": "outcome", "label": "结果", "kind": "select", "options": "outcomes"},
            {"id": "reason", "label": "原因", "kind": "textarea"}]}]}]}"#,
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let decides = form.settings.decides.clone().unwrap();
    let listed = Reported {
        package_id: MANIFEST_ID.into(),
        receipt: "ZC20261123000001".into(),
        form_id: "decl".into(),
        applicant: "李明".into(),
        status: Some(PackageStatus::Waiting),
        stage: None,
        received_at: String::new(),
    };
    let manifest: PackageManifestV1 = serde_json::from_value(manifest()).unwrap();
    let unit = DeskUnit { code: "91440300568520498A".into(), name: "示例公司".into() };
    let answers = decision_answers(&form, &decides, &listed, &manifest, &unit);
    let text = |id: &str| answers.iter().find(|(f, _)| f == id).map(|(_, v)| v.display());
    assert_eq!(text("subject").as_deref(), Some(MANIFEST_ID));
    assert_eq!(text("receipt").as_deref(), Some("ZC20261123000001"));
    assert_eq!(text("subjectName").as_deref(), Some("李明"));
    assert_eq!(text("subjectTitle").as_deref(), Some("高级工程师"));
    assert_eq!(text("subjectPhone"), None, "an answer the applicant left blank is not made up");
    assert_eq!(
        (text("unitName").as_deref(), text("unitCode").as_deref()),
        (Some("示例公司"), Some("91440300568520498A"))
    );
}
