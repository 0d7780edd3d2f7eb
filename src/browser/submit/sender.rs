//! Sends an outbox entry to its receiver, one request at a time: the preflight, each file not yet
//! confirmed, then the finalising call. After every request the entry is stored again, so a reload
//! resumes from the last confirmed file; failures worth retrying wait (exponential backoff,
//! `Retry-After`, or until the browser is back online); refusals stop with the receiver's reason.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use std::sync::Arc;

use serde_json::Value;
use wasm_bindgen::JsValue;
use zhicheng_engine::retry::retry_after_ms;
use zhicheng_engine::{PackagedFile, Phase, ReplyKind, SubmissionV1};

use super::http::{send, Reply};
use super::outbox::Outbox;
use super::upload::put_file;
use crate::browser::clock::{online, sleep};
use crate::browser::drafts::now_ms;
use crate::browser::file_store::FileRepository;

pub type OutboxRef = Arc<dyn Outbox + Send + Sync>;

thread_local! {
    /// Packages this page is sending now: one loop per package.
    static ACTIVE: RefCell<BTreeSet<String>> = const { RefCell::new(BTreeSet::new()) };
}

/// Sends `entry` until it has its receipt or stops; `on_change` sees every stored step.
pub async fn send_until_done(
    mut entry: SubmissionV1,
    outbox: OutboxRef,
    files: FileRepository,
    on_change: Rc<dyn Fn(&SubmissionV1)>,
) {
    let id = entry.package_id.clone();
    if !ACTIVE.with(|a| a.borrow_mut().insert(id.clone())) {
        return;
    }
    let mut preflight_done = false;
    let mut missing_rounds = 0;
    while entry.phase == Phase::Sending {
        let wait = entry.next_attempt_at.saturating_sub(now_ms());
        if wait > 0 {
            sleep(wait).await;
        }
        while !online() {
            entry.message = Some("当前没有网络连接，恢复联网后会自动继续发送。".into());
            on_change(&entry);
            sleep(2_000).await;
        }
        step(&mut entry, &files, &mut preflight_done, &mut missing_rounds, &on_change).await;
        let _ = outbox.put(entry.clone()).await;
        on_change(&entry);
    }
    ACTIVE.with(|a| a.borrow_mut().remove(&id));
}

/// One request and what it means for the entry.
async fn step(
    entry: &mut SubmissionV1,
    files: &FileRepository,
    preflight_done: &mut bool,
    missing_rounds: &mut u32,
    on_change: &Rc<dyn Fn(&SubmissionV1)>,
) {
    if !*preflight_done {
        match send("GET", &format!("{}v1/capabilities", entry.endpoint), None, None).await {
            Ok(reply) if reply.kind() == ReplyKind::Success => match limits_problem(entry, &reply.body) {
                Some(problem) => entry.stop(problem),
                None => *preflight_done = true,
            },
            other => judge(entry, other, "连接接收端"),
        }
        return;
    }
    if let Some(file) = entry.files_to_send().first().map(|f| (*f).clone()) {
        let blob = match files.blob(&file.sha256).await {
            Ok(blob) => blob,
            Err(e) => {
                return entry.stop(format!(
                    "本机找不到附件「{}」（{}），请到「附件材料」重新上传后再提交。",
                    file.name,
                    e.message()
                ))
            }
        };
        let url = format!("{}v1/packages/{}/files/{}", entry.endpoint, entry.package_id, file.sha256);
        let reply = put_file(&url, &blob, &file.media_type, progress_reporter(entry, &file, on_change.clone())).await;
        if matches!(&reply, Ok(r) if r.kind() == ReplyKind::Success) {
            entry.file_confirmed(&file.sha256);
        } else {
            judge(entry, reply, &format!("发送附件「{}」", file.name));
        }
        return;
    }
    let manifest = match serde_json::to_string(&entry.manifest) {
        Ok(text) => text,
        Err(e) => return entry.stop(format!("无法整理申报包：{e}")),
    };
    let url = format!("{}v1/packages/{}", entry.endpoint, entry.package_id);
    let reply = send("POST", &url, Some(JsValue::from_str(&manifest)), Some("application/json")).await;
    match &reply {
        Ok(r) => match r.kind() {
            ReplyKind::Success => accept_receipt(entry, &r.body),
            ReplyKind::UploadMissing => {
                let missing: Vec<String> = r
                    .body
                    .pointer("/error/missing")
                    .and_then(Value::as_array)
                    .map(|l| l.iter().filter_map(|v| v.as_str().map(String::from)).collect())
                    .unwrap_or_default();
                *missing_rounds += 1;
                // Files the receiver keeps losing (or a list that names none) are not sent forever.
                if missing.is_empty() || *missing_rounds > 3 {
                    return entry.stop("接收端一再表示缺少文件，重新发送没有解决，请联系受理单位。".into());
                }
                entry.files_missing(&missing);
            }
            _ => judge(entry, reply, "提交申报包"),
        },
        Err(_) => judge(entry, reply, "提交申报包"),
    }
}

/// Shows the bytes of `file` that have left, on a copy of the entry (the stored entry counts only
/// confirmed files; the last failure's words are gone while a new attempt moves), about every
/// percent of the file.
fn progress_reporter(
    entry: &SubmissionV1,
    file: &PackagedFile,
    on_change: Rc<dyn Fn(&SubmissionV1)>,
) -> impl Fn(u64) + 'static {
    let shown = RefCell::new(SubmissionV1 { message: None, ..entry.clone() });
    let (sha256, size, step) = (file.sha256.clone(), file.size, (file.size / 100).max(1));
    let last = std::cell::Cell::new(0u64);
    move |sent: u64| {
        if sent >= last.get() + step || sent >= size {
            last.set(sent);
            shown.borrow_mut().uploading(Some((&sha256, sent)));
            on_change(&shown.borrow());
        }
    }
}

/// A reply (or its absence) that was not plain success: try again later, or stop with the reason.
fn judge(entry: &mut SubmissionV1, reply: Result<Reply, String>, doing: &str) {
    match reply {
        Err(why) => entry.try_again_later(now_ms(), js_sys::Math::random(), None, format!("{doing}时{why}")),
        Ok(r) => match r.kind() {
            ReplyKind::TryAgain => {
                let after = r.retry_after.as_deref().and_then(|h| retry_after_ms(h, now_ms()));
                let why = if r.status == 429 {
                    "接收端繁忙".to_string()
                } else {
                    format!("接收端暂时无法处理（HTTP {}）", r.status)
                };
                entry.try_again_later(now_ms(), js_sys::Math::random(), after, format!("{doing}时{why}"));
            }
            _ => entry.stop(r.explanation()),
        },
    }
}

/// What breaks the receiver's announced limits, before any byte is sent.
fn limits_problem(entry: &SubmissionV1, caps: &Value) -> Option<String> {
    let number = |key: &str| caps.get(key).and_then(Value::as_u64);
    let versions_ok =
        caps.get("versions").and_then(Value::as_array).is_some_and(|v| v.iter().any(|n| n.as_u64() == Some(1)));
    if !versions_ok {
        return Some("接收端不支持本程序的申报包格式（版本 1），请联系受理单位。".into());
    }
    let forms: Vec<&str> = caps
        .get("forms")
        .and_then(Value::as_array)
        .map(|l| l.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if !forms.is_empty() && !forms.contains(&entry.manifest.form_id.as_str()) {
        return Some(format!("该提交地址不受理这类申报（{}），请检查提交地址或联系受理单位。", entry.manifest.form_id));
    }
    let files = entry.manifest.unique_files();
    if let Some(max) = number("max_files") {
        if files.len() as u64 > max {
            return Some(format!("接收端每个申报包最多接收 {max} 个文件，本申报有 {} 个。", files.len()));
        }
    }
    if let Some(max) = number("max_file_bytes") {
        if let Some(big) = files.iter().find(|f| f.size > max) {
            return Some(format!(
                "附件「{}」超过接收端允许的单个文件大小（{} MB），请压缩后重新上传。",
                big.name,
                max / (1024 * 1024)
            ));
        }
    }
    if let Some(max) = number("max_package_bytes") {
        if entry.manifest.total_bytes() > max {
            return Some(format!("附件合计超过接收端允许的 {} MB，请压缩后重新上传。", max / (1024 * 1024)));
        }
    }
    let accepted: Vec<&str> = caps
        .get("accepted_media_types")
        .and_then(Value::as_array)
        .map(|l| l.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if let Some(odd) = files.iter().find(|f| !accepted.is_empty() && !accepted.contains(&f.media_type.as_str())) {
        return Some(format!("接收端不接受附件「{}」的文件类型（{}）。", odd.name, odd.media_type));
    }
    None
}

/// Whether the receiver holds a package whose sending stopped (its reply may have been lost);
/// when it does, the entry takes its receipt. `Err` when the receiver cannot say.
pub async fn already_received(entry: &mut SubmissionV1) -> Result<bool, String> {
    let reply = send("GET", &format!("{}v1/packages/{}", entry.endpoint, entry.package_id), None, None)
        .await
        .map_err(|e| format!("无法确认上一次提交是否已被接收（{e}），请稍后再试"))?;
    match reply.kind() {
        ReplyKind::Success => {
            accept_receipt(entry, &reply.body);
            Ok(entry.phase == Phase::Sent)
        }
        _ if reply.speaks_protocol && reply.status == 404 => Ok(false),
        _ => Err(format!("无法确认上一次提交是否已被接收：{}", reply.explanation())),
    }
}

/// Takes a receipt from a receiver's reply, if it is one for this package.
fn accept_receipt(entry: &mut SubmissionV1, body: &Value) {
    let text = |key: &str| body.get(key).and_then(Value::as_str).unwrap_or("").to_string();
    if text("package_id") == entry.package_id && !text("receipt").is_empty() {
        entry.sent(
            text("receipt"),
            text("status").parse().ok(),
            text("received_at"),
            body["withdrawable"].as_bool().unwrap_or(false),
        );
    } else {
        entry.stop("接收端的应答中没有这份申报包的业务流水号，无法确认是否已接收，请联系受理单位。".into());
    }
}

/// Asks the receiver where a sent package stands (进度), or withdraws it (撤回).
pub async fn ask_status(entry: &mut SubmissionV1, withdraw: bool) -> Result<(), String> {
    let (method, url) = if withdraw {
        ("POST", format!("{}v1/packages/{}/withdraw", entry.endpoint, entry.package_id))
    } else {
        ("GET", format!("{}v1/packages/{}", entry.endpoint, entry.package_id))
    };
    let reply = send(method, &url, None, None).await?;
    if reply.kind() != ReplyKind::Success {
        return Err(reply.explanation());
    }
    let text = |key: &str| reply.body.get(key).and_then(Value::as_str).map(String::from);
    entry.status_heard(
        text("status").and_then(|word| word.parse().ok()),
        text("reason"),
        reply.body["withdrawable"].as_bool().unwrap_or(false),
    );
    Ok(())
}
