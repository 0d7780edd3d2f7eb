//! The stepper: every step with its status (未开始 / 进行中 / 已完成 / 有错误), free jumps.

use leptos::prelude::*;
use zhicheng_engine::{step_status, Command, Outcome, Position, StepStatus};

use crate::ui::keyed_list::keyed_list;
use crate::ui::memo::memo;
use crate::ui::store::Store;

#[derive(Clone, PartialEq, Eq, Hash)]
struct StepEntry {
    position: Position,
    title: String,
    status: Option<StepStatus>,
    current: bool,
}

fn status_class(status: Option<StepStatus>) -> &'static str {
    match status {
        Some(StepStatus::NotStarted) => "status-not-started",
        Some(StepStatus::InProgress) => "status-in-progress",
        Some(StepStatus::Completed) => "status-completed",
        Some(StepStatus::HasErrors) => "status-errors",
        None => "status-review",
    }
}

#[component]
pub fn Stepper() -> impl IntoView {
    let store = expect_context::<Store>();
    let entries = memo(move || {
        store.state.with(|s| {
            let mut entries: Vec<StepEntry> = s
                .visible_steps()
                .into_iter()
                .map(|step| StepEntry {
                    position: Position::Step(step),
                    title: s.schema().steps[step].title.clone(),
                    status: Some(step_status(s, step)),
                    current: s.position() == Position::Step(step),
                })
                .collect();
            let materials_status = if s.missing_materials().is_empty() {
                StepStatus::Completed
            } else if s.attachments().is_empty() {
                StepStatus::NotStarted
            } else {
                StepStatus::InProgress
            };
            if s.has_materials() {
                entries.push(StepEntry {
                    position: Position::Materials,
                    title: "附件材料".to_string(),
                    status: Some(materials_status),
                    current: s.position() == Position::Materials,
                });
            }
            entries.push(StepEntry {
                position: Position::Review,
                title: "核对信息".to_string(),
                status: None,
                current: s.position() == Position::Review,
            });
            entries
        })
    });
    let go = move |target: Position| {
        if let Outcome::Blocked { .. } = store.dispatch(Command::GoTo(target)) {
            store.focus_summary.update(|n| *n += 1);
        }
    };
    view! {
        <nav class="stepper" part="stepper" aria-label="申报步骤">
            <ol>
                {keyed_list(
                    move || entries.get().into_iter().enumerate().collect(),
                    |(i, e)| (*i, e.clone()),
                    move |(i, entry)| {
                        let target = entry.position;
                        let label = entry.status.map(|s| s.label()).unwrap_or("");
                        view! {
                            <li class=format!("step {}", status_class(entry.status)) class:current=entry.current>
                                <button
                                    type="button"
                                    id=entry.current.then_some("current-step")
                                    aria-current=entry.current.then_some("step")
                                    on:click=move |_| go(target)
                                >
                                    <span class="step-number" aria-hidden="true">{i + 1}</span>
                                    <span class="step-title">{entry.title.clone()}</span>
                                    {(!label.is_empty()).then(|| view! {
                                        <span class="step-status"><span class="visually-hidden">"，"</span>{label}</span>
                                    })}
                                </button>
                            </li>
                        }
                    },
                )}
            </ol>
        </nav>
    }
}
