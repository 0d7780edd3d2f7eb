//! Tips beside a step in training mode (data: `public/training/tips/<form>.json`): what the step
//! asks and the mistakes applicants make, each dismissible with 「知道了」; 「下一个提示」 leads
//! through every tip of the form in order, moving to its step and focusing it, so a keyboard or
//! screen-reader user follows the walkthrough as well as anyone. A tip's `source` (which guide it
//! comes from) is for the trainer who edits the file, not shown to trainees.

use leptos::prelude::*;
use zhicheng_engine::training::Tip;
use zhicheng_engine::{Command, Outcome, Position};

use super::use_training;
use crate::ui::store::{focus_after_render, Store};

/// The walkthrough's place, what it last announced and the tips dismissed, for the whole
/// training session (a step's tips are remade when the walkthrough moves to another step).
#[derive(Clone, Copy)]
pub struct TipsState {
    current: RwSignal<Option<String>>,
    dismissed: RwSignal<Vec<String>>,
    announcement: RwSignal<String>,
}

impl TipsState {
    pub fn provide() {
        provide_context(TipsState {
            current: RwSignal::new(None),
            dismissed: RwSignal::new(Vec::new()),
            announcement: RwSignal::new(String::new()),
        });
    }
}

#[component]
pub fn StepTips(step: usize) -> impl IntoView {
    let training = use_training()?;
    let state = use_context::<TipsState>()?;
    let store = expect_context::<Store>();
    let schema = store.state.with_untracked(|s| s.schema().clone());
    let all: Vec<Tip> = training.with_value(|t| t.tips_of(&schema.id).map(|t| t.tips.clone()))?;
    let step_id = schema.steps[step].id.clone();
    let here: Vec<Tip> = all.iter().filter(|t| t.step == step_id).cloned().collect();
    let all = StoredValue::new(all);
    let steps: Vec<String> = schema.steps.iter().map(|s| s.id.clone()).collect();
    let announcement = state.announcement;
    let next = move |_| {
        let (total, found) = all.with_value(|all| {
            let at = state.current.get_untracked().and_then(|id| all.iter().position(|t| t.id == id));
            let next = at.map_or(0, |i| (i + 1) % all.len());
            (all.len(), all.get(next).cloned().map(|t| (next, t)))
        });
        // After the last tip the walkthrough starts again, and says so.
        let again = if found.as_ref().is_some_and(|(index, _)| *index == 0) && state.current.get_untracked().is_some() {
            "提示已全部看完，从第一条重新开始。"
        } else {
            ""
        };
        let Some((index, tip)) = found else { return };
        let target = steps.iter().position(|s| *s == tip.step).unwrap_or(0);
        if target != step {
            if let outcome @ (Outcome::Blocked { .. } | Outcome::Refused(_)) =
                store.dispatch(Command::GoTo(Position::Step(target)))
            {
                let why =
                    if let Outcome::Refused(why) = outcome { why } else { "请先改正本步骤的错误。".into() };
                announcement.set(format!("下一个提示在「{}」步骤：{why}", tip.step));
                return;
            }
        }
        state.dismissed.update(|d| d.retain(|id| *id != tip.id));
        state.current.set(Some(tip.id.clone()));
        announcement.set(format!("{again}提示 {} / {total}：{}", index + 1, tip.title));
        focus_after_render(format!("tip-{}", tip.id));
    };
    let field_label =
        move |tip: &Tip| tip.field.as_ref().and_then(|f| schema.field(f)).map(|f| format!("（{}）", f.label));
    let items = here
        .into_iter()
        .map(|tip| {
            let (id, title) = (tip.id.clone(), tip.title.clone());
            let label = field_label(&tip);
            let shown = {
                let id = id.clone();
                move || !state.dismissed.with(|d| d.contains(&id))
            };
            let current = {
                let id = id.clone();
                move || state.current.with(|c| c.as_deref() == Some(id.as_str()))
            };
            let dismiss = {
                let id = id.clone();
                move |_| state.dismissed.update(|d| d.push(id.clone()))
            };
            view! {
                <Show when=shown.clone()>
                    <li id=format!("tip-{id}") tabindex="-1" class="tip" class:current=current.clone()>
                        <strong>{title.clone()}</strong>{label.clone()}
                        <p>{tip.text.clone()}</p>
                        <button type="button" class="link-button" aria-label=format!("关闭提示「{title}」") on:click=dismiss.clone()>"知道了"</button>
                    </li>
                </Show>
            }
        })
        .collect_view();
    Some(view! {
        <aside class="training-tips" aria-labelledby=format!("tips-heading-{step}")>
            <h3 id=format!("tips-heading-{step}")>"培训提示"</h3>
            <ul>{items}</ul>
            <button type="button" class="button secondary" on:click=next>"下一个提示"</button>
            <p class="visually-hidden" role="status" aria-live="polite">{move || announcement.get()}</p>
        </aside>
    })
}
