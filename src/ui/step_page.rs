//! One step of the form: its error summary, sections and the 上一步 / 下一步 buttons.

use leptos::prelude::*;
use zhicheng_engine::{Command, Outcome, Value};

use crate::ui::deferred::deferred;
use crate::ui::error_summary::ErrorSummary;
use crate::ui::on_demand::{fetch_subject, subject_package};
use crate::ui::section::SectionView;
use crate::ui::store::Store;
use crate::ui::training_hooks;

#[component]
pub fn StepPage(step: usize) -> impl IntoView {
    let store = expect_context::<Store>();
    let schema = store.state.with_untracked(|s| s.schema().clone());
    let step_def = &schema.steps[step];
    let (number, total) = store.state.with_untracked(|s| {
        let visible = s.visible_steps();
        (visible.iter().position(|v| *v == step).unwrap_or(0) + 1, visible.len() + 1)
    });
    let is_first = number == 1;
    let is_gate = step_def.gate;
    let sections = step_def
        .sections
        .iter()
        .enumerate()
        .map(|(index, section)| view! { <SectionView step=step index=index section=section.clone()/> })
        .collect_view();

    let next = move |_| {
        if let Outcome::Blocked { .. } = store.dispatch(Command::Next) {
            store.focus_summary.update(|n| *n += 1);
        }
    };
    let previous = move |_| {
        store.dispatch(Command::Previous);
    };
    // Pressing a button with the mouse would first take focus from the field being filled in;
    // leaving the field shows its message, which moves the button down before the mouse is
    // released, and the click is lost (it lands on what is under the pointer by then). The
    // field keeps focus until the click has been handled; the keyboard works as before.
    let keep_focus = |ev: leptos::ev::MouseEvent| ev.prevent_default();
    view! {
        <div class="step-page">
            <p class="step-count">{format!("第 {number} 步，共 {total} 步")}</p>
            <h2 id="page-heading" tabindex="-1">{step_def.title.clone()}</h2>
            <ErrorSummary step=step/>
            {training_hooks::step_tips(step)}
            {sections}
            {subject_on_step(store, step).map(|subject| deferred(fetch_subject, move || subject_package(subject.clone(), store)))}
            <div class="step-actions" part="actions">
                {(!is_first).then(|| view! {
                    <button type="button" class="button secondary" on:mousedown=keep_focus on:click=previous>"上一步"</button>
                })}
                <button type="button" class="button primary" on:mousedown=keep_focus on:click=next>
                    {if is_gate { "同意并开始填写" } else { "下一步" }}
                </button>
            </div>
        </div>
    }
}

/// The decided package's id, when the open form is a decision and this step holds its subject.
fn subject_on_step(store: Store, step: usize) -> Option<String> {
    store.state.with_untracked(|s| {
        let decides = s.schema().settings.decides.as_ref()?;
        let here = s
            .schema()
            .steps
            .get(step)?
            .sections
            .iter()
            .any(|sec| sec.fields.iter().any(|f| f.id == decides.subject_field));
        here.then(|| s.answers().get(&decides.subject_field).and_then(Value::as_text).map(String::from)).flatten()
    })
}
