//! 导入场景: a persona file a trainer wrote, checked all the way as the shipped ones are (its
//! format, its business in the catalog, its answers, planted mistakes and script against the
//! form, each planted mistake reported by the engine), kept in this browser, and offered beside
//! the others once the page reloads. 「删除导入的场景」 forgets them all.

use std::collections::BTreeMap;

use leptos::prelude::*;
use zhicheng_browser::{files, training, PagePorts};
use zhicheng_engine::training::MAX_PERSONA_BYTES;

use super::gate::ready;
use super::use_training;
use crate::ui::mounted::use_mount;

#[component]
pub fn ScenarioImport(page: PagePorts, message: RwSignal<Option<String>>) -> impl IntoView {
    let training_data = use_training().expect("training's data");
    let page = StoredValue::new_local(page);
    let mount = StoredValue::new_local(use_mount());
    let chosen = move |ev: leptos::ev::Event| {
        let Some(file) = files::chosen_file(&ev) else { return };
        let catalog = training_data.with_value(|t| t.catalog.clone());
        let (page, mount) = (page.get_value(), mount.get_value());
        message.set(Some("正在检查场景文件…".into()));
        leptos::task::spawn_local(async move {
            let outcome = async {
                let bytes = files::read_blob(&file).await?;
                if bytes.len() > MAX_PERSONA_BYTES {
                    return Err(format!("场景文件超过 {} KB。", MAX_PERSONA_BYTES / 1024));
                }
                let text = String::from_utf8(bytes).map_err(|_| "场景文件不是 UTF-8 文本。".to_string())?;
                let (entry, _) = ready(&mount, &catalog, &mut BTreeMap::new(), &page, &text).await?;
                training::keep_scenario(&entry.persona.id, &text)?;
                Ok(entry.persona.name)
            };
            match outcome.await {
                Ok(name) => {
                    message.set(Some(format!("已导入场景「{name}」，页面将重新载入，它会出现在练习角色中。")));
                    training::reload();
                }
                Err(e) => message.set(Some(format!("场景未导入：{e}"))),
            }
        });
    };
    let imported = training::imported_scenarios().len();
    let forget = move |_| {
        if zhicheng_browser::dom::confirm("删除全部导入的场景吗？内置的练习角色不受影响。") {
            training::forget_scenarios();
            training::reload();
        }
    };
    view! {
        <label class="file-button">
            "导入场景文件（JSON）"
            <input type="file" accept=".json,application/json" on:change=chosen/>
        </label>
        {(imported > 0).then(|| view! {
            <p>
                {format!("已导入 {imported} 个场景。")}
                <button type="button" class="link-button danger" on:click=forget>"删除导入的场景"</button>
            </p>
        })}
    }
}
