//! The store is synchronous (it runs off the async workers, `http::blocking`), while the PostgreSQL
//! and S3 clients are async: each scaled backend owns a small runtime of its own, hands it each
//! piece of work and waits for the answer on a plain channel. Waiting on a channel rather than
//! `block_on` lets the store be called from anywhere, an async test included, and the runtime is
//! shut down without waiting when the backend is dropped, wherever that happens.

use std::future::Future;
use std::sync::mpsc;

use super::{StoreError, StoreResult};

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

    /// Runs `work` on the backend's runtime and waits for it.
    pub fn wait<T: Send + 'static>(&self, work: impl Future<Output = T> + Send + 'static) -> StoreResult<T> {
        let (done, result) = mpsc::sync_channel(1);
        self.spawn(async move {
            let _ = done.send(work.await);
        })?;
        result.recv().map_err(|_| StoreError::Failed("后端请求中断".into()))
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
