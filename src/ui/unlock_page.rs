//! The passphrase prompt of a locked draft. A wrong passphrase and a damaged draft get different
//! messages; nothing about the applicant is shown until the draft opens.

use leptos::prelude::*;
use zhicheng_engine::DraftMetaV1;

use crate::browser::clock;
use crate::browser::lock::{self, UnlockError};
use crate::ui::workspace::Workspace;

#[component]
pub fn UnlockPage(workspace: Workspace, meta: DraftMetaV1) -> impl IntoView {
    let passphrase = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let working = RwSignal::new(false);
    let id = meta.id.clone();
    let lock_record = meta.lock.clone();
    let submit = {
        let workspace = workspace.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let (workspace, id, lock_record) = (workspace.clone(), id.clone(), lock_record.clone());
            let Some(lock_record) = lock_record else { return };
            working.set(true);
            problem.set(None);
            leptos::task::spawn_local(async move {
                let outcome = match lock::unlock(&id, &lock_record, &passphrase.get_untracked()).await {
                    Ok(()) => workspace.open(&id).await.map_err(|e| e.message()),
                    Err(UnlockError::WrongPassphrase) => {
                        Err("口令不正确，请重新输入（口令区分大小写和全角、半角）。".to_string())
                    }
                    Err(UnlockError::Damaged(why)) => Err(why),
                };
                working.try_set(false);
                if let Err(message) = outcome {
                    lock::forget(&id);
                    problem.try_set(Some(message));
                    crate::browser::dom::focus("unlock-passphrase");
                }
            });
        }
    };
    let to_list = move |_| workspace.show_list();
    view! {
        <main id="main" class="content narrow" tabindex="-1">
            <h1 id="page-heading" tabindex="-1">"此草稿已加锁"</h1>
            <p>{format!("最后保存于 {}。请输入加锁时设置的口令。口令只在本机使用，不会上传。", clock::date_time(meta.saved_at))}</p>
            <form on:submit=submit>
                <div class="field" class:has-error=move || problem.get().is_some()>
                    <label for="unlock-passphrase">"口令"</label>
                    <input id="unlock-passphrase" class="input" type="password" autocomplete="current-password" autofocus
                        aria-invalid=move || problem.get().is_some().to_string() aria-describedby="unlock-message"
                        on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                    <p id="unlock-message" class="message error" role="alert">{move || problem.get()}</p>
                </div>
                <div class="step-actions">
                    <button type="button" class="button secondary" on:click=to_list>"返回我的事项"</button>
                    <button type="submit" class="button primary" disabled=move || working.get()>
                        {move || if working.get() { "正在解锁…" } else { "解锁" }}
                    </button>
                </div>
            </form>
        </main>
    }
}
