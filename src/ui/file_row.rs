//! One attached file: preview, name, size and pages, 上移 / 下移 / 移除.

use leptos::prelude::*;
use zhicheng_engine::attachments::format_bytes;
use zhicheng_engine::{AttachedFile, Command};

use crate::ui::file_preview::FilePreview;
use crate::ui::store::use_store;

#[component]
pub fn FileRow(material: String, index: usize, last: bool, file: AttachedFile) -> impl IntoView {
    let store = use_store();
    let (material, sha256) = (StoredValue::new(material), StoredValue::new(file.sha256.clone()));
    let move_by = move |offset: i32| {
        store.dispatch(Command::MoveAttachment { material: material.get_value(), sha256: sha256.get_value(), offset });
    };
    let remove = move |_| {
        store.dispatch(Command::Detach { material: material.get_value(), sha256: sha256.get_value() });
    };
    let details = match file.pages {
        Some(pages) => format!("{} · 共 {pages} 页", format_bytes(file.size)),
        None => format_bytes(file.size),
    };
    let name = file.name.clone();
    view! {
        <li class="file-row">
            <FilePreview file=file.clone()/>
            <div class="file-text">
                <span class="file-name">{file.name.clone()}</span>
                <span class="hint">{details}</span>
            </div>
            <div class="file-actions">
                <button type="button" class="link-button" disabled=index == 0 aria-label=format!("上移「{name}」")
                    on:click=move |_| move_by(-1)>"上移"</button>
                <button type="button" class="link-button" disabled=last aria-label=format!("下移「{name}」")
                    on:click=move |_| move_by(1)>"下移"</button>
                <button type="button" class="link-button danger" aria-label=format!("移除「{name}」") on:click=remove>"移除"</button>
            </div>
        </li>
    }
}
