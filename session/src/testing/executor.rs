//! A single-threaded executor for tests: spawned work runs when the test asks, and a task is
//! polled again only when something woke it, so "nothing left to do" is well defined.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

use crate::ports::LocalFuture;

#[derive(Default)]
pub struct Executor {
    tasks: RefCell<BTreeMap<u64, LocalFuture<()>>>,
    next_id: RefCell<u64>,
    /// Tasks to poll: new ones, and those whose waker was called.
    ready: Arc<Mutex<Vec<u64>>>,
}

struct TaskWaker {
    id: u64,
    ready: Arc<Mutex<Vec<u64>>>,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.ready.lock().expect("executor queue").push(self.id);
    }
}

impl Executor {
    pub fn spawn(&self, work: LocalFuture<()>) {
        let id = {
            let mut next = self.next_id.borrow_mut();
            *next += 1;
            *next
        };
        self.tasks.borrow_mut().insert(id, work);
        self.ready.lock().expect("executor queue").push(id);
    }

    /// Polls woken tasks until none is left to poll; returns how many tasks are still waiting.
    pub fn run_until_stalled(&self) -> usize {
        loop {
            let due: Vec<u64> = std::mem::take(&mut *self.ready.lock().expect("executor queue"));
            if due.is_empty() {
                return self.tasks.borrow().len();
            }
            for id in due {
                // The task is taken out while it runs: it may spawn others.
                let Some(mut task) = self.tasks.borrow_mut().remove(&id) else { continue };
                let waker = Waker::from(Arc::new(TaskWaker { id, ready: self.ready.clone() }));
                if task.as_mut().poll(&mut Context::from_waker(&waker)) == Poll::Pending {
                    self.tasks.borrow_mut().insert(id, task);
                }
            }
        }
    }
}
