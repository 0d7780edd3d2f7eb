//! Sends an outbox entry to its receiver, one request at a time: the preflight, each file not yet
//! confirmed, then the finalising call. After every request the entry is stored again, so a
//! reload resumes from the last confirmed file; failures worth retrying wait (exponential
//! backoff, `Retry-After`, or until the network is back); refusals stop with the reason.

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::rc::Rc;

use serde_json::Value;
use zhicheng_engine::retry::retry_after_ms;
use zhicheng_engine::{HistoryStep, PackageStage, PackagedFile, Phase, ReplyKind, StageReached, SubmissionV1};

use super::preflight::limits_problem;
use crate::ports::sending::{SendJob, Sending, OFFLINE_POLL_MS};
use crate::ports::transport::{NoReply, Reply};
use crate::ports::{LocalFuture, Ports};

thread_local! {
    /// Packages this page is sending now: one loop per package, whichever host started it.
    static ACTIVE: RefCell<BTreeSet<String>> = const { RefCell::new(BTreeSet::new()) };
}

/// What an entry says while the browser is offline.
pub const OFFLINE: &str = "当前没有网络连接，恢复联网后会自动继续发送。";

/// Sends `job`'s package until it has its receipt or stops (the host's `Sending` port says where
/// this runs).
pub async fn send(job: SendJob) {
    send_until_done(job.entry, job.ports, job.on_change).await
}

/// Runs the sending loop at once, in the code already here: every host but the split browser
/// bundle.
pub struct SendAtOnce;

impl Sending for SendAtOnce {
    fn run(&self, job: SendJob) -> LocalFuture<()> {
        Box::pin(send(job))
    }
}

/// Sends `entry` until it has its receipt or stops; `on_change` sees every stored step.
async fn send_until_done(mut entry: SubmissionV1, ports: Ports, on_change: Rc<dyn Fn(&SubmissionV1)>) {
    let id = entry.package_id.clone();
    if !ACTIVE.with(|a| a.borrow_mut().insert(id.clone())) {
        return;
    }
    if entry.secret.is_empty() {
        // An entry stored before package secrets existed gets its secret before it is sent on.
        match new_secret(&ports) {
            Ok(secret) => entry.secret = secret,
            Err(why) => entry.stop(format!("无法生成申报包密钥：{why}")),
        }
    }
    let mut round = Round { preflight_done: false, missing_rounds: 0 };
    while entry.phase == Phase::Sending {
        let wait = entry.next_attempt_at.saturating_sub(ports.host.now_ms());
        if wait > 0 {
            ports.host.sleep(wait).await;
        }
        if !ports.host.online() {
            entry.message = Some(OFFLINE.into());
            while !ports.host.online() {
                on_change(&entry);
                ports.host.sleep(OFFLINE_POLL_MS).await;
            }
            // Back online: the page stops saying 「等待网络」 before the next request goes out.
            entry.message = None;
            on_change(&entry);
        }
        round.step(&mut entry, &ports, &on_change).await;
        let _ = ports.outbox.put(entry.clone()).await;
        on_change(&entry);
    }
    ACTIVE.with(|a| a.borrow_mut().remove(&id));
}

/// A new package secret: 32 random bytes as 64 lowercase hex digits.
pub fn new_secret(ports: &Ports) -> Result<String, String> {
    Ok(zhicheng_engine::hex::to_hex(&ports.host.random_bytes(32)?))
}

/// What one sending loop remembers between requests.
struct Round {
    preflight_done: bool,
    missing_rounds: u32,
}

impl Round {
    /// One request and what it means for the entry.
    async fn step(&mut self, entry: &mut SubmissionV1, ports: &Ports, on_change: &Rc<dyn Fn(&SubmissionV1)>) {
        let transport = &ports.transport;
        if !self.preflight_done {
            match transport.send("GET", &format!("{}v1/capabilities", entry.endpoint), None, "").await {
                Ok(reply) if reply.kind() == ReplyKind::Success => match limits_problem(entry, &reply.body) {
                    Some(problem) => entry.stop(problem),
                    None => self.preflight_done = true,
                },
                other => judge(entry, ports, other, "连接接收端"),
            }
            return;
        }
        if let Some(file) = entry.files_to_send().first().map(|f| (*f).clone()) {
            let url = format!("{}v1/packages/{}/files/{}", entry.endpoint, entry.package_id, file.sha256);
            let progress = progress_reporter(entry, &file, on_change.clone());
            match transport.put_file(&url, &file, &entry.secret, Box::new(progress)).await {
                Ok(r) if r.kind() == ReplyKind::Success => entry.file_confirmed(&file.sha256),
                Err(NoReply::FileMissing(why)) => {
                    entry.stop(format!("本机找不到附件「{}」（{why}），请到「附件材料」重新上传后再提交。", file.name))
                }
                other => judge(entry, ports, other, &format!("发送附件「{}」", file.name)),
            }
            return;
        }
        let manifest = match serde_json::to_string(&entry.manifest) {
            Ok(text) => text,
            Err(e) => return entry.stop(format!("无法整理申报包：{e}")),
        };
        let url = format!("{}v1/packages/{}", entry.endpoint, entry.package_id);
        let reply = transport.send("POST", &url, Some(manifest), &entry.secret).await;
        match reply.as_ref().map(Reply::kind) {
            Ok(ReplyKind::Success) => accept_receipt(entry, reply.as_ref().map(|r| &r.body).unwrap_or(&Value::Null)),
            Ok(ReplyKind::UploadMissing) => {
                let body = reply.as_ref().map(|r| &r.body).unwrap_or(&Value::Null);
                let missing: Vec<String> = body
                    .pointer("/error/missing")
                    .and_then(Value::as_array)
                    .map(|l| l.iter().filter_map(|v| v.as_str().map(String::from)).collect())
                    .unwrap_or_default();
                self.missing_rounds += 1;
                // Files the receiver keeps losing (or a list that names none) are not sent forever.
                if missing.is_empty() || self.missing_rounds > 3 {
                    return entry.stop("接收端一再表示缺少文件，重新发送没有解决，请联系受理单位。".into());
                }
                entry.files_missing(&missing);
            }
            _ => judge(entry, ports, reply, "提交申报包"),
        }
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
    let last = Cell::new(0u64);
    move |sent: u64| {
        if sent >= last.get() + step || sent >= size {
            last.set(sent);
            shown.borrow_mut().uploading(Some((&sha256, sent)));
            on_change(&shown.borrow());
        }
    }
}

/// A reply (or its absence) that was not plain success: try again later, or stop with the reason.
fn judge(entry: &mut SubmissionV1, ports: &Ports, reply: Result<Reply, NoReply>, doing: &str) {
    let (now, jitter) = (ports.host.now_ms(), ports.host.random_unit());
    match reply {
        Err(why) => entry.try_again_later(now, jitter, None, format!("{doing}时{}", why.message())),
        Ok(r) => match r.kind() {
            ReplyKind::TryAgain => {
                let after = r.retry_after.as_deref().and_then(|h| retry_after_ms(h, now));
                let why = if r.status == 429 {
                    "接收端繁忙".to_string()
                } else {
                    format!("接收端暂时无法处理（HTTP {}）", r.status)
                };
                entry.try_again_later(now, jitter, after, format!("{doing}时{why}"));
            }
            _ => entry.stop(r.explanation()),
        },
    }
}

/// Whether the receiver holds a package whose sending stopped (its reply may have been lost);
/// when it does, the entry takes its receipt. `Err` when the receiver cannot say.
pub async fn already_received(ports: &Ports, entry: &mut SubmissionV1) -> Result<bool, String> {
    let url = format!("{}v1/packages/{}", entry.endpoint, entry.package_id);
    let reply = ports
        .transport
        .send("GET", &url, None, &entry.secret)
        .await
        .map_err(|e| format!("无法确认上一次提交是否已被接收（{}），请稍后再试", e.message()))?;
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
        entry.stage = stage_of(body);
    } else {
        entry.stop("接收端的应答中没有这份申报包的业务流水号，无法确认是否已接收，请联系受理单位。".into());
    }
}

/// Asks the receiver where a sent package stands (进度), or withdraws it (撤回).
pub async fn ask_status(ports: &Ports, entry: &mut SubmissionV1, act: Act) -> Result<(), String> {
    let base = format!("{}v1/packages/{}", entry.endpoint, entry.package_id);
    let (method, url) = match act {
        Act::Progress => ("GET", base),
        Act::Withdraw => ("POST", format!("{base}/withdraw")),
        Act::Terminate => ("POST", format!("{base}/terminate")),
    };
    let reply = ports.transport.send(method, &url, None, &entry.secret).await.map_err(|e| e.message().to_string())?;
    if reply.kind() != ReplyKind::Success {
        return Err(reply.explanation());
    }
    let text = |key: &str| reply.body.get(key).and_then(Value::as_str).map(String::from);
    entry.status_heard(
        text("status").and_then(|word| word.parse().ok()),
        text("reason"),
        reply.body["withdrawable"].as_bool().unwrap_or(false),
    );
    entry.stage = stage_of(&reply.body);
    // Only the status reply tells the history; the replies to a move keep what was heard, plus it.
    match history_of(&reply.body) {
        Some(history) => entry.history = history,
        None if act != Act::Progress => entry.history.push(HistoryStep {
            at: text("updated_at").unwrap_or_default(),
            status: entry.status,
            stage: None,
            reason: None,
        }),
        None => {}
    }
    Ok(())
}

/// What the applicant asks of a sent package: its 进度, 撤回, or 终止申报 after a 退回.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Act {
    Progress,
    Withdraw,
    Terminate,
}

/// The package's moves a status reply lists (none from a receiver that does not tell them), read
/// field by field: a decoder of its own would add to every applicant's download.
fn history_of(body: &Value) -> Option<Vec<HistoryStep>> {
    let text = |step: &Value, key: &str| step.get(key).and_then(Value::as_str).map(String::from);
    let steps = body.get("history")?.as_array()?;
    let step = |s: &Value| HistoryStep {
        at: text(s, "at").unwrap_or_default(),
        status: text(s, "status").and_then(|w| w.parse().ok()),
        stage: s
            .get("stage")
            .and_then(|stage| Some(StageReached { id: text(stage, "id")?, outcome: text(stage, "outcome") })),
        reason: text(s, "reason"),
    };
    Some(steps.iter().map(step).collect())
}

/// The stage on the form's status path a reply reports (none from a receiver that sets no stage
/// or speaks an older protocol, or with a stage it cannot read).
fn stage_of(body: &Value) -> Option<PackageStage> {
    serde_json::from_value(body.get("stage")?.clone()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use zhicheng_engine::PackageStatus;

    #[test]
    fn the_history_a_receiver_tells_is_read_step_by_step() {
        let body = serde_json::json!({ "history": [
            { "at": "2026-12-02T03:00:00Z", "status": "退回", "stage": { "id": "unit-review", "outcome": "returned" }, "reason": "请补充" },
            { "at": "2026-12-02T04:00:00Z", "status": "已终止", "stage": null, "reason": null },
            { "status": "不存在的状态" }
        ] });
        let steps = history_of(&body).expect("a history");
        assert_eq!(steps.len(), 3);
        assert_eq!(steps[0].status, Some(PackageStatus::Returned));
        assert_eq!(steps[0].stage, Some(StageReached { id: "unit-review".into(), outcome: Some("returned".into()) }));
        assert_eq!(steps[0].reason.as_deref(), Some("请补充"));
        assert_eq!((steps[1].status, &steps[1].stage), (Some(PackageStatus::Terminated), &None));
        assert_eq!((steps[2].at.as_str(), steps[2].status), ("", None), "what cannot be read is left out");
        assert_eq!(history_of(&serde_json::json!({ "status": "待办中" })), None, "a receiver that tells none");
    }
}
