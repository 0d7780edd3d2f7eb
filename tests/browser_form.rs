//! Browser tests (wasm-bindgen-test in headless Chromium): mounts the Shenzhen form and checks
//! the pledge gate, live validation with its ARIA wiring, and computed values.
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Event, HtmlElement, HtmlInputElement};
use zhicheng::browser::draft_store::MemoryDraftStore;
use zhicheng::ui::app::FormApp;
use zhicheng_engine::schema::FormSchema;

wasm_bindgen_test_configure!(run_in_browser);

const SCHEMA: &str = include_str!("../public/forms/sz-title-review.json");

/// Mounts a fresh form into its own element and returns that element.
fn mount_form() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let schema = Arc::new(FormSchema::from_json(SCHEMA).expect("the Shenzhen schema loads"));
    let handle = leptos::mount::mount_to(host.clone(), move || {
        view! { <FormApp schema=schema.clone() store=Arc::new(MemoryDraftStore::default())/> }
    });
    handle.forget();
    host
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
    let host = mount_form();
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
    let host = mount_form();
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
    let host = mount_form();
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
    let host = mount_form();
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
async fn an_unreadable_draft_is_set_aside_not_overwritten() {
    use zhicheng::browser::draft_store::DraftStore;
    let drafts = Arc::new(MemoryDraftStore::default());
    let schema = Arc::new(FormSchema::from_json(SCHEMA).unwrap());
    let mut stranger = zhicheng_engine::state::FormState::new(schema.clone(), zhicheng_engine::date::Date::new(2026, 1, 1).unwrap()).to_draft();
    stranger.form_id = "another-form".into();
    drafts.save("zhicheng.draft.sz-title-review", &stranger).unwrap();

    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let store: Arc<dyn DraftStore + Send + Sync> = drafts.clone();
    leptos::mount::mount_to(host.clone(), move || view! { <FormApp schema=schema.clone() store=store.clone()/> }).forget();
    settle().await;
    let notice: HtmlElement = find(&host, ".page-title .notice");
    assert!(notice.text_content().unwrap().contains("无法读取"), "{:?}", notice.text_content());
    let kept = drafts.load("zhicheng.draft.sz-title-review.unreadable").expect("set aside").unwrap();
    assert_eq!(kept.form_id, "another-form");
}
