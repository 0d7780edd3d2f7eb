//! Port work a first visit does not need, moved into the WebAssembly chunks that the UI's deferred
//! screens load (`src/ui/deferred.rs`): export files, report templates and sending. `in_chunk!`
//! declares a function whose body the release build (`--cfg zhicheng_split`) puts into the chunk
//! named first; calling it fetches that chunk first (at once when it is here, and in every other
//! build, which keeps one module). The port that calls it stays in the first module as a few bytes
//! of forwarding, so the session and its callers do not know which work is deferred.

use zhicheng_session::LocalFuture;

/// A chunk could not be fetched: the network is down and the browser has no copy of it (no
/// service worker, or it had not finished keeping the chunks).
#[derive(Debug)]
pub struct Unavailable;

impl From<wasm_split_helpers::SplitLoaderError> for Unavailable {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        Unavailable
    }
}

impl Unavailable {
    /// What the applicant is told where a port's work could not be fetched.
    pub const MESSAGE: &'static str =
        "这项功能需要联网加载一次，当前无法连接网络。您填写的内容已保存，恢复网络后请重试";
}

/// The work a chunk's function started, once its chunk is here.
pub type Started<T> = Result<LocalFuture<T>, Unavailable>;

/// Runs work declared with `in_chunk!`: fetches its chunk, then awaits the work. A chunk that
/// cannot be fetched is the port's own error, made by `error` from `Unavailable::MESSAGE`.
pub async fn run_or<T, E>(
    starting: impl std::future::Future<Output = Started<Result<T, E>>>,
    error: impl FnOnce(String) -> E,
) -> Result<T, E> {
    match starting.await {
        Ok(work) => work.await,
        Err(Unavailable) => Err(error(Unavailable::MESSAGE.to_string())),
    }
}

/// Declares `fn name(args) -> Output { body }` whose body goes into `chunk`; the function becomes
/// async and returns `Started<Output>` (the body's future, started), to be awaited with `run_or`.
macro_rules! in_chunk {
    ($(#[$doc:meta])* $chunk:ident: fn $name:ident($($arg:ident: $ty:ty),*) -> $out:ty $body:block) => {
        $(#[$doc])*
        #[cfg(zhicheng_split)]
        #[wasm_split_helpers::wasm_split($chunk, fallible)]
        pub fn $name($($arg: $ty),*) -> $crate::on_demand::Started<$out> {
            Ok(Box::pin(async move $body))
        }
        $(#[$doc])*
        #[cfg(not(zhicheng_split))]
        pub async fn $name($($arg: $ty),*) -> $crate::on_demand::Started<$out> {
            Ok(Box::pin(async move $body))
        }
    };
}
pub(crate) use in_chunk;
