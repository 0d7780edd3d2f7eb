//! Training's start page: the personas to practise with (each opens its own draft with mistakes
//! planted in it), the trainer's tools, and every draft of the training shelf.

use leptos::prelude::*;
use zhicheng_browser::PagePorts;
use zhicheng_engine::catalog::Actor;
use zhicheng_session::training::persona_draft_id;

use super::tools::TrainerTools;
use super::{use_training, PersonaEntry};
use crate::ui::all_drafts::AllDrafts;
use crate::ui::mounted::use_mount;
use crate::ui::navigator::Navigator;

#[component]
pub fn TrainingStart(page: PagePorts) -> impl IntoView {
    let training = use_training().expect("training's data is loaded before its start page");
    let (title, personas, problems, catalog) =
        training.with_value(|t| (t.title.clone(), t.personas.clone(), t.problems.clone(), t.catalog.clone()));
    view! {
        <main id="main" class="start-page training-start" tabindex="-1">
            <h1>{title}</h1>
            <p><a href=use_mount().file_url("")>"返回正式申报"</a>"（练习内容不会带过去）"</p>
            <p class="lead">
                "选择一个练习角色：每个角色都是一份已部分填写的申报，里面故意留有几处申报人常犯的错误。"
                "请像真实申报一样逐步核对、找出并改正它们，再提交给培训用的模拟接收端，体验退回、修改后重新提交直到办结的全过程。"
            </p>
            {(!problems.is_empty()).then(|| view! {
                <div class="notice" role="alert">
                    <p>"部分培训资料未能载入（其余角色仍可练习）："</p>
                    <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </div>
            })}
            <section aria-labelledby="personas-heading">
                <h2 id="personas-heading">"练习角色"</h2>
                <ul class="persona-cards">
                    {personas.into_iter().map(|entry| view! { <PersonaCard entry=entry/> }).collect_view()}
                </ul>
            </section>
            <TrainerTools page=page.clone()/>
            <AllDrafts catalog=catalog drafts=page.ports.drafts.clone()/>
        </main>
    }
}

#[component]
fn PersonaCard(entry: PersonaEntry) -> impl IntoView {
    let navigator = expect_context::<Navigator>();
    let persona = entry.persona;
    let heading = format!("persona-{}", persona.id);
    let role = match persona.role {
        Actor::Applicant => "申报人",
        Actor::Unit => "单位经办人",
    };
    let (form_id, draft_id) = (entry.form_id, persona_draft_id(&persona.id));
    let open = move |_| navigator.open(&form_id, Some(&draft_id));
    view! {
        <li class="persona-card">
            <h3 id=heading.clone()>{persona.name.clone()}</h3>
            <p class="hint">{format!("{role} · 预设错误 {} 处", persona.planted.len())}</p>
            <p>{persona.summary.clone()}</p>
            <button type="button" class="button primary" on:click=open aria-describedby=heading>"开始练习"</button>
        </li>
    }
}
