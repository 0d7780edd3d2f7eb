//! A single box to tick, such as the pledge 「本人已阅读并同意」.

use leptos::prelude::*;
use zhicheng_engine::Value;

use super::aria_invalid;
use crate::ui::field_ctx::{FieldCtx, RequiredMark};
use crate::ui::memo::memo;
use crate::ui::store::Store;

#[component]
pub fn Checkbox(ctx: FieldCtx) -> impl IntoView {
    let store = expect_context::<Store>();
    let path = ctx.path.clone();
    let p = path.clone();
    let checked = memo(move || store.state.with(|s| s.value(&p).is_some_and(Value::as_bool)));
    view! {
        <div class="choice single">
            <input
                type="checkbox"
                id=ctx.dom_id.clone()
                prop:checked=move || checked.get()
                aria-invalid=aria_invalid(&ctx)
                aria-describedby=move || ctx.described_by.get()
                on:change=move |ev| {
                    store.set(&path, Value::Bool(event_target_checked(&ev)));
                    store.touch(&path);
                }
            />
            <label for=ctx.dom_id.clone()>{ctx.field.label.clone()}</label>
            <RequiredMark ctx=ctx.clone()/>
        </div>
    }
}
