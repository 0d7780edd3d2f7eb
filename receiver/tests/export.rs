//! The operator's export of a day's packages (`zhicheng-receiver export`), on whichever backend the
//! tests run on: one JSON line per package of that day, in receipt order, with the manifest as
//! received, and each listed file copied out of the store under its SHA-256.

mod support;

use axum::http::StatusCode;
use serde_json::Value;
use support::*;

#[tokio::test]
async fn a_days_packages_are_exported_in_receipt_order_with_their_files() {
    let data = data_folder("export");
    let r = receiver(&data);
    let (first, second) = (pdf_with("first"), pdf_with("second"));
    for (id, pdf) in [(PACKAGE_ID, &first), (OTHER_ID, &second)] {
        assert_eq!(upload(&r, id, pdf).await, StatusCode::CREATED);
        let (status, body) = finalise(&r, &evidence_manifest(id, &[("公示照片.pdf", pdf)])).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }

    let copies = data.with_extension("copies");
    std::fs::create_dir_all(&copies).unwrap();
    let mut out = Vec::new();
    assert_eq!(r.store.export_day("20261123", &mut out, Some(&copies)).unwrap(), 2);
    let lines: Vec<Value> = String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let receipts: Vec<&str> = lines.iter().map(|l| l["receipt"].as_str().unwrap()).collect();
    assert_eq!(receipts, ["ZC20261123000001", "ZC20261123000002"]);
    assert_eq!(lines[1]["package_id"], OTHER_ID);
    assert_eq!(lines[1]["status"], "待办中");
    assert_eq!(lines[1]["manifest"]["attachments"][0]["sha256"], sha(&second), "the manifest as received");
    for pdf in [&first, &second] {
        assert_eq!(&std::fs::read(copies.join(sha(pdf))).unwrap(), pdf, "each file copied out whole");
    }

    let mut nothing = Vec::new();
    assert_eq!(r.store.export_day("20261124", &mut nothing, None).unwrap(), 0, "another day has none");
    assert!(nothing.is_empty());
    assert!(r.store.export_day("2026-11-23", &mut Vec::new(), None).is_err(), "a day is eight digits");
}
