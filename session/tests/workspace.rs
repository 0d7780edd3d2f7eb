//! A whole session run natively: start-up, autosave through the real driver, two tabs on one
//! draft, a full disk, a page closing mid-save, the lock, export and import, the host's holiday
//! calendar.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use zhicheng_engine::{AttachedFile, Command, HolidayCalendar};

use zhicheng_session::testing::{short_form, FixedResources, ManualHost, Page, Profile};
use zhicheng_session::StatusLine;
use zhicheng_session::StoreError;
use zhicheng_session::Workspace;
use zhicheng_session::{DraftsCommand, Screen};
use zhicheng_session::{SaveStatus, DEBOUNCE_MS};

fn machine() -> (Rc<ManualHost>, Profile) {
    let host = ManualHost::new(1_000_000);
    let profile = Profile::new(&host);
    (host, profile)
}

fn save_status(page: &Page) -> SaveStatus {
    match page.form().status().get() {
        StatusLine::Save(status) => status,
        other => panic!("the status line shows {other:?}"),
    }
}

#[test]
fn a_first_start_opens_a_new_draft_and_every_change_is_saved_after_a_pause() {
    let (host, profile) = machine();
    let page = Page::start(&profile, &host, None);
    let form = page.form();
    assert_eq!(save_status(&page), SaveStatus::Idle);
    page.type_into("name", "张三");
    assert_eq!(save_status(&page), SaveStatus::Dirty);
    host.advance(DEBOUNCE_MS - 1);
    let stored = page.finish(async move { Rc::clone(&form.ports().drafts).load(&form.id()).await });
    assert_eq!(stored.unwrap().meta.revision, 1, "nothing is written before the pause ends");
    host.advance(1);
    assert!(matches!(save_status(&page), SaveStatus::Saved { .. }));
    let form = page.form();
    let stored = page.finish(async move { form.ports().drafts.load(&form.id()).await }).unwrap();
    assert_eq!((stored.meta.revision, stored.meta.summary.applicant.as_str()), (2, "张三"));
}

#[test]
fn a_first_start_counts_the_empty_store_and_reads_no_draft_and_a_later_one_reads_them() {
    let (host, profile) = machine();
    let first = Page::start(&profile, &host, None);
    assert_eq!(profile.drafts.reads(), 0, "a first visit's empty store is counted, not read");
    let again = Page::start(&profile, &host.second_page("page-2"), None);
    assert!(profile.drafts.reads() > 0, "a later start reads what is stored");
    assert_eq!(again.form().id(), first.form().id());
}

#[test]
fn the_second_start_opens_the_only_draft_and_a_third_draft_shows_the_list() {
    let (host, profile) = machine();
    let first = Page::start(&profile, &host, None);
    let id = first.form().id();
    let again = Page::start(&profile, &host.second_page("page-2"), None);
    assert_eq!(again.form().id(), id);
    again
        .finish({
            let w = again.workspace.clone();
            async move { w.run(DraftsCommand::Create).await.map(drop) }
        })
        .unwrap();
    let third = Page::start(&profile, &host.second_page("page-3"), None);
    assert!(matches!(third.workspace.screen().get(), Screen::List));
    let asked = Page::start(&profile, &host.second_page("page-4"), Some(id.clone()));
    assert_eq!(asked.form().id(), id, "the draft the host asked for opens");
}

#[test]
fn a_start_with_choices_opens_a_new_draft_holding_them_beside_the_others() {
    let (host, profile) = machine();
    let first = Page::start(&profile, &host, None);
    let existing = first.form().id();
    let workspace = zhicheng_session::Workspace::new(profile.ports(&host), zhicheng_session::testing::short_form());
    let starting = workspace.clone();
    let choices = vec![("kind".to_string(), "破格申报".to_string()), ("nonsense".to_string(), "x".to_string())];
    host.spawn_local(async move { starting.start_new(choices).await });
    host.run();
    let Screen::Form(open) = workspace.screen().get() else { panic!("the new draft opens") };
    assert_ne!(open.id(), existing, "a new draft, not the one already stored");
    let kind = open.with_state(|s| s.text(&zhicheng_engine::FieldPath::top("kind")).to_string());
    assert_eq!(kind, "破格申报", "the choice is in the draft; a field the form lacks is left out");
    let stored = first.finish(async move { open.ports().drafts.load(&open.id()).await }).unwrap();
    assert_eq!(stored.meta.summary.kind, "破格申报", "and stored, so the 草稿箱 names it");
}

#[test]
fn two_tabs_editing_one_draft_never_overwrite_each_other_silently() {
    let (host, profile) = machine();
    let a = Page::start(&profile, &host, None);
    let b = Page::start(&profile, &host.second_page("page-2"), None);
    assert_eq!(a.form().id(), b.form().id());
    a.type_into("name", "甲");
    host.advance(DEBOUNCE_MS);
    b.type_into("name", "乙");
    host.advance(DEBOUNCE_MS);
    let SaveStatus::Conflict(theirs) = save_status(&b) else { panic!("b must learn of a's save") };
    assert_eq!(theirs.writer, "page-1");
    // Further edits in b wait for the applicant's choice.
    b.type_into("name", "乙二");
    host.advance(DEBOUNCE_MS);
    assert!(matches!(save_status(&b), SaveStatus::Conflict(_)));
    b.form().keep_mine();
    host.run();
    assert!(matches!(save_status(&b), SaveStatus::Saved { .. }));
    // Now a is the one behind.
    a.type_into("name", "甲二");
    host.advance(DEBOUNCE_MS);
    assert!(matches!(save_status(&a), SaveStatus::Conflict(_)));
    let form = a.form();
    a.finish(async move { form.take_theirs().await });
    assert_eq!(a.form().with_state(|s| s.text(&zhicheng_engine::FieldPath::top("name")).to_string()), "乙二");
    assert!(matches!(a.form().status().get(), StatusLine::LoadedTheirs { .. }));
    a.type_into("name", "甲三");
    host.advance(DEBOUNCE_MS);
    assert!(matches!(save_status(&a), SaveStatus::Saved { .. }), "after taking theirs, saving goes on");
}

#[test]
fn a_full_disk_keeps_the_changes_on_screen_and_saves_once_space_is_back() {
    let (host, profile) = machine();
    let page = Page::start(&profile, &host, None);
    profile.drafts.fail_saves_with(Some(StoreError::QuotaExceeded));
    page.type_into("name", "张三");
    host.advance(DEBOUNCE_MS);
    assert_eq!(save_status(&page), SaveStatus::Failed(StoreError::QuotaExceeded));
    let exported = page.form().snapshot();
    assert_eq!(exported.meta.summary.applicant, "张三", "an export still holds what is on screen");
    profile.drafts.fail_saves_with(None);
    page.type_into("kind", "普通申报");
    host.advance(DEBOUNCE_MS);
    assert!(matches!(save_status(&page), SaveStatus::Saved { .. }));
}

#[test]
fn changes_of_a_page_closing_before_its_save_are_rescued_and_stored_at_the_next_start() {
    let (host, profile) = machine();
    let page = Page::start(&profile, &host, None);
    let id = page.form().id();
    page.type_into("name", "张三");
    // The page closes before the pause ends, and the browser never runs the save.
    page.form().page_hide();
    assert_eq!(profile.rescues.len(), 1);
    profile.drafts.fail_saves_with(Some(StoreError::Unavailable("页面已关闭".into())));
    host.run();
    profile.drafts.fail_saves_with(None);
    let next = Page::start(&profile, &host.second_page("page-2"), Some(id));
    assert_eq!(next.form().display_name(), "张三");
    assert!(profile.rescues.is_empty(), "a stored rescue is forgotten");
}

#[test]
fn locking_seals_the_files_and_the_name_and_unlocking_needs_the_passphrase_in_another_tab() {
    let (host, profile) = machine();
    let page = Page::start(&profile, &host, None);
    let form = page.form();
    let file = AttachedFile {
        sha256: "a".repeat(64),
        name: "学历证书.pdf".into(),
        media_type: "application/pdf".into(),
        size: 4,
        pages: Some(1),
    };
    let files = form.files();
    let stored_file = file.clone();
    page.finish(async move { files.put(&stored_file, b"%PDF".to_vec()).await }).unwrap();
    form.dispatch(Command::Attach { material: "evidence".into(), file });
    page.type_into("name", "张三");
    host.advance(DEBOUNCE_MS);
    assert_eq!(
        zhicheng_session::lock::check_new_passphrase("short", "short").unwrap_err(),
        "口令至少 8 个字符，建议用一句话或几个词组合。"
    );
    let locking = form.clone();
    page.finish(async move { zhicheng_session::lock::lock(&locking, "一句很长的口令").await }).unwrap();
    host.run();
    assert!(profile.files.hashes().is_empty(), "no plain copy is left");
    assert_eq!(profile.files.sealed_keys(), vec![format!("{}/{}", form.id(), "a".repeat(64))]);
    let other = Page::start(&profile, &host.second_page("page-2"), Some(form.id()));
    let Screen::Unlock(meta) = other.workspace.screen().get() else {
        panic!("the other tab must ask for the passphrase")
    };
    assert!(meta.summary.applicant.is_empty(), "the stored entry names nobody");
    let (w, m) = (other.workspace.clone(), meta.clone());
    let wrong = other.finish(async move { w.unlock(&m, "错误的口令错误的口令").await });
    assert_eq!(wrong.unwrap_err(), "口令不正确，请重新输入（口令区分大小写和全角、半角）。");
    let (w, m) = (other.workspace.clone(), meta);
    other.finish(async move { w.unlock(&m, "一句很长的口令").await }).unwrap();
    assert_eq!(other.form().display_name(), "张三");
    let unlocking = form.clone();
    page.finish(async move { zhicheng_session::lock::unlock(&unlocking).await }).unwrap();
    host.run();
    assert_eq!(profile.files.hashes(), vec!["a".repeat(64)]);
    assert!(profile.files.sealed_keys().is_empty());
}

#[test]
fn an_export_imports_as_a_copy_beside_the_original_and_another_form_is_refused() {
    let (host, profile) = machine();
    let page = Page::start(&profile, &host, None);
    page.type_into("name", "张三");
    host.advance(DEBOUNCE_MS);
    let (w, id) = (page.workspace.clone(), page.form().id());
    let done = page.finish(async move { w.run(DraftsCommand::Export(id)).await }).unwrap();
    let file = done.download.expect("an export offers a file");
    assert_eq!(file.name, "职称申报草稿-张三.zip");
    let w = page.workspace.clone();
    let bytes = file.bytes.clone();
    let imported = page.finish(async move { w.run(DraftsCommand::Import(bytes)).await }).unwrap();
    assert_eq!(imported.message.as_deref(), Some("已导入草稿「张三（导入）」。"));
    let w = page.workspace.clone();
    let lists = page.finish(async move { w.lists().await }).unwrap();
    assert_eq!(lists.active.len(), 2);
    let mut damaged = file.bytes;
    let middle = damaged.len() / 2;
    damaged[middle] ^= 1;
    let w = page.workspace.clone();
    let refused = page.finish(async move { w.run(DraftsCommand::Import(damaged)).await });
    assert!(refused.unwrap_err().starts_with("导入失败："));
}

#[test]
fn the_open_form_counts_working_days_with_the_calendar_the_host_loaded() {
    let (host, profile) = machine();
    let text = include_str!("../../public/calendar/cn.json");
    let calendar = Arc::new(HolidayCalendar::from_json(text).unwrap_or_else(|e| panic!("{e}")));
    let mut ports = profile.ports(&host);
    ports.resources = Rc::new(FixedResources { calendar: RefCell::new(calendar.clone()), ..FixedResources::default() });
    let workspace = Workspace::new(ports, short_form());
    let starting = workspace.clone();
    host.spawn_local(async move { starting.start(None).await });
    host.run();
    let Screen::Form(open) = workspace.screen().get() else { panic!("no form is open") };
    assert!(open.with_state(|s| Arc::ptr_eq(s.calendar(), &calendar)));
    // Without one, the form estimates every year and says so where the calendar is shown.
    let page = Page::start(&profile, &host, None);
    let described = page.form().with_state(|s| s.calendar().describe());
    assert!(described.starts_with("未能载入国务院办公厅放假安排"), "{described}");
}
