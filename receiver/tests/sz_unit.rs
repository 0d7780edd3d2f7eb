//! The reference receiver accepts a finished Shenzhen unit batch (sz-unit-publicity: the
//! 单位审核意见 of each applicant, the 公示 periods and opinions, the signed 单位承诺书 and
//! 评前公示情况表), 报送 by the unit in its own name, checked by the form's own rules read from
//! `public/forms/` with the shared parts; and it refuses a batch whose 综合评价 is too short or
//! whose submitter is not the unit the answers name.

mod support;

#[path = "../../engine/tests/support/sz_unit.rs"]
mod sz_unit;

use axum::http::StatusCode;
use serde_json::{json, Value};
use support::*;
use zhicheng_engine::FormState;

fn manifest(s: &FormState, package_id: &str) -> Value {
    finished_manifest(s, package_id, Vec::new())
}

#[tokio::test]
async fn a_finished_unit_batch_is_accepted_in_the_units_name() {
    let r = receiver(&data_folder("sz-unit"));
    let (state, files) = sz_unit::complete(sha);
    let manifest = manifest(&state, PACKAGE_ID);
    assert_eq!(manifest["applicant"], json!({ "name": "深圳市示例科技有限公司", "id_number": "91110000600037341L" }));
    for bytes in &files {
        assert_eq!(upload(&r, PACKAGE_ID, bytes).await, StatusCode::CREATED);
    }
    let (status, receipt) = finalise(&r, &manifest).await;
    assert_eq!(status, StatusCode::CREATED, "{receipt}");
    assert_eq!(receipt["status"], "待办中");
    assert_eq!(r.store.counts().unwrap().0, 1);
}

#[tokio::test]
async fn a_short_evaluation_or_another_submitter_is_refused() {
    let r = receiver(&data_folder("sz-unit-refused"));
    let (state, files) = sz_unit::complete(sha);
    for bytes in &files {
        upload(&r, PACKAGE_ID, bytes).await;
    }
    let honest = manifest(&state, PACKAGE_ID);

    let mut short = honest.clone();
    short["answers"]["applicants"][0]["values"]["overallEvaluation"] = json!("工作认真，同意推荐。");
    let (status, e) = finalise(&r, &short).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    let fields = e["error"]["fields"].to_string();
    assert!(fields.contains("overallEvaluation") && fields.contains("150"), "{e}");

    let mut other_unit = honest.clone();
    other_unit["applicant"]["id_number"] = json!("91440300MA5XXXXXXX");
    let (status, e) = finalise(&r, &other_unit).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert_eq!(e["error"]["fields"][0]["path"], "applicant.id_number", "{e}");

    let mut unsigned = honest.clone();
    unsigned["attachments"].as_array_mut().unwrap().retain(|f| f["material"] != "unitPledge");
    let (status, e) = finalise(&r, &unsigned).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert!(e["error"]["fields"].to_string().contains("承诺书"), "{e}");

    assert_eq!(finalise(&r, &honest).await.0, StatusCode::CREATED, "the honest batch is taken");
}
