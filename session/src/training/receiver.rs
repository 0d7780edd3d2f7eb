//! Training mode's receiver: the protocol's desk in the page, with no network, kept across reloads
//! by a `Keeper` (the browser's `localStorage` of the training profile). It answers like a real
//! receiver (receipt with 业务流水号 `YS<date><n>`, status, withdrawal) and moves a package along its
//! persona's script when the trainer asks (`advance`): 退回 with the script's reason, 审核通过,
//! 公示 … and, after the last step, 办结.

use std::cell::RefCell;
use std::rc::Rc;

use zhicheng_engine::package::rfc3339;
use zhicheng_engine::training::Script;
use zhicheng_engine::PackageStage;

use super::desk::{AnswersInPage, Desk};
use crate::ports::host::Host;
use crate::ports::transport::{NoReply, Reply};

/// The endpoint training mode submits to; nothing is sent anywhere.
pub const TRAINING_ENDPOINT: &str = "https://training.invalid/";
/// At most this many packages are kept (a room's rehearsals, not a year's declarations).
const MAX_PACKAGES: usize = 200;

/// Where the desk is kept between visits.
pub trait Keeper {
    fn load(&self) -> Option<String>;
    fn keep(&self, text: &str);
}

/// A keeper in memory (native tests, and a browser that refuses storage).
#[derive(Default)]
pub struct MemoryKeeper(RefCell<Option<String>>);

impl Keeper for MemoryKeeper {
    fn load(&self) -> Option<String> {
        self.0.borrow().clone()
    }

    fn keep(&self, text: &str) {
        *self.0.borrow_mut() = Some(text.to_string());
    }
}

pub struct SimulatedReceiver {
    desk: RefCell<Desk>,
    keeper: Rc<dyn Keeper>,
    host: Rc<dyn Host>,
}

impl SimulatedReceiver {
    /// The desk `keeper` kept, or a new one (also when what was kept cannot be read).
    pub fn open(keeper: Rc<dyn Keeper>, host: Rc<dyn Host>) -> SimulatedReceiver {
        let kept = keeper.load().and_then(|text| serde_json::from_str::<Desk>(&text).ok());
        let desk = kept.unwrap_or_else(|| SimulatedReceiver::new_desk(&*host));
        SimulatedReceiver { desk: RefCell::new(desk), keeper, host }
    }

    fn new_desk(host: &dyn Host) -> Desk {
        let now = rfc3339(host.now_ms());
        let day: String = now.chars().take(10).filter(char::is_ascii_digit).collect();
        Desk::new(&format!("YS{day}"), &now)
    }

    /// Forgets every package (「重置培训」).
    pub fn reset(&self) {
        *self.desk.borrow_mut() = SimulatedReceiver::new_desk(&*self.host);
        self.keep();
    }

    fn keep(&self) {
        if let Ok(text) = serde_json::to_string(&*self.desk.borrow()) {
            self.keeper.keep(&text);
        }
    }

    /// Moves `package_id` one step along `script` (the `nth` package of its persona follows the
    /// resubmission's steps when `nth > 0`); after the last step it is 办结. A returned,
    /// withdrawn or finished package stays. Says what happened, for the trainer.
    pub fn advance(&self, package_id: &str, script: &Script, nth: usize) -> Result<String, String> {
        let now = rfc3339(self.host.now_ms());
        let mut desk = self.desk.borrow_mut();
        let Some(held) = desk.package_mut(package_id) else { return Err("模拟接收端没有这份申报".into()) };
        if !matches!(held.status.as_str(), "待办中" | "办理中") {
            return Err(format!("这份申报已「{}」，不再往下办理", held.status));
        }
        let steps = script.for_package(nth);
        let Some(step) = steps.get(held.step).cloned() else {
            held.status = "办结".into();
            drop(desk);
            self.keep();
            return Ok("已办结".into());
        };
        held.step += 1;
        let placed = PackageStage {
            id: step.id.clone(),
            outcome: step.outcome.clone(),
            opinion: step.opinion.clone(),
            updated_at: Some(now),
        };
        desk.set_stage(package_id, placed, step.returns);
        drop(desk);
        self.keep();
        Ok(match step.returns {
            true => format!("已退回：{}", step.opinion.unwrap_or_default()),
            false => format!("已到「{}」环节", step.id),
        })
    }
}

impl AnswersInPage for SimulatedReceiver {
    fn reply(&self, method: &str, url: &str, body: Option<&str>, secret: &str) -> Result<Reply, NoReply> {
        // Whatever endpoint the form names, the request stays in the page.
        let path = url.find("v1/").map_or(url, |at| &url[at..]);
        let mut desk = self.desk.borrow_mut();
        desk.now = rfc3339(self.host.now_ms());
        if method == "POST" && desk.packages().len() >= MAX_PACKAGES && !path.ends_with("withdraw") {
            return super::desk::refusal(503, "busy", "培训接收端已存满，请先「重置培训」。");
        }
        let reply = desk.answer(method, path, body, secret);
        drop(desk);
        self.keep();
        reply
    }
}
