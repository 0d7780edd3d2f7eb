//! One page (tab) of a test profile running a workspace of the short form: the smallest whole
//! session, for tests of the session and of any host.

use std::rc::Rc;

use zhicheng_engine::{Command, FieldPath, Value};

use super::{short_form, ManualHost, Profile};
use crate::open_form::OpenForm;
use crate::workspace::{Screen, Workspace};

pub struct Page {
    pub host: Rc<ManualHost>,
    pub workspace: Workspace,
}

impl Page {
    /// The first page of `profile`'s machine, started.
    pub fn start(profile: &Profile, host: &Rc<ManualHost>, requested: Option<String>) -> Page {
        let workspace = Workspace::new(profile.ports(host), short_form());
        let starting = workspace.clone();
        host.spawn_local(async move { starting.start(requested).await });
        host.run();
        Page { host: host.clone(), workspace }
    }

    /// The open form; panics when another screen is shown.
    pub fn form(&self) -> OpenForm {
        match self.workspace.screen().get() {
            Screen::Form(open) => open,
            _ => panic!("no form is open"),
        }
    }

    /// Types `text` into the top-level field `field`.
    pub fn type_into(&self, field: &str, text: &str) {
        self.form().dispatch(Command::SetValue { path: FieldPath::top(field), value: Value::Text(text.into()) });
    }

    /// Runs `work` on this page's host until it ends, and gives its result.
    pub fn finish<T: 'static>(&self, work: impl std::future::Future<Output = T> + 'static) -> T {
        let slot = Rc::new(std::cell::RefCell::new(None));
        let out = slot.clone();
        self.host.spawn_local(async move { *out.borrow_mut() = Some(work.await) });
        self.host.run();
        let result = slot.borrow_mut().take();
        result.expect("the work ended without waiting for the clock")
    }
}
