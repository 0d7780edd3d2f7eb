//! Doubles for running a session without a browser: a host whose clock moves only when told and
//! whose background work runs when asked, a receiver that speaks the protocol in memory, a toy
//! keyring and fixed resources. Native tests of the session (and of any host) use them; they are
//! not for production.

mod executor;
mod forms;
mod host;
mod keyring;
mod page;
mod receiver;
mod resources;

pub use forms::{short_form, SHORT_FORM_ID};
pub use host::ManualHost;
pub use keyring::ToyKeyring;
pub use page::Page;
pub use receiver::{FakeReceiver, Fault, ENDPOINT};
pub use resources::FixedResources;

use std::rc::Rc;

use crate::memory::{MemoryDrafts, MemoryFiles, MemoryOutbox, MemoryRescues};
use crate::portable::SerdeJsonArchive;
use crate::ports::Ports;

/// The doubles of one browser profile: what two pages (tabs) of it share.
#[derive(Clone)]
pub struct Profile {
    pub drafts: Rc<MemoryDrafts>,
    pub files: Rc<MemoryFiles>,
    pub outbox: Rc<MemoryOutbox>,
    pub rescues: Rc<MemoryRescues>,
    pub receiver: Rc<FakeReceiver>,
    pub keyring: Rc<ToyKeyring>,
    /// Another receiver than `receiver` (training's simulated one), when a test gives one.
    pub other_transport: Option<Rc<dyn crate::ports::transport::Transport>>,
}

impl Profile {
    /// An empty profile whose files are stamped by `host`'s clock.
    pub fn new(host: &Rc<ManualHost>) -> Profile {
        let clock = host.clone();
        Profile {
            drafts: Rc::default(),
            files: Rc::new(MemoryFiles::new(move || crate::ports::host::Host::now_ms(&*clock))),
            outbox: Rc::default(),
            rescues: Rc::default(),
            receiver: Rc::new(FakeReceiver::default()),
            keyring: Rc::default(),
            other_transport: None,
        }
    }

    /// The ports of one page of this profile, run by `host`. Each page has its own keyring
    /// (keys live in a page's memory), so a second page needs the passphrase too.
    pub fn ports(&self, host: &Rc<ManualHost>) -> Ports {
        let keyring: Rc<ToyKeyring> =
            if Rc::ptr_eq(host, &host.first_page()) { self.keyring.clone() } else { Rc::default() };
        Ports {
            host: host.clone(),
            drafts: Rc::new(self.drafts.for_page(keyring.clone())),
            files: self.files.clone(),
            outbox: self.outbox.clone(),
            transport: self.other_transport.clone().unwrap_or_else(|| self.receiver.clone()),
            sending: Rc::new(crate::submissions::SendAtOnce),
            keyring,
            rescues: self.rescues.clone(),
            archive: Rc::new(SerdeJsonArchive),
            resources: Rc::new(FixedResources::default()),
            persistent: true,
        }
    }
}
