//! Browser tests of the form (wasm-bindgen-test, headless Chromium): the pledge gate, messages
//! that wait until a field is left, computed fields, conditions, and the session's autosave as
//! the applicant sees it, mounted on a workspace whose drafts live in memory.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Event, HtmlElement, HtmlInputElement};
use zhicheng::ui::workspace_view::Screens;
use zhicheng_browser::file_store::BrowserFiles;
use zhicheng_browser::mount::Mount;
use zhicheng_engine::{Date, DraftV1, FormSchema, FormState, Value};
use zhicheng_session::memory::{MemoryDrafts, MemoryOutbox, MemoryRescues};
use zhicheng_session::open_form::new_entry;
use zhicheng_session::{DraftRepository, Ports, StoreError, Workspace};

wasm_bindgen_test_configure!(run_in_browser);

fn schema() -> Arc<FormSchema> {
    Arc::new(zhicheng_engine::test_forms::form("sz-title-review"))
}

/// A workspace of the Shenzhen form on this page, with its drafts in `drafts`.
fn workspace(drafts: MemoryDrafts) -> (Workspace, BrowserFiles) {
    let files = BrowserFiles::in_memory();
    let ports = Ports {
        host: Rc::new(zhicheng_browser::host::BrowserHost),
        drafts: Rc::new(drafts),
        files: Rc::new(files.clone()),
        outbox: Rc::new(MemoryOutbox::default()),
        transport: Rc::new(zhicheng_browser::submit::HttpTransport {
            files: files.clone(),
            mount: Mount::standalone(),
        }),
        sending: Rc::new(zhicheng_session::submissions::SendAtOnce),
        keyring: Rc::new(zhicheng_browser::lock::WebCryptoKeyring),
        rescues: Rc::new(MemoryRescues::default()),
        archive: Rc::new(zhicheng_browser::json::BrowserArchive),
        resources: Rc::new(zhicheng_browser::resources::HttpResources {
            mount: Mount::standalone(),
            calendar: Default::default(),
        }),
        persistent: true,
    };
    (Workspace::new(ports, schema()), files)
}

/// Stores `draft` as `draft-1` in `drafts`.
async fn store_draft(workspace: &Workspace, drafts: &MemoryDrafts, draft: DraftV1) {
    let state = FormState::new(schema(), Date::new(2026, 1, 1).unwrap());
    drafts.save(new_entry(workspace.ports(), "draft-1", &state), draft).await.unwrap();
}

fn new_host() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

/// Opens `draft-1` and mounts the workspace's screens into a fresh element.
async fn mount(workspace: Workspace, files: BrowserFiles) -> HtmlElement {
    workspace.open("draft-1").await.unwrap();
    let host = new_host();
    leptos::mount::mount_to(host.clone(), move || {
        zhicheng::ui::mounted::provide_mount(Mount::standalone());
        view! { <Screens workspace=workspace.clone() files=files.clone()/> }
    })
    .forget();
    host
}

/// Mounts a fresh form, backed by its own in-memory drafts, into its own element.
async fn mount_form_with(drafts: MemoryDrafts) -> HtmlElement {
    let (workspace, files) = workspace(drafts.clone());
    let blank = FormState::new(schema(), Date::new(2026, 1, 1).unwrap()).to_draft();
    store_draft(&workspace, &drafts, blank).await;
    mount(workspace, files).await
}

async fn mount_form() -> HtmlElement {
    mount_form_with(MemoryDrafts::default()).await
}

/// Waits `ms` milliseconds of real time (autosave is debounced by 300 ms).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn find<T: JsCast>(host: &HtmlElement, selector: &str) -> T {
    host.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .dyn_into()
        .unwrap()
}

fn exists(host: &HtmlElement, selector: &str) -> bool {
    host.query_selector(selector).unwrap().is_some()
}

fn button(host: &HtmlElement, text: &str) -> HtmlElement {
    let buttons = host.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i)?.dyn_into::<HtmlElement>().ok())
        .find(|b| b.text_content().unwrap_or_default().trim() == text)
        .unwrap_or_else(|| panic!("no button {text}"))
}

fn type_into(input: &HtmlInputElement, text: &str) {
    input.set_value(text);
    input.dispatch_event(&Event::new("input").unwrap()).unwrap();
}

fn leave(input: &HtmlInputElement) {
    input.dispatch_event(&Event::new("blur").unwrap()).unwrap();
}

async fn settle() {
    for _ in 0..3 {
        leptos::task::tick().await;
    }
}

async fn pass_pledge(host: &HtmlElement) {
    let pledge: HtmlInputElement = find(host, "#f-pledgeAccepted");
    pledge.click();
    settle().await;
    button(host, "同意并开始填写").click();
    settle().await;
}

#[wasm_bindgen_test]
async fn the_pledge_gate_refuses_until_accepted() {
    let host = mount_form().await;
    settle().await;
    assert!(find::<HtmlElement>(&host, "#page-heading").text_content().unwrap().contains("承诺"));
    button(&host, "同意并开始填写").click();
    settle().await;
    let summary: HtmlElement = find(&host, "#error-summary");
    assert!(summary.text_content().unwrap().contains("本人已阅读并同意"));
    assert!(find::<HtmlElement>(&host, "#page-heading").text_content().unwrap().contains("承诺"));
    pass_pledge(&host).await;
    assert!(find::<HtmlElement>(&host, "#page-heading").text_content().unwrap().contains("基本信息"));
    assert!(!exists(&host, "#error-summary"), "a new step starts without messages");
}

#[wasm_bindgen_test]
async fn errors_wait_until_the_field_is_left_and_clear_while_fixing() {
    let host = mount_form().await;
    settle().await;
    pass_pledge(&host).await;
    let id: HtmlInputElement = find(&host, "#f-idNumber");
    type_into(&id, "44030519920304003");
    settle().await;
    assert!(!exists(&host, "#f-idNumber-msg"), "no message while typing");
    assert_eq!(id.get_attribute("aria-invalid"), None);

    type_into(&id, "440305199203040038");
    leave(&id);
    settle().await;
    let message: HtmlElement = find(&host, "#f-idNumber-msg");
    assert!(message.text_content().unwrap().contains("校验位"), "{:?}", message.text_content());
    assert_eq!(id.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(id.get_attribute("aria-describedby").unwrap().contains("f-idNumber-msg"));

    // Once shown, the message follows the value live as the applicant fixes it.
    type_into(&id, "440305199203040039");
    settle().await;
    assert!(!exists(&host, "#f-idNumber-msg"));
    assert_eq!(id.get_attribute("aria-invalid"), None);
}

#[wasm_bindgen_test]
async fn gender_and_birth_date_are_computed_from_the_id() {
    let host = mount_form().await;
    settle().await;
    pass_pledge(&host).await;
    let id: HtmlInputElement = find(&host, "#f-idNumber");
    type_into(&id, "11010519491231002X");
    settle().await;
    let birth: HtmlInputElement = find(&host, "#f-birthDate");
    assert_eq!(birth.value(), "1949-12-31");
    assert!(birth.read_only(), "a computed birth date cannot be edited");
    let gender: web_sys::HtmlSelectElement = find(&host, "#f-gender");
    assert_eq!(gender.value(), "女");
}

#[wasm_bindgen_test]
async fn nationality_shows_and_hides_the_chinese_citizen_fields() {
    let host = mount_form().await;
    settle().await;
    pass_pledge(&host).await;
    assert!(exists(&host, "#f-ethnicity"), "国籍 defaults to 中国, so 民族 is asked");
    let nationality: web_sys::HtmlSelectElement = find(&host, "#f-nationality");
    nationality.set_value("美国");
    nationality.dispatch_event(&Event::new("change").unwrap()).unwrap();
    settle().await;
    assert!(!exists(&host, "#f-ethnicity"));
    assert!(!exists(&host, "#f-hukou"));
}

#[wasm_bindgen_test]
async fn a_draft_of_another_form_is_kept_and_the_blank_form_saved_apart() {
    let repo = MemoryDrafts::default();
    let (workspace, files) = workspace(repo.clone());
    let mut stranger = FormState::new(schema(), Date::new(2026, 1, 1).unwrap()).to_draft();
    stranger.form_id = "another-form".into();
    store_draft(&workspace, &repo, stranger).await;
    let host = mount(workspace, files).await;
    settle().await;
    let notice: HtmlElement = find(&host, ".page-title .notice");
    assert!(notice.text_content().unwrap().contains("无法按当前申报表恢复"), "{:?}", notice.text_content());
    find::<HtmlInputElement>(&host, "#f-pledgeAccepted").click();
    sleep(400).await;
    let drafts = repo.list().await.unwrap();
    assert_eq!(drafts.len(), 2, "the blank form is saved as a second draft");
    assert_eq!(repo.load("draft-1").await.unwrap().draft.form_id, "another-form", "the original is untouched");
}

#[wasm_bindgen_test]
async fn autosave_reports_saving_saved_and_a_full_disk() {
    let repo = MemoryDrafts::default();
    let host = mount_form_with(repo.clone()).await;
    settle().await;
    let status = || find::<HtmlElement>(&host, ".save-status").text_content().unwrap();
    find::<HtmlInputElement>(&host, "#f-pledgeAccepted").click();
    settle().await;
    assert_eq!(status(), "保存中…");
    sleep(400).await;
    assert!(status().starts_with("已保存 "), "{}", status());
    let saved = repo.load("draft-1").await.unwrap();
    assert_eq!(saved.draft.answers.get("pledgeAccepted"), Some(&Value::Bool(true)));

    repo.fail_saves_with(Some(StoreError::QuotaExceeded));
    find::<HtmlInputElement>(&host, "#f-pledgeAccepted").click();
    sleep(400).await;
    assert!(status().contains("保存失败") && status().contains("存储空间已满"), "{}", status());
}

#[wasm_bindgen_test]
async fn a_save_from_another_tab_is_never_overwritten_silently() {
    let repo = MemoryDrafts::default();
    let host = mount_form_with(repo.clone()).await;
    settle().await;
    // Another tab saves the same draft, claiming the next revision first.
    let mut theirs = repo.load("draft-1").await.unwrap();
    theirs.meta.writer = "another-tab".into();
    theirs.meta.revision += 1;
    theirs.draft.answers.insert("name".into(), Value::Text("别处的修改".into()));
    repo.save(theirs.meta, theirs.draft).await.unwrap();

    find::<HtmlInputElement>(&host, "#f-pledgeAccepted").click();
    sleep(400).await;
    assert!(exists(&host, "[role=alertdialog]"), "the applicant is asked which version to keep");
    let stored = repo.load("draft-1").await.unwrap();
    assert_eq!(stored.meta.writer, "another-tab", "nothing was overwritten while asking");

    button(&host, "保留本页的版本").click();
    sleep(50).await;
    assert!(!exists(&host, "[role=alertdialog]"));
    let stored = repo.load("draft-1").await.unwrap();
    assert_ne!(stored.meta.writer, "another-tab", "this page's version is now stored");
    assert!(!stored.draft.answers.contains_key("name"));
}

#[wasm_bindgen_test]
async fn a_draft_of_an_older_schema_version_is_carried_over_and_unknown_answers_are_shown() {
    let repo = MemoryDrafts::default();
    let (workspace, files) = workspace(repo.clone());
    let mut old = FormState::new(schema(), Date::new(2026, 1, 1).unwrap()).to_draft();
    old.schema_version = schema().version - 1;
    old.answers.insert("pledgeAccepted".into(), Value::Bool(true));
    old.answers.insert("name".into(), Value::Text("张三".into()));
    old.answers.insert("retiredField".into(), Value::Text("旧版才有的内容".into()));
    store_draft(&workspace, &repo, old).await;
    let host = mount(workspace, files).await;
    settle().await;
    let notice = find::<HtmlElement>(&host, ".page-title .notice").text_content().unwrap();
    assert!(notice.contains("已从第 0 版更新到第 1 版") && notice.contains("1 项内容"), "{notice}");
    // 核对信息 lists the kept answer.
    let review = host.query_selector_all(".stepper button").unwrap();
    let last: HtmlElement = review.item(review.length() - 1).unwrap().dyn_into().unwrap();
    last.click();
    settle().await;
    let kept = find::<HtmlElement>(&host, ".set-aside").text_content().unwrap();
    assert!(kept.contains("retiredField") && kept.contains("旧版才有的内容"), "{kept}");
}

#[wasm_bindgen_test]
async fn the_eligibility_panel_opens_from_the_top_bar_and_names_what_is_missing() {
    let host = mount_form().await;
    settle().await;
    pass_pledge(&host).await;
    let toggle = button(&host, "资格自查");
    assert_eq!(toggle.get_attribute("aria-expanded").as_deref(), Some("false"));
    toggle.click();
    settle().await;
    assert_eq!(toggle.get_attribute("aria-expanded").as_deref(), Some("true"));
    let panel: HtmlElement = find(&host, "#eligibility");
    let text = panel.text_content().unwrap();
    assert!(text.contains("信息不足") && text.contains("请先填写「申报类型」"), "{text}");
    assert!(exists(&host, "#eligibility [aria-live=polite] .verdict.needs-answers"));
    button(&host, "收起资格自查").click();
    settle().await;
    assert!(!exists(&host, "#eligibility"), "收起 closes the panel");
}

#[wasm_bindgen_test]
async fn the_status_path_marks_the_current_stage_in_words_and_for_assistive_technology() {
    // A package returned at 单位审核 with the unit's 意见.
    use zhicheng_engine::stored::package::{Applicant, PackageManifestV1};
    use zhicheng_engine::stored::package_stage::{PackageStage, StageOutcome, StatusStage};
    let manifest = PackageManifestV1 {
        format: "zhicheng.package".into(),
        format_version: 1,
        package_id: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
        form_id: "dg-assessment".into(),
        schema_version: 1,
        client_version: "t".into(),
        created_at: "2026-11-23T08:00:00Z".into(),
        submitted_at: "2026-11-23T08:00:00Z".into(),
        applicant: Applicant { name: "张三".into(), id_number: String::new() },
        answers: Default::default(),
        attachments: vec![],
        reports: vec![],
        refers_to: None,
    };
    let mut entry = zhicheng_engine::SubmissionV1::new(manifest, "d", "张三 · 考核认定", "http://r/", 0);
    entry.sent("ZC1".into(), Some(zhicheng_engine::PackageStatus::Returned), "2026-11-23T08:00:01Z".into(), false);
    let stage = |id: &str, name: &str, actor: &str, outcomes| StatusStage {
        id: id.into(),
        name: name.into(),
        actor: actor.into(),
        todo: "等待。".into(),
        status: None,
        outcomes,
        department_field: None,
    };
    let failed = StageOutcome { id: "failed".into(), name: "单位审核不通过".into(), returns: true, todo: None };
    entry.status_path = vec![
        stage("declare", "个人申报", "申报人", vec![]),
        stage("unit-review", "单位审核", "用人单位", vec![failed]),
    ];
    entry.stage = Some(PackageStage {
        id: "unit-review".into(),
        outcome: Some("failed".into()),
        opinion: Some("缺少单位盖章的承诺书".into()),
        updated_at: None,
    });
    let host = new_host();
    leptos::mount::mount_to(
        host.clone(),
        move || view! { <zhicheng::ui::status_path::StatusPath entry=entry.clone()/> },
    )
    .forget();
    settle().await;
    let current: HtmlElement = find(&host, "ol.status-path li[aria-current='step']");
    let text = current.text_content().unwrap();
    assert!(text.contains("单位审核") && text.contains("未通过") && text.contains("用人单位"), "{text}");
    assert!(text.contains("意见：缺少单位盖章的承诺书") && text.contains("您需要："), "{text}");
    let first: HtmlElement = find(&host, "ol.status-path li:first-child");
    assert!(first.text_content().unwrap().contains("（已完成）"));
    assert_eq!(first.get_attribute("aria-current"), None, "only the current stage is marked");
}
