//! Every keyed list of the UI through one `<For>`: its items' types are erased to a key hash and a
//! view-making closure, so Leptos' keyed diff is compiled once for the whole app rather than once
//! per list (each instantiation cost 6–14 KB of WebAssembly).

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use leptos::prelude::*;

/// One item of a list, as the shared `<For>` sees it: its key and how to draw it.
struct Keyed {
    key: u64,
    make: Box<dyn FnOnce() -> AnyView + Send>,
}

/// The items of `each`, keyed by `key`, each drawn by `view` when its key first appears; an item
/// whose key is kept keeps its DOM (and the focus within it) when the list changes.
pub fn keyed_list<T, K, V>(
    each: impl Fn() -> Vec<T> + Send + Sync + 'static,
    key: impl Fn(&T) -> K + Send + Sync + 'static,
    view: impl Fn(T) -> V + Send + Sync + 'static,
) -> AnyView
where
    T: Send + 'static,
    K: Hash,
    V: IntoView + 'static,
{
    let view = Arc::new(view);
    let entries = move || {
        each()
            .into_iter()
            .map(|item| {
                let mut hasher = DefaultHasher::new();
                key(&item).hash(&mut hasher);
                let view = view.clone();
                Keyed { key: hasher.finish(), make: Box::new(move || view(item).into_any()) }
            })
            .collect::<Vec<_>>()
    };
    shared_for(Box::new(entries))
}

/// The one `<For>` of the app.
fn shared_for(each: Box<dyn Fn() -> Vec<Keyed> + Send>) -> AnyView {
    view! { <For each=each key=|entry: &Keyed| entry.key children=|entry: Keyed| (entry.make)()/> }.into_any()
}
