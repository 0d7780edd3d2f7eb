//! 附件材料: the checklist computed from the answers (domain.md §3.1, §3.5), one card per
//! material with its files, between the last step and 核对信息.

use leptos::prelude::*;
use zhicheng_engine::materials::checklist;
use zhicheng_engine::{Command, Material};

use crate::ui::file_row::FileRow;
use crate::ui::keyed_list::keyed_list;
use crate::ui::material_card::MaterialCard;
use crate::ui::memo::memo;
use crate::ui::store::use_store;

#[component]
pub fn MaterialsPage() -> impl IntoView {
    let store = use_store();
    let (number, total) = store.state.with_untracked(|s| {
        let steps = s.visible_steps().len();
        (steps + 1, steps + 2)
    });
    // Which materials apply changes only with the answers, not with the files attached.
    let items = memo(move || {
        store.state.with(|s| {
            checklist(&s.evaluator())
                .into_iter()
                .map(|m| (m.material.clone(), m.required))
                .collect::<Vec<(Material, bool)>>()
        })
    });
    let missing = memo(move || store.state.with(|s| s.missing_materials()));
    view! {
        <div class="materials-page">
            <p class="step-count">{format!("第 {number} 步，共 {total} 步")}</p>
            <h2 id="page-heading" tabindex="-1">"附件材料"</h2>
            <p class="lead">
                "根据您填写的信息，本次申报需要以下材料。每个文件不超过 10 MB；类型以文件内容为准。"
                "上传的文件保存在本机浏览器中，与草稿一起自动保存，断网也不会丢失。"
            </p>
            <p class="materials-progress" role="status">
                {move || match missing.get().len() {
                    0 => "必传材料已全部上传。".to_string(),
                    n => format!("还有 {n} 项必传材料未上传。"),
                }}
            </p>
            {keyed_list(
                move || items.get(),
                |(material, required)| (material.id.clone(), *required),
                |(material, required)| view! { <MaterialCard material=material required=required/> },
            )}
            <NoLongerNeeded/>
            <div class="step-actions" part="actions">
                <button type="button" class="button secondary" on:click=move |_| { store.dispatch(Command::Previous); }>"上一步"</button>
                <button type="button" class="button primary" on:click=move |_| { store.dispatch(Command::Next); }>"下一步"</button>
            </div>
        </div>
    }
}

/// Files of materials the answers no longer call for: kept, shown, removable.
#[component]
fn NoLongerNeeded() -> impl IntoView {
    let store = use_store();
    let groups = memo(move || {
        store.state.with(|s| {
            let applies: Vec<String> = checklist(&s.evaluator()).into_iter().map(|m| m.material.id.clone()).collect();
            s.attachments()
                .iter()
                .filter(|(id, _)| !applies.contains(id))
                .map(|(id, files)| {
                    let name = s
                        .schema()
                        .materials
                        .iter()
                        .find(|m| &m.id == id)
                        .map_or_else(|| id.clone(), |m| m.name.clone());
                    (id.clone(), name, files.clone())
                })
                .collect::<Vec<_>>()
        })
    });
    move || {
        let groups = groups.get();
        (!groups.is_empty()).then(|| view! {
            <section class="material-card no-longer-needed">
                <h3>"不再需要的材料"</h3>
                <p class="hint">"根据目前填写的内容，以下材料不需要提交。文件仍保留在草稿中（改回原来的填写后会重新列出），不需要时可以移除。"</p>
                {groups.into_iter().map(|(id, name, list)| {
                    let count = list.len();
                    view! {
                        <h4>{name}</h4>
                        <ul class="file-list">
                            {list.into_iter().enumerate().map(|(index, file)| view! {
                                <FileRow material=id.clone() index=index last=index + 1 == count file=file/>
                            }).collect_view()}
                        </ul>
                    }
                }).collect_view()}
            </section>
        })
    }
}
