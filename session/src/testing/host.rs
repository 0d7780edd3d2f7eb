//! A host whose clock moves only when the test says so. Work spawned by the session runs on
//! `run` or `advance`; sleeps end when the clock passes them. Pages made with `second_page`
//! share the clock and the executor, as two tabs share the machine.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

use zhicheng_engine::Date;

use super::executor::Executor;
use crate::ports::host::Host;
use crate::ports::LocalFuture;

/// What pages of one machine share.
struct Machine {
    executor: Executor,
    now_ms: Cell<u64>,
    sleepers: RefCell<Vec<(u64, Waker)>>,
    ids: Cell<u64>,
    online: Cell<bool>,
    first_page: RefCell<Weak<ManualHost>>,
}

pub struct ManualHost {
    machine: Rc<Machine>,
    page_id: String,
    today: Cell<Date>,
}

impl ManualHost {
    /// A machine whose clock reads `now_ms`, with one page.
    pub fn new(now_ms: u64) -> Rc<ManualHost> {
        let machine = Rc::new(Machine {
            executor: Executor::default(),
            now_ms: Cell::new(now_ms),
            sleepers: RefCell::default(),
            ids: Cell::new(0),
            online: Cell::new(true),
            first_page: RefCell::default(),
        });
        let host = Rc::new(ManualHost { machine, page_id: "page-1".into(), today: Cell::new(default_today()) });
        *host.machine.first_page.borrow_mut() = Rc::downgrade(&host);
        host
    }

    /// Another page (tab) on the same machine.
    pub fn second_page(&self, page_id: &str) -> Rc<ManualHost> {
        Rc::new(ManualHost { machine: self.machine.clone(), page_id: page_id.into(), today: self.today.clone() })
    }

    /// The machine's first page.
    pub fn first_page(&self) -> Rc<ManualHost> {
        self.machine.first_page.borrow().upgrade().expect("the first page is alive")
    }

    /// Runs every piece of work that can go on without the clock moving; returns how many are
    /// still waiting (on a sleep or on something outside).
    pub fn run(&self) -> usize {
        self.machine.executor.run_until_stalled()
    }

    /// Moves the clock on by `ms`, ending the sleeps it passes in order, and runs what follows.
    pub fn advance(&self, ms: u64) {
        let target = self.machine.now_ms.get() + ms;
        loop {
            self.run();
            let next = self.machine.sleepers.borrow().iter().map(|(at, _)| *at).filter(|at| *at <= target).min();
            let Some(at) = next else { break };
            self.machine.now_ms.set(at.max(self.machine.now_ms.get()));
            let due: Vec<Waker> = {
                let mut sleepers = self.machine.sleepers.borrow_mut();
                let (due, later) = sleepers.drain(..).partition(|(when, _)| *when <= at);
                *sleepers = later;
                due.into_iter().map(|(_, w)| w).collect()
            };
            due.into_iter().for_each(Waker::wake);
        }
        self.machine.now_ms.set(target);
        self.run();
    }

    pub fn set_online(&self, online: bool) {
        self.machine.online.set(online);
    }

    pub fn set_today(&self, today: Date) {
        self.today.set(today);
    }
}

fn default_today() -> Date {
    Date::new(2026, 12, 1).expect("a real date")
}

/// Ends once the machine's clock reaches `at`.
struct Sleep {
    machine: Rc<Machine>,
    at: u64,
}

impl Future for Sleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.machine.now_ms.get() >= self.at {
            return Poll::Ready(());
        }
        self.machine.sleepers.borrow_mut().push((self.at, cx.waker().clone()));
        Poll::Pending
    }
}

impl Host for ManualHost {
    fn spawn(&self, work: LocalFuture<()>) {
        self.machine.executor.spawn(work);
    }

    fn sleep(&self, ms: u64) -> LocalFuture<()> {
        Box::pin(Sleep { machine: self.machine.clone(), at: self.machine.now_ms.get() + ms })
    }

    fn now_ms(&self) -> u64 {
        self.machine.now_ms.get()
    }

    fn today(&self) -> Date {
        self.today.get()
    }

    fn new_id(&self) -> String {
        let n = self.machine.ids.get() + 1;
        self.machine.ids.set(n);
        format!("00000000-0000-4000-8000-{n:012}")
    }

    fn random_bytes(&self, n: usize) -> Result<Vec<u8>, String> {
        let seed = self.machine.ids.get() + 1;
        self.machine.ids.set(seed);
        Ok((0..n).map(|i| (seed as usize * 31 + i * 7) as u8).collect())
    }

    fn random_unit(&self) -> f64 {
        0.5
    }

    fn online(&self) -> bool {
        self.machine.online.get()
    }

    fn page_id(&self) -> String {
        self.page_id.clone()
    }
}

impl ManualHost {
    /// Spawns a future without boxing it first.
    pub fn spawn_local(&self, work: impl Future<Output = ()> + 'static) {
        self.machine.executor.spawn(Box::pin(work));
    }
}
