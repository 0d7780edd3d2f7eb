//! What a field's control and its label need: the field's path and id, and signals derived from
//! the engine state (value, messages, required, read-only, `aria-describedby`).

use leptos::prelude::*;
use zhicheng_engine::{Field, FieldPath};

use crate::ui::memo::memo;
use crate::ui::store::{ShownMessage, Store};

/// Everything a control needs: its path and id, and signals derived from the engine state.
#[derive(Clone)]
pub struct FieldCtx {
    pub path: FieldPath,
    pub field: Field,
    pub dom_id: String,
    pub value: Memo<String>,
    pub messages: Memo<Vec<ShownMessage>>,
    pub invalid: Memo<bool>,
    pub required: Memo<bool>,
    pub read_only: Memo<bool>,
    /// Whether a host page (a portal) filled the field in (locked ones are read-only too).
    pub prefilled: Memo<bool>,
    pub described_by: Signal<Option<String>>,
}

impl FieldCtx {
    pub fn new(store: Store, path: FieldPath, field: Field) -> FieldCtx {
        let dom_id = path.dom_id();
        let p = path.clone();
        let value = memo(move || store.state.with(|s| s.text(&p).to_string()));
        let p = path.clone();
        let messages = memo(move || store.shown_messages(&p));
        let invalid = memo(move || messages.with(|m| m.iter().any(|m| m.is_error)));
        let p = path.clone();
        let required = memo(move || store.state.with(|s| s.is_required(&p)));
        let p = path.clone();
        let read_only = memo(move || store.state.with(|s| s.is_read_only(&p)));
        let p = path.clone();
        let prefilled = memo(move || store.state.with(|s| s.prefilled(&p).is_some()));
        let has_hint = field.hint.is_some() || field.compute.is_some();
        let has_counter = field.max_chars.is_some() || field.min_chars.is_some();
        let id = dom_id.clone();
        let described_by = Signal::derive(move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(format!("{id}-hint"));
            }
            if prefilled.get() {
                ids.push(format!("{id}-prefilled"));
            }
            if !messages.with(Vec::is_empty) {
                ids.push(format!("{id}-msg"));
            }
            if has_counter {
                ids.push(format!("{id}-count"));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        });
        FieldCtx { path, field, dom_id, value, messages, invalid, required, read_only, prefilled, described_by }
    }

    /// Marks the field as left (blur or change), so its messages may show.
    pub fn touch(&self) {
        expect_context::<Store>().touch(&self.path);
    }

    pub fn set_text(&self, text: String) {
        expect_context::<Store>().set_text(&self.path, text);
    }
}

/// The label text with a required marker (the control carries `aria-required` for screen readers).
#[component]
pub fn Label(ctx: FieldCtx) -> impl IntoView {
    view! { {ctx.field.label.clone()} <RequiredMark ctx=ctx.clone()/> }
}

/// The visible 「*」 of a required field, hidden from screen readers (they hear `aria-required`).
#[component]
pub fn RequiredMark(ctx: FieldCtx) -> impl IntoView {
    let required = ctx.required;
    move || required.get().then(|| view! { <span class="required" aria-hidden="true">" *"</span> })
}
