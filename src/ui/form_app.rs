//! One open draft: the top bar, the page title with the notice the draft opened with, and the
//! current page (a step, 附件材料, 核对信息; 报表打印 over them; the submitted declaration read-only),
//! with the 资格自查 above the page while it is open (核对信息 always shows it).

use leptos::prelude::*;
use zhicheng_engine::{Position, SubmissionV1};
use zhicheng_session::OpenForm;

use crate::ui::conflict_dialog::ConflictDialog;
use crate::ui::deferred::deferred;
use crate::ui::memo::memo;
use crate::ui::mounted::use_mount_handle;
use crate::ui::on_demand::{
    eligibility_panel, fetch_eligibility, fetch_materials, fetch_reports, fetch_review, materials_page, reports_page,
    review_page,
};
use crate::ui::session::use_session;
use crate::ui::step_page::StepPage;
use crate::ui::stepper::Stepper;
use crate::ui::store::{focus_after_render, Store};
use crate::ui::top_bar::TopBar;

#[component]
pub fn FormApp(open: OpenForm) -> impl IntoView {
    let store = Store::new(open.clone());
    provide_context(store);
    let session = use_session();
    // A declaration that was submitted is shown as sent until the receiver returns it (退回) or
    // the applicant withdraws it (撤回), or sending stopped.
    let viewing_package = open.sent_package().is_some();
    // A host page may show a draft read-only (a portal's reviewer), like one that was sent.
    let mount = use_mount_handle();
    let read_only = viewing_package || mount.with_value(|m| m.settings().readonly);
    let held = {
        let id = open.id();
        memo(move || read_only || session.holds(&id))
    };
    // The host page hears about this draft until it closes.
    mount.with_value(|m| m.form_opened(open.clone(), session.workspace().submissions().clone()));
    on_cleanup(move || {
        mount.try_with_value(|m| m.form_closed());
    });
    // 报表打印 replaces the form while open; the form's place is kept.
    let reports_open = RwSignal::new(false);
    let close_reports = Callback::new(move |()| {
        reports_open.set(false);
        focus_after_render("page-heading".to_string());
    });
    // 资格自查 opened from the top bar stays above whichever page is shown, until 收起.
    let eligibility_open = RwSignal::new(false);
    let close_eligibility = Callback::new(move |()| {
        eligibility_open.set(false);
        focus_after_render("page-heading".to_string());
    });
    save_when_the_page_goes(store);
    let position = follow_position(store);
    let schema = open.schema();
    let notice = open.opening_notice().map(str::to_string);
    view! {
        <TopBar held=held reports_open=reports_open eligibility_open=eligibility_open/>
        <ConflictDialog/>
        <div class="page-title" part="title">
            <h1>{schema.title.clone()}</h1>
            <p class="subtitle">{schema.subtitle.clone()}</p>
            {notice.map(|n| view! { <p class="notice" role="alert">{n}</p> })}
            {open.sent_package().map(|entry| view! { <SentPackageNote entry=entry.clone()/> })}
        </div>
        {move || if reports_open.get() {
            view! { <main id="main" class="content reports-main" part="page" tabindex="-1">{deferred(fetch_reports, move || reports_page(close_reports))}</main> }.into_any()
        } else if held.get() {
            view! { <main id="main" class="content submitted" part="page" tabindex="-1">{deferred(fetch_review, || review_page(true))}</main> }.into_any()
        } else {
            view! {
                <div class="layout">
                    <Stepper/>
                    <main id="main" class="content" part="page" tabindex="-1">
                        {move || (eligibility_open.get() && position.get() != Position::Review)
                            .then(|| deferred(fetch_eligibility, move || eligibility_panel(close_eligibility)))}
                        {move || match position.get() {
                            Position::Step(step) => view! { <StepPage step=step/> }.into_any(),
                            Position::Materials => deferred(fetch_materials, materials_page).into_any(),
                            Position::Review => deferred(fetch_review, || review_page(false)).into_any(),
                        }}
                    </main>
                </div>
            }.into_any()
        }}
    }
}

/// Says that what shows is a package as it was sent, with the way to its editable draft.
#[component]
fn SentPackageNote(entry: SubmissionV1) -> impl IntoView {
    let session = use_session();
    let receipt = entry.receipt.clone().map(|r| format!("（业务流水号 {r}）")).unwrap_or_default();
    let draft_id = entry.draft_id.clone();
    let open_draft = move |_| {
        let (workspace, id) = (session.workspace(), draft_id.clone());
        session.spawn(async move {
            let _ = workspace.open(&id).await;
        });
    };
    view! {
        <p class="notice" role="status">
            {format!("这是提交时的申报包{receipt}，只能查看。")}
            " " <button type="button" class="link-button" on:click=open_draft>"打开草稿"</button>
        </p>
    }
}

/// Unsaved changes are rescued when the page closes and saved at once when it is hidden; the
/// listeners go with the form.
fn save_when_the_page_goes(store: Store) {
    let on_hide = window_event_listener(leptos::ev::pagehide, move |_| store.form().page_hide());
    let on_hidden = window_event_listener(leptos::ev::visibilitychange, move |_| store.form().flush());
    on_cleanup(move || {
        on_hide.remove();
        on_hidden.remove();
    });
}

/// Where the applicant is. A new page starts at its top with focus on its heading, and the
/// stepper keeps the current step in view (phones scroll it sideways).
fn follow_position(store: Store) -> Memo<Position> {
    let position = memo(move || store.state.with(|s| s.position()));
    let mount = use_mount_handle();
    Effect::new(move |previous: Option<Position>| {
        let now = position.get();
        if previous.is_some_and(|p| p != now) {
            let mount = mount.get_value();
            mount.scroll_to_top();
            mount.focus("page-heading");
            leptos::task::spawn_local(async move {
                leptos::task::tick().await;
                mount.center_in_scroller("current-step", "ol");
            });
        }
        now
    });
    position
}
