//! Dates (`<input type="date">`) and year-months (`<input type="month">`), stored as ISO text.

use leptos::prelude::*;
use zhicheng_engine::schema::FieldKind;

use super::{aria_invalid, aria_required};
use crate::ui::field::FieldCtx;

#[component]
pub fn DateInput(ctx: FieldCtx) -> impl IntoView {
    let (on_input, on_blur) = (ctx.clone(), ctx.clone());
    let value = ctx.value;
    let read_only = ctx.read_only;
    let kind = if ctx.field.kind == FieldKind::YearMonth { "month" } else { "date" };
    view! {
        <input
            type=kind
            class="input date"
            id=ctx.dom_id.clone()
            name=ctx.dom_id.clone()
            prop:value=move || value.get()
            readonly=move || read_only.get()
            aria-invalid=aria_invalid(&ctx)
            aria-required=aria_required(&ctx)
            aria-describedby=move || ctx.described_by.get()
            on:input=move |ev| on_input.set_text(event_target_value(&ev))
            on:change=move |ev| on_blur.set_text(event_target_value(&ev))
            on:blur=move |_| ctx.touch()
        />
    }
}
