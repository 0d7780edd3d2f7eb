//! The session's observable state as reactive values: reading one inside a reactive context
//! tracks it, and the session's changes reach the UI until the component that asked goes.

use leptos::prelude::*;
use zhicheng_session::{Observable, Subscription};

/// An observable of the session, read reactively. Copy, so closures can capture it.
pub struct Followed<T: 'static> {
    source: StoredValue<Observable<T>, LocalStorage>,
    changed: Trigger,
}

impl<T: 'static> Clone for Followed<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Followed<T> {}

impl<T: 'static> Followed<T> {
    /// Reads the value and tracks its changes.
    pub fn with<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        self.changed.track();
        self.source.with_value(|o| o.with(read))
    }
}

impl<T: Clone + 'static> Followed<T> {
    pub fn get(&self) -> T {
        self.with(T::clone)
    }
}

/// Follows `observable` until the current owner is cleaned up.
pub fn follow<T: 'static>(observable: &Observable<T>) -> Followed<T> {
    let changed = Trigger::new();
    keep_until_cleanup(observable.subscribe(move |_| changed.notify()));
    Followed { source: StoredValue::new_local(observable.clone()), changed }
}

/// Keeps `subscription` alive as long as the current owner (the component that made it): the
/// owner's arena drops it, and with it the subscription, when the component goes.
pub fn keep_until_cleanup(subscription: Subscription) {
    StoredValue::new_local(subscription);
}

/// Runs `work` after `delay`, unless the current owner is cleaned up first (the component goes,
/// an effect runs again, a widget is removed): then the timer is cleared and `work` never runs.
pub fn after_unless_cleaned_up(delay: std::time::Duration, work: impl FnOnce() + 'static) {
    if let Ok(timer) = set_timeout_with_handle(work, delay) {
        on_cleanup(move || timer.clear());
    }
}
