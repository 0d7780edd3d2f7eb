//! The choices a form asks before a draft exists (its `settings.start_fields`: series, level,
//! specialty, committee …), made with the engine's cascades on a form not yet stored, then
//! 开始填写 starts a new draft holding them and the business's preset answers.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;
use zhicheng_browser::clock;
use zhicheng_browser::schema_source::{HttpSchemaSource, SchemaSource};
use zhicheng_engine::{Command, FieldPath, FormSchema, FormState, Value};

use crate::ui::loaded::loaded;
use crate::ui::mounted::use_mount;
use crate::ui::navigator::Navigator;
use crate::ui::start_field::StartField;

#[component]
pub fn StartChoices(form_id: String, preset: BTreeMap<String, String>) -> impl IntoView {
    let (loading, mount) = (form_id.clone(), use_mount());
    let loaded = loaded(move || {
        let (form_id, source) = (loading.clone(), HttpSchemaSource(mount.clone()));
        async move { source.load(&form_id).await.map(Arc::new) }
    });
    move || match loaded.get() {
        None => view! { <p class="loading" role="status">"正在加载申报表…"</p> }.into_any(),
        Some(Err(problems)) => view! {
            <div class="notice" role="alert">
                <p>"这项业务的申报表暂时无法打开："</p>
                <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            </div>
        }
        .into_any(),
        Some(Ok(schema)) => view! { <Choices schema=schema preset=preset.clone()/> }.into_any(),
    }
}

#[component]
fn Choices(schema: Arc<FormSchema>, preset: BTreeMap<String, String>) -> impl IntoView {
    let navigator = expect_context::<Navigator>();
    let mut state = FormState::new(schema.clone(), clock::today());
    for (field, text) in &preset {
        state.apply(Command::SetValue { path: FieldPath::top(field), value: Value::text(text.clone()) });
    }
    let state = RwSignal::new_local(state);
    let fields = schema.settings.start_fields.clone();
    let asked = fields.clone();
    let start = move |_| {
        let choices = state.with_untracked(|s| {
            preset
                .keys()
                .chain(&asked)
                .map(|f| (f.clone(), s.text(&FieldPath::top(f)).to_string()))
                .filter(|(_, v)| !v.is_empty())
                .collect()
        });
        navigator.start_new(&schema.id, choices);
    };
    let title = format!(
        "{} · {}",
        state.with_untracked(|s| s.schema().title.clone()),
        state.with_untracked(|s| s.schema().subtitle.clone())
    );
    view! {
        <div class="start-choices">
            <h3>{title}</h3>
            {(!fields.is_empty()).then(|| view! {
                <p class="hint">"以下选择会带入申报表，开始填写后仍可修改。"</p>
                <div class="field-grid">
                    {fields.into_iter().map(|id| view! { <StartField state=state id=id/> }).collect_view()}
                </div>
            })}
            <button type="button" class="button primary" on:click=start>"开始填写"</button>
        </div>
    }
}
