//! Hostile tests, class 3: the receiver stores only what it checked. Computed answers recomputed
//! and a mismatch refused, answers to unknown fields refused, the applicant taken from the
//! answers, text with control characters refused, a file's content checked against its declared
//! type (empty files refused, types compared without regard to case), a size that differs from
//! the uploaded file a clear error, receipts from a counter. Each runs against the real binary
//! (`RECEIVER_BIN` to try another build).

mod support;

use serde_json::json;
use support::process::Server;
use support::*;

fn applicant(server: &Server, method: &str, path: &str, content_type: &str, body: &[u8]) -> process::Reply {
    server.send(method, path, &[("Content-Type", content_type), ("Zhicheng-Package-Secret", SECRET)], body)
}

fn finalise_on(server: &Server, manifest: &serde_json::Value) -> process::Reply {
    let id = manifest["package_id"].as_str().unwrap();
    applicant(server, "POST", &format!("/v1/packages/{id}"), "application/json", &to_body(manifest))
}

fn field_paths(reply: &process::Reply) -> Vec<String> {
    let json = reply.json();
    json["error"]["fields"]
        .as_array()
        .map_or(Vec::new(), |f| f.iter().map(|p| p["path"].as_str().unwrap_or("").to_string()).collect())
}

#[test]
fn computed_answers_unknown_fields_and_another_applicant_are_refused() {
    let server = Server::start(&data_folder("hostile-answers"), &[]);
    let mut wrong_gender = unit_manifest(PACKAGE_ID);
    wrong_gender["answers"]["applicants"][0]["values"]["gender"] = json!("女");
    let reply = finalise_on(&server, &wrong_gender);
    assert_eq!((reply.status, reply.code()), (422, "invalid_manifest".into()), "{:?}", reply.json());
    assert!(field_paths(&reply).contains(&"answers.applicants[#1].gender".to_string()), "{:?}", reply.json());

    let mut unknown = unit_manifest(PACKAGE_ID);
    unknown["answers"]["approvedBy"] = json!("省人社厅");
    let reply = finalise_on(&server, &unknown);
    assert_eq!(reply.status, 422, "{:?}", reply.json());
    assert_eq!(field_paths(&reply), vec!["answers.approvedBy"]);

    let mut someone_else = unit_manifest(PACKAGE_ID);
    someone_else["applicant"]["name"] = json!("另一家单位");
    let reply = finalise_on(&server, &someone_else);
    assert_eq!(reply.status, 422, "{:?}", reply.json());
    assert_eq!(field_paths(&reply), vec!["applicant.name"]);

    let mut hidden_text = unit_manifest(PACKAGE_ID);
    hidden_text["answers"]["contactPerson"] = json!("陈\u{202E}经办");
    let reply = finalise_on(&server, &hidden_text);
    assert_eq!(reply.status, 422, "{:?}", reply.json());
    assert_eq!(field_paths(&reply), vec!["answers.contactPerson"]);
    assert!(reply.json()["error"]["fields"][0]["message"].as_str().unwrap().contains("U+202E"));

    assert_eq!(finalise_on(&server, &unit_manifest(PACKAGE_ID)).status, 201, "the honest package is taken");
}

#[test]
fn content_must_match_its_declared_type_and_size() {
    let server = Server::start(&data_folder("hostile-types"), &[]);
    let text = b"just some text pretending to be a PDF".to_vec();
    let reply = applicant(&server, "PUT", &file_uri(PACKAGE_ID, &text), "application/pdf", &text);
    assert_eq!((reply.status, reply.code()), (415, "content_not_matching".into()), "{:?}", reply.json());
    let reply = applicant(&server, "PUT", &file_uri(PACKAGE_ID, b""), "application/pdf", b"");
    assert_eq!((reply.status, reply.code()), (400, "empty_file".into()), "{:?}", reply.json());

    // Media types are not case-sensitive.
    let pdf = pdf_with("declared in capitals");
    let reply = applicant(&server, "PUT", &file_uri(PACKAGE_ID, &pdf), "Application/PDF; charset=binary", &pdf);
    assert_eq!(reply.status, 201, "{:?}", reply.json());

    // A manifest that gives the uploaded file another size is told so, not sent round a loop.
    let mut manifest = evidence_manifest(PACKAGE_ID, &[("佐证.pdf", &pdf)]);
    manifest["attachments"][0]["size"] = json!(pdf.len() + 1);
    let reply = finalise_on(&server, &manifest);
    assert_eq!((reply.status, reply.code()), (422, "invalid_manifest".into()), "{:?}", reply.json());
    assert_eq!(field_paths(&reply), vec!["attachments[0].size"]);
    assert_eq!(finalise_on(&server, &evidence_manifest(PACKAGE_ID, &[("佐证.pdf", &pdf)])).status, 201);
}

#[test]
fn receipt_numbers_come_from_a_counter_not_a_count() {
    let data = data_folder("hostile-receipts");
    let server = Server::start(&data, &[]);
    assert_eq!(finalise_on(&server, &unit_manifest(PACKAGE_ID)).status, 201);
    let mut second = unit_manifest(OTHER_ID);
    second["package_id"] = json!(OTHER_ID);
    assert_eq!(finalise_on(&server, &second).status, 201);
    // An operator removes the first package by hand: a count would now issue the second's number.
    let db = rusqlite::Connection::open(data.join("receiver.sqlite3")).unwrap();
    db.busy_timeout(std::time::Duration::from_secs(5)).unwrap();
    db.execute("DELETE FROM package_files WHERE package_id = ?1", [PACKAGE_ID]).unwrap();
    db.execute("DELETE FROM packages WHERE package_id = ?1", [PACKAGE_ID]).unwrap();
    drop(db);
    let third_id = "3b241101-e2bb-4255-8caf-4136c566a962";
    let mut third = unit_manifest(third_id);
    third["package_id"] = json!(third_id);
    let reply = finalise_on(&server, &third);
    assert_eq!(reply.status, 201, "{:?}", reply.json());
    let receipt = reply.json()["receipt"].as_str().unwrap().to_string();
    assert_eq!(&receipt[10..], "000003", "{receipt}");
}
