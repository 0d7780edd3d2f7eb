//! One open draft: the top bar with the save status, the stepper and the current page. Restores
//! the draft's exact state; autosave (`autosave.rs`) keeps it in the store.

use std::sync::Arc;

use leptos::prelude::*;
use zhicheng_engine::{FormState, Position};

use crate::browser::clock;
use crate::browser::drafts::{new_id, StoredDraft};
use crate::ui::autosave::{start_autosave, ConflictDialog};
use crate::ui::lock_dialog::LockControl;
use crate::ui::materials_page::MaterialsPage;
use crate::ui::reports_page::ReportsPage;
use crate::ui::review::ReviewPage;
use crate::ui::step_page::StepPage;
use crate::ui::stepper::Stepper;
use crate::ui::store::focus_after_render;
use crate::ui::store::Store;
use crate::ui::submit_panel::OpenDraft;
use crate::ui::workspace::Workspace;

/// The form for one stored draft.
#[component]
pub fn FormApp(workspace: Workspace, stored: Arc<StoredDraft>) -> impl IntoView {
    let schema = workspace.schema.clone();
    let (state, restore_notice) = match FormState::from_draft(schema.clone(), stored.draft.clone(), clock::today()) {
        Ok(state) => (state, None),
        Err(reason) => (
            FormState::new(schema.clone(), clock::today()),
            Some(format!("这份草稿无法按当前申报表恢复（{reason}），现显示空白申报表；原草稿仍保留，未被覆盖。")),
        ),
    };
    // A draft that could not be restored is never overwritten: the blank form shown instead is
    // saved as a new draft.
    let meta = match restore_notice {
        None => stored.meta.clone(),
        Some(_) => workspace.entry_for(&new_id(), &state),
    };
    // The draft's own name when it was given one, else the name its answers make, as typed.
    let given_name = meta.name.clone().filter(|n| !n.trim().is_empty());
    let upgrade_notice = (restore_notice.is_none() && stored.draft.schema_version < schema.version).then(|| {
        let kept = state.set_aside().len();
        let tail = if kept > 0 {
            format!("；{kept} 项内容在新版中没有对应栏目，已原样保留，请到「核对信息」中查看")
        } else {
            String::new()
        };
        format!(
            "申报表已从第 {} 版更新到第 {} 版，您的草稿已按新版调整{tail}。",
            stored.draft.schema_version, schema.version
        )
    });
    let files = workspace.draft_files(&meta.id);
    let meta_id = meta.id.clone();
    let store = Store::new(state);
    // 报表打印 replaces the form while open; the form's place is kept.
    let reports_open = RwSignal::new(false);
    let close_reports = Callback::new(move |()| {
        reports_open.set(false);
        focus_after_render("page-heading".to_string());
    });
    provide_context(store);
    let name = Memo::new(move |_| {
        given_name.clone().unwrap_or_else(|| store.state.with(|s| s.naming_summary().default_name()))
    });
    provide_context(OpenDraft { id: meta_id.clone(), name });
    // A declaration that was submitted is shown as sent until the receiver returns it (退回) or
    // the applicant withdraws it (撤回), or sending stopped.
    let held = {
        let (submissions, id) = (workspace.submissions.clone(), meta_id.clone());
        Memo::new(move |_| submissions.holds(&id))
    };
    // Pickers that read other drafts (the unit's applicant import) find the workspace here.
    provide_context(workspace.clone());
    let saver = start_autosave(store, workspace.clone(), meta);

    let position = Memo::new(move |_| store.state.with(|s| s.position()));
    Effect::new(move |previous: Option<Position>| {
        let now = position.get();
        if previous.is_some_and(|p| p != now) {
            crate::browser::dom::scroll_to_top();
            crate::browser::dom::focus("page-heading");
            // Once the stepper has re-rendered, keep its current step in view (phones scroll it
            // sideways).
            leptos::task::spawn_local(async {
                leptos::task::tick().await;
                crate::browser::dom::center_in_scroller("current-step", "ol");
            });
        }
        now
    });
    let to_list = {
        let workspace = workspace.clone();
        move |_| {
            saver.flush();
            workspace.show_list();
        }
    };

    let export = {
        let workspace = workspace.clone();
        move |_| {
            let (workspace, stored) = (workspace.clone(), saver.snapshot());
            leptos::task::spawn_local(async move {
                if let Err(e) = workspace.export(&stored).await {
                    saver.status.set(format!("导出失败：{e}"));
                }
            });
        }
    };

    view! {
        <header class="topbar">
            <div class="topbar-inner">
                <p class="brand">"深圳市人才一体化综合服务平台 · 职称申报"</p>
                <nav class="topbar-nav" aria-label="草稿">
                    <button type="button" class="link-button" on:click=to_list>"我的事项"</button>
                    <span class="draft-name">{move || name.get()}</span>
                    <button type="button" class="link-button" on:click=move |_| reports_open.set(true)>"报表打印"</button>
                    <button type="button" class="link-button" on:click=export>"导出备份"</button>
                    // A submitted declaration's files are still needed by its package: no lock then.
                    {
                        let (workspace, id) = (workspace.clone(), meta_id.clone());
                        move || (!held.get()).then(|| view! { <LockControl workspace=workspace.clone() saver=saver draft_id=id.clone()/> })
                    }
                </nav>
                <p class="save-status" role="status" aria-live="polite">{move || saver.status.get()}</p>
            </div>
        </header>
        <ConflictDialog saver=saver/>
        <div class="page-title">
            <h1>{schema.title.clone()}</h1>
            <p class="subtitle">{schema.subtitle.clone()}</p>
            {restore_notice.or(upgrade_notice).map(|n| view! { <p class="notice" role="alert">{n}</p> })}
        </div>
        {move || if reports_open.get() {
            view! { <main id="main" class="content reports-main" tabindex="-1"><ReportsPage on_close=close_reports/></main> }.into_any()
        } else if held.get() {
            view! { <main id="main" class="content submitted" tabindex="-1"><ReviewPage read_only=true/></main> }.into_any()
        } else {
            let files = files.clone();
            view! {
                <div class="layout">
                    <Stepper/>
                    <main id="main" class="content" tabindex="-1">
                        {move || match position.get() {
                            Position::Step(step) => view! { <StepPage step=step/> }.into_any(),
                            Position::Materials => view! { <MaterialsPage files=files.clone()/> }.into_any(),
                            Position::Review => view! { <ReviewPage/> }.into_any(),
                        }}
                    </main>
                </div>
            }.into_any()
        }}
    }
}
