//! Files in an S3-compatible bucket (`s3://bucket/prefix`), through the `object_store` crate; the
//! endpoint, region and keys come from the standard `AWS_*` environment variables, so no secret
//! is ever on a command line. The store is synchronous and runs off the async workers, so each
//! call is handed to the bucket's own runtime and waited for (`bridge.rs`); a file goes up from its
//! temporary file a piece at a time (one request when small, a multipart upload when large), and
//! comes down the same way, so no file is ever held whole in memory.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use futures_util::StreamExt;
use object_store::aws::AmazonS3Builder;
use object_store::buffered::BufWriter;
use object_store::path::Path as Key;
use object_store::{ObjectStore, ObjectStoreExt};
use tokio::io::AsyncWriteExt;

use super::bridge::Bridge;
use super::files::FileStore;
use super::{StoreError, StoreResult};

/// What a file holds in memory on its way up before a multipart upload starts (S3's smallest
/// part is 5 MiB).
const UPLOAD_BUFFER_BYTES: usize = 5 * 1024 * 1024;

pub struct Bucket {
    store: Arc<dyn ObjectStore>,
    prefix: Key,
    bridge: Bridge,
    where_: String,
}

impl From<object_store::Error> for StoreError {
    fn from(e: object_store::Error) -> StoreError {
        StoreError::Failed(format!("对象存储出错：{e}"))
    }
}

impl Bucket {
    /// Connects to `url` (`s3://bucket` or `s3://bucket/prefix`) and checks it answers.
    pub fn connect(url: &str) -> Result<Bucket, String> {
        let rest = url.strip_prefix("s3://").ok_or_else(|| format!("文件存储地址应以 s3:// 开头：{url}"))?;
        let (name, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if name.is_empty() {
            return Err(format!("文件存储地址缺少存储桶名称：{url}"));
        }
        let store = AmazonS3Builder::from_env().with_bucket_name(name).build().map_err(|e| e.to_string())?;
        let bucket = Bucket {
            store: Arc::new(store),
            prefix: Key::from(prefix.trim_matches('/')),
            bridge: Bridge::new("bucket")?,
            where_: format!("s3://{name}/{}", prefix.trim_matches('/')),
        };
        bucket.names().map_err(|e| format!("无法访问对象存储 {}：{e}", bucket.where_))?;
        Ok(bucket)
    }

    fn key(&self, sha256: &str) -> Key {
        self.prefix.clone().join(sha256)
    }

    fn wait<T: Send + 'static>(&self, work: impl std::future::Future<Output = T> + Send + 'static) -> StoreResult<T> {
        self.bridge.wait(work)
    }
}

impl FileStore for Bucket {
    fn holds(&self, sha256: &str, size: u64) -> StoreResult<bool> {
        let (store, key) = (self.store.clone(), self.key(sha256));
        match self.wait(async move { store.head(&key).await })? {
            Ok(meta) => Ok(meta.size == size),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    fn put(&self, part: &Path, sha256: &str) -> StoreResult<()> {
        let (store, key, source) = (self.store.clone(), self.key(sha256), part.to_path_buf());
        self.wait(async move {
            let mut file = tokio::fs::File::open(&source).await?;
            let mut upload = BufWriter::with_capacity(store, key, UPLOAD_BUFFER_BYTES);
            tokio::io::copy(&mut file, &mut upload).await?;
            upload.shutdown().await
        })??;
        // The temporary file is the request's to remove, as with a local folder's rename.
        let _ = std::fs::remove_file(part);
        Ok(())
    }

    fn names(&self) -> StoreResult<Vec<String>> {
        let (store, prefix) = (self.store.clone(), self.prefix.clone());
        let listed = self.wait(async move {
            let mut names = Vec::new();
            let mut listing = store.list(Some(&prefix));
            while let Some(meta) = listing.next().await {
                names.extend(meta?.location.filename().map(String::from));
            }
            Ok::<_, object_store::Error>(names)
        })?;
        Ok(listed?)
    }

    fn delete(&self, sha256: &str) -> StoreResult<bool> {
        let (store, key) = (self.store.clone(), self.key(sha256));
        match self.wait(async move { store.delete(&key).await })? {
            Ok(()) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    fn copy_to(&self, sha256: &str, out: &mut dyn Write) -> StoreResult<u64> {
        let (store, key) = (self.store.clone(), self.key(sha256));
        let mut pieces = self.wait(async move { store.get(&key).await.map(|found| found.into_stream()) })??;
        let mut written = 0;
        // A piece at a time: the stream goes to the runtime for the next piece and comes back.
        loop {
            let (piece, rest) = self.wait(async move { (pieces.next().await, pieces) })?;
            let Some(piece) = piece else { break };
            let piece = piece?;
            out.write_all(&piece)?;
            written += piece.len() as u64;
            pieces = rest;
        }
        Ok(written)
    }

    fn describe(&self) -> String {
        self.where_.clone()
    }

    fn local_folder(&self) -> Option<&Path> {
        None
    }
}
