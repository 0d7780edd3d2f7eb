//! 加锁 / 解除加锁 of the open draft. Locking asks for a passphrase twice, seals every attached
//! file, then the next save seals the answers; removing the lock stores everything plain again.

use leptos::prelude::*;
use zhicheng_engine::attachments::referenced;

use crate::browser::{dom, lock};
use crate::ui::autosave::Saver;
use crate::ui::store::{focus_after_render, Store};
use crate::ui::workspace::Workspace;

/// Shortest passphrase accepted, in characters.
const MIN_CHARS: usize = 8;

/// The top-bar button and, when open, the dialog.
#[component]
pub fn LockControl(workspace: Workspace, saver: Saver, draft_id: String) -> impl IntoView {
    let store = expect_context::<Store>();
    let open = RwSignal::new(false);
    let first = RwSignal::new(String::new());
    let second = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let working = RwSignal::new(None::<&'static str>);
    let files = workspace.draft_files(&draft_id);
    let attached = move || store.state.with_untracked(|s| referenced(s.attachments()).cloned().collect::<Vec<_>>());

    let submit = {
        let (files, id) = (files.clone(), draft_id.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let (pass, again) = (first.get_untracked(), second.get_untracked());
            if pass.chars().count() < MIN_CHARS {
                problem.set(Some(format!("口令至少 {MIN_CHARS} 个字符，建议用一句话或几个词组合。")));
                return;
            }
            if pass != again {
                problem.set(Some("两次输入的口令不一致，请重新输入。".into()));
                return;
            }
            problem.set(None);
            working.set(Some("正在由口令生成密钥并加密附件，请稍候…"));
            let (files, id, all) = (files.clone(), id.clone(), attached());
            leptos::task::spawn_local(async move {
                let done = async {
                    let made = lock::create(&id, &pass).await?;
                    files.seal_all(&all).await.map_err(|e| e.message())?;
                    Ok::<_, String>(made)
                }
                .await;
                working.set(None);
                match done {
                    Ok(made) => {
                        saver.set_lock(Some(made));
                        open.set(false);
                        first.set(String::new());
                        second.set(String::new());
                    }
                    Err(e) => {
                        lock::forget(&id);
                        problem.set(Some(format!("加锁未完成：{e}。草稿没有改动。")));
                    }
                }
            });
        }
    };
    let remove_lock = {
        let files = files.clone();
        move |_| {
            if !dom::confirm("解除加锁后，这份草稿和它的附件将以不加密的形式保存在本机。确定解除吗？")
            {
                return;
            }
            let (files, all) = (files.clone(), attached());
            working.set(Some("正在解密附件…"));
            leptos::task::spawn_local(async move {
                let done = files.unseal_all(&all).await;
                working.set(None);
                match done {
                    // The key is dropped once the plain body is stored (see `finish_lock_change`).
                    Ok(()) => saver.set_lock(None),
                    Err(e) => saver.status.set(format!("解除加锁未完成：{}", e.message())),
                }
            });
        }
    };
    let persistent = workspace.persistent;
    view! {
        {move || if saver.locked.get() {
            view! { <button type="button" class="link-button" on:click=remove_lock.clone()>"已加锁 · 解除"</button> }.into_any()
        } else {
            view! {
                <button type="button" class="link-button" disabled=!persistent
                    title=if persistent { "" } else { "本机无法保存草稿时不能加锁" }
                    on:click=move |_| { open.set(true); focus_after_render("lock-passphrase".to_string()); }>"加锁"</button>
            }.into_any()
        }}
        {move || working.get().filter(|_| !open.get()).map(|w| view! { <span class="working">{w}</span> })}
        {move || open.get().then(|| view! {
            <div class="dialog-backdrop">
                <form class="dialog" role="dialog" aria-modal="true" aria-labelledby="lock-title" on:submit=submit.clone()>
                    <h2 id="lock-title">"为这份草稿加锁"</h2>
                    <p>"加锁后，本机保存的填写内容和附件都会用口令加密，他人使用这台电脑也无法查看。每次打开草稿都需要输入口令。"</p>
                    <p class="notice">"口令无法找回：忘记口令，草稿将无法打开。建议先「导出备份」。"</p>
                    <div class="field">
                        <label for="lock-passphrase">"口令（至少 8 个字符）"</label>
                        <input id="lock-passphrase" class="input" type="password" autocomplete="new-password" on:input=move |ev| first.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="lock-passphrase-again">"再次输入口令"</label>
                        <input id="lock-passphrase-again" class="input" type="password" autocomplete="new-password"
                            aria-invalid=move || problem.get().is_some().to_string() aria-describedby="lock-message"
                            on:input=move |ev| second.set(event_target_value(&ev))/>
                    </div>
                    <p id="lock-message" class="message error" role="alert">{move || problem.get()}</p>
                    <p class="working" role="status">{move || working.get()}</p>
                    <div class="dialog-actions">
                        <button type="submit" class="button primary" disabled=move || working.get().is_some()>"加锁"</button>
                        <button type="button" class="button secondary" on:click=move |_| open.set(false)>"取消"</button>
                    </div>
                </form>
            </div>
        })}
    }
}
