//! One field: label, hint, messages and the control for its kind, with the ARIA wiring
//! (`aria-invalid`, `aria-describedby`) derived from the engine's report.

use leptos::prelude::*;
use zhicheng_engine::{Field, FieldKind, FieldPath};

use crate::ui::fields;
use crate::ui::group_editor::GroupEditor;
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
    pub described_by: Signal<Option<String>>,
}

impl FieldCtx {
    fn new(store: Store, path: FieldPath, field: Field) -> FieldCtx {
        let dom_id = path.dom_id();
        let p = path.clone();
        let value = Memo::new(move |_| store.state.with(|s| s.text(&p).to_string()));
        let p = path.clone();
        let messages = Memo::new(move |_| store.shown_messages(&p));
        let invalid = Memo::new(move |_| messages.with(|m| m.iter().any(|m| m.is_error)));
        let p = path.clone();
        let required = Memo::new(move |_| store.state.with(|s| s.is_required(&p)));
        let p = path.clone();
        let read_only = Memo::new(move |_| store.state.with(|s| s.is_read_only(&p)));
        let has_hint = field.hint.is_some() || field.compute.is_some();
        let has_counter = field.max_chars.is_some();
        let id = dom_id.clone();
        let described_by = Signal::derive(move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(format!("{id}-hint"));
            }
            if !messages.with(Vec::is_empty) {
                ids.push(format!("{id}-msg"));
            }
            if has_counter {
                ids.push(format!("{id}-count"));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        });
        FieldCtx { path, field, dom_id, value, messages, invalid, required, read_only, described_by }
    }

    /// Marks the field as left (blur or change), so its messages may show.
    pub fn touch(&self) {
        expect_context::<Store>().touch(&self.path);
    }

    pub fn set_text(&self, text: String) {
        expect_context::<Store>().set_text(&self.path, text);
    }
}

/// Renders a field of any kind, or nothing while it is hidden.
#[component]
pub fn FieldView(path: FieldPath, field: Field) -> impl IntoView {
    let store = expect_context::<Store>();
    let p = path.clone();
    let visible = Memo::new(move |_| store.state.with(|s| s.is_visible(&p)));
    move || {
        if !visible.get() {
            return ().into_any();
        }
        if field.kind == FieldKind::Group {
            return view! { <GroupEditor field=field.clone()/> }.into_any();
        }
        render_field(FieldCtx::new(store, path.clone(), field.clone())).into_any()
    }
}

fn render_field(ctx: FieldCtx) -> impl IntoView {
    let kind = ctx.field.kind;
    let classes = if ctx.field.wide || matches!(kind, FieldKind::Textarea | FieldKind::MultiSelect) {
        "field wide"
    } else {
        "field"
    };
    let invalid = ctx.invalid;
    match kind {
        FieldKind::MultiSelect | FieldKind::YesNo => view! {
            <fieldset class=classes class:has-error=move || invalid.get() aria-describedby=move || ctx.described_by.get()>
                <legend class="label"><Label ctx=ctx.clone()/></legend>
                <Hint ctx=ctx.clone()/>
                <Messages ctx=ctx.clone()/>
                {fields::control(ctx.clone())}
            </fieldset>
        }
        .into_any(),
        FieldKind::Checkbox => view! {
            <div class=format!("{classes} checkbox-field") class:has-error=move || invalid.get()>
                <Messages ctx=ctx.clone()/>
                {fields::control(ctx.clone())}
                <Hint ctx=ctx.clone()/>
            </div>
        }
        .into_any(),
        _ => view! {
            <div class=classes class:has-error=move || invalid.get()>
                <div class="label-row">
                    <label class="label" for=ctx.dom_id.clone()>{ctx.field.label.clone()}</label>
                    <RequiredMark ctx=ctx.clone()/>
                </div>
                <Hint ctx=ctx.clone()/>
                <Messages ctx=ctx.clone()/>
                {fields::control(ctx.clone())}
            </div>
        }
        .into_any(),
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

#[component]
fn Hint(ctx: FieldCtx) -> impl IntoView {
    let text = match (&ctx.field.hint, &ctx.field.compute) {
        (Some(hint), Some(_)) => Some(format!("{hint}（系统自动计算）")),
        (Some(hint), None) => Some(hint.clone()),
        (None, Some(_)) => Some("由系统根据已填信息自动填写。".to_string()),
        (None, None) => None,
    };
    text.map(|t| view! { <p class="hint" id=format!("{}-hint", ctx.dom_id)>{t}</p> })
}

/// Error and warning messages of the field; errors are announced as such to screen readers.
#[component]
fn Messages(ctx: FieldCtx) -> impl IntoView {
    let messages = ctx.messages;
    let id = format!("{}-msg", ctx.dom_id);
    move || {
        let list = messages.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="messages" id=id.clone()>
                    {list
                        .into_iter()
                        .map(|m| {
                            let (class, prefix) = if m.is_error { ("message error", "错误：") } else { ("message warning", "提示：") };
                            view! { <p class=class><span class="visually-hidden">{prefix}</span>{m.text}</p> }
                        })
                        .collect_view()}
                </div>
            }
        })
    }
}
