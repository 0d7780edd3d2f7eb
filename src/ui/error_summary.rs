//! The error summary at the top of a step (GOV.UK pattern): every shown error with a link that
//! moves focus to its field. It takes focus itself when 下一步 is refused.

use leptos::prelude::*;
use zhicheng_engine::FieldPath;

use crate::ui::store::{describe_path, focus_after_render, Store};

#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SummaryItem {
    pub path: FieldPath,
    pub text: String,
}

/// The shown errors of `step`, described for a summary.
pub fn step_errors(store: Store, step: usize) -> Vec<SummaryItem> {
    store.state.with(|s| {
        s.shown_in_step(step)
            .into_iter()
            .filter(|v| v.is_error())
            .map(|v| SummaryItem {
                path: v.path.clone(),
                text: format!("{}：{}", describe_path(s, &v.path), v.message),
            })
            .collect()
    })
}

#[component]
pub fn ErrorSummary(step: usize) -> impl IntoView {
    let store = expect_context::<Store>();
    let items = Memo::new(move |_| step_errors(store, step));
    Effect::new(move |previous: Option<u32>| {
        let requested = store.focus_summary.get();
        if previous.is_some_and(|p| p != requested) {
            focus_after_render("error-summary".to_string());
        }
        requested
    });
    move || {
        let list = items.get();
        (!list.is_empty()).then(|| view! { <SummaryBox items=list/> })
    }
}

/// The summary box itself; also used by the review page for the whole form.
#[component]
pub fn SummaryBox(items: Vec<SummaryItem>) -> impl IntoView {
    let store = expect_context::<Store>();
    let count = items.len();
    view! {
        <div class="error-summary" id="error-summary" tabindex="-1" role="alert" aria-labelledby="error-summary-title">
            <h2 id="error-summary-title">{format!("有 {count} 处需要修改")}</h2>
            <ul>
                {items
                    .into_iter()
                    .map(|item| {
                        let path = item.path.clone();
                        view! {
                            <li>
                                <a
                                    href=format!("#{}", item.path.dom_id())
                                    on:click=move |ev| {
                                        ev.prevent_default();
                                        store.focus_field(&path);
                                    }
                                >
                                    {item.text}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}
