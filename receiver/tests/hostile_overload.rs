//! Hostile tests, classes 1, 2 and 5: no request can stall the others, space is rationed, and
//! the receiver stops gracefully. A quadratic manifest, slow headers, an idle connection, a slow
//! body, too many connections, an oversized body announced with `Expect: 100-continue`, a database
//! held by another process, 100 uploads held open (memory), a full disk, and SIGTERM in the middle
//! of an upload. Against the real binary in its own process.

mod support;

use std::io::Write;
use std::time::{Duration, Instant};

use serde_json::json;
use support::process::{closed_within, head, parse_reply, read_reply, Server};
use support::*;

const SECRET_HEADER: (&str, &str) = ("Zhicheng-Package-Secret", SECRET);

#[test]
fn a_manifest_listing_one_file_40000_times_neither_takes_long_nor_stalls_others() {
    let server = Server::start(&data_folder("hostile-quadratic"), &[]);
    let pdf = pdf_bytes();
    let entry = json!({ "material": "evidence", "name": "a.pdf", "media_type": "application/pdf", "size": pdf.len(), "sha256": sha(&pdf), "pages": 1 });
    let mut manifest = evidence_manifest(PACKAGE_ID, &[]);
    manifest["attachments"] = json!(vec![entry; 40_000]);
    let body = to_body(&manifest);
    let started = Instant::now();
    let senders: Vec<_> = (0..2)
        .map(|_| {
            let (server_addr, body) = (server.addr, body.clone());
            std::thread::spawn(move || {
                let mut stream = std::net::TcpStream::connect(server_addr).unwrap();
                stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
                let path = format!("/v1/packages/{PACKAGE_ID}");
                stream
                    .write_all(&head("POST", &path, &[("Content-Type", "application/json"), SECRET_HEADER], body.len()))
                    .unwrap();
                stream.write_all(&body).unwrap();
                read_reply(&mut stream)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let asked = Instant::now();
    assert_eq!(server.send("GET", "/v1/capabilities", &[], b"").status, 200);
    assert!(asked.elapsed() < Duration::from_secs(2), "the preflight waited {:?}", asked.elapsed());
    for sender in senders {
        let reply = sender.join().unwrap();
        assert_eq!((reply.status, reply.code()), (422, "invalid_manifest".into()), "{:?}", reply.json());
    }
    assert!(started.elapsed() < Duration::from_secs(10), "the manifests took {:?}", started.elapsed());
}

#[test]
fn slow_headers_idle_connections_and_slow_bodies_are_given_up() {
    let server = Server::start(&data_folder("hostile-slow"), &["--header-timeout", "2", "--body-timeout", "2"]);
    let mut slow_headers = server.connect();
    slow_headers.write_all(b"GET /v1/capabilities HTTP/1.1\r\nHost: x\r\n").unwrap();
    assert!(closed_within(&mut slow_headers, Duration::from_secs(6)), "headers that never end hold a connection");

    let mut idle = server.connect();
    idle.write_all(b"GET /v1/capabilities HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    assert!(closed_within(&mut idle, Duration::from_secs(6)), "an idle kept-alive connection stays open");

    let pdf = pdf_bytes();
    let mut slow_body = server.connect();
    let headers = [("Content-Type", "application/pdf"), SECRET_HEADER];
    slow_body.write_all(&head("PUT", &file_uri(PACKAGE_ID, &pdf), &headers, pdf.len())).unwrap();
    slow_body.write_all(&pdf[..10]).unwrap();
    let started = Instant::now();
    let reply = read_reply(&mut slow_body);
    assert_eq!((reply.status, reply.code()), (408, "body_timeout".into()), "{reply:?}");
    assert!(started.elapsed() < Duration::from_secs(6));
    let parts = std::fs::read_dir(server.data.join("incoming")).unwrap().count();
    assert_eq!(parts, 0, "the abandoned upload left no temporary file");
}

#[test]
fn connections_beyond_the_cap_are_refused_at_once() {
    let server = Server::start(&data_folder("hostile-connections"), &["--max-connections-per-client", "4"]);
    let held: Vec<_> = (0..4)
        .map(|_| {
            let mut stream = server.connect();
            stream.write_all(b"GET /v1/capabilities HTTP/1.1\r\n").unwrap();
            stream
        })
        .collect();
    // The held connections are accepted in the server's own time (other tests load the machine).
    let deadline = Instant::now() + Duration::from_secs(5);
    let reply = loop {
        let started = Instant::now();
        let reply = server.send("GET", "/v1/capabilities", &[], b"");
        if reply.status == 503 || Instant::now() > deadline {
            assert!(started.elapsed() < Duration::from_secs(2), "refused at once");
            break reply;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!((reply.status, reply.code()), (503, "busy".into()), "{reply:?}");
    assert!(reply.header("retry-after").is_some());
    drop(held);
    let deadline = Instant::now() + Duration::from_secs(5);
    while server.send("GET", "/v1/capabilities", &[], b"").status != 200 {
        assert!(Instant::now() < deadline, "a place freed is given again");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn an_oversized_body_is_refused_before_it_is_sent() {
    let server = Server::start(&data_folder("hostile-expect"), &[]);
    let mut stream = server.connect();
    let headers = [
        ("Content-Type", "application/pdf"),
        ("Content-Length", "20971520"),
        ("Expect", "100-continue"),
        SECRET_HEADER,
    ];
    stream
        .write_all(&head("PUT", &format!("/v1/packages/{PACKAGE_ID}/files/{}", "a".repeat(64)), &headers, 0))
        .unwrap();
    let started = Instant::now();
    let mut raw = Vec::new();
    let mut buffer = [0u8; 4096];
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    while let Ok(n) = std::io::Read::read(&mut stream, &mut buffer) {
        if n == 0 || started.elapsed() > Duration::from_secs(5) {
            break;
        }
        raw.extend_from_slice(&buffer[..n]);
        if raw.windows(4).any(|w| w == b"}}\r\n" || w == b"}}") {
            break;
        }
    }
    let text = String::from_utf8_lossy(&raw).into_owned();
    assert!(!text.contains("100 Continue"), "the client was told to send 20 MB: {text}");
    let reply = parse_reply(&raw);
    assert_eq!((reply.status, reply.code()), (413, "file_too_large".into()), "{text}");

    let manifest = [("Content-Type", "application/json"), ("Content-Length", "104857600"), SECRET_HEADER];
    let reply = server.send("POST", &format!("/v1/packages/{PACKAGE_ID}"), &manifest, b"");
    assert_eq!((reply.status, reply.code()), (413, "manifest_too_large".into()), "{reply:?}");
}

#[test]
fn a_database_held_by_another_process_answers_503_and_stalls_nothing() {
    let data = data_folder("hostile-busy");
    let server = Server::start(&data, &[]);
    let path = format!("/v1/packages/{PACKAGE_ID}");
    assert_eq!(
        server
            .send(
                "POST",
                &path,
                &[("Content-Type", "application/json"), SECRET_HEADER],
                &to_body(&unit_manifest(PACKAGE_ID))
            )
            .status,
        201
    );
    let holder = rusqlite::Connection::open(data.join("receiver.sqlite3")).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let started = Instant::now();
    let asking = {
        let addr = server.addr;
        let path = path.clone();
        std::thread::spawn(move || {
            let mut stream = std::net::TcpStream::connect(addr).unwrap();
            stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
            stream.write_all(&head("POST", &format!("{path}/withdraw"), &[SECRET_HEADER], 0)).unwrap();
            read_reply(&mut stream)
        })
    };
    std::thread::sleep(Duration::from_millis(300));
    let preflight = Instant::now();
    assert_eq!(server.send("GET", "/v1/capabilities", &[], b"").status, 200);
    assert!(preflight.elapsed() < Duration::from_secs(1), "the preflight waited {:?}", preflight.elapsed());
    let reply = asking.join().unwrap();
    assert_eq!((reply.status, reply.code()), (503, "busy".into()), "{reply:?}");
    assert!(reply.header("retry-after").is_some());
    assert!(started.elapsed() < Duration::from_secs(5), "held for {:?}", started.elapsed());
    holder.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn memory_stays_bounded_while_100_uploads_are_held_open() {
    let options =
        ["--max-uploads", "128", "--max-connections-per-client", "256", "--burst", "1000", "--body-timeout", "60"];
    let server = Server::start(&data_folder("hostile-memory"), &options);
    let before = server.resident_bytes();
    let chunk = vec![b'%'; 64 * 1024];
    let held: Vec<_> = (0..100)
        .map(|n| {
            let mut stream = server.connect();
            let uri = format!("/v1/packages/{PACKAGE_ID}/files/{:064x}", n + 1);
            let headers = [("Content-Type", "application/pdf"), SECRET_HEADER];
            stream.write_all(&head("PUT", &uri, &headers, 10 * 1024 * 1024)).unwrap();
            stream.write_all(b"%PDF-1.4\n").unwrap();
            for _ in 0..64 {
                stream.write_all(&chunk).unwrap();
            }
            stream
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let during = server.resident_bytes();
    assert_eq!(held.len(), 100);
    // 100 uploads of 4 MB each so far: held in memory they would take 400 MB.
    assert!(during < before + 64 * 1024 * 1024, "resident memory went from {before} to {during} bytes");
    eprintln!("resident memory with 100 uploads held: {} MB (before: {} MB)", during >> 20, before >> 20);
}

#[test]
fn below_the_disk_reserve_new_uploads_wait_while_finalise_status_and_withdraw_go_on() {
    let data = data_folder("hostile-disk");
    let pdf = pdf_with("uploaded before the disk filled");
    let headers = [("Content-Type", "application/pdf"), SECRET_HEADER];
    {
        let server = Server::start(&data, &[]);
        assert_eq!(server.send("PUT", &file_uri(PACKAGE_ID, &pdf), &headers, &pdf).status, 201);
    }
    // The same data on a disk with less free space than the reserve (a reserve larger than any disk).
    let server = Server::start(&data, &["--reserve-mb", "1073741824"]);
    let other = pdf_with("a new upload");
    let reply = server.send("PUT", &file_uri(OTHER_ID, &other), &headers, &other);
    assert_eq!((reply.status, reply.code()), (507, "storage_full".into()), "{reply:?}");
    assert!(reply.header("retry-after").is_some());
    let json = [("Content-Type", "application/json"), SECRET_HEADER];
    let path = format!("/v1/packages/{PACKAGE_ID}");
    let reply = server.send("POST", &path, &json, &to_body(&evidence_manifest(PACKAGE_ID, &[("佐证.pdf", &pdf)])));
    assert_eq!(reply.status, 201, "{reply:?}");
    assert_eq!(server.send("GET", &path, &json, b"").status, 200);
    assert_eq!(server.send("POST", &format!("{path}/withdraw"), &json, b"").status, 200);
}

#[test]
fn sigterm_ends_uploads_in_flight_within_seconds_and_leaves_the_store_consistent() {
    let data = data_folder("hostile-stop");
    let mut server = Server::start(&data, &[]);
    let mut upload = server.connect();
    let headers = [("Content-Type", "application/pdf"), SECRET_HEADER];
    upload
        .write_all(&head("PUT", &format!("/v1/packages/{PACKAGE_ID}/files/{}", "b".repeat(64)), &headers, 1_000_000))
        .unwrap();
    upload.write_all(b"%PDF-1.4\n half of it").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    server.signal("TERM");
    assert_eq!(server.wait_exit(Duration::from_secs(8)), Ok(Some(0)), "a clean exit after SIGTERM");
    assert_eq!(std::fs::read_dir(data.join("incoming")).unwrap().count(), 0, "no half-written file");
    let db = rusqlite::Connection::open(data.join("receiver.sqlite3")).unwrap();
    let check: String = db.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
}
