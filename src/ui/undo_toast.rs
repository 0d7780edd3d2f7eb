//! 「已删除……」 with 撤销, for ten seconds after a deletion.

use leptos::prelude::*;
use zhicheng_engine::DraftMetaV1;
use zhicheng_session::DraftsCommand;

use crate::ui::bridge::after_unless_cleaned_up;
use crate::ui::drafts_command::RunCommand;

/// How long the 撤销 offer stays after a deletion.
const UNDO_MS: u64 = 10_000;

#[component]
pub fn UndoToast(undo: RwSignal<Option<DraftMetaV1>>) -> impl IntoView {
    let run = expect_context::<RunCommand>();
    Effect::new(move |_| {
        if let Some(deleted) = undo.get() {
            after_unless_cleaned_up(std::time::Duration::from_millis(UNDO_MS), move || {
                if undo.get_untracked().is_some_and(|d| d.id == deleted.id) {
                    undo.set(None);
                }
            });
        }
    });
    view! {
        <div class="toast-region" role="status" aria-live="polite">
            {move || undo.get().map(|d| {
                let id = d.id.clone();
                view! {
                    <p class="toast">
                        {format!("已删除「{}」。", d.display_name())}
                        <button type="button" class="link-button" on:click=move |_| run.run(DraftsCommand::Restore(id.clone()))>"撤销"</button>
                    </p>
                }
            })}
        </div>
    }
}
