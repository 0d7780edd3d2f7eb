//! Where a package's sending loop runs. A host may fetch the loop's code only when a package is
//! first sent (a first visit sends nothing); every other host runs it at once
//! (`submissions::SendAtOnce`).

use std::rc::Rc;

use zhicheng_engine::SubmissionV1;

use super::{LocalFuture, Ports};

/// How long a waiting package looks again, whether offline or waiting for the loop's code.
pub const OFFLINE_POLL_MS: u64 = 2_000;

pub trait Sending {
    /// Runs `job`'s sending loop (`submissions::send`), which ends once its package has its
    /// receipt or stops. A host that cannot run it yet says so on the entry
    /// (`SendJob::wait_with`) and tries again.
    fn run(&self, job: SendJob) -> LocalFuture<()>;
}

/// One package to send: its entry, the page's ports, and who sees every stored step.
#[derive(Clone)]
pub struct SendJob {
    pub entry: SubmissionV1,
    pub ports: Ports,
    pub on_change: Rc<dyn Fn(&SubmissionV1)>,
}

impl SendJob {
    /// Shows the entry waiting with `message` while the host cannot run the loop yet (its code
    /// could not be fetched), and waits before the host tries again.
    pub async fn wait_with(&self, message: &str) {
        let mut shown = self.entry.clone();
        shown.message = Some(message.to_string());
        (self.on_change)(&shown);
        self.ports.host.sleep(OFFLINE_POLL_MS).await;
    }
}
