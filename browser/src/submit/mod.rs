//! Submission over HTTP (protocol/README.md): the receiver's requests (`http.rs`), file uploads
//! with progress (`upload.rs`) and the outbox in IndexedDB (`outbox.rs`). The package, the
//! sending loop and every decision about replies are the session's and the engine's.

pub mod http;
pub mod outbox;
pub mod upload;

use zhicheng_engine::PackagedFile;
use zhicheng_session::{LocalFuture, NoReply, Reply, Transport};

use crate::file_store::BrowserFiles;
use crate::mount::Mount;

/// The protocol over `fetch` and XMLHttpRequest, uploading files straight from the file store,
/// with the headers a widget's host adds to each request (its own login).
pub struct HttpTransport {
    pub files: BrowserFiles,
    pub mount: Mount,
}

impl Transport for HttpTransport {
    fn send(&self, method: &str, url: &str, body: Option<String>, secret: &str) -> LocalFuture<Result<Reply, NoReply>> {
        let (method, url, secret, mount) =
            (method.to_string(), url.to_string(), secret.to_string(), self.mount.clone());
        Box::pin(async move {
            let mut extra = mount.host_headers().await.map_err(NoReply::Network)?;
            extra.extend(crate::unit_key::header());
            http::send(&method, &url, body, &secret, &extra).await
        })
    }

    fn put_file(
        &self,
        url: &str,
        file: &PackagedFile,
        secret: &str,
        on_progress: Box<dyn Fn(u64)>,
    ) -> LocalFuture<Result<Reply, NoReply>> {
        let (files, url, file, secret) = (self.files.clone(), url.to_string(), file.clone(), secret.to_string());
        let mount = self.mount.clone();
        Box::pin(async move {
            let extra = mount.host_headers().await.map_err(NoReply::Network)?;
            let blob =
                files.blob(&file.sha256, &file.media_type).await.map_err(|e| NoReply::FileMissing(e.message()))?;
            upload::put_file(&url, &blob, &file.media_type, &secret, &extra, on_progress)
                .await
                .map_err(NoReply::Network)
        })
    }
}
