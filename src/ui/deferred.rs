//! Screens loaded on demand: `on_demand!` declares one (its body goes into a WebAssembly chunk
//! of its own in the release build) and `deferred` shows it once its chunk is here. Which screens
//! are deferred is `on_demand.rs`'s list (and the unit's inbox, in `unit_inbox.rs`).
//!
//! `scripts/build-release.sh` compiles with `--cfg zhicheng_split`, which makes every function
//! `on_demand!` declares a split point, and cuts the module there (`scripts/split-wasm.mjs`).
//! Every other build (development, browser tests) keeps one module: the same functions, ready at
//! once.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;

/// A screen's chunk could not be fetched (the same as a port's, `zhicheng_browser::on_demand`).
pub use zhicheng_browser::on_demand::Unavailable;

/// What a deferred screen gives: its view, or why it could not be fetched.
pub type Loaded = Result<AnyView, Unavailable>;

/// Declares a function whose body the release build moves into the chunk named first (a few
/// chunks, each for screens used together: more would mean many small shared ones), and the
/// function named second, which fetches that chunk (at once when it is already here, and in every
/// other build).
macro_rules! on_demand {
    ($(#[$doc:meta])* $chunk:ident, $fetch:ident: fn $name:ident($($arg:ident: $ty:ty),*) $body:block) => {
        $(#[$doc])*
        #[cfg(zhicheng_split)]
        #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible, preload($fetch))]
        pub fn $name($($arg: $ty),*) -> $crate::ui::deferred::Loaded {
            let view: ::leptos::prelude::AnyView = $body;
            Ok(view)
        }
        $(#[$doc])*
        #[cfg(not(zhicheng_split))]
        pub async fn $name($($arg: $ty),*) -> $crate::ui::deferred::Loaded {
            let view: ::leptos::prelude::AnyView = $body;
            Ok(view)
        }
        #[cfg(not(zhicheng_split))]
        pub async fn $fetch() -> Result<(), leptos::wasm_split::SplitLoaderError> {
            Ok(())
        }
    };
}
pub(crate) use on_demand;

/// Shows the screen `build` makes once `fetch` has its chunk: at once when the chunk is already
/// here (every build but the release, and a chunk this page has fetched before), else 「正在加载…」
/// until it comes (from the service worker's cache after the first visit), or a message with 重试
/// if it cannot. The screen is built in this view's own reactive scope, as if it were not
/// deferred, so it is disposed with it.
pub fn deferred<Fetch, Fetching, Build, Building>(fetch: Fetch, build: Build) -> impl IntoView
where
    Fetch: Fn() -> Fetching + Send + Sync + 'static,
    Fetching: Future<Output = Result<(), leptos::wasm_split::SplitLoaderError>> + 'static,
    Build: Fn() -> Building + Send + Sync + 'static,
    Building: Future<Output = Loaded> + 'static,
{
    // One copy of the view's code serves every deferred screen: only these two boxing closures
    // are made for each.
    shown_when_here(Arc::new(move || Box::pin(fetch())), Arc::new(move || Box::pin(build())))
}

type Fetching = Pin<Box<dyn Future<Output = Result<(), leptos::wasm_split::SplitLoaderError>>>>;
type Building = Pin<Box<dyn Future<Output = Loaded>>>;

fn shown_when_here(
    fetch: Arc<dyn Fn() -> Fetching + Send + Sync>,
    build: Arc<dyn Fn() -> Building + Send + Sync>,
) -> impl IntoView {
    let chunk = RwSignal::new(Chunk::Wanted);
    move || {
        if chunk.get() == Chunk::Unavailable {
            return unavailable(chunk);
        }
        let mut fetching = fetch();
        match poll_once(fetching.as_mut()) {
            Some(Ok(())) => poll_once(build().as_mut()).and_then(Result::ok).unwrap_or_else(|| unavailable(chunk)),
            Some(Err(_)) => unavailable(chunk),
            None => {
                // The fetch goes on to its end (it must not be dropped half-way), then this view
                // runs again and builds the screen, or says it could not be fetched.
                leptos::task::spawn_local(async move {
                    chunk.set(if fetching.await.is_ok() { Chunk::Here } else { Chunk::Unavailable });
                });
                view! { <p class="loading" role="status">"正在加载…"</p> }.into_any()
            }
        }
    }
}

/// Where a deferred screen's chunk is, as far as its view knows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Chunk {
    /// Not asked for yet, or asked for again by 重试.
    Wanted,
    /// Fetched: the view builds the screen.
    Here,
    /// The fetch failed: the view says so until 重试.
    Unavailable,
}

/// The future's result if it has one without waiting.
fn poll_once<T>(future: Pin<&mut (dyn Future<Output = T> + '_)>) -> Option<T> {
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match future.poll(&mut context) {
        std::task::Poll::Ready(value) => Some(value),
        std::task::Poll::Pending => None,
    }
}

/// Says that this part of the app has not been fetched yet and cannot be while offline; 重试
/// fetches it again.
fn unavailable(chunk: RwSignal<Chunk>) -> AnyView {
    view! {
        <div class="notice" role="alert">
            <p>"这一页需要联网加载一次，当前无法连接网络。您填写的内容已保存，恢复网络后请点「重试」。"</p>
            <button type="button" class="button secondary" on:click=move |_| chunk.set(Chunk::Wanted)>"重试"</button>
        </div>
    }
    .into_any()
}
