//! The unit's review through the protocol (§2.8), on the reference receiver: an applicant's
//! declaration names its 报送单位; the unit, with the key the operator issued it, lists and reads
//! what was reported to it (and nothing else), and decides with a package of its own — a 退回
//! reaches the applicant with the reason and the history, a 提交 moves the declaration on. Only a
//! unit can decide, only on what waits for it, and never by changing the applicant's answers;
//! after a 退回 the applicant may end the declaration (终止申报).

mod support;

#[path = "../../engine/tests/support/mod.rs"]
mod declaration;
#[path = "../../engine/tests/support/sz_unit_review.rs"]
mod sz_unit_review;

use std::sync::Arc;

use axum::http::StatusCode;
use serde_json::{json, Value};
use support::*;
use sz_unit_review::{UNIT_CODE, UNIT_NAME};
use zhicheng_engine::materials::checklist;
use zhicheng_engine::{AttachedFile, Command, FormState, Outcome};
use zhicheng_receiver::http::{Receiver, SECRET_HEADER, UNIT_KEY_HEADER};
use zhicheng_receiver::store::Unit;

const UNIT_KEY: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const OTHER_UNIT_KEY: &str = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
const OTHER_UNIT_CODE: &str = "91110000600037341L";
/// The unit's own secret for its decision packages.
const UNIT_SECRET: &str = "00000000000000000000000000000000000000000000000000000000000000aa";
const DECISION_ID: &str = "3b241101-e2bb-4255-8caf-4136c566a962";
const SECOND_DECISION_ID: &str = "9b2f1c3e-4d5a-4b6c-8d7e-0f1a2b3c4d5e";
const RESENT_ID: &str = "1e4c9a57-2f3b-4c8d-9e0f-a1b2c3d4e5f6";
const REASON: &str = "工作经历中 2020 年的单位名称与劳动合同不一致，请核对后修改。";

fn receiver_with_units(name: &str) -> Arc<Receiver> {
    let r = receiver(&data_folder(name));
    let now = "2026-11-23T08:00:00Z";
    r.store.add_unit_key(&Unit { code: UNIT_CODE.into(), name: UNIT_NAME.into() }, UNIT_KEY, now).unwrap();
    r.store
        .add_unit_key(&Unit { code: OTHER_UNIT_CODE.into(), name: "另一家公司".into() }, OTHER_UNIT_KEY, now)
        .unwrap();
    r
}

/// 李明's finished declaration reported to the unit, sent as `package_id` with its files.
async fn declare(r: &Arc<Receiver>, package_id: &str) -> Value {
    let mut state = declaration::ordinary();
    let files = attach_required(&mut state);
    let manifest = finished_manifest(&state, package_id, Vec::new());
    assert_eq!(manifest["answers"]["submitUnitCode"], UNIT_CODE);
    for (bytes, media_type) in files {
        let (status, body) = call(r, "PUT", &file_uri(package_id, &bytes), media_type, bytes).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let (status, reply) = finalise(r, &manifest).await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
    manifest
}

/// Attaches a file of its own to every required material: a PNG where only images are taken
/// (the 照片), else a PDF; the files' bytes.
fn attach_required(state: &mut FormState) -> Vec<(Vec<u8>, &'static str)> {
    let required: Vec<_> =
        checklist(&state.evaluator()).into_iter().filter(|m| m.required).map(|m| m.material.clone()).collect();
    required
        .into_iter()
        .map(|material| {
            let image = !material.accept.iter().any(|a| a == "pdf");
            let (bytes, media_type, name) = match image {
                true => {
                    ([b"\x89PNG\r\n\x1a\n".to_vec(), material.id.as_bytes().to_vec()].concat(), "image/png", "照片.png")
                }
                false => (pdf_with(&material.id), "application/pdf", "扫描件.pdf"),
            };
            let file = AttachedFile {
                sha256: sha(&bytes),
                name: name.into(),
                media_type: media_type.into(),
                size: bytes.len() as u64,
                pages: None,
            };
            assert_eq!(state.apply(Command::Attach { material: material.id, file }), Outcome::Done);
            (bytes, media_type)
        })
        .collect()
}

/// A request as a unit: with its key (if any) and its decision packages' secret.
async fn as_unit(r: &Arc<Receiver>, key: Option<&str>, method: &str, uri: &str, body: Vec<u8>) -> Answer {
    let mut headers = vec![(SECRET_HEADER, UNIT_SECRET)];
    headers.extend(key.map(|key| (UNIT_KEY_HEADER, key)));
    let kind = if method == "PUT" { "application/pdf" } else { "application/json" };
    request_with(r, method, uri, kind, &headers, body).await
}

async fn decide(r: &Arc<Receiver>, key: Option<&str>, decision: &Value) -> Answer {
    let id = decision["package_id"].as_str().unwrap();
    as_unit(r, key, "POST", &format!("/v1/packages/{id}"), to_body(decision)).await
}

async fn applicant_status(r: &Arc<Receiver>, package_id: &str) -> Value {
    let (status, body) = call(r, "GET", &format!("/v1/packages/{package_id}"), "", Vec::new()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

#[tokio::test]
async fn a_unit_sees_only_what_was_reported_to_it_and_reads_it_unchanged() {
    let r = receiver_with_units("unit-reads");
    let sent = declare(&r, PACKAGE_ID).await;

    let listed = as_unit(&r, Some(UNIT_KEY), "GET", "/v1/units/packages", Vec::new()).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.json);
    assert_eq!(listed.json["unit"], json!({ "code": UNIT_CODE, "name": UNIT_NAME }));
    let packages = listed.json["packages"].as_array().unwrap();
    assert_eq!(packages.len(), 1);
    assert_eq!(packages[0]["package_id"], PACKAGE_ID);
    assert_eq!(packages[0]["applicant"]["name"], "李明");
    assert_eq!(packages[0]["status"], "待办中");

    let read = as_unit(&r, Some(UNIT_KEY), "GET", &format!("/v1/units/packages/{PACKAGE_ID}"), Vec::new()).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.json["manifest"], sent, "the unit reads the package exactly as it was sent");
    let file = &sent["attachments"][0];
    let uri = format!("/v1/units/packages/{PACKAGE_ID}/files/{}", file["sha256"].as_str().unwrap());
    let router = zhicheng_receiver::http::router(r.clone());
    let response = tower::ServiceExt::oneshot(
        router,
        axum::http::Request::get(&uri).header(UNIT_KEY_HEADER, UNIT_KEY).body(axum::body::Body::empty()).unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], file["media_type"].as_str().unwrap());
    let bytes = http_body_util::BodyExt::collect(response.into_body()).await.unwrap().to_bytes();
    assert_eq!(sha(&bytes), file["sha256"].as_str().unwrap(), "the file as uploaded");

    let other = as_unit(&r, Some(OTHER_UNIT_KEY), "GET", "/v1/units/packages", Vec::new()).await;
    assert_eq!(other.json["packages"], json!([]), "another unit sees nothing of it");
    let other = as_unit(&r, Some(OTHER_UNIT_KEY), "GET", &format!("/v1/units/packages/{PACKAGE_ID}"), Vec::new()).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    let other = as_unit(&r, Some(OTHER_UNIT_KEY), "GET", &uri, Vec::new()).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);

    let nobody = as_unit(&r, None, "GET", "/v1/units/packages", Vec::new()).await;
    assert_eq!(
        (nobody.status, nobody.json["error"]["code"].clone()),
        (StatusCode::UNAUTHORIZED, json!("unit_key_required"))
    );
    let forged = as_unit(&r, Some(&"ab".repeat(32)), "GET", "/v1/units/packages", Vec::new()).await;
    assert_eq!(
        (forged.status, forged.json["error"]["code"].clone()),
        (StatusCode::FORBIDDEN, json!("unit_key_unknown"))
    );
    r.store.revoke_unit_keys(UNIT_CODE, "2026-11-24T08:00:00Z").unwrap();
    let revoked = as_unit(&r, Some(UNIT_KEY), "GET", "/v1/units/packages", Vec::new()).await;
    assert_eq!(revoked.status, StatusCode::FORBIDDEN, "a revoked key opens nothing");
}

#[tokio::test]
async fn a_return_reaches_the_applicant_with_its_reason_and_history() {
    let r = receiver_with_units("unit-returns");
    let sent = declare(&r, PACKAGE_ID).await;
    let decision = finished_manifest(&sz_unit_review::returned(PACKAGE_ID, REASON), DECISION_ID, Vec::new());
    assert_eq!(decision["refers_to"], PACKAGE_ID);

    let by_applicant = {
        let (status, body) = finalise(&r, &decision).await;
        (status, body["error"]["code"].clone())
    };
    assert_eq!(by_applicant, (StatusCode::UNAUTHORIZED, json!("unit_key_required")), "an applicant cannot decide");
    let by_other_unit = decide(&r, Some(OTHER_UNIT_KEY), &decision).await;
    assert_eq!(by_other_unit.status, StatusCode::FORBIDDEN, "{}", by_other_unit.json);
    assert_eq!(by_other_unit.json["error"]["code"], "not_this_unit");

    let answer = decide(&r, Some(UNIT_KEY), &decision).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);
    assert_eq!(answer.json["status"], "办结", "a decision takes effect at once");
    let repeat = decide(&r, Some(UNIT_KEY), &decision).await;
    assert_eq!(
        (repeat.status, &repeat.json["receipt"]),
        (StatusCode::OK, &answer.json["receipt"]),
        "sent twice, stored once"
    );

    let status = applicant_status(&r, PACKAGE_ID).await;
    assert_eq!(status["status"], "退回");
    assert_eq!(status["reason"], REASON);
    assert_eq!(status["stage"]["id"], "unit-review");
    assert_eq!(status["stage"]["outcome"], "returned");
    let history = status["history"].as_array().unwrap();
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(history[0]["status"], "退回");
    assert_eq!(history[0]["stage"], json!({ "id": "unit-review", "outcome": "returned" }));
    assert_eq!(history[0]["reason"], REASON);

    let read = as_unit(&r, Some(UNIT_KEY), "GET", &format!("/v1/units/packages/{PACKAGE_ID}"), Vec::new()).await;
    assert_eq!(read.json["manifest"], sent, "the decision changed nothing the applicant declared");
    let audit = r.store.audit_log().unwrap();
    assert!(audit.iter().any(|e| e.actor.contains(UNIT_NAME) && e.to == "退回"), "{audit:?}");

    let again = finished_manifest(&sz_unit_review::returned(PACKAGE_ID, REASON), SECOND_DECISION_ID, Vec::new());
    let again = decide(&r, Some(UNIT_KEY), &again).await;
    assert_eq!((again.status, again.json["error"]["code"].clone()), (StatusCode::CONFLICT, json!("not_decidable")));
}

#[tokio::test]
async fn a_decision_cannot_carry_the_applicants_answers() {
    let r = receiver_with_units("unit-answers");
    declare(&r, PACKAGE_ID).await;
    let mut decision = finished_manifest(&sz_unit_review::returned(PACKAGE_ID, REASON), DECISION_ID, Vec::new());
    decision["answers"]["name"] = json!("王五");
    let answer = decide(&r, Some(UNIT_KEY), &decision).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", answer.json);
    assert!(answer.json["error"]["fields"].to_string().contains("answers.name"), "{}", answer.json);

    let mut elsewhere = finished_manifest(&sz_unit_review::returned(PACKAGE_ID, REASON), DECISION_ID, Vec::new());
    elsewhere["refers_to"] = json!(OTHER_ID);
    let answer = decide(&r, Some(UNIT_KEY), &elsewhere).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "refers_to must be the package the answers name");
    assert_eq!(applicant_status(&r, PACKAGE_ID).await["status"], "待办中", "nothing moved");
}

#[tokio::test]
async fn after_a_return_the_applicant_resends_or_ends_the_declaration() {
    let r = receiver_with_units("unit-resend");
    declare(&r, PACKAGE_ID).await;
    let terminate = |id: &str| format!("/v1/packages/{id}/terminate");
    let (status, body) = call(&r, "POST", &terminate(PACKAGE_ID), "", Vec::new()).await;
    assert_eq!((status, body["error"]["code"].clone()), (StatusCode::CONFLICT, json!("not_terminable")));

    let decision = finished_manifest(&sz_unit_review::returned(PACKAGE_ID, REASON), DECISION_ID, Vec::new());
    assert_eq!(decide(&r, Some(UNIT_KEY), &decision).await.status, StatusCode::CREATED);

    // The corrected declaration comes back as a new package, which the unit passes on.
    declare(&r, RESENT_ID).await;
    let pledge = pdf_with("单位承诺书");
    let passed = finished_manifest(&sz_unit_review::submitted(RESENT_ID, &pledge, sha), SECOND_DECISION_ID, Vec::new());
    let put = as_unit(&r, None, "PUT", &file_uri(SECOND_DECISION_ID, &pledge), pledge.clone()).await;
    assert_eq!(put.status, StatusCode::CREATED, "{}", put.json);
    let answer = decide(&r, Some(UNIT_KEY), &passed).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);
    let status = applicant_status(&r, RESENT_ID).await;
    assert_eq!(status["status"], "办理中");
    assert_eq!(
        status["stage"],
        json!({ "id": "unit-review", "outcome": "passed", "opinion": null, "updated_at": status["updated_at"] })
    );
    assert_eq!(status["withdrawable"], false);

    let (status, body) = call(&r, "POST", &terminate(PACKAGE_ID), "", Vec::new()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "已终止");
    let (status, _) = call(&r, "POST", &terminate(PACKAGE_ID), "", Vec::new()).await;
    assert_eq!(status, StatusCode::CONFLICT, "ended once");
    let stranger = request(&r, "POST", &terminate(RESENT_ID), "", Some(ATTACKER), Vec::new()).await;
    assert_eq!(stranger.status, StatusCode::FORBIDDEN, "only the applicant ends it");
}
