//! Work that must not run on the async workers: every store call (SQLite, file syncs) and every
//! CPU-heavy check (parsing and checking a manifest under the form's rules). Each kind has a
//! bounded queue; a request that cannot get a place within `Limits::queue_wait`, or whose store
//! call meets a database another process holds, is answered 503 with `Retry-After`, so one slow
//! request never stalls the others.

use std::sync::Arc;

use axum::response::Response;
use tokio::sync::Semaphore;

use super::Receiver;
use crate::replies::{busy, storage_failed};
use crate::store::{Store, StoreError, StoreResult};

/// A refusal ready to send, boxed: a response is large, and most requests pass.
pub type Refusal = Box<Response>;

/// Runs `work` on the store off the async workers.
pub async fn store<T: Send + 'static>(
    r: &Arc<Receiver>,
    work: impl FnOnce(&Store) -> StoreResult<T> + Send + 'static,
) -> Result<T, Refusal> {
    let receiver = r.clone();
    let done = off_workers(r, &r.work.store, move || work(&receiver.store)).await?;
    done.map_err(|e| match e {
        StoreError::Busy => Box::new(busy(2)),
        StoreError::Failed(why) => Box::new(storage_failed(why)),
    })
}

/// Runs a CPU-heavy check off the async workers, at most one per core at a time.
pub async fn check<T: Send + 'static>(
    r: &Arc<Receiver>,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Refusal> {
    off_workers(r, &r.work.checks, work).await
}

async fn off_workers<T: Send + 'static>(
    r: &Arc<Receiver>,
    queue: &Arc<Semaphore>,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Refusal> {
    let place = tokio::time::timeout(r.limits.queue_wait, queue.clone().acquire_owned()).await;
    let Ok(Ok(place)) = place else { return Err(Box::new(busy(5))) };
    let done = tokio::task::spawn_blocking(move || {
        let result = work();
        drop(place);
        result
    })
    .await;
    done.map_err(|e| Box::new(storage_failed(e)))
}
