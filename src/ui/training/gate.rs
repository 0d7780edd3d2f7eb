//! Loads training's data once the storage is open: the index, the catalog, each persona (the
//! index's and those a trainer imported) checked against its form, and the tips of each form;
//! puts each persona's draft in the training shelf if it is not there; then shows the app with
//! `Training` in context. A file that fails its checks is reported, the others still load.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;
use zhicheng_browser::mount::Mount;
use zhicheng_browser::schema_source::{load_catalog, HttpSchemaSource, SchemaSource};
use zhicheng_browser::training::{fetch_text, imported_scenarios};
use zhicheng_browser::PagePorts;
use zhicheng_engine::catalog::Catalog;
use zhicheng_engine::training::{Persona, Tips, TrainingIndex, MAX_PERSONA_BYTES, MAX_TIPS_BYTES};
use zhicheng_engine::{Command, Diagnostic, FormSchema, FormState};
use zhicheng_session::training::seed;

use super::kiosk::Kiosk;
use super::tips::TipsState;
use super::{PersonaEntry, Training};
use crate::ui::loaded::loaded;
use crate::ui::mounted::use_mount;

#[component]
pub fn TrainingGate<F, V>(page: PagePorts, then: F) -> impl IntoView
where
    F: Fn(PagePorts) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let mount = use_mount();
    let page = StoredValue::new_local(page);
    let data = loaded(move || load(mount.clone(), page.get_value()));
    move || match data.get() {
        None => view! { <p class="loading" role="status">"正在准备培训资料…"</p> }.into_any(),
        Some(Err(problem)) => view! {
            <main id="main" class="load-error" role="alert">
                <h1>"培训资料无法打开"</h1>
                <p>{problem}</p>
            </main>
        }
        .into_any(),
        Some(Ok(training)) => {
            provide_context(StoredValue::new_local(training));
            TipsState::provide();
            view! { <Kiosk/> {then(page.get_value())} }.into_any()
        }
    }
}

/// A file's problems in one sentence.
fn joined(problems: Vec<Diagnostic>) -> String {
    problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("；")
}

async fn load(mount: Mount, page: PagePorts) -> Result<Training, String> {
    let index =
        TrainingIndex::from_json(&fetch_text(&mount, "training/index.json", 64 * 1024).await?).map_err(joined)?;
    let catalog = load_catalog(mount.clone()).await.map_err(|p| p.join("；"))?;
    let mut schemas: BTreeMap<String, Arc<FormSchema>> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut texts = Vec::new();
    for id in &index.personas {
        match fetch_text(&mount, &format!("training/personas/{id}.json"), MAX_PERSONA_BYTES).await {
            Ok(text) => texts.push(text),
            Err(e) => problems.push(e),
        }
    }
    texts.extend(imported_scenarios());
    let mut personas: Vec<PersonaEntry> = Vec::new();
    for text in texts {
        match ready(&mount, &catalog, &mut schemas, &page, &text).await {
            Ok((entry, fresh)) => {
                let persona = &entry.persona;
                if let Err(e) = seed(&page.ports, &persona.id, &persona.name, &fresh).await {
                    problems.push(format!("角色「{}」的草稿未能保存：{}", persona.name, e.message()));
                }
                personas.retain(|p| p.persona.id != entry.persona.id);
                personas.push(entry);
            }
            Err(problem) => problems.push(problem),
        }
    }
    let mut tips = Vec::new();
    for (form_id, path) in &index.tips {
        let schema = match schema_of(&mount, &mut schemas, form_id).await {
            Ok(schema) => schema,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        match fetch_text(&mount, &format!("training/{path}"), MAX_TIPS_BYTES).await {
            Ok(text) => match Tips::from_json(&text, &schema) {
                Ok(loaded) => tips.push(loaded),
                Err(d) => problems.push(joined(d)),
            },
            Err(e) => problems.push(e),
        }
    }
    let receiver = page.training.clone().ok_or("培训接收端未能启动")?;
    Ok(Training { title: index.title, catalog, personas, tips, receiver, problems })
}

/// A persona file checked all the way: on its own, against the catalog and its form, and each
/// planted mistake reported by the engine on the fresh draft (else the trainee would hunt for a
/// mistake that is not there). Gives the persona and its first draft, opened.
pub async fn ready(
    mount: &Mount,
    catalog: &Catalog,
    schemas: &mut BTreeMap<String, Arc<FormSchema>>,
    page: &PagePorts,
    text: &str,
) -> Result<(PersonaEntry, FormState), String> {
    let persona = Persona::from_json(text).map_err(joined)?;
    let (form_id, preset) = persona.form(catalog).map_err(|d| d.to_string())?;
    let form_id = form_id.to_string();
    let schema = schema_of(mount, schemas, &form_id).await?;
    let prepared = persona.prepare(&schema, preset).map_err(joined)?;
    let ports = &page.ports;
    let mut fresh = FormState::from_draft(schema, prepared.draft, ports.host.today())
        .map_err(|e| format!("角色「{}」的草稿无法打开：{e}", persona.name))?;
    fresh.apply(Command::SetCalendar(ports.resources.holiday_calendar()));
    let unreported: Vec<String> = persona.unreported(&fresh).iter().map(|p| format!("「{}」", p.title)).collect();
    if !unreported.is_empty() {
        return Err(format!(
            "角色「{}」的预设错误{}在初始草稿中没有被表单检查出来，请核对该处的答案或位置",
            persona.name,
            unreported.join("")
        ));
    }
    let entry = PersonaEntry { persona, form_id, script: prepared.script };
    Ok((entry, fresh))
}

/// The checked schema of `form_id`, loaded once.
async fn schema_of(
    mount: &Mount,
    schemas: &mut BTreeMap<String, Arc<FormSchema>>,
    form_id: &str,
) -> Result<Arc<FormSchema>, String> {
    if let Some(schema) = schemas.get(form_id) {
        return Ok(schema.clone());
    }
    let schema = HttpSchemaSource(mount.clone())
        .load(form_id)
        .await
        .map_err(|p| format!("表单「{form_id}」无法打开：{}", p.join("；")))?;
    let schema = Arc::new(schema);
    schemas.insert(form_id.to_string(), schema.clone());
    Ok(schema)
}
