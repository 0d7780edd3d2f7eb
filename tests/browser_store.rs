//! Browser tests of the IndexedDB draft store (wasm-bindgen-test, headless Chromium): open, save,
//! load, list, the two-tab revision check, entry changes and purging, against the real database.
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use wasm_bindgen_test::*;
use zhicheng::browser::drafts::indexed_db::IndexedDbDrafts;
use zhicheng::browser::drafts::{DraftRepository, EntryChange, StoreError};
use zhicheng_engine::date::Date;
use zhicheng_engine::draft_summary::DraftSummary;
use zhicheng_engine::schema::FormSchema;
use zhicheng_engine::state::FormState;
use zhicheng_engine::value::Value;
use zhicheng_engine::wire::{DraftMetaV1, DraftV1};

wasm_bindgen_test_configure!(run_in_browser);

const SCHEMA: &str = include_str!("../public/forms/sz-title-review.json");

fn blank_draft() -> DraftV1 {
    let schema = Arc::new(FormSchema::from_json(SCHEMA).unwrap());
    FormState::new(schema, Date::new(2026, 1, 1).unwrap()).to_draft()
}

fn entry(id: &str, writer: &str) -> DraftMetaV1 {
    DraftMetaV1 {
        id: id.into(),
        form_id: "sz-title-review".into(),
        schema_version: 1,
        name: None,
        summary: DraftSummary { applicant: "张三".into(), kind: "普通申报".into(), steps_done: 3, steps_total: 12 },
        created_at: 1_700_000_000_000,
        saved_at: 1_700_000_000_000,
        revision: 0,
        writer: writer.into(),
        deleted_at: None,
    }
}

/// A draft id no other test uses (all tests share one database).
fn unique(name: &str) -> String {
    format!("{name}-{}", zhicheng::browser::drafts::new_id())
}

#[wasm_bindgen_test]
async fn a_saved_draft_comes_back_exactly() {
    let store = IndexedDbDrafts::open().await.expect("IndexedDB opens in Chromium");
    let id = unique("roundtrip");
    let mut draft = blank_draft();
    draft.answers.insert("name".into(), Value::Text("张三".into()));
    let saved = store.save(entry(&id, "tab-a"), draft.clone(), 0).await.unwrap();
    assert_eq!(saved.revision, 1);
    let loaded = store.load(&id).await.unwrap();
    assert_eq!(loaded.draft, draft);
    assert_eq!(loaded.meta, saved);
    assert!(store.list().await.unwrap().iter().any(|m| m.id == id));
}

#[wasm_bindgen_test]
async fn the_later_writer_of_two_tabs_gets_a_conflict() {
    let store = IndexedDbDrafts::open().await.unwrap();
    let id = unique("two-tabs");
    let first = store.save(entry(&id, "tab-a"), blank_draft(), 0).await.unwrap();
    // Tab B opened the draft at revision 1 and saves: fine.
    let by_b = store.save(entry(&id, "tab-b"), blank_draft(), first.revision).await.unwrap();
    assert_eq!(by_b.revision, 2);
    // Tab A still knows revision 1: its save is refused and names B's save.
    match store.save(entry(&id, "tab-a"), blank_draft(), first.revision).await {
        Err(StoreError::Conflict(theirs)) => assert_eq!((theirs.writer.as_str(), theirs.revision), ("tab-b", 2)),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(store.load(&id).await.unwrap().meta.writer, "tab-b", "nothing was overwritten");
    // A tab's own consecutive saves never conflict with each other, whatever revision it knew.
    let again = store.save(entry(&id, "tab-b"), blank_draft(), 1).await.unwrap();
    assert_eq!(again.revision, 3);
}

#[wasm_bindgen_test]
async fn renaming_deleting_and_restoring_keep_the_body_and_revision() {
    let store = IndexedDbDrafts::open().await.unwrap();
    let id = unique("entry");
    let saved = store.save(entry(&id, "tab-a"), blank_draft(), 0).await.unwrap();
    let renamed = store.change_entry(&id, EntryChange::Rename(Some("我的申报".into()))).await.unwrap();
    assert_eq!((renamed.display_name().as_str(), renamed.revision), ("我的申报", saved.revision));
    // A later autosave keeps the name given in the list.
    let resaved = store.save(entry(&id, "tab-a"), blank_draft(), saved.revision).await.unwrap();
    assert_eq!(resaved.name.as_deref(), Some("我的申报"));

    let deleted = store.change_entry(&id, EntryChange::Delete(42)).await.unwrap();
    assert_eq!(deleted.deleted_at, Some(42));
    let restored = store.change_entry(&id, EntryChange::Restore).await.unwrap();
    assert_eq!(restored.deleted_at, None);

    store.purge(&id).await.unwrap();
    assert_eq!(store.load(&id).await.unwrap_err(), StoreError::NotFound);
    assert!(!store.list().await.unwrap().iter().any(|m| m.id == id));
}
