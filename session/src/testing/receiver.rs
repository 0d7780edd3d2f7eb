//! A receiver in memory that speaks the protocol's happy path and its refusals well enough to
//! test the sending loop: capabilities, idempotent file uploads, finalising once per package id
//! with a receipt, missing files, status and withdrawal, each package bound to the secret it was
//! first sent with (401 without one, 403 with another); a stage on the form's status path, as an
//! operator sets it; faults can be injected per request.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde_json::{json, Value};
use zhicheng_engine::{PackageManifestV1, PackagedFile};

use crate::ports::transport::{NoReply, Reply, Transport, PROTOCOL};
use crate::ports::LocalFuture;

/// Where the fake receiver answers.
pub const ENDPOINT: &str = "https://receiver.test/";

/// A fault for one coming request.
#[derive(Clone, Debug)]
pub enum Fault {
    /// No reply at all (the connection dropped).
    Drop,
    /// This status with the protocol's error body and, when given, `Retry-After`.
    Status(u16, Option<String>),
    /// A 200 that is not from a receiver (a portal's login page).
    ForeignPage,
}

#[derive(Default)]
pub struct FakeReceiver {
    files: RefCell<BTreeSet<String>>,
    packages: RefCell<BTreeMap<String, (PackageManifestV1, String, String)>>,
    /// The stage each package was placed at (the status reply's `stage`).
    stages: RefCell<BTreeMap<String, Value>>,
    faults: RefCell<VecDeque<Fault>>,
    /// The secret each package id was first sent with.
    claims: RefCell<BTreeMap<String, String>>,
    /// Every request as `METHOD path`, in order.
    pub requests: RefCell<Vec<String>>,
}

fn protocol_reply(status: u16, mut body: Value) -> Result<Reply, NoReply> {
    body["protocol"] = json!(PROTOCOL);
    Ok(Reply::from_parts(status, Some("application/json"), None, &body.to_string()))
}

fn refusal(status: u16, code: &str, message: &str) -> Result<Reply, NoReply> {
    protocol_reply(status, json!({ "error": { "code": code, "message": message, "fields": [] } }))
}

impl FakeReceiver {
    /// The next requests meet these faults, one each.
    pub fn inject(&self, faults: impl IntoIterator<Item = Fault>) {
        self.faults.borrow_mut().extend(faults);
    }

    /// The packages stored, by package id.
    pub fn stored(&self) -> Vec<String> {
        self.packages.borrow().keys().cloned().collect()
    }

    /// Sets a stored package's status as the receiver's operator would.
    pub fn set_status(&self, package_id: &str, status: &str, reason: Option<&str>) {
        if let Some(entry) = self.packages.borrow_mut().get_mut(package_id) {
            entry.2 = status.to_string();
            entry.1 = reason.unwrap_or_default().to_string();
        }
    }

    /// Places a stored package at a stage of its form's path, as the receiver's operator would
    /// (`set-stage`); an outcome that returns it makes it 退回 with the 意见 as reason.
    pub fn set_stage(
        &self,
        package_id: &str,
        stage: &str,
        outcome: Option<&str>,
        opinion: Option<&str>,
        returns: bool,
    ) {
        let body =
            json!({ "id": stage, "outcome": outcome, "opinion": opinion, "updated_at": "2026-12-02T09:00:00+08:00" });
        self.stages.borrow_mut().insert(package_id.to_string(), body);
        if returns {
            self.set_status(package_id, "退回", opinion);
        }
    }

    fn status_body(&self, package_id: &str) -> Option<Value> {
        let packages = self.packages.borrow();
        let (_, reason, status) = packages.get(package_id)?;
        let receipt = format!("ZC{:06}", packages.keys().position(|k| k == package_id).unwrap_or(0) + 1);
        Some(json!({
            "package_id": package_id, "receipt": receipt, "status": status,
            "reason": if reason.is_empty() { Value::Null } else { json!(reason) },
            "received_at": "2026-12-01T10:00:00+08:00", "withdrawable": status == "待办中",
            "stage": self.stages.borrow().get(package_id).cloned().unwrap_or(Value::Null),
        }))
    }

    /// The refusal of a request about `package_id` with `secret`, if it is refused; the first
    /// upload or finalising call claims a package id.
    fn refuse_secret(&self, method: &str, package_id: &str, secret: &str) -> Option<Result<Reply, NoReply>> {
        if secret.is_empty() {
            return Some(refusal(401, "secret_required", "请求缺少申报包密钥。"));
        }
        let mut claims = self.claims.borrow_mut();
        match claims.get(package_id) {
            Some(held) if held != secret => Some(refusal(403, "wrong_secret", "这个申报包属于另一位申报人。")),
            Some(_) => None,
            None if method == "GET" => None,
            None => {
                claims.insert(package_id.to_string(), secret.to_string());
                None
            }
        }
    }

    /// The secret a package id is bound to.
    pub fn secret_of(&self, package_id: &str) -> Option<String> {
        self.claims.borrow().get(package_id).cloned()
    }

    fn answer(&self, method: &str, path: &str, body: Option<&str>, secret: &str) -> Result<Reply, NoReply> {
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
                self.files.borrow_mut().insert(sha256.to_string());
                protocol_reply(201, json!({ "sha256": sha256 }))
            }
            ("POST", ["v1", "packages", id]) => {
                if let Some(known) = self.status_body(id) {
                    return protocol_reply(200, known);
                }
                let Some(manifest) = body.and_then(|b| serde_json::from_str::<PackageManifestV1>(b).ok()) else {
                    return refusal(422, "invalid_manifest", "申报包清单有误。");
                };
                let missing: Vec<String> = manifest
                    .unique_files()
                    .iter()
                    .map(|f| f.sha256.clone())
                    .filter(|h| !self.files.borrow().contains(h))
                    .collect();
                if !missing.is_empty() {
                    let body = json!({ "error": { "code": "missing_files", "message": "还有文件未上传。", "fields": [], "missing": missing } });
                    return protocol_reply(409, body);
                }
                self.packages.borrow_mut().insert(id.to_string(), (manifest, String::new(), "待办中".into()));
                protocol_reply(201, self.status_body(id).unwrap_or_default())
            }
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
            _ => refusal(404, "not_found", "没有这个地址。"),
        }
    }

    fn handle(&self, method: &str, url: &str, body: Option<&str>, secret: &str) -> Result<Reply, NoReply> {
        let path = url.strip_prefix(ENDPOINT).unwrap_or(url).to_string();
        self.requests.borrow_mut().push(format!("{method} {path}"));
        match self.faults.borrow_mut().pop_front() {
            Some(Fault::Drop) => Err(NoReply::Network("网络连接中断或接收端无法访问".into())),
            Some(Fault::Status(status, retry_after)) => {
                let mut reply = refusal(status, "busy", "接收端繁忙。")?;
                reply.retry_after = retry_after;
                Ok(reply)
            }
            Some(Fault::ForeignPage) => Ok(Reply::from_parts(200, Some("text/html"), None, "<html>登录</html>")),
            None => self.answer(method, &path, body, secret),
        }
    }
}

impl Transport for FakeReceiver {
    fn send(&self, method: &str, url: &str, body: Option<String>, secret: &str) -> LocalFuture<Result<Reply, NoReply>> {
        Box::pin(std::future::ready(self.handle(method, url, body.as_deref(), secret)))
    }

    fn put_file(
        &self,
        url: &str,
        file: &PackagedFile,
        secret: &str,
        on_progress: Box<dyn Fn(u64)>,
    ) -> LocalFuture<Result<Reply, NoReply>> {
        let reply = self.handle("PUT", url, None, secret);
        if reply.is_ok() {
            on_progress(file.size);
        }
        Box::pin(std::future::ready(reply))
    }
}
