//! The session's observable state as Leptos signals: each value read once, then kept current by
//! a subscription that ends with the component that asked for it.

use leptos::prelude::*;
use zhicheng_session::{Observable, Subscription};

/// A signal that follows `observable` until the current owner is cleaned up.
pub fn follow<T: Clone + 'static>(observable: &Observable<T>) -> ReadSignal<T, LocalStorage> {
    let signal = RwSignal::new_local(observable.get());
    let subscription = observable.subscribe(move |value| {
        signal.try_set(value.clone());
    });
    keep_until_cleanup(subscription);
    signal.read_only()
}

/// Keeps `subscription` alive as long as the current owner (the component that made it): the
/// owner's arena drops it, and with it the subscription, when the component goes.
pub fn keep_until_cleanup(subscription: Subscription) {
    StoredValue::new_local(subscription);
}
