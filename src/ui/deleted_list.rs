//! 最近删除: drafts deleted in the last seven days, with 恢复 and 永久删除.

use leptos::prelude::*;
use zhicheng_browser::{clock, dom};
use zhicheng_engine::DraftMetaV1;
use zhicheng_session::DraftsCommand;

use crate::ui::drafts_command::RunCommand;

#[component]
pub fn DeletedList(drafts: Vec<DraftMetaV1>) -> impl IntoView {
    if drafts.is_empty() {
        return ().into_any();
    }
    let run = expect_context::<RunCommand>();
    let count = drafts.len();
    view! {
        <details class="deleted-drafts">
            <summary>{format!("最近删除（{count}）· 保留 7 天")}</summary>
            <ul>
                {drafts.into_iter().map(|d| {
                    let (restore_id, purge_id) = (d.id.clone(), d.id.clone());
                    let name = d.display_name();
                    let purge_question = format!("永久删除「{name}」？此操作无法撤销。");
                    view! {
                        <li>
                            <span>{name}</span>
                            <span class="muted">{format!(" 删除于 {}", clock::date_time(d.deleted_at.unwrap_or_default()))}</span>
                            <button type="button" class="link-button" on:click=move |_| run.run(DraftsCommand::Restore(restore_id.clone()))>"恢复"</button>
                            <button type="button" class="link-button danger" on:click=move |_| {
                                if dom::confirm(&purge_question) {
                                    run.run(DraftsCommand::Purge(purge_id.clone()));
                                }
                            }>"永久删除"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </details>
    }
    .into_any()
}
