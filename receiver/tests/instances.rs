//! Several receiver instances sharing one store, as a province runs them (docs/scaling.md): on
//! PostgreSQL and a bucket when the tests run on the scaled backend, else several connections to
//! one SQLite file. They start together and migrate once; number receipts with no duplicate and
//! no gap whichever instance stores a package; store a package finalised on all of them at once
//! once; and leave the clean-up to one at a time.

mod support;

use std::sync::Arc;

use axum::http::StatusCode;
use support::*;
use zhicheng_receiver::http::Receiver;
use zhicheng_receiver::store::{Store, StoreError, SERVER_BUSY_TIMEOUT};

/// A version-4 package id of its own for package `n`.
fn package_id(n: usize) -> String {
    format!("{n:08x}-0000-4000-8000-{n:012x}")
}

/// Four instances on one store, started at the same moment.
fn instances(name: &str) -> (Vec<Arc<Receiver>>, zhicheng_receiver::store::Backend, std::path::PathBuf) {
    let data = data_folder(name);
    let backend = backend_for(&data);
    let starting: Vec<_> = (0..4)
        .map(|_| {
            let (data, backend) = (data.clone(), backend.clone());
            std::thread::spawn(move || {
                Store::connect(&data, &backend, SERVER_BUSY_TIMEOUT).expect("every instance starts")
            })
        })
        .collect();
    (starting.into_iter().map(|s| receiver_on(s.join().unwrap())).collect(), backend, data)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn instances_share_one_store_one_receipt_counter_and_one_clean_up() {
    let (instances, backend, _) = instances("instances");
    if let Some(url) = &backend.database {
        let applied = psql(url, "SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_migrations");
        assert_eq!(applied, "1,2", "each migration applied once by four instances");
    }

    // Twenty-four packages, each uploaded and finalised on another instance, all at once.
    let sending = (0..24).map(|n| {
        let (to, id) = (instances[n % 4].clone(), package_id(n));
        let back = instances[(n + 1) % 4].clone();
        tokio::spawn(async move {
            let pdf = pdf_with(&format!("package {n}"));
            assert_eq!(upload(&to, &id, &pdf).await, StatusCode::CREATED);
            let (status, body) = finalise(&back, &evidence_manifest(&id, &[("公示照片.pdf", &pdf)])).await;
            assert_eq!(status, StatusCode::CREATED, "{body}");
            body["receipt"].as_str().unwrap().to_string()
        })
    });
    let mut receipts: Vec<String> =
        futures_util::future::join_all(sending).await.into_iter().map(Result::unwrap).collect();
    receipts.sort();
    let expected: Vec<String> = (1..=24).map(|n| format!("ZC20261123{n:06}")).collect();
    assert_eq!(receipts, expected, "one counter: no duplicate, no gap");

    // One package finalised on every instance at the same moment is stored once.
    let (id, pdf) = (package_id(100), pdf_with("sent everywhere"));
    assert_eq!(upload(&instances[0], &id, &pdf).await, StatusCode::CREATED);
    let manifest = evidence_manifest(&id, &[("公示照片.pdf", &pdf)]);
    let racing = instances.iter().map(|r| {
        let (r, manifest) = (r.clone(), manifest.clone());
        tokio::spawn(async move { finalise(&r, &manifest).await })
    });
    let answers: Vec<(StatusCode, serde_json::Value)> =
        futures_util::future::join_all(racing).await.into_iter().map(Result::unwrap).collect();
    assert_eq!(answers.iter().filter(|(s, _)| *s == StatusCode::CREATED).count(), 1, "{answers:?}");
    assert!(answers.iter().all(|(_, body)| body["receipt"] == "ZC20261123000025"), "{answers:?}");
    assert_eq!(instances[3].store.counts().unwrap().0, 25);
}

/// Runs `sql` in psql on `url`: what it prints.
fn psql(url: &str, sql: &str) -> String {
    let out = std::process::Command::new("psql").args([url, "-Atc", sql]).output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[tokio::test]
async fn the_clean_up_runs_on_one_instance_at_a_time() {
    let (instances, backend, data) = instances("clean-up");
    let day = std::time::Duration::from_secs(24 * 3600);
    match &backend.database {
        // Another instance holding the clean-up's lock: this one skips it, and runs it afterwards.
        Some(url) => {
            use std::io::Write;
            let mut holder = std::process::Command::new("psql")
                .args([url.as_str(), "-q"])
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap();
            let mut input = holder.stdin.take().unwrap();
            writeln!(input, "BEGIN; SELECT pg_advisory_xact_lock({}, 0);", 0x5a43_0003).unwrap();
            input.flush().unwrap();
            let held = format!(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = {} AND granted",
                0x5a43_0003
            );
            let started = std::time::Instant::now();
            while psql(url, &held) != "1" {
                assert!(started.elapsed().as_secs() < 10, "the other instance takes the lock");
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            assert_eq!(instances[1].store.prune(day, fixed_now()).unwrap(), None, "another instance is cleaning up");
            writeln!(input, "COMMIT;").unwrap();
            drop(input);
            holder.wait().unwrap();
            assert_eq!(instances[1].store.prune(day, fixed_now()).unwrap(), Some(0));
        }
        // One SQLite file: a clean-up waits for the database, and is told it is busy.
        None => {
            let other = rusqlite::Connection::open(data.join("receiver.sqlite3")).unwrap();
            other.execute_batch("BEGIN IMMEDIATE").unwrap();
            assert!(matches!(instances[1].store.prune(day, fixed_now()), Err(StoreError::Busy)));
            other.execute_batch("COMMIT").unwrap();
            assert_eq!(instances[1].store.prune(day, fixed_now()).unwrap(), Some(0));
        }
    }
}
