//! 导入场景: a persona file a trainer wrote, checked as the shipped ones are (its format, its
//! business in the catalog, its answers, planted mistakes and script against the form), kept in
//! this browser, and offered beside the others after the page reloads.

use leptos::prelude::*;
use zhicheng_browser::{files, training};
use zhicheng_engine::training::{Persona, MAX_PERSONA_BYTES};

use super::use_training;

#[component]
pub fn ScenarioImport(message: RwSignal<Option<String>>) -> impl IntoView {
    let training_data = use_training().expect("training's data");
    let chosen = move |ev: leptos::ev::Event| {
        let Some(file) = files::chosen_file(&ev) else { return };
        let catalog = training_data.with_value(|t| t.catalog.clone());
        leptos::task::spawn_local(async move {
            let outcome = async {
                let bytes = files::read_blob(&file).await?;
                if bytes.len() > MAX_PERSONA_BYTES {
                    return Err(format!("场景文件超过 {} KB。", MAX_PERSONA_BYTES / 1024));
                }
                let text = String::from_utf8(bytes).map_err(|_| "场景文件不是 UTF-8 文本。".to_string())?;
                let persona = Persona::from_json(&text)
                    .map_err(|d| d.iter().map(ToString::to_string).collect::<Vec<_>>().join("；"))?;
                persona.form(&catalog).map_err(|d| d.to_string())?;
                training::keep_scenario(&persona.id, &text)?;
                Ok(persona.name)
            };
            match outcome.await {
                Ok(name) => {
                    message.set(Some(format!("已导入场景「{name}」，页面将重新载入。")));
                    training::reload();
                }
                Err(e) => message.set(Some(format!("场景未导入：{e}"))),
            }
        });
    };
    view! {
        <label class="file-button">
            "导入场景文件（JSON）"
            <input type="file" accept=".json,application/json" on:change=chosen/>
        </label>
    }
}
