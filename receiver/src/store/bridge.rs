//! The store is synchronous (it runs off the async workers, `http::blocking`), while the PostgreSQL
//! and S3 clients are async: each scaled backend owns a small runtime of its own, hands it each
//! piece of work and waits for the answer on a plain channel. Waiting on a channel rather than
//! `block_on` lets the store be called from anywhere, an async test included, and the runtime is
//! shut down without waiting when the backend is dropped, wherever that happens.

use std::future::Future;
use std::sync::mpsc;
use std::time::Duration;

use super::{StoreError, StoreResult};

/// The longest a store call waits for the database or the bucket: a connection that died without
/// a word (a host gone) is given up on, and the client told to retry, instead of holding a place
/// in the store's queue for the kernel's quarter of an hour.
const LONGEST_WAIT: Duration = Duration::from_secs(30);

pub struct Bridge {
    runtime: Option<tokio::runtime::Runtime>,
}

impl Bridge {
    pub fn new(name: &str) -> Result<Bridge, String> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name(name)
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Bridge { runtime: Some(runtime) })
    }

    /// Runs `work` on the backend's runtime and waits for it, at most `LONGEST_WAIT` (then
    /// [`StoreError::Busy`]; the work is dropped with its connection).
    pub fn wait<T: Send + 'static>(&self, work: impl Future<Output = T> + Send + 'static) -> StoreResult<T> {
        let (done, result) = mpsc::sync_channel(1);
        self.spawn(async move {
            if let Ok(answer) = tokio::time::timeout(LONGEST_WAIT, work).await {
                let _ = done.send(answer);
            }
        })?;
        result.recv().map_err(|_| StoreError::Busy)
    }

    /// Starts `work` on the backend's runtime without waiting for it.
    pub fn spawn(&self, work: impl Future<Output = ()> + Send + 'static) -> StoreResult<()> {
        let runtime = self.runtime.as_ref().ok_or("the backend is closed")?;
        runtime.spawn(work);
        Ok(())
    }
}

impl Drop for Bridge {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}
