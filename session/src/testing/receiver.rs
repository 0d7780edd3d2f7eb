//! A receiver in memory for testing the sending loop: the protocol's desk (`training::desk`, also
//! the training mode's simulated receiver) with faults injected per request and every request
//! recorded.

use std::cell::RefCell;
use std::collections::VecDeque;

use zhicheng_engine::PackageStage;

use crate::ports::transport::{NoReply, Reply};
use crate::training::desk::{refusal, AnswersInPage, Desk};

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

pub struct FakeReceiver {
    desk: RefCell<Desk>,
    faults: RefCell<VecDeque<Fault>>,
    /// Every request as `METHOD path`, in order.
    pub requests: RefCell<Vec<String>>,
}

impl Default for FakeReceiver {
    fn default() -> FakeReceiver {
        FakeReceiver {
            desk: RefCell::new(Desk::new("ZC", "2026-12-01T10:00:00+08:00")),
            faults: RefCell::default(),
            requests: RefCell::default(),
        }
    }
}

impl FakeReceiver {
    /// The next requests meet these faults, one each.
    pub fn inject(&self, faults: impl IntoIterator<Item = Fault>) {
        self.faults.borrow_mut().extend(faults);
    }

    /// The packages stored, by package id.
    pub fn stored(&self) -> Vec<String> {
        self.desk.borrow().packages().keys().cloned().collect()
    }

    /// Sets a stored package's status as the receiver's operator would.
    pub fn set_status(&self, package_id: &str, status: &str, reason: Option<&str>) {
        self.desk.borrow_mut().set_status(package_id, status, reason);
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
        let placed = PackageStage {
            id: stage.to_string(),
            outcome: outcome.map(String::from),
            opinion: opinion.map(String::from),
            updated_at: Some("2026-12-02T09:00:00+08:00".into()),
        };
        self.desk.borrow_mut().set_stage(package_id, placed, returns);
    }

    /// The secret a package id is bound to.
    pub fn secret_of(&self, package_id: &str) -> Option<String> {
        self.desk.borrow().secret_of(package_id)
    }
}

impl AnswersInPage for FakeReceiver {
    fn reply(&self, method: &str, url: &str, body: Option<&str>, secret: &str) -> Result<Reply, NoReply> {
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
            None => self.desk.borrow_mut().answer(method, &path, body, secret),
        }
    }
}
