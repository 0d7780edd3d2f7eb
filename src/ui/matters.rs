//! 我的事项's list, as the portals show it: the tabs 全部 / 待办中 / 办理中 / 办结 / 草稿箱 (a
//! keyboard tab list: arrows move between tabs), and for the sent packages one table with
//! 业务流水号, 事项名称, 摘要信息, 当前环节, 办理部门 and 办理结果 (`matter_row.rs`). 全部 shows
//! the matters and the drafts; 草稿箱 the drafts alone.

use leptos::prelude::*;
use zhicheng_engine::{DraftMetaV1, MatterTab};

use crate::ui::draft_row::DraftTable;
use crate::ui::matter_row::{MatterActions, MatterRow};
use crate::ui::mounted::use_mount_handle;
use crate::ui::session::use_session;

/// A tab of 我的事项.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    All,
    Matters(MatterTab),
    Drafts,
}

const TABS: [(Tab, &str); 5] = [
    (Tab::All, "全部"),
    (Tab::Matters(MatterTab::Todo), "待办中"),
    (Tab::Matters(MatterTab::InProgress), "办理中"),
    (Tab::Matters(MatterTab::Finished), "办结"),
    (Tab::Drafts, "草稿箱"),
];

#[component]
pub fn Matters(drafts: Vec<DraftMetaV1>) -> impl IntoView {
    let (session, mount) = (use_session(), use_mount_handle());
    let shown = RwSignal::new(Tab::All);
    let draft_count = drafts.len();
    let count = move |tab: Tab| match tab {
        Tab::Drafts => draft_count,
        Tab::All => draft_count + session.submissions.with(Vec::len),
        Tab::Matters(t) => session.submissions.with(|all| all.iter().filter(|e| e.matter_among(all).tab == t).count()),
    };
    let count = StoredValue::new(count);
    let key = move |ev: leptos::ev::KeyboardEvent| {
        let at = TABS.iter().position(|(t, _)| *t == shown.get_untracked()).unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" => (at + 1) % TABS.len(),
            "ArrowLeft" => (at + TABS.len() - 1) % TABS.len(),
            _ => return,
        };
        shown.set(TABS[next].0);
        mount.with_value(|m| m.focus(&format!("matters-tab-{next}")));
    };
    let drafts = StoredValue::new(drafts);
    // One set of actions for every tab: what they said, and which 进度 are open, stay when tabs change.
    let actions = MatterActions::in_context();
    view! {
        <div class="matters-tabs" role="tablist" aria-label="我的事项" on:keydown=key>
            {TABS.iter().enumerate().map(|(i, (tab, word))| {
                let tab = *tab;
                let selected = move || shown.get() == tab;
                view! {
                    <button type="button" role="tab" id=format!("matters-tab-{i}") aria-controls="matters-panel"
                        aria-selected=move || selected().to_string() tabindex=move || if selected() { "0" } else { "-1" }
                        class="matters-tab" on:click=move |_| shown.set(tab)>
                        {*word}<span class="tab-count">{move || count.with_value(|c| c(tab))}</span>
                    </button>
                }
            }).collect_view()}
        </div>
        <div id="matters-panel" role="tabpanel" class="matters-panel"
            aria-labelledby=move || format!("matters-tab-{}", TABS.iter().position(|(t, _)| *t == shown.get()).unwrap_or(0))>
            {move || match shown.get() {
                Tab::Drafts => view! { <DraftTable drafts=drafts.get_value()/> }.into_any(),
                Tab::All => view! {
                    <MatterTable only=None actions=actions/>
                    <h2 class="drafts-subheading">"草稿箱"</h2>
                    <DraftTable drafts=drafts.get_value()/>
                }.into_any(),
                Tab::Matters(t) => view! { <MatterTable only=Some(t) actions=actions/> }.into_any(),
            }}
        </div>
    }
}

/// The sent packages under one tab (every one when `only` is none), newest first.
#[component]
fn MatterTable(only: Option<MatterTab>, actions: MatterActions) -> impl IntoView {
    let session = use_session();
    let listed = move || {
        session.submissions.with(|all| {
            all.iter()
                .map(|e| (e.clone(), e.matter_among(all)))
                .filter(|(_, m)| only.is_none_or(|t| m.tab == t))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div role="status">{move || actions.message.get().map(|m| view! { <p class="notice">{m}</p> })}</div>
        {move || {
            let rows = listed();
            if rows.is_empty() {
                return view! { <p class="empty">"这里还没有事项。"</p> }.into_any();
            }
            view! {
                <div class="table-wrap"><table class="rows submitted-table matters-table">
                    <caption class="visually-hidden">"已提交的事项"</caption>
                    <thead><tr>
                        <th scope="col">"业务流水号"</th><th scope="col">"事项名称"</th><th scope="col">"摘要信息"</th>
                        <th scope="col">"当前环节"</th><th scope="col">"办理部门"</th><th scope="col">"办理结果"</th>
                        <th scope="col">"操作"</th>
                    </tr></thead>
                    <tbody>{rows.into_iter().map(|(e, m)| view! { <MatterRow entry=e matter=m actions=actions/> }).collect_view()}</tbody>
                </table></div>
            }.into_any()
        }}
    }
}
