//! Several choices as a group of checkboxes (e.g. the 工作负面情况 list).

use leptos::prelude::*;
use zhicheng_engine::Value;

use crate::ui::field_ctx::FieldCtx;
use crate::ui::memo::memo;
use crate::ui::store::Store;

#[component]
pub fn MultiSelect(ctx: FieldCtx) -> impl IntoView {
    let store = expect_context::<Store>();
    let path = ctx.path.clone();
    let (options, selected) = {
        let p = path.clone();
        let options = memo(move || {
            store.state.with(|s| {
                let Some(field) = s.schema().field_at(&p) else { return Vec::new() };
                s.evaluator().options(field, s.scope_of(&p)).into_iter().map(|o| o.value.clone()).collect::<Vec<_>>()
            })
        });
        let p = path.clone();
        let selected =
            memo(move || store.state.with(|s| s.value(&p).map(|v| v.as_list().to_vec()).unwrap_or_default()));
        (options, selected)
    };
    let dom_id = ctx.dom_id.clone();
    let container_id = dom_id.clone();
    view! {
        <div class="choices" id=container_id tabindex="-1">
            {move || {
                options
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, option)| {
                        let id = format!("{dom_id}-{i}");
                        let path = path.clone();
                        let toggled = option.clone();
                        let checked = option.clone();
                        view! {
                            <div class="choice">
                                <input
                                    type="checkbox"
                                    id=id.clone()
                                    prop:checked=move || selected.with(|s| s.contains(&checked))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let mut list = selected.get_untracked();
                                        list.retain(|v| v != &toggled);
                                        if on {
                                            list.push(toggled.clone());
                                        }
                                        store.set(&path, Value::List(list));
                                        store.touch(&path);
                                    }
                                />
                                <label for=id>{option}</label>
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}
