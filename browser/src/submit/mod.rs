//! Submission over HTTP (protocol/README.md): the receiver's requests (`http.rs`), file uploads
//! with progress (`upload.rs`) and the outbox in IndexedDB (`outbox.rs`). The package, the
//! sending loop and every decision about replies are the session's and the engine's.

pub mod http;
pub mod outbox;
pub mod upload;

use zhicheng_engine::PackagedFile;
use zhicheng_session::ports::sending::{SendJob, Sending};
use zhicheng_session::submissions::{self, OFFLINE};
use zhicheng_session::{LocalFuture, NoReply, Reply, Transport};

use crate::file_store::BrowserFiles;
use crate::mount::Mount;
use crate::on_demand::{self, in_chunk};

/// The protocol over `fetch` and XMLHttpRequest, uploading files straight from the file store,
/// with the headers a widget's host adds to each request (its own login).
pub struct HttpTransport {
    pub files: BrowserFiles,
    pub mount: Mount,
}

impl Transport for HttpTransport {
    fn send(&self, method: &str, url: &str, body: Option<String>, secret: &str) -> LocalFuture<Result<Reply, NoReply>> {
        let request = Request { method: method.to_string(), url: url.to_string(), body, secret: secret.to_string() };
        Box::pin(on_demand::run_or(send(request, self.mount.clone()), NoReply::Network))
    }

    fn put_file(
        &self,
        url: &str,
        file: &PackagedFile,
        secret: &str,
        on_progress: Box<dyn Fn(u64)>,
    ) -> LocalFuture<Result<Reply, NoReply>> {
        let upload = Upload { url: url.to_string(), file: file.clone(), secret: secret.to_string(), on_progress };
        Box::pin(on_demand::run_or(put_file(upload, self.files.clone(), self.mount.clone()), NoReply::Network))
    }
}

/// The sending loop, run by code in 提交申报's chunk with the requests it makes. While that chunk
/// cannot be fetched (offline, before the service worker kept it), the entry says so and the
/// loop is tried again.
pub struct SendingInChunk;

impl Sending for SendingInChunk {
    fn run(&self, job: SendJob) -> LocalFuture<()> {
        Box::pin(async move {
            loop {
                match send_until_done(job.clone()).await {
                    Ok(sending) => return sending.await,
                    Err(on_demand::Unavailable) => job.wait_with(OFFLINE).await,
                }
            }
        })
    }
}

/// One of the protocol's JSON requests.
pub struct Request {
    method: String,
    url: String,
    body: Option<String>,
    secret: String,
}

/// One file of a package to upload, reporting the bytes sent so far.
pub struct Upload {
    url: String,
    file: PackagedFile,
    secret: String,
    on_progress: Box<dyn Fn(u64)>,
}

in_chunk! {
    /// Requests are made by code in 提交申报's chunk (the outbox sending queued packages at
    /// start-up fetches it too). A chunk that cannot be fetched is a network failure, which the
    /// outbox retries when the network returns.
    finishing: fn send(request: Request, mount: Mount) -> Result<Reply, NoReply> {
        let mut extra = mount.host_headers().await.map_err(NoReply::Network)?;
        extra.extend(crate::unit_key::header());
        http::send(&request.method, &request.url, request.body, &request.secret, &extra).await
    }
}

in_chunk! {
    /// Uploads are made by code in the same chunk.
    finishing: fn put_file(upload: Upload, files: BrowserFiles, mount: Mount) -> Result<Reply, NoReply> {
        let Upload { url, file, secret, on_progress } = upload;
        let extra = mount.host_headers().await.map_err(NoReply::Network)?;
        let blob = files.blob(&file.sha256, &file.media_type).await.map_err(|e| NoReply::FileMissing(e.message()))?;
        upload::put_file(&url, &blob, &file.media_type, &secret, &extra, on_progress).await.map_err(NoReply::Network)
    }
}

in_chunk! {
    finishing: fn send_until_done(job: SendJob) -> () {
        submissions::send(job).await
    }
}
