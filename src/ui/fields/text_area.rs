//! Multi-line text with a live character counter: 「29/500」 for a maximum alone, 「已输入 1234 字（要求
//! 1500–2000 字）」 when a minimum is set too (counted in characters).

use leptos::prelude::*;
use zhicheng_engine::rules::text_length::{char_count, counter_text};

use super::{aria_invalid, aria_required};
use crate::ui::field_ctx::FieldCtx;
use crate::ui::memo::memo;

#[component]
pub fn TextArea(ctx: FieldCtx) -> impl IntoView {
    let (on_input, on_blur) = (ctx.clone(), ctx.clone());
    let value = ctx.value;
    let (min, max) = (ctx.field.min_chars, ctx.field.max_chars);
    let counter = counter_text(0, min, max).map(|_| {
        let count = memo(move || value.with(|v| char_count(v)));
        let plain = min.is_none();
        view! {
            <p class="counter" class:over={move || max.is_some_and(|max| count.get() > max)} id=format!("{}-count", ctx.dom_id)>
                {move || counter_text(count.get(), min, max).unwrap_or_default()}
                {plain.then(|| view! { <span class="visually-hidden">" 字"</span> })}
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
