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
use object_store::RetryConfig;
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

/// A bucket that does not answer within this time, retries included, is busy for now: the
/// client is told to retry rather than an upload holding its package's lock for minutes.
const RETRY_FOR: std::time::Duration = std::time::Duration::from_secs(10);

impl From<object_store::Error> for StoreError {
    fn from(e: object_store::Error) -> StoreError {
        // The bucket was reachable and right at start-up (`connect` lists it): what fails now is
        // a time-out or the service's own trouble, which passes; the client retries.
        eprintln!("对象存储暂时出错 / bucket error: {e}");
        StoreError::Busy
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
        let retry = RetryConfig { max_retries: 3, retry_timeout: RETRY_FOR, ..RetryConfig::default() };
        let store =
            AmazonS3Builder::from_env().with_bucket_name(name).with_retry(retry).build().map_err(|e| e.to_string())?;
        let bucket = Bucket {
            store: Arc::new(store),
            prefix: Key::from(prefix.trim_matches('/')),
            bridge: Bridge::new("bucket")?,
            where_: format!("s3://{name}/{}", prefix.trim_matches('/')),
        };
        let (store, prefix) = (bucket.store.clone(), bucket.listed_prefix());
        let reached = bucket.wait(async move { store.list_with_delimiter(prefix.as_ref()).await.map(drop) });
        reached.and_then(|r| r.map_err(|e| StoreError::Failed(e.to_string()))).map_err(|e| match e {
            StoreError::Busy => format!("无法访问对象存储 {}：没有应答", bucket.where_),
            StoreError::Failed(why) => format!("无法访问对象存储 {}：{why}", bucket.where_),
        })?;
        Ok(bucket)
    }

    fn key(&self, sha256: &str) -> Key {
        self.prefix.clone().join(sha256)
    }

    /// The prefix to list: none for the bucket's root.
    fn listed_prefix(&self) -> Option<Key> {
        Some(self.prefix.clone()).filter(|p| !p.as_ref().is_empty())
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
            let sent = match tokio::io::copy(&mut file, &mut upload).await {
                Ok(_) => upload.shutdown().await,
                Err(e) => Err(e),
            };
            if sent.is_err() {
                // A multipart upload begun and not finished is abandoned, not left in the bucket.
                let _ = upload.abort().await;
            }
            sent
        })?
        .map_err(|e| {
            eprintln!("对象存储写入失败 / bucket put failed: {e}");
            StoreError::Busy
        })?;
        // The temporary file is the request's to remove, as with a local folder's rename.
        let _ = std::fs::remove_file(part);
        Ok(())
    }

    fn names(&self) -> StoreResult<Vec<String>> {
        // Only the objects directly under the prefix, and of those only the hashes.
        let (store, prefix) = (self.store.clone(), self.listed_prefix());
        let listed = self.wait(async move { store.list_with_delimiter(prefix.as_ref()).await })??;
        let names = listed.objects.iter().filter_map(|meta| meta.location.filename());
        Ok(names.filter(|name| zhicheng_engine::package::is_sha256_hex(name)).map(String::from).collect())
    }

    fn delete(&self, sha256: &str) -> StoreResult<bool> {
        let (store, key) = (self.store.clone(), self.key(sha256));
        match self.wait(async move { store.delete(&key).await })? {
            Ok(()) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    fn delete_all(&self, names: &[String]) -> StoreResult<usize> {
        let store = self.store.clone();
        let keys: Vec<object_store::Result<Key>> = names.iter().map(|name| Ok(self.key(name))).collect();
        let deleted = self.wait(async move {
            let mut gone = 0;
            // One request per thousand keys where the service takes bulk deletes.
            let mut deleting = store.delete_stream(futures_util::stream::iter(keys).boxed());
            while let Some(done) = deleting.next().await {
                match done {
                    Ok(_) => gone += 1,
                    Err(object_store::Error::NotFound { .. }) => {}
                    Err(e) => return Err(e),
                }
            }
            Ok(gone)
        })?;
        Ok(deleted?)
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
