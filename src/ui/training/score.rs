//! The score at 核对信息 in training mode: how many of the persona's planted mistakes the trainee
//! has fixed, which they were, and which remain, each remaining one with its hint on request.

use leptos::prelude::*;
use zhicheng_engine::training::score;

use super::use_training;
use crate::ui::store::Store;

#[component]
pub fn TrainingScore() -> impl IntoView {
    let training = use_training()?;
    let store = expect_context::<Store>();
    let draft_id = store.form().id();
    let planted = training.with_value(|t| t.persona_of_draft(&draft_id).map(|p| p.persona.planted.clone()))?;
    let planted = StoredValue::new(planted);
    let lists = move || {
        store.state.with(|s| {
            planted.with_value(|planted| {
                let score = score(planted, s);
                let titles = |list: &[&zhicheng_engine::training::Planted]| {
                    list.iter().map(|p| (p.title.clone(), p.hint.clone())).collect::<Vec<_>>()
                };
                (titles(&score.found), titles(&score.remaining), planted.len())
            })
        })
    };
    Some(view! {
        <section class="training-score" aria-labelledby="training-score-heading">
            {move || {
                let (found, remaining, total) = lists();
                view! {
                    <h3 id="training-score-heading">{format!("练习成绩：已找出并改正 {} / {total} 处预设错误", found.len())}</h3>
                    {(!found.is_empty()).then(|| view! {
                        <ul class="found">{found.into_iter().map(|(title, _)| view! { <li>{format!("已改正：{title}")}</li> }).collect_view()}</ul>
                    })}
                    {(!remaining.is_empty()).then(|| view! {
                        <p>"还有以下错误没有改正（点开可看提示）："</p>
                        <ul class="remaining">{remaining.into_iter().map(|(title, hint)| view! {
                            <li><details><summary>{title}</summary><p>{hint}</p></details></li>
                        }).collect_view()}</ul>
                    })}
                }
            }}
        </section>
    })
}
