//! The reference receiver over HTTP, in process: capabilities; a package stored once whatever is
//! repeated; files refused for a wrong hash, size or type without leaving anything behind;
//! manifests refused for bad JSON, an unknown version, a wrong shape or answers the form's rules
//! reject (with the field); status, withdrawal and the operator's moves; and durability across a
//! restart.

mod support;

use std::sync::Arc;

use axum::http::StatusCode;
use serde_json::json;
use support::*;
use zhicheng_engine::PackageStatus;
use zhicheng_receiver::forms::Forms;
use zhicheng_receiver::http::Receiver;
use zhicheng_receiver::limits::Limits;

#[tokio::test]
async fn the_preflight_announces_limits_types_forms_and_version() {
    let r = receiver(&data_folder("caps"));
    let (status, caps) = call(&r, "GET", "/v1/capabilities", "application/json", vec![]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(caps["versions"], json!([1]));
    assert_eq!(caps["max_file_bytes"], json!(10 * 1024 * 1024));
    assert!(caps["forms"].as_array().unwrap().contains(&json!("sz-title-review")));
    assert!(caps["accepted_media_types"].as_array().unwrap().contains(&json!("application/pdf")));
}

#[tokio::test]
async fn a_package_is_stored_once_with_one_receipt_whatever_is_repeated() {
    let data = data_folder("once");
    let r = receiver(&data);
    let pdf = pdf_bytes();
    let manifest = evidence_manifest(PACKAGE_ID, &[("公示照片.pdf", &pdf), ("同一文件再附一次.pdf", &pdf)]);
    let finalise = format!("/v1/packages/{PACKAGE_ID}");

    // Finalising before the file arrived names what is missing.
    let (status, missing) = call(&r, "POST", &finalise, "application/json", to_body(&manifest)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(missing["error"]["code"], "missing_files");
    assert_eq!(missing["error"]["missing"], json!([sha(&pdf)]), "the same content is uploaded once");

    let file_uri = format!("/v1/packages/{PACKAGE_ID}/files/{}", sha(&pdf));
    assert_eq!(call(&r, "PUT", &file_uri, "application/pdf", pdf.clone()).await.0, StatusCode::CREATED);
    assert_eq!(
        call(&r, "PUT", &file_uri, "application/pdf", pdf.clone()).await.0,
        StatusCode::OK,
        "a repeated upload is accepted, not stored again"
    );

    let (status, first) = call(&r, "POST", &finalise, "application/json", to_body(&manifest)).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    assert_eq!(first["receipt"], "ZC20261123000001");
    assert_eq!(first["status"], "待办中");
    let (status, again) = call(&r, "POST", &finalise, "application/json", to_body(&manifest)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["receipt"], first["receipt"]);
    assert_eq!(r.store.counts().unwrap(), (1, 1));

    // The same id with other content is refused; a new id gets the next receipt.
    let mut changed = manifest.clone();
    changed["answers"]["name"] = json!("另一人");
    changed["applicant"]["name"] = json!("另一人");
    assert_eq!(
        call(&r, "POST", &finalise, "application/json", to_body(&changed)).await.1["error"]["code"],
        "package_id_reused"
    );
    let other = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    changed["package_id"] = json!(other);
    let (status, second) =
        call(&r, "POST", &format!("/v1/packages/{other}"), "application/json", to_body(&changed)).await;
    assert_eq!(status, StatusCode::CONFLICT, "files belong to the package that uploaded them: {second}");
    assert_eq!(upload(&r, other, &pdf).await, StatusCode::CREATED);
    let (status, second) = support::finalise(&r, &changed).await;
    assert_eq!(status, StatusCode::CREATED, "{second}");
    assert_eq!(second["receipt"], "ZC20261123000002");

    // Durable: a new process on the same folder still knows the first package.
    drop(r);
    let reopened = receiver(&data);
    let (status, known) = call(&reopened, "GET", &finalise, "application/json", vec![]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(known["receipt"], "ZC20261123000001");
    assert_eq!(reopened.store.counts().unwrap(), (2, 1));
}

#[tokio::test]
async fn files_with_a_wrong_hash_size_or_type_are_refused_and_nothing_is_left() {
    let r = receiver(&data_folder("files"));
    let pdf = pdf_bytes();
    let mut corrupted = pdf.clone();
    corrupted[3] ^= 1;
    let uri = format!("/v1/packages/{PACKAGE_ID}/files/{}", sha(&pdf));
    let (status, refused) = call(&r, "PUT", &uri, "application/pdf", corrupted).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(refused["error"]["code"], "hash_mismatch");
    let (status, refused) = call(&r, "PUT", &uri, "application/msword", pdf.clone()).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(refused["error"]["message"].as_str().unwrap().contains("application/pdf"));
    let big = vec![0u8; 10 * 1024 * 1024 + 1];
    let (status, _) =
        call(&r, "PUT", &format!("/v1/packages/{PACKAGE_ID}/files/{}", sha(&big)), "application/pdf", big).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(r.store.counts().unwrap(), (0, 0), "no package and no file stored");
}

#[tokio::test]
async fn bad_manifests_are_refused_with_the_reason_and_the_field() {
    let r = receiver(&data_folder("manifests"));
    let uri = format!("/v1/packages/{PACKAGE_ID}");
    let (status, e) = call(&r, "POST", &uri, "application/json", b"{not json".to_vec()).await;
    assert_eq!((status, e["error"]["code"].as_str()), (StatusCode::BAD_REQUEST, Some("bad_json")));

    let mut future = unit_manifest(PACKAGE_ID);
    future["format_version"] = json!(2);
    let (status, e) = call(&r, "POST", &uri, "application/json", to_body(&future)).await;
    assert_eq!((status, e["error"]["code"].as_str()), (StatusCode::BAD_REQUEST, Some("unsupported_version")));

    let mut wrong_shape = unit_manifest(PACKAGE_ID);
    wrong_shape["attachments"] =
        json!([{ "material": "x", "name": "a.pdf", "media_type": "application/pdf", "size": 3, "sha256": "nothex" }]);
    let (status, e) = call(&r, "POST", &uri, "application/json", to_body(&wrong_shape)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(e["error"]["fields"][0]["path"], "attachments[0].sha256");

    // The answers are checked with the form's own rules: a bad phone number and a publicity
    // period of too few working days are named by field.
    let mut wrong_answers = unit_manifest(PACKAGE_ID);
    wrong_answers["answers"]["contactPhone"] = json!("12345");
    wrong_answers["answers"]["preEnd"] = json!("2026-11-03");
    let (status, e) = call(&r, "POST", &uri, "application/json", to_body(&wrong_answers)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    let paths: Vec<&str> =
        e["error"]["fields"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert!(paths.contains(&"answers.contactPhone") && paths.contains(&"answers.preEnd"), "{paths:?}");

    // Working days are counted with the app's holiday calendar: 2026-10-01 to 10-12 would hold
    // five by the statutory holidays alone, but holds four under the published arrangement
    // (10-01 to 10-07 off, the Saturday 10-10 worked).
    let mut holiday = unit_manifest(PACKAGE_ID);
    holiday["answers"]["preStart"] = json!("2026-10-01");
    holiday["answers"]["preEnd"] = json!("2026-10-12");
    let (status, e) = call(&r, "POST", &uri, "application/json", to_body(&holiday)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    let fields = e["error"]["fields"].as_array().unwrap();
    let counted = |f: &&serde_json::Value| {
        f["path"] == "answers.preEnd" && f["message"].as_str().unwrap().contains("只有 4 个工作日")
    };
    assert!(fields.iter().any(|f| counted(&f)), "{fields:?}");

    let mut other_id = unit_manifest(PACKAGE_ID);
    other_id["package_id"] = json!("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    assert_eq!(
        call(&r, "POST", &uri, "application/json", to_body(&other_id)).await.1["error"]["fields"][0]["path"],
        "package_id"
    );
    assert_eq!(r.store.counts().unwrap(), (0, 0));
}

#[tokio::test]
async fn files_must_belong_to_the_forms_materials_and_fields_keep_the_schemas_bounds() {
    let r = receiver(&data_folder("bounds"));
    let pdf = pdf_bytes();
    let uri = format!("/v1/packages/{PACKAGE_ID}");
    call(&r, "PUT", &format!("{uri}/files/{}", sha(&pdf)), "application/pdf", pdf.clone()).await;

    let stray =
        manifest_of(PACKAGE_ID, "test-evidence", "林一", json!({ "name": "林一" }), "photo", &[("照片.pdf", &pdf)]);
    let (status, e) = call(&r, "POST", &uri, "application/json", to_body(&stray)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert_eq!(e["error"]["fields"][0]["path"], "attachments[0].material");
    assert!(e["error"]["fields"][0]["message"].as_str().unwrap().contains("「photo」"), "{e}");

    let mut long_name = evidence_manifest(PACKAGE_ID, &[("佐证.pdf", &pdf)]);
    long_name["applicant"]["name"] = json!("名".repeat(101));
    long_name["answers"]["name"] = json!("名".repeat(101));
    let (status, e) = call(&r, "POST", &uri, "application/json", to_body(&long_name)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert_eq!(e["error"]["fields"][0]["path"], "applicant.name");
    assert_eq!(r.store.counts().unwrap().0, 0, "no package stored");

    long_name["applicant"]["name"] = json!("名".repeat(100));
    long_name["answers"]["name"] = json!("名".repeat(100));
    assert_eq!(call(&r, "POST", &uri, "application/json", to_body(&long_name)).await.0, StatusCode::CREATED);
}

#[tokio::test]
async fn a_material_that_does_not_apply_to_the_answers_is_refused() {
    let r = receiver(&data_folder("not-applying"));
    let pdf = pdf_bytes();
    let uri = format!("/v1/packages/{PACKAGE_ID}");
    call(&r, "PUT", &format!("{uri}/files/{}", sha(&pdf)), "application/pdf", pdf.clone()).await;

    // The tests' form lists a 破格 recommendation that applies only to a 破格申报.
    let answers = json!({ "name": "林一", "declarationType": "普通申报" });
    let ordinary =
        manifest_of(PACKAGE_ID, "test-evidence", "林一", answers, "recommendation", &[("破格推荐表.pdf", &pdf)]);
    let (status, e) = call(&r, "POST", &uri, "application/json", to_body(&ordinary)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert_eq!(e["error"]["code"], "invalid_manifest");
    assert_eq!(e["error"]["fields"][0]["path"], "attachments[0].material", "{e}");
    let message = e["error"]["fields"][0]["message"].as_str().unwrap();
    assert!(message.contains("《破格申报推荐表》") && message.contains("破格推荐表.pdf"), "{message}");
    assert!(message.contains("不适用"), "the message says why: {message}");
    assert_eq!(r.store.counts().unwrap().0, 0, "no package stored");

    // The same file for a 破格申报 is what the material is for.
    let mut exceptional = ordinary.clone();
    exceptional["answers"]["declarationType"] = json!("破格申报");
    let (status, receipt) = call(&r, "POST", &uri, "application/json", to_body(&exceptional)).await;
    assert_eq!(status, StatusCode::CREATED, "{receipt}");
}

#[tokio::test]
async fn an_unfinished_declaration_is_refused_with_its_errors() {
    let r = receiver(&data_folder("unfinished"));
    let mut manifest = unit_manifest(PACKAGE_ID);
    manifest["form_id"] = json!("sz-title-review");
    manifest["answers"] = json!({ "name": "张三" });
    let (status, e) =
        call(&r, "POST", &format!("/v1/packages/{PACKAGE_ID}"), "application/json", to_body(&manifest)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = e["error"]["fields"].as_array().unwrap();
    assert!(fields.iter().any(|f| f["path"] == "answers.idNumber"), "{e}");
    assert!(
        fields.iter().any(|f| f["path"] == "attachments" && f["message"].as_str().unwrap().contains("缺少必传材料")),
        "{e}"
    );
}

#[tokio::test]
async fn status_withdrawal_and_the_operators_moves() {
    let r = receiver(&data_folder("status"));
    let uri = format!("/v1/packages/{PACKAGE_ID}");
    assert_eq!(call(&r, "GET", &uri, "application/json", vec![]).await.0, StatusCode::NOT_FOUND);
    let (status, e) = call(&r, "POST", &uri, "application/json", to_body(&unit_manifest(PACKAGE_ID))).await;
    assert_eq!(status, StatusCode::CREATED, "{e}");
    let (_, s) = call(&r, "GET", &uri, "application/json", vec![]).await;
    assert_eq!((s["status"].as_str(), s["withdrawable"].as_bool()), (Some("待办中"), Some(true)));

    // The operator returns it with a reason; it can no longer be withdrawn.
    let moved = r
        .store
        .change_status(
            "ZC20261123000001",
            PackageStatus::Returned,
            Some("缺少单位盖章的承诺书"),
            "2026-11-24T09:00:00Z",
            "经办人 test",
            |s| s.status.operator_may_move_to(PackageStatus::Returned),
        )
        .unwrap();
    assert!(matches!(moved, Some(Ok(_))));
    let (_, s) = call(&r, "GET", &uri, "application/json", vec![]).await;
    assert_eq!((s["status"].as_str(), s["reason"].as_str()), (Some("退回"), Some("缺少单位盖章的承诺书")));
    let (status, e) = call(&r, "POST", &format!("{uri}/withdraw"), "application/json", vec![]).await;
    assert_eq!((status, e["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("not_withdrawable")));

    // A package still waiting can be withdrawn.
    let other = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    let mut second = unit_manifest(other);
    second["package_id"] = json!(other);
    call(&r, "POST", &format!("/v1/packages/{other}"), "application/json", to_body(&second)).await;
    let (status, s) = call(&r, "POST", &format!("/v1/packages/{other}/withdraw"), "application/json", vec![]).await;
    assert_eq!((status, s["status"].as_str()), (StatusCode::OK, Some("已撤回")));
}

#[tokio::test]
async fn a_retry_after_a_lost_reply_gets_its_receipt_even_under_stricter_rules() {
    let data = data_folder("stricter");
    let r = receiver(&data);
    let pdf = pdf_bytes();
    let manifest = evidence_manifest(PACKAGE_ID, &[("公示照片.pdf", &pdf)]);
    call(&r, "PUT", &format!("/v1/packages/{PACKAGE_ID}/files/{}", sha(&pdf)), "application/pdf", pdf.clone()).await;
    let (_, first) =
        call(&r, "POST", &format!("/v1/packages/{PACKAGE_ID}"), "application/json", to_body(&manifest)).await;
    drop(r);
    // The operator now accepts no PDF at all; the same package sent again still gets its receipt.
    let strict = Limits { accepted_media_types: vec!["image/png".into()], ..Limits::default() };
    let forms = Forms::load(&forms_folder()).unwrap();
    let r = Arc::new(Receiver::new(store(&data), forms, strict).with_clock(fixed_now));
    let (status, again) =
        call(&r, "POST", &format!("/v1/packages/{PACKAGE_ID}"), "application/json", to_body(&manifest)).await;
    assert_eq!((status, &again["receipt"]), (StatusCode::OK, &first["receipt"]));
}

#[tokio::test]
async fn the_same_package_finalised_at_once_by_many_is_stored_once() {
    let r = receiver(&data_folder("concurrent"));
    let manifest = to_body(&unit_manifest(PACKAGE_ID));
    let uri = format!("/v1/packages/{PACKAGE_ID}");
    let calls = (0..8).map(|_| {
        let (r, uri, manifest) = (r.clone(), uri.clone(), manifest.clone());
        tokio::spawn(async move { call(&r, "POST", &uri, "application/json", manifest).await })
    });
    let mut receipts = std::collections::BTreeSet::new();
    let mut created = 0;
    for call in calls.collect::<Vec<_>>() {
        let (status, body) = call.await.unwrap();
        created += usize::from(status == StatusCode::CREATED);
        receipts.insert(body["receipt"].as_str().unwrap().to_string());
    }
    assert_eq!((created, receipts.len()), (1, 1), "{receipts:?}");
    assert_eq!(r.store.counts().unwrap().0, 1);
}

#[tokio::test]
async fn packages_are_opened_over_http_by_package_id_only() {
    let r = receiver(&data_folder("by-id"));
    call(&r, "POST", &format!("/v1/packages/{PACKAGE_ID}"), "application/json", to_body(&unit_manifest(PACKAGE_ID)))
        .await;
    // Receipts are sequential and guessable: they open nothing.
    assert_eq!(
        call(&r, "POST", "/v1/packages/ZC20261123000001/withdraw", "application/json", vec![]).await.0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        call(&r, "GET", "/v1/packages/ZC20261123000001", "application/json", vec![]).await.0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(r.store.status(PACKAGE_ID).unwrap().unwrap().status, PackageStatus::Waiting);
}

#[tokio::test]
async fn uploads_never_finalised_are_pruned_and_sent_again_when_wanted() {
    let data = data_folder("prune");
    let r = receiver(&data);
    let (abandoned, kept) = (pdf_with("abandoned"), pdf_with("kept"));
    assert_eq!(upload(&r, PACKAGE_ID, &abandoned).await, StatusCode::CREATED);
    assert_eq!(upload(&r, OTHER_ID, &kept).await, StatusCode::CREATED);
    assert_eq!(finalise(&r, &evidence_manifest(OTHER_ID, &[("留存.pdf", &kept)])).await.0, StatusCode::CREATED);

    // Something else kept beside the files (the default backend's folder) is not a file of ours.
    let beside = data.join("files").join("backup-notes.txt");
    if data.join("files").is_dir() {
        std::fs::write(&beside, "not a package's file").unwrap();
    }

    // Two days later: the upload no package took is gone, the finalised package keeps its file.
    let two_days = std::time::Duration::from_secs(48 * 3600);
    let later = fixed_now() + two_days.as_millis() as u64;
    assert_eq!(
        r.store.prune(std::time::Duration::from_secs(24 * 3600), later).unwrap(),
        Some(1),
        "only the abandoned file"
    );
    assert!(!r.store.holds(&sha(&abandoned), abandoned.len() as u64));
    assert!(r.store.holds(&sha(&kept), kept.len() as u64), "a finalised package keeps its files however old");
    assert_eq!(beside.exists(), data.join("files").is_dir(), "what is not named by a hash is left alone");

    // The late client is told what is missing, sends it again and gets its receipt.
    let late = evidence_manifest(PACKAGE_ID, &[("佐证.pdf", &abandoned)]);
    let (status, e) = finalise(&r, &late).await;
    assert_eq!((status, &e["error"]["missing"]), (StatusCode::CONFLICT, &json!([sha(&abandoned)])));
    assert_eq!(upload(&r, PACKAGE_ID, &abandoned).await, StatusCode::CREATED);
    assert_eq!(finalise(&r, &late).await.0, StatusCode::CREATED);
}
