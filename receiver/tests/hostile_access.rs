//! Hostile tests, class 4: only the applicant can act on a package. A package id cannot be
//! squatted, files belong to the package that uploaded them, status and withdrawal need the
//! package's secret; CORS only for configured origins; security headers on every answer; a rate
//! limit per client; the audit log of withdrawals and operator moves; data files private; the
//! operator's commands never print raw control characters. Against the real binary.

mod support;

use std::os::unix::fs::PermissionsExt;

use serde_json::json;
use support::process::{Reply, Server};
use support::*;

fn with_secret(server: &Server, secret: &str, method: &str, path: &str, body: &[u8]) -> Reply {
    let content_type = if method == "PUT" { "application/pdf" } else { "application/json" };
    server.send(method, path, &[("Content-Type", content_type), ("Zhicheng-Package-Secret", secret)], body)
}

#[test]
fn a_package_id_cannot_be_squatted_and_files_belong_to_their_package() {
    let server = Server::start(&data_folder("hostile-squat"), &[]);
    let pdf = pdf_with("the applicant's own file");
    assert_eq!(with_secret(&server, SECRET, "PUT", &file_uri(PACKAGE_ID, &pdf), &pdf).status, 201);
    // Someone who saw the package id finalises it first, with a manifest of their own.
    let mut squat = evidence_manifest(PACKAGE_ID, &[("伪造.pdf", &pdf)]);
    squat["answers"]["name"] = json!("冒名者");
    squat["applicant"]["name"] = json!("冒名者");
    let path = format!("/v1/packages/{PACKAGE_ID}");
    let reply = with_secret(&server, ATTACKER, "POST", &path, &to_body(&squat));
    assert_eq!((reply.status, reply.code()), (403, "wrong_secret".into()), "{:?}", reply.json());
    let reply = server.send("POST", &path, &[("Content-Type", "application/json")], &to_body(&squat));
    assert_eq!((reply.status, reply.code()), (401, "secret_required".into()), "{:?}", reply.json());
    let reply = with_secret(&server, ATTACKER, "PUT", &file_uri(PACKAGE_ID, &pdf), &pdf);
    assert_eq!(reply.status, 403, "nor add files to it");
    let own = evidence_manifest(PACKAGE_ID, &[("佐证.pdf", &pdf)]);
    assert_eq!(with_secret(&server, SECRET, "POST", &path, &to_body(&own)).status, 201);

    // Another package cites the applicant's file by its hash without having sent it.
    let mut borrowed = evidence_manifest(OTHER_ID, &[("借用.pdf", &pdf)]);
    borrowed["package_id"] = json!(OTHER_ID);
    let reply = with_secret(&server, ATTACKER, "POST", &format!("/v1/packages/{OTHER_ID}"), &to_body(&borrowed));
    assert_eq!((reply.status, reply.code()), (409, "missing_files".into()), "{:?}", reply.json());
}

#[test]
fn status_and_withdrawal_need_the_packages_secret_and_moves_are_audited() {
    let data = data_folder("hostile-withdraw");
    let server = Server::start(&data, &[]);
    let path = format!("/v1/packages/{PACKAGE_ID}");
    assert_eq!(with_secret(&server, SECRET, "POST", &path, &to_body(&unit_manifest(PACKAGE_ID))).status, 201);
    let withdraw = format!("{path}/withdraw");
    assert_eq!(server.send("POST", &withdraw, &[], b"").status, 401);
    assert_eq!(with_secret(&server, ATTACKER, "POST", &withdraw, b"").status, 403);
    assert_eq!(with_secret(&server, ATTACKER, "GET", &path, b"").status, 403);
    assert_eq!(server.send("GET", &path, &[], b"").status, 401);
    let status = with_secret(&server, SECRET, "GET", &path, b"");
    assert_eq!((status.status, status.json()["status"].as_str()), (200, Some("待办中")));
    assert_eq!(with_secret(&server, SECRET, "POST", &withdraw, b"").json()["status"], "已撤回");

    let mut second = unit_manifest(OTHER_ID);
    second["package_id"] = json!(OTHER_ID);
    let receipt = with_secret(&server, SECRET, "POST", &format!("/v1/packages/{OTHER_ID}"), &to_body(&second)).json()
        ["receipt"]
        .as_str()
        .unwrap()
        .to_string();
    server.operator(&["set-status", &receipt, "退回", "请补充\u{1b}[2J材料"]);
    let audit = server.operator(&["audit"]);
    assert!(audit.contains("待办中 → 已撤回") && audit.contains("待办中 → 退回"), "{audit}");
    assert!(!audit.contains('\u{1b}'), "the operator never sees raw control characters: {audit:?}");
    assert!(server.operator(&["list"]).contains("\\u{001b}"), "they are shown instead");

    // The log only grows: not even the database's owner can rewrite it behind the receiver.
    let db = rusqlite::Connection::open(data.join("receiver.sqlite3")).unwrap();
    assert!(db.execute("DELETE FROM audit", []).is_err());
    assert!(db.execute("UPDATE audit SET actor = 'nobody'", []).is_err());

    // Every data file is the owner's alone.
    let mut paths = vec![data.clone()];
    while let Some(path) = paths.pop() {
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        if path.is_dir() {
            assert_eq!(mode, 0o700, "{}", path.display());
            paths.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else {
            assert_eq!(mode, 0o600, "{}", path.display());
        }
    }
}

#[test]
fn cors_only_for_configured_origins_and_security_headers_on_every_answer() {
    let closed = Server::start(&data_folder("hostile-cors-none"), &[]);
    let asked = [("Origin", "https://evil.example")];
    let reply = closed.send("GET", "/v1/capabilities", &asked, b"");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("access-control-allow-origin"), None, "no origin by default");

    let open = Server::start(
        &data_folder("hostile-cors"),
        &["--allow-origin", "http://app.example", "--rate", "1", "--burst", "3"],
    );
    let preflight = [
        ("Origin", "http://app.example"),
        ("Access-Control-Request-Method", "PUT"),
        ("Access-Control-Request-Headers", "content-type,zhicheng-package-secret,authorization"),
    ];
    let reply = open.send("OPTIONS", &file_uri(PACKAGE_ID, b"x"), &preflight, b"");
    assert_eq!(reply.header("access-control-allow-origin"), Some("http://app.example"));
    let allowed = reply.header("access-control-allow-headers").unwrap_or("").to_string();
    // The package secret, and a portal's login token where the receiver requires one.
    assert!(allowed.contains("zhicheng-package-secret") && allowed.contains("authorization"), "{allowed}");
    let reply = open.send("GET", "/v1/capabilities", &asked, b"");
    assert_eq!(reply.header("access-control-allow-origin"), None, "not for other origins");

    // Whatever the answer — found, not found, refused, too many — it carries the headers.
    let mut replies = vec![open.send("GET", "/nowhere", &[], b"")];
    replies.extend((0..6).map(|_| open.send("GET", "/v1/capabilities", &[], b"")));
    assert!(replies.iter().any(|r| r.status == 429 && r.code() == "rate_limited" && r.header("retry-after").is_some()));
    assert_eq!(replies[0].code(), "not_found");
    for reply in &replies {
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"), "{reply:?}");
        assert_eq!(reply.header("cache-control"), Some("no-store"));
        assert!(reply.header("content-security-policy").is_some_and(|v| v.contains("frame-ancestors 'none'")));
        assert_eq!(reply.json()["protocol"], zhicheng_receiver::PROTOCOL);
    }
}
