//! What this receiver accepts and how much of itself it lends to any one request or client:
//! the protocol's limits announced by the preflight (`GET /v1/capabilities`) and enforced on every
//! upload and package, the quotas on uploads waiting for their package, the free-disk reserve,
//! the caps on concurrent work and the request rate, and the timeouts of a request's body.
//! Every number has a command-line option (`zhicheng-receiver serve --help`).

use std::time::Duration;

use serde::Serialize;

use crate::store::Quotas;

const MB: u64 = 1024 * 1024;

#[derive(Clone, Debug, Serialize)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_package_bytes: u64,
    pub max_files: usize,
    pub accepted_media_types: Vec<String>,
    /// The largest manifest (a finalising call's body).
    pub max_manifest_bytes: u64,
    /// Uploads whose package is not finalised yet, over all packages.
    #[serde(skip)]
    pub max_pending_bytes: u64,
    #[serde(skip)]
    pub max_pending_files: usize,
    /// New uploads are refused while the data folder's disk has less free space than this.
    #[serde(skip)]
    pub disk_reserve_bytes: u64,
    /// Uploads received at once; more wait for a `Retry-After`.
    #[serde(skip)]
    pub max_uploads: usize,
    /// Requests per second per client, and how many may come at once.
    #[serde(skip)]
    pub requests_per_second: u32,
    #[serde(skip)]
    pub request_burst: u32,
    /// A request body that sends nothing for this long is given up (408).
    #[serde(skip)]
    pub body_idle: Duration,
    /// A file upload must arrive whole within this time, a manifest within a tenth of it.
    #[serde(skip)]
    pub upload_deadline: Duration,
    /// How long a request waits for the store or for a checking thread before a 503.
    #[serde(skip)]
    pub queue_wait: Duration,
}

impl Default for Limits {
    /// The app's own limits (PDF, JPEG and PNG files of at most 10 MB, 200 MB and 200 files a
    /// package) and the receiver's defaults.
    fn default() -> Limits {
        Limits {
            max_file_bytes: 10 * MB,
            max_package_bytes: 200 * MB,
            max_files: 200,
            accepted_media_types: ["application/pdf", "image/jpeg", "image/png"].map(String::from).to_vec(),
            max_manifest_bytes: 8 * MB,
            max_pending_bytes: 4096 * MB,
            max_pending_files: 20_000,
            disk_reserve_bytes: 512 * MB,
            max_uploads: 64,
            requests_per_second: 20,
            request_burst: 200,
            body_idle: Duration::from_secs(30),
            upload_deadline: Duration::from_secs(30 * 60),
            queue_wait: Duration::from_secs(5),
        }
    }
}

impl Limits {
    /// Whether files of `media_type` are accepted; media types compare without regard to case.
    pub fn accepts(&self, media_type: &str) -> bool {
        self.accepted_media_types.iter().any(|t| t.eq_ignore_ascii_case(media_type))
    }

    pub fn quotas(&self) -> Quotas {
        Quotas {
            package_bytes: self.max_package_bytes,
            package_files: self.max_files,
            pending_bytes: self.max_pending_bytes,
            pending_files: self.max_pending_files,
        }
    }

    /// A manifest must arrive whole within this time.
    pub fn manifest_deadline(&self) -> Duration {
        self.upload_deadline / 10
    }
}
