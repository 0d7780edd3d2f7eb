//! The receiver's command line: `serve` runs the HTTP side; `list`, `set-status`, `set-stage`,
//! `audit`, `export` and `unit-key` (units' keys) are the operator's tools (move a package to 办理中, 退回 with a reason, or 办结; place it
//! at a stage of its form's status path with the 意见 given; every move and every withdrawal is in
//! the audit log), and `prune` deletes uploads whose package was never
//! finalised (`serve` also does it while serving). Every command works on either backend: the
//! default SQLite and folder in `--data`, or PostgreSQL and a bucket shared by several instances
//! (`--database`, `--files`; docs/scaling.md). Stored text is printed with control characters
//! shown, never obeyed.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use zhicheng_engine::package::rfc3339;
use zhicheng_engine::PackageStatus;
use zhicheng_receiver::app_files::{AppFiles, PagePolicy};
use zhicheng_receiver::forms::{calendar_beside, read_calendar, Forms};
use zhicheng_receiver::http::portal::{KeySource, PortalKey};
use zhicheng_receiver::http::{router, system_now_ms, Receiver};
use zhicheng_receiver::limits::Limits;
use zhicheng_receiver::operator::{audit_line, package_line, printable};
use zhicheng_receiver::server::{serve, ServerConfig};
use zhicheng_receiver::stages::{set_stage, StageRequest};
use zhicheng_receiver::store::{Backend, PackageRecord, Store, OPERATOR_BUSY_TIMEOUT, SERVER_BUSY_TIMEOUT};
use zhicheng_receiver::unit_keys::unit_key_command;

const USAGE: &str = "usage:
  every command takes [--data receiver-data] (SQLite, files and temporary files), or for several
  instances sharing one store (docs/scaling.md) also:
      [--database postgres://user:password@host/db]   or the environment variable ZHICHENG_DATABASE
      [--files s3://bucket/prefix]                     or ZHICHENG_FILES, with AWS_ENDPOINT, AWS_REGION,
                                                       AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY
      [--database-connections 16]                      the most this instance opens
  zhicheng-receiver serve [--addr 127.0.0.1:8090] [--data receiver-data] [--forms public/forms]
      [--calendar public/calendar/cn.json]      holiday calendar (default: calendar/cn.json beside the forms folder)
      [--allow-origin https://portal.example,…]   pages that may call the receiver (CORS; none by default)
      [--app dist]                               also serve the built app from this folder, on the same origin
      [--frame-ancestors https://portal.example,…]   pages that may frame the app (none by default)
      [--connect-src https://backend.example,…]    other origins the app's pages may call
      [--portal-public-key portal.pem | --portal-secret-file portal.key]   require the portal's login (JWT)
      [--portal-issuer ISS] [--portal-audience AUD]   … naming this issuer and audience
      [--max-connections 512] [--max-connections-per-client 64] [--max-uploads 64]
      [--rate 20] [--burst 200]                  requests per second per client address, and at once
      [--pending-mb 4096] [--pending-files 20000] uploads waiting for their package, over all packages
      [--reserve-mb 512]                         new uploads refused below this much free disk
      [--header-timeout 20] [--body-timeout 30] [--upload-deadline 1800]   seconds
  zhicheng-receiver list [--data receiver-data]
  zhicheng-receiver audit [--data receiver-data]
  zhicheng-receiver set-status <receipt or package id> <办理中|退回|办结> [reason] [--data receiver-data]
  zhicheng-receiver set-stage <receipt or package id> <stage id> [意见] [--outcome <outcome id>]
      [--data receiver-data] [--forms public/forms]   a stage of the form's settings.status_path;
                                                     an outcome that returns the package makes it 退回
  zhicheng-receiver prune [--hours 24] [--data receiver-data]
  zhicheng-receiver unit-key add <统一社会信用代码> <单位名称> | list | revoke <统一社会信用代码>
      a unit's key (Zhicheng-Unit-Key), printed once: the unit lists, reads and decides the
      packages reported to it (protocol §2.8)
  zhicheng-receiver export <day, e.g. 20261202> [--copy-files folder] [--data receiver-data]
      one JSON line per package whose receipt is of that day, to standard output";

/// How long an upload waits for its package to be finalised before it is deleted.
const ABANDONED_AFTER_HOURS: u64 = 24;

fn main() {
    if let Err(message) = run(std::env::args().skip(1).collect()) {
        eprintln!("{message}");
        std::process::exit(2);
    }
}

/// The portal login the options require, if any: a public key or a shared secret, each in a file.
fn portal_login(args: &mut Vec<String>) -> Result<Option<PortalKey>, String> {
    let public_key = option(args, "--portal-public-key");
    let secret_file = option(args, "--portal-secret-file");
    let issuer = option(args, "--portal-issuer");
    let audience = option(args, "--portal-audience");
    let read = |path: &str| std::fs::read(path).map_err(|e| format!("无法读取门户密钥文件 {path}：{e}"));
    let bytes = match (&public_key, &secret_file) {
        (None, None) => return Ok(None),
        (Some(_), Some(_)) => return Err("--portal-public-key 与 --portal-secret-file 只能选一个".into()),
        (Some(path), None) | (None, Some(path)) => read(path)?,
    };
    let source = if public_key.is_some() {
        KeySource::PublicKeyPem(&bytes)
    } else {
        KeySource::SharedSecret(bytes.trim_ascii())
    };
    PortalKey::new(source, issuer.as_deref(), audience.as_deref()).map(Some)
}

/// The API under /v1/ with its own answers and headers, and the app for every other path.
fn with_app(api: Router, app: Router) -> Router {
    use tower::ServiceExt;
    Router::new().fallback_service(tower::service_fn(move |request: axum::extract::Request| {
        let to = if request.uri().path().starts_with("/v1/") { api.clone() } else { app.clone() };
        to.oneshot(request)
    }))
}

/// A comma-separated option that may be given more than once.
fn list_option(args: &mut Vec<String>, name: &str) -> Vec<String> {
    let mut items = Vec::new();
    while let Some(list) = option(args, name) {
        items.extend(list.split(',').map(str::trim).filter(|o| !o.is_empty()).map(String::from));
    }
    items
}

/// Takes `--name value` options out of `args`, leaving the positional arguments.
fn option(args: &mut Vec<String>, name: &str) -> Option<String> {
    let i = args.iter().position(|a| a == name).filter(|i| i + 1 < args.len())?;
    let value = args.remove(i + 1);
    args.remove(i);
    Some(value)
}

/// A whole-number option within `range`, or its default.
fn number(
    args: &mut Vec<String>,
    name: &str,
    default: u64,
    range: std::ops::RangeInclusive<u64>,
) -> Result<u64, String> {
    let Some(text) = option(args, name) else { return Ok(default) };
    text.parse::<u64>().ok().filter(|n| range.contains(n)).ok_or_else(|| {
        format!("{name} 应为 {} 到 {} 之间的整数，收到「{}」", range.start(), range.end(), printable(&text))
    })
}

/// The store's backend as the options (or the environment) name it.
fn backend(args: &mut Vec<String>) -> Result<Backend, String> {
    let named = |args: &mut Vec<String>, name: &str, variable: &str| {
        option(args, name).or_else(|| std::env::var(variable).ok()).filter(|v| !v.trim().is_empty())
    };
    Ok(Backend {
        database: named(args, "--database", "ZHICHENG_DATABASE"),
        files: named(args, "--files", "ZHICHENG_FILES"),
        connections: number(args, "--database-connections", 16, 1..=1000)? as u32,
    })
}

fn run(mut args: Vec<String>) -> Result<(), String> {
    let data = PathBuf::from(option(&mut args, "--data").unwrap_or_else(|| "receiver-data".into()));
    let backend = backend(&mut args)?;
    let hours = number(&mut args, "--hours", ABANDONED_AFTER_HOURS, 1..=24 * 365)?;
    let abandoned_after = Duration::from_secs(hours * 3600);
    if args.first().is_some_and(|c| c == "serve") {
        args.remove(0);
        let store = Store::connect(&data, &backend, SERVER_BUSY_TIMEOUT)?;
        return serve_command(store, &data, args, abandoned_after);
    }
    let command = if args.is_empty() { String::new() } else { args.remove(0) };
    let open = || Store::connect(&data, &backend, OPERATOR_BUSY_TIMEOUT);
    match command.as_str() {
        "prune" => {
            match open()?.prune(abandoned_after, system_now_ms()).map_err(|e| e.to_string())? {
                Some(removed) => {
                    println!("已删除 {removed} 个不属于任何申报包的文件（包括超过 {hours} 小时仍未提交申报包的上传）")
                }
                None => println!("另一个接收端实例正在清理，本次未执行"),
            }
            Ok(())
        }
        "export" => {
            let copy = option(&mut args, "--copy-files").map(PathBuf::from);
            let [day] = args.as_slice() else { return Err(USAGE.to_string()) };
            export(open()?, day, copy.as_deref())
        }
        "list" => {
            for p in open()?.list().map_err(|e| e.to_string())? {
                println!("{}", package_line(&p));
            }
            Ok(())
        }
        "audit" => {
            for entry in open()?.audit_log().map_err(|e| e.to_string())? {
                println!("{}", audit_line(&entry));
            }
            Ok(())
        }
        "set-status" => set_status(open()?, &args),
        "set-stage" => {
            let forms = PathBuf::from(option(&mut args, "--forms").unwrap_or_else(|| "public/forms".into()));
            let outcome = option(&mut args, "--outcome");
            let [key, stage, rest @ ..] = args.as_slice() else { return Err(USAGE.to_string()) };
            let asked =
                StageRequest { key, stage, outcome: outcome.as_deref(), opinion: rest.first().map(String::as_str) };
            let done = set_stage(&open()?, &Forms::load(&forms)?, asked, &rfc3339(system_now_ms()), &operator())?;
            let stage = done.stage.map(|s| s.id).unwrap_or_default();
            println!("{}  {}  环节 {}", printable(&done.receipt), done.status, printable(&stage));
            Ok(())
        }
        "unit-key" => {
            println!("{}", unit_key_command(&open()?, &args, &rfc3339(system_now_ms()))?);
            Ok(())
        }
        _ => Err(USAGE.to_string()),
    }
}

/// A day's packages to standard output, and their files to `copy` when given.
fn export(store: Store, day: &str, copy: Option<&Path>) -> Result<(), String> {
    if let Some(folder) = copy {
        std::fs::create_dir_all(folder).map_err(|e| format!("无法创建 {}：{e}", folder.display()))?;
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let count = store.export_day(day, &mut out, copy).map_err(|e| e.to_string())?;
    eprintln!("已导出 {count} 个申报包（{}）", printable(day));
    Ok(())
}

fn set_status(store: Store, args: &[String]) -> Result<(), String> {
    let [key, word, rest @ ..] = args else { return Err(USAGE.to_string()) };
    let status = PackageStatus::operator_target(word).map_err(|e| e.to_string())?;
    // Only a 退回 carries a reason: the applicant sees it as 退回原因.
    let reason = status.reason_to_keep(rest.first().map(String::as_str)).map_err(|e| e.to_string())?;
    let allowed = |s: &PackageRecord| s.status.operator_may_move_to(status);
    let now = rfc3339(system_now_ms());
    match store.change_status(key, status, reason, &now, &operator(), allowed).map_err(|e| e.to_string())? {
        None => Err(format!("没有申报包 {}", printable(key))),
        Some(Err(current)) => {
            Err(format!("申报包 {} 当前为「{}」，不能改为「{status}」", printable(&current.receipt), current.status))
        }
        Some(Ok(done)) => {
            println!("{}  {}", printable(&done.receipt), done.status);
            Ok(())
        }
    }
}

/// Who runs an operator's command, for the audit log.
fn operator() -> String {
    format!("经办人 {}", std::env::var("USER").unwrap_or_else(|_| "（未知）".into()))
}

/// The limits and the server's settings from the command line.
fn settings(args: &mut Vec<String>) -> Result<(Limits, ServerConfig), String> {
    let (d, s) = (Limits::default(), ServerConfig::default());
    const MB: u64 = 1024 * 1024;
    let seconds = |n: u64| Duration::from_secs(n);
    let limits = Limits {
        max_uploads: number(args, "--max-uploads", d.max_uploads as u64, 1..=10_000)? as usize,
        requests_per_second: number(args, "--rate", d.requests_per_second.into(), 1..=1_000_000)? as u32,
        request_burst: number(args, "--burst", d.request_burst.into(), 1..=1_000_000)? as u32,
        max_pending_bytes: number(args, "--pending-mb", d.max_pending_bytes / MB, 1..=1 << 30)? * MB,
        max_pending_files: number(args, "--pending-files", d.max_pending_files as u64, 1..=10_000_000)? as usize,
        disk_reserve_bytes: number(args, "--reserve-mb", d.disk_reserve_bytes / MB, 0..=1 << 30)? * MB,
        body_idle: seconds(number(args, "--body-timeout", d.body_idle.as_secs(), 1..=3600)?),
        upload_deadline: seconds(number(args, "--upload-deadline", d.upload_deadline.as_secs(), 10..=86_400)?),
        ..d
    };
    let config = ServerConfig {
        max_connections: number(args, "--max-connections", s.max_connections as u64, 1..=100_000)? as usize,
        max_connections_per_client: number(
            args,
            "--max-connections-per-client",
            s.max_connections_per_client as u64,
            1..=100_000,
        )? as usize,
        header_timeout: seconds(number(args, "--header-timeout", s.header_timeout.as_secs(), 1..=3600)?),
        ..s
    };
    Ok((limits, config))
}

/// The forms counting working days with the calendar named by `--calendar` (which must load), or
/// else with the one beside the forms folder when there is one (without it, every year is
/// estimated from the statutory holidays, and the receiver says so).
fn with_calendar(forms: Forms, folder: &Path, named: Option<&Path>) -> Result<Forms, String> {
    if let Some(path) = named {
        return Ok(forms.with_calendar(read_calendar(path)?));
    }
    let beside = calendar_beside(folder);
    if !beside.exists() {
        eprintln!("未找到放假安排 {}：工作日全部按法定节假日估算 / no holiday calendar, estimating", beside.display());
        return Ok(forms);
    }
    Ok(forms.with_calendar(read_calendar(&beside)?))
}

fn serve_command(store: Store, data: &Path, mut args: Vec<String>, abandoned_after: Duration) -> Result<(), String> {
    let addr = option(&mut args, "--addr").unwrap_or_else(|| "127.0.0.1:8090".into());
    let forms = PathBuf::from(option(&mut args, "--forms").unwrap_or_else(|| "public/forms".into()));
    let calendar = option(&mut args, "--calendar").map(PathBuf::from);
    let origins = list_option(&mut args, "--allow-origin");
    let app = option(&mut args, "--app").map(PathBuf::from);
    let policy = PagePolicy {
        frame_ancestors: list_option(&mut args, "--frame-ancestors"),
        connect_to: list_option(&mut args, "--connect-src"),
    };
    let portal = portal_login(&mut args)?;
    let (limits, config) = settings(&mut args)?;
    if !args.is_empty() {
        return Err(format!("不认识的参数：{}\n{USAGE}", printable(&args.join(" "))));
    }
    let forms = with_calendar(Forms::load(&forms)?, &forms, calendar.as_deref())?;
    let app_files = app.as_deref().map(|dir| AppFiles::new(dir, &policy)).transpose()?;
    let receiver =
        Arc::new(Receiver::new(store, forms, limits).allowing(origins.clone()).requiring_portal_login(portal));
    let routes = match app_files {
        Some(app_files) => with_app(router(receiver.clone()), app_files.router()),
        None => router(receiver.clone()),
    };
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        tokio::spawn(housekeeping(receiver.clone(), abandoned_after));
        let listener =
            tokio::net::TcpListener::bind(&addr).await.map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        let allowed = if origins.is_empty() { "（无）".to_string() } else { origins.join("、") };
        // The address actually bound, so that `--addr 127.0.0.1:0` tells which port it got.
        let bound = listener.local_addr().map_or(addr.clone(), |a| a.to_string());
        let serving = app.as_deref().map_or(String::new(), |dir| format!("; 应用: {}", dir.display()));
        println!(
            "接收端已启动 / receiver listening on http://{bound}/  (data: {}; {}; 允许的网页来源: {allowed}{serving})",
            data.display(),
            receiver.store.describe()
        );
        serve(listener, routes, config, stop_signal()).await;
        println!("接收端已停止 / receiver stopped");
        Ok(())
    })
}

/// Every ten minutes: uploads abandoned for `abandoned_after` and the files only they held go,
/// temporary files nobody writes any more go, and the rate limit forgets quiet clients.
async fn housekeeping(receiver: Arc<Receiver>, abandoned_after: Duration) {
    let mut every = tokio::time::interval(Duration::from_secs(600));
    loop {
        every.tick().await;
        let r = receiver.clone();
        let pruned = tokio::task::spawn_blocking(move || {
            let parts = r.store.clean_parts(r.limits.upload_deadline + Duration::from_secs(300));
            r.store.prune(abandoned_after, (r.now_ms)()).map(|files| (files, parts))
        })
        .await;
        match pruned {
            // Another instance is cleaning up, or there was nothing to do.
            Ok(Ok((None | Some(0), 0))) => {}
            Ok(Ok((files, parts))) => {
                println!("已删除 {} 个不属于任何申报包的文件、{parts} 个未写完的临时文件", files.unwrap_or(0))
            }
            Ok(Err(e)) => eprintln!("清理上传文件失败：{e}"),
            Err(e) => eprintln!("清理上传文件失败：{e}"),
        }
        receiver.forget_quiet_clients();
    }
}

/// Completes on SIGTERM or SIGINT (Ctrl+C).
async fn stop_signal() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminate => {}
    }
    println!("收到停止信号，正在结束进行中的请求… / stopping");
}
