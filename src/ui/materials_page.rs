//! 附件材料: the checklist computed from the answers (domain.md §3.1, §3.5), one card per
//! material with its files, between the last step and 核对信息.

use leptos::prelude::*;
use zhicheng_engine::materials::checklist;
use zhicheng_engine::schema::Material;
use zhicheng_engine::state::Command;

use crate::ui::material_card::MaterialCard;
use crate::ui::store::Store;
use crate::browser::file_store::draft_files::DraftFiles;

#[component]
pub fn MaterialsPage(files: DraftFiles) -> impl IntoView {
    let store = expect_context::<Store>();
    let (number, total) = store.state.with_untracked(|s| {
        let steps = s.visible_steps().len();
        (steps + 1, steps + 2)
    });
    // Which materials apply changes only with the answers, not with the files attached.
    let items = Memo::new(move |_| {
        store.state.with(|s| checklist(&s.evaluator()).into_iter().map(|m| (m.material.clone(), m.required)).collect::<Vec<(Material, bool)>>())
    });
    let missing = Memo::new(move |_| store.state.with(|s| s.missing_materials()));
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
            <For
                each=move || items.get()
                key=|(material, required)| (material.id.clone(), *required)
                children=move |(material, required)| view! { <MaterialCard material=material required=required files=files.clone()/> }
            />
            <div class="step-actions">
                <button type="button" class="button secondary" on:click=move |_| { store.dispatch(Command::Previous); }>"上一步"</button>
                <button type="button" class="button primary" on:click=move |_| { store.dispatch(Command::Next); }>"下一步"</button>
            </div>
        </div>
    }
}
