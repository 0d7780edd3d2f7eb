//! Integers, decimals and years, typed as text with a numeric keyboard on phones (the engine
//! validates the text, so nothing typed is silently dropped as `type="number"` would).

use leptos::prelude::*;
use zhicheng_engine::schema::FieldKind;

use super::{aria_invalid, aria_required};
use crate::ui::field::FieldCtx;

#[component]
pub fn NumberInput(ctx: FieldCtx) -> impl IntoView {
    let (on_input, on_blur) = (ctx.clone(), ctx.clone());
    let value = ctx.value;
    let read_only = ctx.read_only;
    let (mode, width) = match ctx.field.kind {
        FieldKind::Decimal => ("decimal", "input narrow"),
        FieldKind::Year => ("numeric", "input year"),
        _ => ("numeric", "input narrow"),
    };
    view! {
        <input
            type="text"
            class=width
            inputmode=mode
            id=ctx.dom_id.clone()
            name=ctx.dom_id.clone()
            autocomplete="off"
            maxlength=if ctx.field.kind == FieldKind::Year { Some("4") } else { None }
            prop:value=move || value.get()
            readonly=move || read_only.get()
            aria-invalid=aria_invalid(&ctx)
            aria-required=aria_required(&ctx)
            aria-describedby=move || ctx.described_by.get()
            on:input=move |ev| on_input.set_text(event_target_value(&ev))
            on:blur=move |_| on_blur.touch()
        />
    }
}
