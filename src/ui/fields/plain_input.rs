//! The `<input>` shared by the text-like kinds (text, numbers, dates): value, ARIA wiring and
//! the typing/leaving events, with the few attributes that differ per kind.

use leptos::prelude::*;

use super::{aria_invalid, aria_required};
use crate::ui::field_ctx::FieldCtx;

/// What differs between the text-like controls.
pub struct InputSpec {
    pub input_type: &'static str,
    pub inputmode: Option<&'static str>,
    pub class: &'static str,
    pub maxlength: Option<&'static str>,
}

/// Renders the input: typing sets the value, `change` (date pickers) too, leaving marks it touched.
pub fn plain_input(ctx: FieldCtx, spec: InputSpec) -> impl IntoView {
    let (on_input, on_change, on_blur) = (ctx.clone(), ctx.clone(), ctx.clone());
    let value = ctx.value;
    let read_only = ctx.read_only;
    view! {
        <input
            type=spec.input_type
            class=spec.class
            inputmode=spec.inputmode
            maxlength=spec.maxlength
            id=ctx.dom_id.clone()
            name=ctx.dom_id.clone()
            autocomplete="off"
            placeholder=ctx.field.placeholder.clone()
            prop:value=move || value.get()
            readonly=move || read_only.get()
            aria-invalid=aria_invalid(&ctx)
            aria-required=aria_required(&ctx)
            aria-describedby=move || ctx.described_by.get()
            on:input=move |ev| on_input.set_text(event_target_value(&ev))
            on:change=move |ev| on_change.set_text(event_target_value(&ev))
            on:blur=move |_| on_blur.touch()
        />
    }
}
