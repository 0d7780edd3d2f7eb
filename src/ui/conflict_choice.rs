//! The choice of version when another tab or window saved the same draft first (loaded on demand
//! with the 草稿箱's chunk; `conflict_dialog.rs` shows it when the save status says so).

use leptos::prelude::*;
use zhicheng_browser::clock;
use zhicheng_engine::DraftMetaV1;

use crate::ui::modal::Modal;
use crate::ui::session::use_session;
use crate::ui::store::use_store;

#[component]
pub fn ConflictChoice(theirs: DraftMetaV1) -> impl IntoView {
    let (store, session) = (use_store(), use_session());
    let may_keep_mine = store.form().may_keep_mine(&theirs);
    view! {
        <Modal role="alertdialog" labelledby="conflict-title" describedby="conflict-text">
                <h2 id="conflict-title">"此草稿在别处也被修改了"</h2>
                <p id="conflict-text">
                    "另一个标签页或窗口在 " {clock::date_time(theirs.saved_at)}
                    " 保存了这份草稿。为避免互相覆盖，本页的修改暂未保存。请选择保留哪个版本："
                </p>
                {(!may_keep_mine).then(|| view! {
                    <p class="notice">"另一窗口同时为此草稿加锁或解除了加锁，只能载入另一窗口的版本。"</p>
                })}
                <div class="dialog-actions">
                    {may_keep_mine.then(|| view! {
                        <button type="button" id="conflict-keep-mine" class="button primary" on:click=move |_| store.form().keep_mine()>
                            "保留本页的版本"
                        </button>
                    })}
                    <button type="button" class="button secondary" on:click=move |_| {
                        let form = store.form();
                        session.spawn(async move { form.take_theirs().await });
                    }>
                        "载入另一窗口的版本（放弃本页修改）"
                    </button>
                </div>
        </Modal>
    }
}
