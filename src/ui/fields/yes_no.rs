//! 是 / 否 as two radio buttons.

use leptos::prelude::*;

use crate::ui::field_ctx::FieldCtx;

#[component]
pub fn YesNo(ctx: FieldCtx) -> impl IntoView {
    let value = ctx.value;
    let name = ctx.dom_id.clone();
    let radio = move |choice: &'static str, id: String, ctx: FieldCtx| {
        view! {
            <div class="choice">
                <input
                    type="radio"
                    id=id.clone()
                    name=name.clone()
                    value=choice
                    prop:checked=move || value.with(|v| v == choice)
                    on:change=move |_| {
                        ctx.set_text(choice.to_string());
                        ctx.touch();
                    }
                />
                <label for=id>{choice}</label>
            </div>
        }
    };
    // The first radio carries the field's id, so summary links can focus the group.
    view! {
        <div class="choices inline">
            {radio("是", ctx.dom_id.clone(), ctx.clone())}
            {radio("否", format!("{}-no", ctx.dom_id), ctx.clone())}
        </div>
    }
}
