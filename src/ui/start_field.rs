//! One start-page choice: a select offering what the engine allows given the earlier choices,
//! or, for a computed field (the 评委会 found from series, level and specialty), its value.

use leptos::prelude::*;
use zhicheng_engine::{Command, Computed, FieldPath, FormState, Value};

use crate::ui::memo::memo;

#[component]
pub fn StartField(state: RwSignal<FormState, LocalStorage>, id: String) -> impl IntoView {
    let path = FieldPath::top(&id);
    let dom_id = format!("start-{id}");
    let label = state.with_untracked(|s| s.schema().field(&id).map(|f| f.label.clone()).unwrap_or_default());
    let computed = state.with_untracked(|s| s.computed(&path).is_some());
    if computed {
        let shown = move || match state.with(|s| s.computed(&path)) {
            Some(Computed::Value(value)) => value,
            _ => "（完成前面的选择后自动确定）".to_string(),
        };
        return view! {
            <div class="field wide"><span class="label" id=dom_id.clone()>{label}</span><output aria-labelledby=dom_id>{shown}</output></div>
        }
        .into_any();
    }
    let reading = path.clone();
    let options = move || {
        state.with(|s| {
            let Some(field) = s.schema().field_at(&reading) else { return Vec::new() };
            s.evaluator().options(field, None).into_iter().map(|o| o.value.clone()).collect::<Vec<_>>()
        })
    };
    let current = path.clone();
    let value = memo(move || state.with(|s| s.text(&current).to_string()));
    let on_change = move |ev| {
        let text = event_target_value(&ev);
        state.update(|s| {
            s.apply(Command::SetValue { path: path.clone(), value: Value::text(text) });
        });
    };
    view! {
        <div class="field">
            <label class="label" for=dom_id.clone()>{label}</label>
            <select class="select" id=dom_id on:change=on_change>
                <option value="" selected=move || value.with(String::is_empty)>"请选择"</option>
                {move || {
                    let chosen = value.get();
                    options().into_iter().map(|o| {
                        let selected = o == chosen;
                        view! { <option value=o.clone() selected=selected>{o.clone()}</option> }
                    }).collect_view()
                }}
            </select>
        </div>
    }
    .into_any()
}
