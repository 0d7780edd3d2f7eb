//! Multi-line text with a live character counter such as 「29/500」 (counted in characters).

use leptos::prelude::*;
use zhicheng_engine::rules::text_length::char_count;

use super::{aria_invalid, aria_required};
use crate::ui::field_ctx::FieldCtx;

#[component]
pub fn TextArea(ctx: FieldCtx) -> impl IntoView {
    let (on_input, on_blur) = (ctx.clone(), ctx.clone());
    let value = ctx.value;
    let max = ctx.field.max_chars;
    let counter = max.map(|max| {
        let count = Memo::new(move |_| value.with(|v| char_count(v)));
        view! {
            <p class="counter" class:over={move || count.get() > max} id=format!("{}-count", ctx.dom_id)>
                {move || format!("{}/{}", count.get(), max)}
                <span class="visually-hidden">" 字"</span>
            </p>
        }
    });
    view! {
        <textarea
            class="textarea"
            id=ctx.dom_id.clone()
            name=ctx.dom_id.clone()
            rows="5"
            placeholder=ctx.field.placeholder.clone()
            prop:value=move || value.get()
            aria-invalid=aria_invalid(&ctx)
            aria-required=aria_required(&ctx)
            aria-describedby=move || ctx.described_by.get()
            on:input=move |ev| on_input.set_text(event_target_value(&ev))
            on:blur=move |_| on_blur.touch()
        ></textarea>
        {counter}
    }
}
