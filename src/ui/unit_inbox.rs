//! 待审核的申报 (the unit's 我的事项 of a decision form such as 单位审核): the 经办人 enters the unit
//! key the receiver's operator issued (kept for this tab only), sees the declarations reported to
//! the unit with 业务流水号, 申报人, 提交时间 and 当前环节, and 审核 opens the decision on one —
//! the draft already made for it, or a new one starting with the declaration's fixed answers.
//! Without the receiver, 从文件打开申报 opens the decision on the applicant's 导出申报包 file.

use leptos::prelude::*;
use zhicheng_browser::json::BrowserJson;
use zhicheng_browser::{clock, files, unit_key};
use zhicheng_session::unit_desk::{self, Inbox, Reported};

use crate::ui::deferred::on_demand;
use crate::ui::session::use_session;

#[component]
pub fn UnitInbox() -> impl IntoView {
    let session = use_session();
    let has_key = RwSignal::new(unit_key::current().is_some());
    let inbox = RwSignal::new(None::<Result<Inbox, String>>);
    let said = RwSignal::new(None::<String>);
    let refresh = move || {
        inbox.set(None);
        let ports = session.workspace().ports().clone();
        session.spawn(async move {
            inbox.try_set(Some(unit_desk::inbox(&ports).await));
        });
    };
    if has_key.get_untracked() {
        refresh();
    }
    let typed = RwSignal::new(String::new());
    let enter = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match unit_key::normalised(&typed.get_untracked()) {
            Ok(key) => {
                unit_key::remember(Some(&key));
                typed.set(String::new());
                said.set(None);
                has_key.set(true);
                refresh();
            }
            Err(why) => said.set(Some(why)),
        }
    };
    let leave = move |_| {
        unit_key::remember(None);
        has_key.set(false);
        inbox.set(None);
    };
    view! {
        <section class="unit-inbox" aria-labelledby="unit-inbox-heading">
            <h2 id="unit-inbox-heading" class="drafts-subheading">"待审核的申报"</h2>
            {move || (!has_key.get()).then(|| view! {
                <form class="unit-key-form" on:submit=enter>
                    <label for="unit-key">"单位密钥"</label>
                    <input id="unit-key" type="password" autocomplete="off" spellcheck="false" aria-describedby="unit-key-hint"
                        prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
                    <button type="submit" class="button primary">"查询待审核的申报"</button>
                    <p id="unit-key-hint" class="hint">"单位密钥由接收端管理员签发给本单位；只保存在本标签页，关闭标签页后需重新输入。"</p>
                </form>
            })}
            <PackageFileButton inbox=inbox said=said/>
            <div role="status">{move || said.get().map(|m| view! { <p class="notice">{m}</p> })}</div>
            {move || has_key.get().then(|| view! {
                <div class="drafts-actions">
                    <button type="button" class="button secondary" on:click=move |_| refresh()>"刷新"</button>
                    <button type="button" class="button secondary" on:click=leave>"退出单位身份"</button>
                </div>
                {move || match inbox.get() {
                    None => view! { <p class="loading" role="status">"正在查询…"</p> }.into_any(),
                    Some(Err(e)) => view! { <p class="notice" role="alert">{e}</p> }.into_any(),
                    Some(Ok(inbox)) => view! { <InboxTable inbox=inbox said=said/> }.into_any(),
                }}
            })}
        </section>
    }
}

/// 从文件打开申报: the decision on the declaration in an applicant's 导出申报包 file, with no key
/// needed to read it (the unit's name and code are filled when the tab holds the key).
#[component]
fn PackageFileButton(inbox: RwSignal<Option<Result<Inbox, String>>>, said: RwSignal<Option<String>>) -> impl IntoView {
    let session = use_session();
    let from_file = move |ev: leptos::ev::Event| {
        let Some(file) = files::chosen_file(&ev) else { return };
        if file.size() > unit_desk::from_file::MAX_PACKAGE_FILE_BYTES as f64 {
            said.set(Some("无法打开申报包：文件太大，不是本系统导出的申报包。".into()));
            return;
        }
        let workspace = session.workspace();
        let unit = inbox.with_untracked(|i| i.as_ref().and_then(|i| i.as_ref().ok()).map(|i| i.unit.clone()));
        said.set(Some("正在读取申报包…".into()));
        session.spawn(async move {
            let opened = async {
                let bytes = files::read_blob(&file).await?;
                unit_desk::from_file::open_from_file(&workspace, bytes, unit.as_ref()).await
            };
            said.try_set(opened.await.err().map(|e| format!("无法打开申报包：{e}。")));
        });
    };
    view! {
        <div class="drafts-actions">
            <label class="button secondary" for="package-file">"从文件打开申报…"</label>
            <input type="file" id="package-file" class="visually-hidden" accept=".zip,application/zip"
                aria-describedby="package-file-hint" on:change=from_file/>
        </div>
        <p id="package-file-hint" class="hint">"申报人在「我的事项」中导出的申报包（.zip）也可以直接打开审核，无需单位密钥；提交审核结果时仍需单位密钥。"</p>
    }
}

#[component]
fn InboxTable(inbox: Inbox, said: RwSignal<Option<String>>) -> impl IntoView {
    let session = use_session();
    let schema = session.workspace().schema().clone();
    let decided = schema.settings.decides.as_ref().map(|d| d.form.clone()).unwrap_or_default();
    let packages: Vec<Reported> = inbox.packages.into_iter().filter(|p| p.form_id == decided).collect();
    let unit = StoredValue::new(inbox.unit.clone());
    let heading = format!("{}（{}）：{} 份申报", inbox.unit.name, inbox.unit.code, packages.len());
    let review = move |listed: Reported| {
        let workspace = session.workspace();
        session.spawn(async move {
            if let Err(e) = unit_desk::open_reported::<BrowserJson>(&workspace, &listed, &unit.get_value()).await {
                said.set(Some(e));
            }
        });
    };
    view! {
        <p class="lead">{heading}</p>
        {packages.is_empty().then(|| view! { <p class="empty">"目前没有报送给本单位的申报。"</p> })}
        <div class="table-wrap"><table class="rows inbox-table">
            <caption class="visually-hidden">"报送给本单位的申报"</caption>
            <thead><tr>
                <th scope="col">"业务流水号"</th><th scope="col">"申报人"</th><th scope="col">"提交时间"</th>
                <th scope="col">"状态"</th><th scope="col">"操作"</th>
            </tr></thead>
            <tbody>{packages.into_iter().map(|p| {
                let waiting = p.stage.as_ref().is_none_or(|s| s.outcome.is_none())
                    && matches!(p.status, Some(zhicheng_engine::PackageStatus::Waiting));
                let state = p.status.map(|s| s.to_string()).unwrap_or_default();
                let label = format!("审核「{}」的申报", p.applicant);
                let listed = p.clone();
                view! {
                    <tr>
                        <td data-label="业务流水号">{p.receipt.clone()}</td>
                        <td data-label="申报人">{p.applicant.clone()}</td>
                        <td data-label="提交时间">{clock::date_time_of_rfc3339(&p.received_at)}</td>
                        <td data-label="状态">{if waiting { "待审核".to_string() } else { format!("已处理（{state}）") }}</td>
                        <td data-label="操作" class="actions">{waiting.then(|| view! {
                            <button type="button" class="button primary" aria-label=label on:click=move |_| review(listed.clone())>"审核"</button>
                        })}</td>
                    </tr>
                }
            }).collect_view()}</tbody>
        </table></div>
    }
}

on_demand! {
    /// The unit's 待审核的申报.
    unit, fetch_unit_inbox: fn unit_inbox() { view! { <UnitInbox/> }.into_any() }
}
