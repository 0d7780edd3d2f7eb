//! Plain observable state: a value and the callbacks that want to hear when it changes. This is
//! the whole contract between the session and a UI: hosts read values and subscribe; the
//! session changes them. A Leptos UI turns each into a signal, a test just reads it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

type Listener<T> = Rc<dyn Fn(&T)>;

/// A value that tells its subscribers of every change. Cloning shares the same value.
pub struct Observable<T> {
    inner: Rc<Inner<T>>,
}

struct Inner<T> {
    value: RefCell<T>,
    /// By subscription id; a plain list (few subscribers, and less code than a map per value type).
    listeners: RefCell<Vec<(u64, Listener<T>)>>,
    next_id: Cell<u64>,
}

/// Keeps a subscription alive: dropping it (when a component or widget goes) unsubscribes.
#[must_use = "the subscription ends when this is dropped"]
pub struct Subscription {
    cancel: Option<Box<dyn FnOnce()>>,
}

impl<T> Clone for Observable<T> {
    fn clone(&self) -> Self {
        Observable { inner: self.inner.clone() }
    }
}

impl<T: 'static> Observable<T> {
    pub fn new(value: T) -> Observable<T> {
        Observable {
            inner: Rc::new(Inner { value: RefCell::new(value), listeners: RefCell::default(), next_id: Cell::new(0) }),
        }
    }

    /// Reads the current value.
    pub fn with<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        read(&self.inner.value.borrow())
    }

    /// Replaces the value and tells every subscriber.
    pub fn set(&self, value: T) {
        *self.inner.value.borrow_mut() = value;
        self.notify();
    }

    /// Changes the value in place and tells every subscriber.
    pub fn update(&self, change: impl FnOnce(&mut T)) {
        change(&mut self.inner.value.borrow_mut());
        self.notify();
    }

    /// Calls `listener` after every change, until the subscription is dropped.
    pub fn subscribe(&self, listener: impl Fn(&T) + 'static) -> Subscription {
        let id = self.inner.next_id.get();
        self.inner.next_id.set(id + 1);
        self.inner.listeners.borrow_mut().push((id, Rc::new(listener)));
        let weak = Rc::downgrade(&self.inner);
        Subscription {
            cancel: Some(Box::new(move || {
                if let Some(inner) = weak.upgrade() {
                    inner.listeners.borrow_mut().retain(|(known, _)| *known != id);
                }
            })),
        }
    }

    /// How many subscriptions are alive (hosts check that unmounting leaves none).
    pub fn subscribers(&self) -> usize {
        self.inner.listeners.borrow().len()
    }

    fn notify(&self) {
        // Listeners may read the value or subscribe: neither borrow is held while they run.
        let listeners: Vec<Listener<T>> = self.inner.listeners.borrow().iter().map(|(_, l)| l.clone()).collect();
        for listener in listeners {
            listener(&self.inner.value.borrow());
        }
    }
}

impl<T: Clone + 'static> Observable<T> {
    pub fn get(&self) -> T {
        self.inner.value.borrow().clone()
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Some(cancel) = self.cancel.take() {
            cancel();
        }
    }
}

impl Subscription {
    /// Keeps the subscription for as long as the observable lives.
    pub fn forever(mut self) {
        self.cancel = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subscribers_hear_every_change_until_they_unsubscribe() {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let value = Observable::new(1);
        let heard = seen.clone();
        let subscription = value.subscribe(move |v| heard.borrow_mut().push(*v));
        value.set(2);
        value.update(|v| *v += 1);
        assert_eq!(value.subscribers(), 1);
        drop(subscription);
        value.set(9);
        assert_eq!(*seen.borrow(), vec![2, 3]);
        assert_eq!((value.get(), value.subscribers()), (9, 0));
    }

    #[test]
    fn a_listener_may_read_the_value_it_hears_about() {
        let value = Observable::new(String::from("a"));
        let reader = value.clone();
        let seen = Rc::new(RefCell::new(String::new()));
        let heard = seen.clone();
        value.subscribe(move |_| *heard.borrow_mut() = reader.get()).forever();
        value.set("b".into());
        assert_eq!(*seen.borrow(), "b");
    }
}
