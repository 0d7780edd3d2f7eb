//! What a screen loads in the background (a schema, the catalog, the 草稿箱's lists), as a signal:
//! one small effect per load instead of Leptos' `LocalResource`, whose async machinery was
//! compiled again for every type loaded (about 4 KB of WebAssembly each).

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

/// `None` until `fetch`'s future first completes, then its latest result. `fetch` runs again
/// whenever a signal it reads changes; the value shown meanwhile stays, and a result that arrives
/// after a newer run started is dropped.
pub fn loaded<T, F>(fetch: impl Fn() -> F + 'static) -> ReadSignal<Option<T>, LocalStorage>
where
    T: 'static,
    F: Future<Output = T> + 'static,
{
    let (value, set_value) = signal_local(None::<T>);
    let runs = Rc::new(Cell::new(0u64));
    rerun_when_read_signals_change(Box::new(move || {
        let run = runs.get() + 1;
        runs.set(run);
        let runs = runs.clone();
        let future = fetch();
        Box::pin(async move {
            let result = future.await;
            if runs.get() == run {
                set_value.try_set(Some(result));
            }
        })
    }));
    value
}

/// The part of `loaded` that does not depend on what is loaded, compiled once.
fn rerun_when_read_signals_change(start: Box<dyn Fn() -> Pin<Box<dyn Future<Output = ()>>>>) {
    Effect::new(move |_| spawn_local(start()));
}
