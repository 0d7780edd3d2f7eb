//! Memos whose closures are boxed, so that Leptos' memo machinery is compiled once per value type
//! rather than once per closure (about 500 bytes of WebAssembly for each of the UI's 40 memos; 0.7 KB brotli in all).

use leptos::prelude::*;

/// A memo's computation, boxed: one type for every memo of the same value type.
type Computation<T> = Box<dyn Fn(Option<&T>) -> T + Send + Sync>;

/// A memo of `compute`: recomputed when a signal it reads changes, and notifying its readers only
/// when the value differs.
pub fn memo<T>(compute: impl Fn() -> T + Send + Sync + 'static) -> Memo<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    let boxed: Computation<T> = Box::new(move |_| compute());
    Memo::new(boxed)
}
