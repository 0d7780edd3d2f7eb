//! The session's ports: the small traits behind which a host puts storage, the network, crypto
//! and time. The browser implements them with IndexedDB, fetch and WebCrypto; `memory` and
//! `testing` hold the doubles that run everywhere.

pub mod archive;
pub mod drafts;
pub mod files;
pub mod host;
pub mod keyring;
pub mod outbox;
pub mod rescues;
pub mod resources;
pub mod sending;
pub mod transport;

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// Work in flight on the page's one thread (the browser's futures are not `Send`).
pub type LocalFuture<T> = Pin<Box<dyn Future<Output = T>>>;

/// A store operation in flight.
pub type Task<T> = LocalFuture<Result<T, drafts::StoreError>>;

/// Everything a session needs from its host, shared by the workspace, the open form and the
/// submissions. Cloning shares the same services.
#[derive(Clone)]
pub struct Ports {
    pub host: Rc<dyn host::Host>,
    pub drafts: Rc<dyn drafts::DraftRepository>,
    pub files: Rc<dyn files::FileStore>,
    pub outbox: Rc<dyn outbox::Outbox>,
    pub transport: Rc<dyn transport::Transport>,
    pub sending: Rc<dyn sending::Sending>,
    pub keyring: Rc<dyn keyring::Keyring>,
    pub rescues: Rc<dyn rescues::Rescues>,
    pub archive: Rc<dyn archive::Archive>,
    pub resources: Rc<dyn resources::Resources>,
    /// False when the host's storage is only this page's memory (a private window that refused
    /// IndexedDB): nothing survives closing the page, and the applicant is told so.
    pub persistent: bool,
}

/// A store operation that is already done.
pub fn ready<T: 'static>(result: Result<T, drafts::StoreError>) -> Task<T> {
    Box::pin(std::future::ready(result))
}
