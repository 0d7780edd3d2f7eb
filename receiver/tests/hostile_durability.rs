//! Hostile test, durability under load: clients keep sending packages (an upload and a
//! finalising call each, retried on any failure) while the receiver is killed with SIGKILL and
//! restarted five times. In the end every package is stored exactly once, with its own receipt,
//! its file whole, and the database intact.

mod support;

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;
use support::process::{head, read_reply, Server};
use support::*;

/// One request to whatever address the receiver listens on now; status 0 when it is down.
fn attempt(
    addr: &Arc<Mutex<SocketAddr>>,
    method: &str,
    path: &str,
    content_type: &str,
    body: &[u8],
) -> (u16, serde_json::Value) {
    let at = *addr.lock().unwrap();
    let Ok(mut stream) = std::net::TcpStream::connect_timeout(&at, Duration::from_secs(2)) else {
        return (0, json!(null));
    };
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let headers = [("Content-Type", content_type), ("Zhicheng-Package-Secret", SECRET)];
    if std::io::Write::write_all(&mut stream, &head(method, path, &headers, body.len())).is_err()
        || std::io::Write::write_all(&mut stream, body).is_err()
    {
        return (0, json!(null));
    }
    let reply = read_reply(&mut stream);
    (reply.status, reply.json())
}

/// Sends one package until it has its receipt.
fn send_until_received(addr: &Arc<Mutex<SocketAddr>>, package_id: &str, pdf: &[u8]) -> String {
    let manifest = evidence_manifest(package_id, &[("佐证.pdf", pdf)]);
    let started = Instant::now();
    loop {
        assert!(started.elapsed() < Duration::from_secs(90), "{package_id} never got its receipt");
        let (status, _) = attempt(addr, "PUT", &file_uri(package_id, pdf), "application/pdf", pdf);
        if status == 200 || status == 201 {
            let path = format!("/v1/packages/{package_id}");
            let (status, reply) = attempt(addr, "POST", &path, "application/json", &to_body(&manifest));
            if status == 200 || status == 201 {
                return reply["receipt"].as_str().unwrap().to_string();
            }
            assert!(status == 0 || status == 409 || status >= 500, "refused: {status} {reply}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn packages_survive_five_kill_9_restarts_under_load_exactly_once() {
    let data = data_folder("hostile-kill");
    let options = ["--burst", "100000", "--rate", "100000"];
    let mut server = Server::start(&data, &options);
    let addr = Arc::new(Mutex::new(server.addr));
    let clients: Vec<_> = (0..4)
        .map(|client| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                (0..8)
                    .map(|n| {
                        let id = zhicheng_engine::package::uuid_v4([client as u8 * 16 + n as u8 + 1; 16]);
                        let pdf = pdf_with(&format!("client {client} package {n}"));
                        (id.clone(), send_until_received(&addr, &id, &pdf))
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    for round in 0..5 {
        std::thread::sleep(Duration::from_millis(300 + 150 * round));
        server.signal("KILL");
        let _ = server.wait_exit(Duration::from_secs(5));
        drop(server);
        server = Server::start(&data, &options);
        *addr.lock().unwrap() = server.addr;
    }
    let received: Vec<(String, String)> = clients.into_iter().flat_map(|c| c.join().unwrap()).collect();
    assert_eq!(received.len(), 32);
    let receipts: BTreeSet<&String> = received.iter().map(|(_, r)| r).collect();
    assert_eq!(receipts.len(), 32, "every package its own receipt");
    let listed = server.operator(&["list"]);
    for (id, receipt) in &received {
        assert_eq!(listed.lines().filter(|l| l.contains(id.as_str())).count(), 1, "{id} stored once");
        assert!(listed.contains(receipt.as_str()));
    }
    for entry in std::fs::read_dir(data.join("files")).unwrap().map(Result::unwrap) {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert_eq!(sha(&std::fs::read(entry.path()).unwrap()), name, "a stored file is whole");
    }
    let db = rusqlite::Connection::open(data.join("receiver.sqlite3")).unwrap();
    let check: String = db.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
}
