//! The host's runtime: running work in the background, waiting, the clock, random identifiers
//! and whether the network is there. The browser gives these from its event loop; tests give a
//! clock that only moves when told.

use zhicheng_engine::Date;

use super::LocalFuture;

pub trait Host {
    /// Runs `work` to completion in the background, on this thread.
    fn spawn(&self, work: LocalFuture<()>);
    /// Completes after `ms` milliseconds, without blocking anything else.
    fn sleep(&self, ms: u64) -> LocalFuture<()>;
    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> u64;
    /// Today's calendar date where the applicant is.
    fn today(&self) -> Date;
    /// A fresh random identifier (a UUID v4) for drafts.
    fn new_id(&self) -> String;
    /// `n` random bytes from a cryptographic source, for package ids.
    fn random_bytes(&self, n: usize) -> Result<Vec<u8>, String>;
    /// A random number in [0, 1), for spreading retries.
    fn random_unit(&self) -> f64;
    /// Whether the network may be there (false means certainly offline).
    fn online(&self) -> bool;
    /// This page's identity as a writer: one per tab and load, so two tabs tell their saves apart.
    fn page_id(&self) -> String;
    /// Marks the start of work worth measuring (the autosave budget); the browser records it as
    /// User Timing, other hosts ignore it.
    fn start_measure(&self, _name: &str) {}
    /// Marks the end of work started with [`Host::start_measure`].
    fn end_measure(&self, _name: &str) {}
}
