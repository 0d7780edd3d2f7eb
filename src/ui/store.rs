//! The UI's handle on the open form: the session's `OpenForm` behind a signal that changes with
//! its state, plus the little view state the engine does not own (which repeat row is open,
//! where focus should go).

use leptos::prelude::*;
use zhicheng_engine::{Command, FieldPath, FormState, Outcome, Position, RowId, Severity, Value};
use zhicheng_session::OpenForm;

use crate::ui::bridge::keep_until_cleanup;
use crate::ui::mounted::use_mount;

/// The form state as a signal: reading it inside a reactive context tracks every change.
#[derive(Clone, Copy)]
pub struct StateSignal {
    form: StoredValue<OpenForm, LocalStorage>,
    changed: Trigger,
}

impl StateSignal {
    /// Reads the state and tracks its changes.
    pub fn with<R>(&self, read: impl FnOnce(&FormState) -> R) -> R {
        self.changed.track();
        self.with_untracked(read)
    }

    /// Reads the state without tracking.
    pub fn with_untracked<R>(&self, read: impl FnOnce(&FormState) -> R) -> R {
        self.form.with_value(|form| form.with_state(read))
    }

    /// Tracks changes without reading.
    pub fn track(&self) {
        self.changed.track();
    }
}

/// Shared by every component of the open form through context. Copy, so closures can capture it.
#[derive(Clone, Copy)]
pub struct Store {
    pub state: StateSignal,
    /// The repeat row whose editor is open: `(group id, row id)`.
    pub open_row: RwSignal<Option<(String, RowId)>>,
    /// Bumped when the error summary should take focus (after a refused 下一步).
    pub focus_summary: RwSignal<u32>,
}

/// A message as shown next to a field.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownMessage {
    pub is_error: bool,
    pub text: String,
}

impl Store {
    /// The store of `form`; its signal follows the form's changes until the owner is cleaned up.
    pub fn new(form: OpenForm) -> Store {
        let changed = Trigger::new();
        keep_until_cleanup(form.changes().subscribe(move |_| changed.notify()));
        Store {
            state: StateSignal { form: StoredValue::new_local(form), changed },
            open_row: RwSignal::new(None),
            focus_summary: RwSignal::new(0),
        }
    }

    /// The session's open form.
    pub fn form(&self) -> OpenForm {
        self.state.form.get_value()
    }

    /// Applies a command to the engine state; the only way the UI changes the form.
    pub fn dispatch(&self, command: Command) -> Outcome {
        self.form().dispatch(command)
    }

    pub fn set(&self, path: &FieldPath, value: Value) {
        self.dispatch(Command::SetValue { path: path.clone(), value });
    }

    pub fn set_text(&self, path: &FieldPath, text: String) {
        self.set(path, Value::Text(text));
    }

    /// Marks a field as left, so its messages show. Skips the update when nothing would change,
    /// so moving focus around does not re-run every derived signal.
    pub fn touch(&self, path: &FieldPath) {
        if self.state.with_untracked(|s| !s.is_touched(path) || s.is_editing(path)) {
            self.dispatch(Command::Touch(path.clone()));
        }
    }

    /// The messages shown for exactly this path.
    pub fn shown_messages(&self, path: &FieldPath) -> Vec<ShownMessage> {
        self.state.with(|s| {
            s.shown_for(path)
                .map(|v| ShownMessage { is_error: v.severity == Severity::Error, text: v.message.clone() })
                .collect()
        })
    }

    /// Moves focus to a field: goes to its step and opens its repeat row first when needed.
    pub fn focus_field(&self, path: &FieldPath) {
        let step = self.state.with_untracked(|s| s.step_of(path));
        if let Some(step) = step {
            if self.state.with_untracked(|s| s.position()) != Position::Step(step) {
                self.dispatch(Command::GoTo(Position::Step(step)));
            }
        }
        if let Some((group, row)) = &path.row {
            self.open_row.set(Some((group.clone(), *row)));
        }
        focus_after_render(path.dom_id());
    }
}

/// The open form's store, from context.
pub fn use_store() -> Store {
    expect_context::<Store>()
}

/// Focuses the element `id` once the pending renders are done (a step change and then a row
/// editor can take two ticks), for elements that a state change is about to create or replace.
/// A screen loaded on demand (`on_demand.rs`) shows its elements once its chunk is here, so the
/// focus waits for it a little longer (two seconds at most, then the chunk is not coming soon).
pub fn focus_after_render(id: String) {
    let mount = use_mount();
    leptos::task::spawn_local(async move {
        leptos::task::tick().await;
        leptos::task::tick().await;
        for _ in 0..40 {
            if mount.focus(&id) {
                return;
            }
            zhicheng_browser::clock::sleep(50).await;
        }
    });
}

/// Describes a path for summaries: 「教育经历 第 2 条 · 毕业学校」.
pub fn describe_path(state: &FormState, path: &FieldPath) -> String {
    let schema = state.schema();
    match &path.row {
        None => schema.field(&path.field).map(|f| f.label.clone()).unwrap_or_else(|| path.field.clone()),
        Some((group, row)) => {
            let Some(group_field) = schema.field(group) else { return path.to_string() };
            let index = state.rows(group).iter().position(|r| r.id == *row).map(|i| i + 1).unwrap_or(0);
            let child = group_field.child(&path.field).map(|f| f.label.as_str()).unwrap_or(&path.field);
            format!("{} 第 {index} 条 · {child}", group_field.label)
        }
    }
}
