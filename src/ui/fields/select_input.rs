//! A single choice from a list; cascades narrow the list by earlier answers.

use leptos::prelude::*;

use super::{aria_invalid, aria_required};
use crate::ui::field_ctx::FieldCtx;
use crate::ui::keyed_list::keyed_list;
use crate::ui::memo::memo;
use crate::ui::store::Store;

#[component]
pub fn SelectInput(ctx: FieldCtx) -> impl IntoView {
    let store = expect_context::<Store>();
    let path = ctx.path.clone();
    let options = memo(move || {
        store.state.with(|s| {
            let Some(field) = s.schema().field_at(&path) else { return Vec::new() };
            s.evaluator().options(field, s.scope_of(&path)).into_iter().map(|o| o.value.clone()).collect::<Vec<_>>()
        })
    });
    let value = ctx.value;
    let read_only = ctx.read_only;
    let on_change = ctx.clone();
    // A value that is no longer offered (its parent changed) stays visible so nothing is lost
    // silently; validation asks the applicant to choose again.
    let stale = move || {
        let v = value.get();
        (!v.is_empty() && !options.with(|o| o.contains(&v))).then(|| {
            view! { <option value=v.clone() selected=true>{format!("{v}（需重新选择）")}</option> }
        })
    };
    let placeholder = move || if options.with(Vec::is_empty) { "请先完成前面的选择" } else { "请选择" };
    view! {
        <select
            class="select"
            id=ctx.dom_id.clone()
            name=ctx.dom_id.clone()
            disabled=move || read_only.get()
            aria-invalid=aria_invalid(&ctx)
            aria-required=aria_required(&ctx)
            aria-describedby=move || ctx.described_by.get()
            on:change=move |ev| {
                on_change.set_text(event_target_value(&ev));
                on_change.touch();
            }
            on:blur=move |_| ctx.touch()
        >
            <option value="" selected=move || value.with(String::is_empty)>{placeholder}</option>
            {stale}
            {keyed_list(move || options.get(), |o| o.clone(), move |option| view! {
                <option value=option.clone() selected=move || value.with(|v| v == &option)>{option.clone()}</option>
            })}
        </select>
    }
}
