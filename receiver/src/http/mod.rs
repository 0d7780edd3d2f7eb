//! The HTTP side of the protocol (protocol/openapi.yaml): preflight, file upload, finalising,
//! status and withdrawal. Every check happens before anything is stored, every refusal says what
//! is wrong in a JSON error with the protocol marker, and no request can hold the async workers:
//! the store and the CPU-heavy checks run on bounded blocking pools (`blocking`), bodies are read
//! with timeouts (`body`), clients are rate-limited and every answer carries the security
//! headers (`guards`).

mod blocking;
mod body;
mod credentials;
mod decision;
mod finalise;
mod guards;
pub mod portal;
mod status;
mod units;
mod upload;

use std::path::Path;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::Router;
use serde_json::json;
use tokio::sync::Semaphore;
use zhicheng_engine::package::{MAX_ATTACHMENT_ENTRIES, MAX_REPORTS, MAX_ROWS};
use zhicheng_engine::stored::package::PACKAGE_FORMAT_VERSION;
use zhicheng_engine::PackageStatus::{Returned as RETURNED, Waiting as WAITING};

pub use credentials::SECRET_HEADER;
pub use guards::ClientAddr;
pub use units::UNIT_KEY_HEADER;

use crate::disk::FreeSpace;
use crate::forms::Forms;
use crate::limits::Limits;
use crate::replies::{error, reply};
use crate::store::Store;

/// Everything a request needs.
pub struct Receiver {
    pub store: Store,
    pub forms: Forms,
    pub limits: Limits,
    /// The clock, in ms since the epoch (replaceable in tests).
    pub now_ms: fn() -> u64,
    /// Free space on the data folder's disk (replaceable in tests).
    pub free_space: FreeSpace,
    /// The origins whose pages may call this receiver (CORS); none by default.
    pub allowed_origins: Vec<String>,
    /// The portal whose login every package request must carry; none by default.
    pub portal: Option<portal::PortalKey>,
    work: Work,
}

/// The receiver's shared capacity: the blocking pools' queues, the uploads being received and
/// the bytes they will add, the rate limit per client.
struct Work {
    store: Arc<Semaphore>,
    checks: Arc<Semaphore>,
    uploads: Arc<Semaphore>,
    in_flight_bytes: Arc<AtomicU64>,
    rate: guards::RateLimit,
}

/// Store calls waiting or running at once; more wait up to `Limits::queue_wait`, then 503.
const STORE_QUEUE: usize = 16;

impl Receiver {
    pub fn new(store: Store, forms: Forms, limits: Limits) -> Receiver {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let work = Work {
            store: Arc::new(Semaphore::new(STORE_QUEUE)),
            checks: Arc::new(Semaphore::new(cores)),
            uploads: Arc::new(Semaphore::new(limits.max_uploads)),
            in_flight_bytes: Arc::new(AtomicU64::new(0)),
            rate: guards::RateLimit::new(limits.requests_per_second, limits.request_burst),
        };
        Receiver {
            store,
            forms,
            limits,
            now_ms: system_now_ms,
            free_space: crate::disk::system(),
            allowed_origins: Vec::new(),
            portal: None,
            work,
        }
    }

    /// The same receiver with another clock.
    pub fn with_clock(mut self, now_ms: fn() -> u64) -> Receiver {
        self.now_ms = now_ms;
        self
    }

    /// The same receiver reading free space with `free_space` (a simulated disk).
    pub fn with_free_space(
        mut self,
        free_space: impl Fn(&Path) -> std::io::Result<u64> + Send + Sync + 'static,
    ) -> Receiver {
        self.free_space = Arc::new(free_space);
        self
    }

    /// The same receiver answering pages of these origins (CORS).
    pub fn allowing(mut self, origins: Vec<String>) -> Receiver {
        self.allowed_origins = origins;
        self
    }

    /// Requires the portal's login token on every request about a package.
    pub fn requiring_portal_login(mut self, portal: Option<portal::PortalKey>) -> Receiver {
        self.portal = portal;
        self
    }

    /// Forgets clients that have not asked for a while (the rate limit's memory).
    pub fn forget_quiet_clients(&self) {
        self.work.rate.forget_quiet();
    }
}

pub fn system_now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

pub fn router(receiver: Arc<Receiver>) -> Router {
    let routes = Router::new()
        .route("/v1/capabilities", get(capabilities))
        .route("/v1/packages/{package_id}/files/{sha256}", put(upload::put_file))
        .route("/v1/packages/{package_id}", post(finalise::finalise).get(status::status))
        .route("/v1/packages/{package_id}/withdraw", post(status::withdraw))
        .route("/v1/packages/{package_id}/terminate", post(status::terminate))
        .route("/v1/units/packages", get(units::list))
        .route("/v1/units/packages/{package_id}", get(units::package))
        .route("/v1/units/packages/{package_id}/files/{sha256}", get(units::file))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(receiver.clone(), guards::rate_limit))
        .with_state(receiver.clone());
    guards::around(routes, &receiver.allowed_origins)
}

async fn capabilities(State(r): State<Arc<Receiver>>) -> Response {
    reply(
        StatusCode::OK,
        json!({
            "versions": [PACKAGE_FORMAT_VERSION],
            "max_file_bytes": r.limits.max_file_bytes,
            "max_package_bytes": r.limits.max_package_bytes,
            "max_files": r.limits.max_files,
            "max_manifest_bytes": r.limits.max_manifest_bytes,
            "max_attachment_entries": MAX_ATTACHMENT_ENTRIES,
            "max_reports": MAX_REPORTS,
            "max_rows": MAX_ROWS,
            "accepted_media_types": r.limits.accepted_media_types,
            "forms": r.forms.ids(),
            "withdraw_while": [WAITING],
            "terminate_while": [RETURNED],
            "secret_header": SECRET_HEADER,
            "unit_key_header": UNIT_KEY_HEADER,
        }),
    )
}

async fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, "not_found", "没有这个接口地址，请检查提交地址。", &[])
}

async fn method_not_allowed() -> Response {
    error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", "这个接口地址不接受这种请求方法。", &[])
}
