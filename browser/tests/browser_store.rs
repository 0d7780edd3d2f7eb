//! Browser tests of the IndexedDB draft store (wasm-bindgen-test, headless Chromium): open, save,
//! load, list, the two-tab revision check, entry changes and purging, against the real database.
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use wasm_bindgen_test::*;
use zhicheng_browser::drafts::indexed_db::IndexedDbDrafts;
use zhicheng_browser::idb::Shelf;
use zhicheng_engine::{Date, DraftMetaV1, DraftSummary, DraftV1, FormState, Value};
use zhicheng_session::{DraftRepository, EntryChange, StoreError, StoredDraft};

wasm_bindgen_test_configure!(run_in_browser);

fn blank_draft() -> DraftV1 {
    let schema = Arc::new(zhicheng_engine::test_forms::form("sz-title-review"));
    FormState::new(schema, Date::new(2026, 1, 1).unwrap()).to_draft()
}

fn entry(id: &str, writer: &str) -> DraftMetaV1 {
    DraftMetaV1 {
        id: id.into(),
        form_id: "sz-title-review".into(),
        schema_version: 1,
        name: None,
        summary: DraftSummary {
            applicant: "张三".into(), kind: "普通申报".into(), steps_done: 3, steps_total: 12
        },
        created_at: 1_700_000_000_000,
        saved_at: 1_700_000_000_000,
        revision: 0,
        writer: writer.into(),
        deleted_at: None,
        lock: None,
    }
}

/// A draft id no other test uses (all tests share one database).
fn unique(name: &str) -> String {
    format!("{name}-{}", zhicheng_browser::drafts::new_id())
}

fn at(meta: DraftMetaV1, revision: u64) -> DraftMetaV1 {
    DraftMetaV1 { revision, ..meta }
}

#[wasm_bindgen_test]
async fn a_saved_draft_comes_back_exactly() {
    let store = IndexedDbDrafts::open(Shelf::REAL).await.expect("IndexedDB opens in Chromium");
    let id = unique("roundtrip");
    let mut draft = blank_draft();
    draft.answers.insert("name".into(), Value::Text("张三".into()));
    let saved = store.save(at(entry(&id, "tab-a"), 1), draft.clone()).await.unwrap();
    assert_eq!(saved.revision, 1);
    let loaded = store.load(&id).await.unwrap();
    assert_eq!(loaded.draft, draft);
    assert_eq!(loaded.meta, saved);
    assert!(store.list().await.unwrap().iter().any(|m| m.id == id));
}

#[wasm_bindgen_test]
async fn the_training_shelf_and_the_applicants_own_never_see_each_others_drafts() {
    let (real, training) =
        (IndexedDbDrafts::open(Shelf::REAL).await.unwrap(), IndexedDbDrafts::open(Shelf::TRAINING).await.unwrap());
    let (mine, practice) = (unique("mine"), unique("practice"));
    real.save(at(entry(&mine, "tab-a"), 1), blank_draft()).await.unwrap();
    training.save(at(entry(&practice, "tab-a"), 1), blank_draft()).await.unwrap();
    let ids = |list: Vec<DraftMetaV1>| list.into_iter().map(|m| m.id).collect::<Vec<_>>();
    let (seen_real, seen_training) = (ids(real.list().await.unwrap()), ids(training.list().await.unwrap()));
    assert!(seen_real.contains(&mine) && !seen_real.contains(&practice), "{seen_real:?}");
    assert!(seen_training.contains(&practice) && !seen_training.contains(&mine), "{seen_training:?}");
    assert!(matches!(training.load(&mine).await, Err(StoreError::NotFound)), "no real draft is reachable");
}

#[wasm_bindgen_test]
async fn each_revision_is_saved_once_so_the_later_of_two_tabs_gets_a_conflict() {
    let store = IndexedDbDrafts::open(Shelf::REAL).await.unwrap();
    let id = unique("two-tabs");
    store.save(at(entry(&id, "tab-a"), 1), blank_draft()).await.unwrap();
    // Both tabs read revision 1. Tab B saves revision 2 first.
    let mut by_b = blank_draft();
    by_b.answers.insert("name".into(), Value::Text("B".into()));
    store.save(at(entry(&id, "tab-b"), 2), by_b.clone()).await.unwrap();
    // Tab A's revision 2 is refused, names B's save, and writes nothing.
    match store.save(at(entry(&id, "tab-a"), 2), blank_draft()).await {
        Err(StoreError::Conflict(theirs)) => assert_eq!((theirs.writer.as_str(), theirs.revision), ("tab-b", 2)),
        other => panic!("expected a conflict, got {other:?}"),
    }
    let stored = store.load(&id).await.unwrap();
    assert_eq!((stored.meta.writer.as_str(), stored.draft), ("tab-b", by_b));
    // Saves issued back to back by one page claim consecutive revisions and all succeed.
    let (third, fourth) =
        (store.save(at(entry(&id, "tab-b"), 3), blank_draft()), store.save(at(entry(&id, "tab-b"), 4), blank_draft()));
    assert_eq!(third.await.unwrap().revision, 3);
    assert_eq!(fourth.await.unwrap().revision, 4);
    assert_eq!(store.load(&id).await.unwrap().meta.revision, 4);
    // A tab far behind (it last read revision 1) can claim no revision already saved.
    assert!(matches!(store.save(at(entry(&id, "tab-c"), 2), blank_draft()).await, Err(StoreError::Conflict(_))));
    assert_eq!(store.load(&id).await.unwrap().meta.writer, "tab-b");
}

#[wasm_bindgen_test]
async fn renaming_deleting_and_restoring_keep_the_body_and_revision() {
    let store = IndexedDbDrafts::open(Shelf::REAL).await.unwrap();
    let id = unique("entry");
    let saved = store.save(at(entry(&id, "tab-a"), 1), blank_draft()).await.unwrap();
    let renamed = store.change_entry(&id, EntryChange::Rename(Some("我的申报".into()))).await.unwrap();
    assert_eq!((renamed.display_name().as_str(), renamed.revision), ("我的申报", saved.revision));
    // A later autosave keeps the name given in the list.
    let resaved = store.save(at(entry(&id, "tab-a"), 2), blank_draft()).await.unwrap();
    assert_eq!(resaved.name.as_deref(), Some("我的申报"));
    assert_eq!(store.load(&id).await.unwrap().meta.name.as_deref(), Some("我的申报"));

    let deleted = store.change_entry(&id, EntryChange::Delete(42)).await.unwrap();
    assert_eq!(deleted.deleted_at, Some(42));
    let restored = store.change_entry(&id, EntryChange::Restore).await.unwrap();
    assert_eq!(restored.deleted_at, None);

    store.purge(&id).await.unwrap();
    assert_eq!(store.load(&id).await.unwrap_err(), StoreError::NotFound);
    assert!(!store.list().await.unwrap().iter().any(|m| m.id == id));
    // A purged draft's revisions are free again (an import of it may be stored anew).
    store.save(at(entry(&id, "tab-c"), 1), blank_draft()).await.unwrap();
}

#[wasm_bindgen_test]
async fn an_import_never_overwrites_a_stored_draft() {
    let store = IndexedDbDrafts::open(Shelf::REAL).await.unwrap();
    let id = unique("import");
    store.save(at(entry(&id, "tab-a"), 1), blank_draft()).await.unwrap();
    let mut other = blank_draft();
    other.answers.insert("name".into(), Value::Text("导入的".into()));
    let stored = StoredDraft { meta: at(entry(&id, "elsewhere"), 7), draft: other };
    assert!(matches!(store.insert_new(stored).await, Err(StoreError::Conflict(_))));
    assert_eq!(store.load(&id).await.unwrap().draft, blank_draft());
}

#[wasm_bindgen_test]
async fn a_file_is_stored_once_by_content_and_removed_when_no_draft_uses_it() {
    use zhicheng_browser::file_store::indexed_db::IndexedDbFiles;
    use zhicheng_browser::{files, intake};
    use zhicheng_engine::AttachedFile;
    use zhicheng_session::FileStore;

    IndexedDbDrafts::open(Shelf::REAL).await.unwrap();
    let store = IndexedDbFiles(Shelf::REAL);
    let bytes = format!("%PDF-1.4 {}", zhicheng_browser::drafts::new_id()).into_bytes();
    let buffer = js_sys::Uint8Array::from(bytes.as_slice()).buffer();
    let sha = intake::sha256_hex(&buffer).await.unwrap();
    assert_eq!(sha, zhicheng_engine::hex::sha256_hex(&bytes), "WebCrypto and the engine agree");
    let file = AttachedFile {
        sha256: sha.clone(),
        name: "毕业证.pdf".into(),
        media_type: "application/pdf".into(),
        size: bytes.len() as u64,
        pages: Some(1),
    };
    store.put_blob(file.clone(), files::blob_of(&bytes, "application/pdf").unwrap()).await.unwrap();
    let again = AttachedFile { name: "同一内容的另一个名字.pdf".into(), ..file.clone() };
    store.put_blob(again, files::blob_of(&bytes, "application/pdf").unwrap()).await.unwrap();

    let listed = store.list().await.unwrap();
    let mine: Vec<_> = listed.iter().filter(|f| f.file.sha256 == sha).collect();
    assert_eq!(mine.len(), 1, "one record per content");
    assert_eq!(mine[0].file, file, "the first stored record is kept as it was");
    assert_eq!(files::read_blob(&store.blob(&sha).await.unwrap()).await.unwrap(), bytes);

    // Every other test's files are kept; this one is no longer used by any draft.
    let keep: std::collections::BTreeSet<String> =
        listed.iter().map(|f| f.file.sha256.clone()).filter(|h| *h != sha).collect();
    // Files stored after the cut-off stay, whatever `keep` says.
    assert_eq!(store.remove_except(keep.clone(), 0).await.unwrap(), 0);
    assert!(store.blob(&sha).await.is_ok());
    assert!(store.remove_except(keep, u64::MAX).await.unwrap() >= 1);
    assert!(store.blob(&sha).await.is_err());
    assert!(!store.list().await.unwrap().iter().any(|f| f.file.sha256 == sha));
}
