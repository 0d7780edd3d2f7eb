//! Single-line text (names, numbers such as ID or diploma numbers, units).

use leptos::prelude::*;

use super::{aria_invalid, aria_required};
use crate::ui::field::FieldCtx;

#[component]
pub fn TextInput(ctx: FieldCtx) -> impl IntoView {
    let (on_input, on_blur) = (ctx.clone(), ctx.clone());
    let value = ctx.value;
    let read_only = ctx.read_only;
    view! {
        <input
            type="text"
            class="input"
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
            on:blur=move |_| on_blur.touch()
        />
    }
}
