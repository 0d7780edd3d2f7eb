//! The reference receiver accepts finished Dongguan declarations (评审, 人工智能认定, 考核认定),
//! each with a file on every material its answers require, checked by the form's own rules read
//! from `public/forms/` with the shared parts; and it refuses a material the answers make
//! inapplicable (劳动合同 when 申报单位 and 参保单位 are the same). An operator moves a 考核认定
//! package along its form's status path (`set-stage`): each stage is stored, reported with the
//! status and audited; a stage or outcome the form does not declare is refused; a 不通过 returns
//! the package with the unit's 意见 as the reason.

mod support;

#[path = "../../engine/tests/support/dongguan.rs"]
mod dongguan;

use axum::http::StatusCode;
use serde_json::{json, Value};
use support::*;
use zhicheng_engine::{AttachedFile, Command, FormState, Outcome, PackageStatus};
use zhicheng_receiver::stages::{self, StageRequest};

/// Attaches a PDF of its own content to every required material; returns the files' bytes.
fn attach_pdfs(s: &mut FormState) -> Vec<Vec<u8>> {
    dongguan::required_materials(s)
        .into_iter()
        .map(|material| {
            let bytes = pdf_with(&material);
            let file = AttachedFile {
                sha256: sha(&bytes),
                name: format!("{material}.pdf"),
                media_type: "application/pdf".into(),
                size: bytes.len() as u64,
                pages: Some(1),
            };
            assert_eq!(s.apply(Command::Attach { material, file }), Outcome::Done);
            bytes
        })
        .collect()
}

fn manifest(s: &FormState, package_id: &str) -> Value {
    finished_manifest(s, package_id, Vec::new())
}

#[tokio::test]
async fn finished_dongguan_declarations_are_accepted() {
    let r = receiver(&data_folder("dongguan"));
    let cases = [
        ("1b4e28ba-2fa1-41d2-883f-0016d3cca427", dongguan::title_review()),
        ("6fa459ea-ee8a-4ca4-894e-db77e160355e", dongguan::ai_recognition()),
        ("16fd2706-8baf-433b-82eb-8c7fada847da", dongguan::assessment()),
    ];
    for (package_id, mut state) in cases {
        let files = attach_pdfs(&mut state);
        let manifest = manifest(&state, package_id);
        for bytes in &files {
            assert_eq!(upload(&r, package_id, bytes).await, StatusCode::CREATED, "{}", manifest["form_id"]);
        }
        let (status, receipt) = finalise(&r, &manifest).await;
        assert_eq!(status, StatusCode::CREATED, "{}: {receipt}", manifest["form_id"]);
        assert_eq!(receipt["status"], "待办中");
    }
    assert_eq!(r.store.counts().unwrap().0, 3);
}

#[tokio::test]
async fn a_labour_contract_where_the_units_agree_is_refused() {
    let r = receiver(&data_folder("dongguan-contract"));
    let mut state = dongguan::assessment();
    let mut files = attach_pdfs(&mut state);
    let mut manifest = manifest(&state, PACKAGE_ID);
    let contract = pdf_with("劳动合同");
    manifest["attachments"].as_array_mut().unwrap().push(json!({
        "material": "laborContract", "name": "劳动合同.pdf", "media_type": "application/pdf",
        "size": contract.len(), "sha256": sha(&contract), "pages": 1
    }));
    files.push(contract);
    for bytes in &files {
        upload(&r, PACKAGE_ID, bytes).await;
    }
    let (status, e) = finalise(&r, &manifest).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert!(e["error"]["fields"].to_string().contains("劳动合同"), "{e}");
}

/// A finished 考核认定 package, received; the receiver and the package's status address.
async fn received_assessment(data: &std::path::Path) -> (std::sync::Arc<zhicheng_receiver::http::Receiver>, String) {
    let r = receiver(data);
    let mut state = dongguan::assessment();
    let files = attach_pdfs(&mut state);
    let manifest = manifest(&state, PACKAGE_ID);
    for bytes in &files {
        upload(&r, PACKAGE_ID, bytes).await;
    }
    assert_eq!(finalise(&r, &manifest).await.0, StatusCode::CREATED);
    (r, format!("/v1/packages/{PACKAGE_ID}"))
}

fn set_stage(
    r: &zhicheng_receiver::http::Receiver,
    stage: &str,
    outcome: Option<&str>,
    opinion: Option<&str>,
) -> Result<zhicheng_receiver::store::PackageRecord, String> {
    let asked = StageRequest { key: "ZC20261123000001", stage, outcome, opinion };
    stages::set_stage(&r.store, &r.forms, asked, "2026-11-24T09:00:00Z", "经办人 test")
}

#[tokio::test]
async fn the_operator_moves_an_assessment_along_its_status_path() {
    let (r, uri) = received_assessment(&data_folder("dongguan-stage")).await;
    let (_, s) = call(&r, "GET", &uri, "application/json", vec![]).await;
    assert_eq!(s["stage"], Value::Null, "no stage until an operator sets one");

    // At the unit, untouched, it still waits and may be withdrawn.
    set_stage(&r, "unit-review", None, None).unwrap();
    let (_, s) = call(&r, "GET", &uri, "application/json", vec![]).await;
    assert_eq!((s["status"].as_str(), s["withdrawable"].as_bool()), (Some("待办中"), Some(true)));
    assert_eq!(s["stage"]["id"], "unit-review");

    // The unit passes it; the liaison point has it now, with a remark: it is being handled.
    set_stage(&r, "unit-review", Some("passed"), Some("情况属实，同意推荐")).unwrap();
    set_stage(&r, "liaison-review", None, Some("已收到")).unwrap();
    let (_, s) = call(&r, "GET", &uri, "application/json", vec![]).await;
    assert_eq!((s["status"].as_str(), s["withdrawable"].as_bool()), (Some("办理中"), Some(false)));
    assert_eq!(s["stage"]["id"], "liaison-review");
    assert_eq!((s["stage"]["outcome"].clone(), s["stage"]["opinion"].clone()), (Value::Null, json!("已收到")));
    assert_eq!(s["stage"]["updated_at"], "2026-11-24T09:00:00Z");

    // A stage or an outcome the form does not declare is refused, and changes nothing.
    let unknown = set_stage(&r, "committee", None, None).unwrap_err();
    assert!(unknown.contains("没有环节「committee」") && unknown.contains("hr-review"), "{unknown}");
    let outcome = set_stage(&r, "hr-review", Some("maybe"), None).unwrap_err();
    assert!(outcome.contains("没有结果「maybe」"), "{outcome}");
    // A 不通过 needs the 意见 the applicant will read.
    let silent = set_stage(&r, "hr-review", Some("failed"), Some("  ")).unwrap_err();
    assert!(silent.contains("必须写明意见"), "{silent}");
    let (_, s) = call(&r, "GET", &uri, "application/json", vec![]).await;
    assert_eq!(s["stage"]["id"], "liaison-review");

    // The 复审 fails: the package is returned with the 意见 as its reason, and stays where it is.
    let moved = set_stage(&r, "hr-review", Some("failed"), Some("工作年限不足，请核对")).unwrap();
    assert_eq!(moved.status, PackageStatus::Returned);
    let (_, s) = call(&r, "GET", &uri, "application/json", vec![]).await;
    assert_eq!((s["status"].as_str(), s["reason"].as_str()), (Some("退回"), Some("工作年限不足，请核对")));
    assert_eq!((s["stage"]["id"].as_str(), s["stage"]["outcome"].as_str()), (Some("hr-review"), Some("failed")));
    let after = set_stage(&r, "paper", None, None).unwrap_err();
    assert!(after.contains("当前为「退回」"), "{after}");

    // Every move is in the audit log, with the stage before and after.
    let log = r.store.audit_log().unwrap();
    let stages: Vec<(Option<&str>, Option<&str>, &str)> =
        log.iter().map(|e| (e.from_stage.as_deref(), e.to_stage.as_deref(), e.to.as_str())).collect();
    assert_eq!(
        stages,
        [
            (None, Some("unit-review"), "待办中"),
            (Some("unit-review"), Some("unit-review/passed"), "办理中"),
            (Some("unit-review/passed"), Some("liaison-review"), "办理中"),
            (Some("liaison-review"), Some("hr-review/failed"), "退回"),
        ]
    );
    assert_eq!(log[3].reason.as_deref(), Some("工作年限不足，请核对"));
    assert!(log.iter().all(|e| e.actor == "经办人 test"));
}

#[tokio::test]
async fn the_operator_command_refuses_a_stage_the_form_does_not_declare() {
    let data = data_folder("dongguan-stage-cli");
    let (r, _) = received_assessment(&data).await;
    drop(r);
    let run = |args: &[&str]| {
        std::process::Command::new(support::process::binary())
            .arg("set-stage")
            .args(args)
            .arg("--data")
            .arg(&data)
            .args(support::process::backend_options(&data))
            .arg("--forms")
            .arg(forms_folder())
            .output()
            .unwrap()
    };
    let refused = run(&["ZC20261123000001", "no-such-stage"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("没有环节「no-such-stage」"));
    let done = run(&["ZC20261123000001", "unit-review", "单位意见：同意", "--outcome", "passed"]);
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    assert!(String::from_utf8_lossy(&done.stdout).contains("环节 unit-review"));
    let store = support::store(&data);
    let stage = store.status("ZC20261123000001").unwrap().unwrap().stage.unwrap();
    assert_eq!((stage.outcome.as_deref(), stage.opinion.as_deref()), (Some("passed"), Some("单位意见：同意")));
    assert_eq!(store.audit_log().unwrap().len(), 1, "the command's move is audited");
}
