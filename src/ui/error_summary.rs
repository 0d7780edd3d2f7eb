//! The error summary at the top of a step (GOV.UK pattern): every shown error with a link that
//! moves focus to its field. It takes focus itself when 下一步 is refused.

use leptos::prelude::*;
use zhicheng_engine::FieldPath;

use crate::ui::keyed_list::keyed_list;
use crate::ui::memo::memo;
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
    let items = memo(move || step_errors(store, step));
    let shown = memo(move || !items.with(Vec::is_empty));
    Effect::new(move |previous: Option<u32>| {
        let requested = store.focus_summary.get();
        if previous.is_some_and(|p| p != requested) {
            focus_after_render("error-summary".to_string());
        }
        requested
    });
    // The box is built when the first error shows and kept while any remains: the field left by
    // moving focus to the summary adds its own error, and a rebuilt box would lose that focus.
    move || shown.get().then(|| view! { <SummaryBox items=items/> })
}

/// The summary box itself; also used by the review page for the whole form. Its links follow
/// `items`, the box element stays.
#[component]
pub fn SummaryBox(#[prop(into)] items: Signal<Vec<SummaryItem>>) -> impl IntoView {
    let store = expect_context::<Store>();
    view! {
        <div class="error-summary" id="error-summary" tabindex="-1" role="alert" aria-labelledby="error-summary-title">
            <h2 id="error-summary-title">{move || format!("有 {} 处需要修改", items.with(Vec::len))}</h2>
            <ul>
                {keyed_list(move || items.get(), |item| item.clone(), move |item| summary_link(store, item))}
            </ul>
        </div>
    }
}

/// One summary entry: a link that moves focus to its field (opening its step and row first).
fn summary_link(store: Store, item: SummaryItem) -> impl IntoView {
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
}
