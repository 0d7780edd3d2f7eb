//! Browser tests (wasm-bindgen-test in headless Chromium): mounts the Shenzhen form and checks
//! the pledge gate, live validation with its ARIA wiring, and computed values.
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Event, HtmlElement, HtmlInputElement};
use zhicheng::browser::drafts::memory::MemoryDrafts;
use zhicheng::browser::drafts::{DraftRepository, StoreError, StoredDraft};
use zhicheng::ui::form_app::FormApp;
use zhicheng::ui::workspace::{Screen, Workspace};
use zhicheng_engine::{Date, FormSchema, FormState};

wasm_bindgen_test_configure!(run_in_browser);

const SCHEMA: &str = include_str!("../public/forms/sz-title-review.json");

fn schema() -> Arc<FormSchema> {
    Arc::new(FormSchema::from_json(SCHEMA).expect("the Shenzhen schema loads"))
}

fn workspace(repo: Arc<MemoryDrafts>) -> Workspace {
    let files: zhicheng::browser::file_store::FileRepository =
        Arc::new(zhicheng::browser::file_store::memory::MemoryFiles::default());
    let submissions = zhicheng::ui::submissions::Submissions::new(false, files.clone());
    Workspace {
        schema: schema(),
        repo,
        files,
        screen: RwSignal::new(Screen::Starting),
        notice: RwSignal::new(None),
        persistent: true,
        submissions,
    }
}

/// Stores `draft` as a new draft of `workspace` and returns it as stored.
async fn store_draft(workspace: &Workspace, draft: zhicheng_engine::DraftV1) -> StoredDraft {
    let state = FormState::new(workspace.schema.clone(), Date::new(2026, 1, 1).unwrap());
    let meta = workspace.repo.save(workspace.entry_for("draft-1", &state), draft.clone()).await.unwrap();
    StoredDraft { meta, draft }
}

fn new_host() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

fn mount(host: &HtmlElement, workspace: Workspace, stored: StoredDraft) {
    let stored = Arc::new(stored);
    leptos::mount::mount_to(
        host.clone(),
        move || view! { <FormApp workspace=workspace.clone() stored=stored.clone()/> },
    )
    .forget();
}

/// Mounts a fresh form, backed by its own in-memory store, into its own element.
async fn mount_form_with(repo: Arc<MemoryDrafts>) -> HtmlElement {
    let workspace = workspace(repo);
    let blank = FormState::new(workspace.schema.clone(), Date::new(2026, 1, 1).unwrap()).to_draft();
    let stored = store_draft(&workspace, blank).await;
    let host = new_host();
    mount(&host, workspace, stored);
    host
}

async fn mount_form() -> HtmlElement {
    mount_form_with(Arc::new(MemoryDrafts::default())).await
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
    let repo = Arc::new(MemoryDrafts::default());
    let workspace = workspace(repo.clone());
    let mut stranger = FormState::new(workspace.schema.clone(), Date::new(2026, 1, 1).unwrap()).to_draft();
    stranger.form_id = "another-form".into();
    let stored = store_draft(&workspace, stranger).await;
    let host = new_host();
    mount(&host, workspace, stored);
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
    let repo = Arc::new(MemoryDrafts::default());
    let host = mount_form_with(repo.clone()).await;
    settle().await;
    let status = || find::<HtmlElement>(&host, ".save-status").text_content().unwrap();
    find::<HtmlInputElement>(&host, "#f-pledgeAccepted").click();
    settle().await;
    assert_eq!(status(), "保存中…");
    sleep(400).await;
    assert!(status().starts_with("已保存 "), "{}", status());
    let saved = repo.load("draft-1").await.unwrap();
    assert_eq!(saved.draft.answers.get("pledgeAccepted"), Some(&zhicheng_engine::Value::Bool(true)));

    repo.fail_saves_with(Some(StoreError::QuotaExceeded));
    find::<HtmlInputElement>(&host, "#f-pledgeAccepted").click();
    sleep(400).await;
    assert!(status().contains("保存失败") && status().contains("存储空间已满"), "{}", status());
}

#[wasm_bindgen_test]
async fn a_save_from_another_tab_is_never_overwritten_silently() {
    let repo = Arc::new(MemoryDrafts::default());
    let host = mount_form_with(repo.clone()).await;
    settle().await;
    // Another tab saves the same draft, claiming the next revision first.
    let mut theirs = repo.load("draft-1").await.unwrap();
    theirs.meta.writer = "another-tab".into();
    theirs.meta.revision += 1;
    theirs.draft.answers.insert("name".into(), zhicheng_engine::Value::Text("别处的修改".into()));
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
    let workspace = workspace(Arc::new(MemoryDrafts::default()));
    let mut old = FormState::new(workspace.schema.clone(), Date::new(2026, 1, 1).unwrap()).to_draft();
    old.schema_version = workspace.schema.version - 1;
    old.answers.insert("pledgeAccepted".into(), zhicheng_engine::Value::Bool(true));
    old.answers.insert("name".into(), zhicheng_engine::Value::Text("张三".into()));
    old.answers.insert("retiredField".into(), zhicheng_engine::Value::Text("旧版才有的内容".into()));
    let stored = store_draft(&workspace, old).await;
    let host = new_host();
    mount(&host, workspace, stored);
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
