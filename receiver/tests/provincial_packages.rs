//! The reference receiver accepts packages of the provincial system's forms (广东省专业技术人才职称
//! 管理系统): a finished 评审申请 with 入库 records left unchosen and every required material, a
//! finished 初次职称考核认定申请, and the unit's 审核与公示 batch, each checked by the form's rules
//! and recomputed (主管单位, committee, 获现资格之前/以来) before it is stored.

mod support;

#[path = "../../engine/tests/support/provincial.rs"]
mod provincial;

use axum::http::StatusCode;
use serde_json::json;
use support::*;
use zhicheng_engine::materials::checklist;
use zhicheng_engine::{AttachedFile, Command, FormState, Outcome, PackagedReport};

/// A file to upload: its bytes and media type.
type Upload = (Vec<u8>, &'static str);

/// Attaches a real file to every required material (a PNG to the photo, a PDF elsewhere);
/// returns the files to upload.
fn attach_files(s: &mut FormState) -> Vec<Upload> {
    let required: Vec<String> =
        checklist(&s.evaluator()).iter().filter(|m| m.required).map(|m| m.material.id.clone()).collect();
    let mut files = Vec::new();
    for material in required {
        let (bytes, media_type, name): (Vec<u8>, &'static str, String) = if material == "photo" {
            (
                [&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..], b"photo"].concat(),
                "image/png",
                "photo.png".into(),
            )
        } else {
            (pdf_with(&material), "application/pdf", format!("{material}.pdf"))
        };
        let file = AttachedFile {
            sha256: sha(&bytes),
            name,
            media_type: media_type.into(),
            size: bytes.len() as u64,
            pages: (media_type == "application/pdf").then_some(1),
        };
        assert_eq!(s.apply(Command::Attach { material, file }), Outcome::Done);
        files.push((bytes, media_type));
    }
    files
}

fn manifest(s: &FormState, package_id: &str) -> serde_json::Value {
    let report = PackagedReport {
        id: "evaluation-form".into(),
        title: "广东省职称评审表".into(),
        fingerprint: zhicheng_engine::printable::fingerprint(s),
        printed_at: None,
    };
    finished_manifest(s, package_id, vec![report])
}

async fn upload_all(r: &std::sync::Arc<zhicheng_receiver::http::Receiver>, files: &[Upload], id: &str) {
    for (bytes, media_type) in files {
        let status = call(r, "PUT", &file_uri(id, bytes), media_type, bytes.clone()).await.0;
        assert!(status == StatusCode::CREATED || status == StatusCode::OK, "{status}");
    }
}

async fn send(r: &std::sync::Arc<zhicheng_receiver::http::Receiver>, s: &FormState, files: &[Upload], id: &str) {
    upload_all(r, files, id).await;
    let (status, reply) = finalise(r, &manifest(s, id)).await;
    assert_eq!(status, StatusCode::CREATED, "{}: {reply}", s.schema().id);
}

#[tokio::test]
async fn packages_of_the_provincial_applicant_forms_are_accepted() {
    let r = receiver(&data_folder("provincial"));
    let mut review = provincial::title_review();
    provincial::add_row(&mut review, "papers", &[("title", "未选定的旧论文"), ("selected", "否")]);
    let files = attach_files(&mut review);
    send(&r, &review, &files, PACKAGE_ID).await;
    let mut recognition = provincial::initial_recognition();
    let files = attach_files(&mut recognition);
    send(&r, &recognition, &files, OTHER_ID).await;
    assert_eq!(r.store.counts().unwrap().0, 2);
}

#[tokio::test]
async fn a_package_claiming_another_supervising_unit_is_refused() {
    let r = receiver(&data_folder("provincial-forged"));
    let mut review = provincial::title_review();
    let files = attach_files(&mut review);
    let mut forged = manifest(&review, PACKAGE_ID);
    forged["answers"]["supervisingUnit"] = json!("另一个主管单位");
    upload_all(&r, &files, PACKAGE_ID).await;
    let (status, reply) = finalise(&r, &forged).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{reply}");
}

#[tokio::test]
async fn the_units_batch_is_accepted() {
    let r = receiver(&data_folder("provincial-unit"));
    let answers = json!({
        "hrUnit": "市直非公人事管理单位（环保专业）", "supervisingUnit": "清远市生态环境局",
        "unitCreditCode": "91110000600037341L", "publicityYear": "2026", "contactPerson": "李经办",
        "contactPhone": "0763-3382510", "postcode": "511500", "preStart": "2026-11-02", "preEnd": "2026-11-06",
        "preMethods": ["在单位显著位置张贴"], "preContent": "申报材料",
        "applicants": [{ "id": 1, "values": {
            "name": "陈清远", "idType": "居民身份证", "idNumber": "440305199203040039", "gender": "男",
            "employer": "清远市示例环境科技有限公司", "series": "工程技术人员", "specialty": "生态环境监测", "level": "中级",
            "unitOpinion": "该同志思想品德良好，遵守职业道德，业务能力强，业绩突出，申报材料真实，同意推荐。",
            "preOpinion": "公示期间未收到举报。", "unitResult": "通过" } }]
    });
    let manifest = manifest_of(PACKAGE_ID, "gd-unit-review", "市直非公人事管理单位（环保专业）", answers, "", &[]);
    let (status, reply) = finalise(&r, &manifest).await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
}
