//! The reference receiver accepts finished Dongguan declarations (评审, 人工智能认定, 考核认定),
//! each with a file on every material its answers require, checked by the form's own rules read
//! from `public/forms/` with the shared parts; and it refuses a material the answers make
//! inapplicable (劳动合同 when 申报单位 and 参保单位 are the same).

mod support;

#[path = "../../engine/tests/support/dongguan.rs"]
mod dongguan;

use axum::http::StatusCode;
use serde_json::{json, Value};
use support::*;
use zhicheng_engine::{AttachedFile, Command, FormState, Outcome, PackageManifestV1, PackageStamp};

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
    let finished = s.finished_declaration().unwrap_or_else(|e| panic!("{}", e.message()));
    let stamp = PackageStamp {
        package_id: package_id.into(),
        client_version: "test".into(),
        created_at_ms: fixed_now() - 60_000,
        submitted_at_ms: fixed_now(),
    };
    serde_json::to_value(PackageManifestV1::build(finished, stamp, vec![])).unwrap()
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
