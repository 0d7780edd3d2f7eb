//! A receiver's desk kept in memory: the protocol's happy path and its refusals (capabilities,
//! idempotent file uploads, finalising once per package id with a receipt, missing files, status
//! and withdrawal, each package bound to the secret it was first sent with: 401 without one, 403
//! with another) and a stage on the form's status path, as an operator sets it. Plain data that
//! can be saved: the training mode's simulated receiver keeps it across reloads, and the test
//! double (`testing::FakeReceiver`) adds faults around it.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use zhicheng_engine::PackageStage;

use crate::ports::transport::{NoReply, Reply, Transport, PROTOCOL};
use crate::ports::LocalFuture;
use zhicheng_engine::PackagedFile;

/// What the desk holds.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Desk {
    /// Receipts are this prefix and a six-digit counter (`ZC000001`).
    pub receipt_prefix: String,
    files: BTreeSet<String>,
    packages: BTreeMap<String, Held>,
    /// The secret each package id was first sent with.
    claims: BTreeMap<String, String>,
    /// When the desk answers (RFC 3339), for `received_at`.
    #[serde(default)]
    pub now: String,
}

/// What the desk reads of a posted manifest: its form and the files it needs (a desk keeps no
/// answers; the reference receiver is the one that checks them).
#[derive(Deserialize)]
struct Posted {
    form_id: String,
    attachments: Vec<PostedFile>,
}

#[derive(Deserialize)]
struct PostedFile {
    sha256: String,
}

/// One package the desk received.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Held {
    pub form_id: String,
    pub receipt: String,
    pub status: String,
    pub reason: String,
    pub received_at: String,
    pub stage: Option<PackageStage>,
    /// How many steps of its script it has gone through (training).
    #[serde(default)]
    pub step: usize,
}

/// A receiver that answers in the page, at once (training's simulated receiver, the test double):
/// it gives one reply per request, and is a `Transport` through that.
pub trait AnswersInPage {
    /// The reply to `method` on `url` with the JSON `body` and the package's `secret`.
    fn reply(&self, method: &str, url: &str, body: Option<&str>, secret: &str) -> Result<Reply, NoReply>;
}

impl<T: AnswersInPage> Transport for T {
    fn send(&self, method: &str, url: &str, body: Option<String>, secret: &str) -> LocalFuture<Result<Reply, NoReply>> {
        Box::pin(std::future::ready(self.reply(method, url, body.as_deref(), secret)))
    }

    /// An upload answered at once: every byte has left when the reply comes.
    fn put_file(
        &self,
        url: &str,
        file: &PackagedFile,
        secret: &str,
        on_progress: Box<dyn Fn(u64)>,
    ) -> LocalFuture<Result<Reply, NoReply>> {
        let reply = self.reply("PUT", url, None, secret);
        if reply.is_ok() {
            on_progress(file.size);
        }
        Box::pin(std::future::ready(reply))
    }
}

pub fn protocol_reply(status: u16, mut body: Value) -> Result<Reply, NoReply> {
    body["protocol"] = json!(PROTOCOL);
    Ok(Reply::from_parts(status, Some("application/json"), None, &body.to_string()))
}

pub fn refusal(status: u16, code: &str, message: &str) -> Result<Reply, NoReply> {
    protocol_reply(status, json!({ "error": { "code": code, "message": message, "fields": [] } }))
}

impl Desk {
    pub fn new(receipt_prefix: &str, now: &str) -> Desk {
        Desk { receipt_prefix: receipt_prefix.to_string(), now: now.to_string(), ..Desk::default() }
    }

    /// The packages held, by package id.
    pub fn packages(&self) -> &BTreeMap<String, Held> {
        &self.packages
    }

    pub fn package_mut(&mut self, package_id: &str) -> Option<&mut Held> {
        self.packages.get_mut(package_id)
    }

    fn status_body(&self, package_id: &str) -> Option<Value> {
        let held = self.packages.get(package_id)?;
        Some(json!({
            "package_id": package_id, "receipt": held.receipt, "status": held.status,
            "reason": if held.reason.is_empty() { Value::Null } else { json!(held.reason) },
            "received_at": held.received_at, "withdrawable": held.status == "待办中",
            "stage": held.stage,
        }))
    }

    /// The refusal of a request about `package_id` with `secret`, if it is refused; the first
    /// upload or finalising call claims a package id.
    fn refuse_secret(&mut self, method: &str, package_id: &str, secret: &str) -> Option<Result<Reply, NoReply>> {
        if secret.is_empty() {
            return Some(refusal(401, "secret_required", "请求缺少申报包密钥。"));
        }
        match self.claims.get(package_id) {
            Some(held) if held != secret => Some(refusal(403, "wrong_secret", "这个申报包属于另一位申报人。")),
            Some(_) => None,
            None if method == "GET" => None,
            None => {
                self.claims.insert(package_id.to_string(), secret.to_string());
                None
            }
        }
    }

    /// The secret a package id is bound to.
    pub fn secret_of(&self, package_id: &str) -> Option<String> {
        self.claims.get(package_id).cloned()
    }

    /// The desk's reply to `method` on `path` (below the endpoint, e.g. `v1/capabilities`).
    pub fn answer(&mut self, method: &str, path: &str, body: Option<&str>, secret: &str) -> Result<Reply, NoReply> {
        let parts: Vec<&str> = path.split('/').collect();
        if let ["v1", "packages", id, ..] = parts.as_slice() {
            if let Some(refused) = self.refuse_secret(method, id, secret) {
                return refused;
            }
        }
        match (method, parts.as_slice()) {
            ("GET", ["v1", "capabilities"]) => protocol_reply(
                200,
                json!({ "versions": [1], "forms": [], "max_files": 200, "max_file_bytes": 10_485_760u64, "max_package_bytes": 209_715_200u64, "accepted_media_types": ["application/pdf", "image/jpeg", "image/png"] }),
            ),
            ("PUT", ["v1", "packages", _, "files", sha256]) => {
                self.files.insert(sha256.to_string());
                protocol_reply(201, json!({ "sha256": sha256 }))
            }
            ("POST", ["v1", "packages", id]) => self.finalise(id, body),
            ("GET", ["v1", "packages", id]) => match self.status_body(id) {
                Some(status) => protocol_reply(200, status),
                None => refusal(404, "unknown_package", "没有这个申报包。"),
            },
            ("POST", ["v1", "packages", id, "withdraw"]) => {
                let withdrawable = self.status_body(id).is_some_and(|s| s["withdrawable"] == json!(true));
                if !withdrawable {
                    return refusal(409, "not_withdrawable", "该申报已受理，不能撤回。");
                }
                self.set_status(id, "已撤回", None);
                protocol_reply(200, self.status_body(id).unwrap_or_default())
            }
            ("POST", ["v1", "packages", id, "terminate"]) => {
                if self.status_body(id).is_none_or(|s| s["status"] != json!("退回")) {
                    return refusal(409, "not_terminable", "只有被退回的申报才能终止。");
                }
                self.set_status(id, "已终止", None);
                protocol_reply(200, self.status_body(id).unwrap_or_default())
            }
            _ => refusal(404, "not_found", "没有这个地址。"),
        }
    }

    fn finalise(&mut self, id: &str, body: Option<&str>) -> Result<Reply, NoReply> {
        if let Some(known) = self.status_body(id) {
            return protocol_reply(200, known);
        }
        let Some(posted) = body.and_then(|b| serde_json::from_str::<Posted>(b).ok()) else {
            return refusal(422, "invalid_manifest", "申报包清单有误。");
        };
        let mut missing: Vec<String> =
            posted.attachments.into_iter().map(|f| f.sha256).filter(|h| !self.files.contains(h)).collect();
        missing.sort_unstable();
        missing.dedup();
        if !missing.is_empty() {
            let body = json!({ "error": { "code": "missing_files", "message": "还有文件未上传。", "fields": [], "missing": missing } });
            return protocol_reply(409, body);
        }
        let receipt = format!("{}{:06}", self.receipt_prefix, self.packages.len() + 1);
        let held = Held {
            form_id: posted.form_id,
            receipt,
            status: "待办中".into(),
            reason: String::new(),
            received_at: self.now.clone(),
            stage: None,
            step: 0,
        };
        self.packages.insert(id.to_string(), held);
        protocol_reply(201, self.status_body(id).unwrap_or_default())
    }

    /// Sets a held package's status as the receiver's operator would.
    pub fn set_status(&mut self, package_id: &str, status: &str, reason: Option<&str>) {
        if let Some(held) = self.packages.get_mut(package_id) {
            held.status = status.to_string();
            held.reason = reason.unwrap_or_default().to_string();
        }
    }

    /// Places a held package at a stage of its form's path, as the operator would (`set-stage`):
    /// an outcome that returns it makes it 退回 with the opinion as reason; any other makes a
    /// waiting package 办理中 once someone has acted on it.
    pub fn set_stage(&mut self, package_id: &str, stage: PackageStage, returns: bool) {
        let Some(held) = self.packages.get_mut(package_id) else { return };
        let opinion = stage.opinion.clone();
        let acted = stage.outcome.is_some();
        held.stage = Some(stage);
        if returns {
            self.set_status(package_id, "退回", opinion.as_deref());
        } else if acted && held.status == "待办中" {
            held.status = "办理中".into();
        }
    }
}
