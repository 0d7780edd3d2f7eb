//! The protocol's requests (protocol/openapi.yaml): JSON requests and file uploads, each giving
//! the reply's status, JSON body and `Retry-After`, and whether it carries the protocol marker,
//! or why nothing arrived. Every request about a package carries the package's secret in a header.
//! Judging a reply is the engine's (`retry::classify`).

use serde_json::Value;
use zhicheng_engine::retry::classify;
use zhicheng_engine::{PackagedFile, ReplyKind};

use super::LocalFuture;

/// The marker every reply of a receiver carries.
pub const PROTOCOL: &str = "zhicheng-submission/1";

/// An HTTP reply.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
    pub retry_after: Option<String>,
    pub speaks_protocol: bool,
}

/// Why a request got no reply.
#[derive(Clone, Debug, PartialEq)]
pub enum NoReply {
    /// Offline, the connection dropped or was refused, or the request went silent.
    Network(String),
    /// The file to upload is not stored in this browser any more.
    FileMissing(String),
}

/// The request header that carries a package's secret (protocol/README.md §2.7).
pub const SECRET_HEADER: &str = "Zhicheng-Package-Secret";

pub trait Transport {
    /// Sends one JSON request (`body` already JSON text); a non-empty `secret` goes in the
    /// package secret header (never in the URL).
    fn send(&self, method: &str, url: &str, body: Option<String>, secret: &str) -> LocalFuture<Result<Reply, NoReply>>;
    /// `PUT`s the stored file `file` to `url` with the package's `secret`; `on_progress` hears the
    /// bytes that have left.
    fn put_file(
        &self,
        url: &str,
        file: &PackagedFile,
        secret: &str,
        on_progress: Box<dyn Fn(u64)>,
    ) -> LocalFuture<Result<Reply, NoReply>>;
}

impl Reply {
    /// A reply from its status, its `Content-Type` and `Retry-After` headers and its text.
    pub fn from_parts(status: u16, content_type: Option<&str>, retry_after: Option<String>, text: &str) -> Reply {
        let body: Value = serde_json::from_str(text).unwrap_or(Value::Null);
        let is_json = content_type.is_some_and(|t| t.contains("json"));
        let speaks_protocol = is_json && body.get("protocol").and_then(Value::as_str) == Some(PROTOCOL);
        Reply { status, body, retry_after, speaks_protocol }
    }

    /// How the client takes this reply (success, retry, upload what is missing, stop).
    pub fn kind(&self) -> ReplyKind {
        classify(self.status, self.speaks_protocol, self.error_code())
    }

    /// The error code of a refusal (`missing_files`, `hash_mismatch` …).
    pub fn error_code(&self) -> Option<&str> {
        self.body.pointer("/error/code").and_then(Value::as_str)
    }

    /// A text field of the body, empty when absent.
    pub fn text(&self, key: &str) -> String {
        self.body.get(key).and_then(Value::as_str).unwrap_or("").to_string()
    }

    /// The receiver's words for a refusal, with its field messages; a reply that is not from a
    /// receiver is described as such.
    pub fn explanation(&self) -> String {
        if !self.speaks_protocol {
            return format!(
                "提交地址返回了不属于申报接收接口的应答（HTTP {}），申报包没有被接收。请检查提交地址，或稍后再试。",
                self.status
            );
        }
        let message = self.body.pointer("/error/message").and_then(Value::as_str).unwrap_or("接收端拒绝了申报包");
        let fields: Vec<String> = self
            .body
            .pointer("/error/fields")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(|f| Some(format!("{}：{}", f["path"].as_str()?, f["message"].as_str()?)))
                    .collect()
            })
            .unwrap_or_default();
        if fields.is_empty() {
            message.to_string()
        } else {
            format!("{message}（{}）", fields.join("；"))
        }
    }
}

impl NoReply {
    pub fn message(&self) -> &str {
        match self {
            NoReply::Network(why) | NoReply::FileMissing(why) => why,
        }
    }
}
