//! One field: label, hint, messages and the control for its kind, with the ARIA wiring
//! (`aria-invalid`, `aria-describedby`) derived from the engine's report.

use leptos::prelude::*;
use zhicheng_engine::{Field, FieldKind, FieldPath};

use crate::ui::deferred::deferred;
use crate::ui::field_ctx::{FieldCtx, Label, RequiredMark};
use crate::ui::fields;
use crate::ui::memo::memo;
use crate::ui::on_demand::{self, fetch_group};
use crate::ui::store::Store;

/// Renders a field of any kind, or nothing while it is hidden.
#[component]
pub fn FieldView(path: FieldPath, field: Field) -> impl IntoView {
    let store = expect_context::<Store>();
    let p = path.clone();
    let visible = memo(move || store.state.with(|s| s.is_visible(&p)));
    move || {
        if !visible.get() {
            return ().into_any();
        }
        if field.kind == FieldKind::Group {
            let field = field.clone();
            return deferred(fetch_group, move || on_demand::group_editor(field.clone(), row_field)).into_any();
        }
        render_field(FieldCtx::new(store, path.clone(), field.clone())).into_any()
    }
}

/// A field of a repeat row, for the group editor (which cannot name this module: fields contain
/// groups, and groups contain fields).
fn row_field(path: FieldPath, field: Field) -> AnyView {
    view! { <FieldView path=path field=field/> }.into_any()
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

#[component]
fn Hint(ctx: FieldCtx) -> impl IntoView {
    let text = match (&ctx.field.hint, &ctx.field.compute) {
        (Some(hint), Some(_)) => Some(format!("{hint}（系统自动计算）")),
        (Some(hint), None) => Some(hint.clone()),
        (None, Some(_)) => Some("由系统根据已填信息自动填写。".to_string()),
        (None, None) => None,
    };
    let (prefilled, locked) = (ctx.prefilled, ctx.read_only);
    let prefilled_id = format!("{}-prefilled", ctx.dom_id);
    view! {
        {text.map(|t| view! { <p class="hint" id=format!("{}-hint", ctx.dom_id)>{t}</p> })}
        {move || prefilled.get().then(|| {
            // A prefilled field is read-only only when the host locked it (it cannot be computed).
            let note = if locked.get() { "由门户根据您的登记信息填写，不能在此修改。" } else { "由门户预先填写，请核对。" };
            view! { <p class="hint prefilled" id=prefilled_id.clone()>{note}</p> }
        })}
    }
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
