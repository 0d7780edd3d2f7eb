//! Reading a request body within bounds: its announced length checked before the first byte is
//! read (so an oversized body is refused at once, and a client that sent `Expect: 100-continue`
//! is never told to go on), no more than that length accepted, and a body that goes quiet for
//! `Limits::body_idle` or runs past its deadline given up with a 408.

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, StatusCode};
use http_body_util::BodyExt;
use tokio::time::Instant;

use super::blocking::Refusal;
use crate::limits::Limits;
use crate::replies::error;

/// The length a request announces (`Content-Length`), if it announces one.
pub fn announced_length(headers: &HeaderMap) -> Option<u64> {
    headers.get(header::CONTENT_LENGTH)?.to_str().ok()?.trim().parse().ok()
}

/// Reads a body's chunks one by one, each within the idle timeout and all before `deadline`.
pub struct Chunks {
    body: Body,
    deadline: Instant,
    idle: std::time::Duration,
}

impl Chunks {
    pub fn new(body: Body, limits: &Limits, deadline: std::time::Duration) -> Chunks {
        Chunks { body, deadline: Instant::now() + deadline, idle: limits.body_idle }
    }

    /// The next chunk of data, `None` at the end, or why the body stopped.
    pub async fn next(&mut self) -> Result<Option<Bytes>, Refusal> {
        loop {
            let until = self.deadline.min(Instant::now() + self.idle);
            let frame = match tokio::time::timeout_at(until, self.body.frame()).await {
                Err(_) => return Err(too_slow()),
                Ok(None) => return Ok(None),
                Ok(Some(Err(_))) => return Err(broken()),
                Ok(Some(Ok(frame))) => frame,
            };
            if let Ok(data) = frame.into_data() {
                return Ok(Some(data));
            }
        }
    }
}

/// Reads a whole body of at most `max` bytes (a manifest).
pub async fn collect(body: Body, max: u64, limits: &Limits) -> Result<Vec<u8>, Refusal> {
    let mut chunks = Chunks::new(body, limits, limits.manifest_deadline());
    let mut bytes = Vec::new();
    while let Some(chunk) = chunks.next().await? {
        if (bytes.len() + chunk.len()) as u64 > max {
            return Err(manifest_too_large(max));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

pub fn manifest_too_large(max: u64) -> Refusal {
    Box::new(error(
        StatusCode::PAYLOAD_TOO_LARGE,
        "manifest_too_large",
        format!("申报包清单不能超过 {} MB。", max / (1024 * 1024)),
        &[],
    ))
}

pub fn too_slow() -> Refusal {
    Box::new(error(
        StatusCode::REQUEST_TIMEOUT,
        "body_timeout",
        "请求内容发送得太慢或中途停顿太久，接收端已放弃，请稍后重试（将自动重试）。",
        &[],
    ))
}

pub fn broken() -> Refusal {
    Box::new(error(StatusCode::BAD_REQUEST, "body_incomplete", "请求内容没有完整到达（连接中断），请重新发送。", &[]))
}
