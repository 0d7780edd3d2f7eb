//! The receiver's command line: `serve` runs the HTTP side; `list` and `set-status` are the
//! operator's tools (move a package to 办理中, 退回 with a reason, or 办结), and `prune` deletes
//! uploads whose package was never finalised (`serve` also does it every hour).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use zhicheng_engine::package::rfc3339;
use zhicheng_engine::PackageStatus;
use zhicheng_receiver::forms::Forms;
use zhicheng_receiver::http::{router, system_now_ms, Receiver};
use zhicheng_receiver::limits::Limits;
use zhicheng_receiver::store::{PackageRecord, Store};

const USAGE: &str = "usage:
  zhicheng-receiver serve [--addr 127.0.0.1:8090] [--data receiver-data] [--forms public/forms]
  zhicheng-receiver list [--data receiver-data]
  zhicheng-receiver set-status <receipt or package id> <办理中|退回|办结> [reason] [--data receiver-data]
  zhicheng-receiver prune [--hours 24] [--data receiver-data]";

/// How long an upload waits for its package to be finalised before `serve` deletes it.
const ABANDONED_AFTER_HOURS: &str = "24";

fn main() {
    if let Err(message) = run(std::env::args().skip(1).collect()) {
        eprintln!("{message}");
        std::process::exit(2);
    }
}

/// Takes `--name value` options out of `args`, leaving the positional arguments.
fn option(args: &mut Vec<String>, name: &str, default: &str) -> String {
    match args.iter().position(|a| a == name) {
        Some(i) if i + 1 < args.len() => {
            let value = args.remove(i + 1);
            args.remove(i);
            value
        }
        _ => default.to_string(),
    }
}

fn run(mut args: Vec<String>) -> Result<(), String> {
    let data = PathBuf::from(option(&mut args, "--data", "receiver-data"));
    let addr = option(&mut args, "--addr", "127.0.0.1:8090");
    let forms = PathBuf::from(option(&mut args, "--forms", "public/forms"));
    let hours = option(&mut args, "--hours", ABANDONED_AFTER_HOURS);
    let abandoned_after = hours
        .parse::<u64>()
        .ok()
        .filter(|h| (1..=24 * 365).contains(h))
        .map(|h| Duration::from_secs(h * 3600))
        .ok_or_else(|| format!("--hours 应为 1 到 8760 之间的整数小时，收到「{hours}」"))?;
    let command = if args.is_empty() { String::new() } else { args.remove(0) };
    match command.as_str() {
        "serve" => serve(&data, &addr, &forms, abandoned_after),
        "prune" => {
            let removed = Store::open(&data)?.prune(abandoned_after)?;
            println!("已删除 {removed} 个超过 {hours} 小时未提交申报包的上传文件");
            Ok(())
        }
        "list" => {
            for p in Store::open(&data)?.list()? {
                let reason = p.reason.map(|r| format!("  （{r}）")).unwrap_or_default();
                println!("{}  {}  {}  {}  {}{reason}", p.receipt, p.status, p.applicant, p.received_at, p.package_id);
            }
            Ok(())
        }
        "set-status" => {
            let [key, word, rest @ ..] = args.as_slice() else { return Err(USAGE.to_string()) };
            let status = PackageStatus::operator_target(word).map_err(|e| e.to_string())?;
            // Only a 退回 carries a reason: the applicant sees it as 退回原因.
            let reason = status.reason_to_keep(rest.first().map(String::as_str)).map_err(|e| e.to_string())?;
            let allowed = |s: &PackageRecord| s.status.operator_may_move_to(status);
            match Store::open(&data)?.change_status(key, status, reason, &rfc3339(system_now_ms()), allowed)? {
                None => Err(format!("没有申报包 {key}")),
                Some(Err(current)) => {
                    Err(format!("申报包 {} 当前为「{}」，不能改为「{status}」", current.receipt, current.status))
                }
                Some(Ok(done)) => {
                    println!("{}  {}", done.receipt, done.status);
                    Ok(())
                }
            }
        }
        _ => Err(USAGE.to_string()),
    }
}

fn serve(data: &std::path::Path, addr: &str, forms: &std::path::Path, abandoned_after: Duration) -> Result<(), String> {
    let receiver = Arc::new(Receiver {
        store: Store::open(data)?,
        forms: Forms::load(forms)?,
        limits: Limits::default(),
        now_ms: system_now_ms,
    });
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let pruner = receiver.clone();
        tokio::spawn(async move {
            let mut hourly = tokio::time::interval(Duration::from_secs(3600));
            loop {
                hourly.tick().await;
                let store = pruner.clone();
                let pruned = tokio::task::spawn_blocking(move || store.store.prune(abandoned_after))
                    .await
                    .map_err(|e| e.to_string())
                    .and_then(|result| result);
                match pruned {
                    Ok(0) => {}
                    Ok(removed) => println!("已删除 {removed} 个未提交申报包的上传文件"),
                    Err(e) => eprintln!("清理上传文件失败：{e}"),
                }
            }
        });
        let listener =
            tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        println!("接收端已启动 / receiver listening on http://{addr}/  (data: {})", data.display());
        axum::serve(listener, router(receiver))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| e.to_string())
    })
}
