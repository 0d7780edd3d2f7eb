//! The screens a first visit does not need (the 草稿箱 and 我的事项, 报表打印, 附件材料, 核对信息
//! with 提交申报, 资格自查, 加锁's dialog, the choice between two tabs' versions, repeat groups,
//! 从申报草稿导入, a locked draft's 解锁, the declaration a unit reviews), each built into a
//! WebAssembly chunk by the release build and fetched the first time it is shown
//! (`deferred.rs`); the service worker keeps the chunks for offline use afterwards. A module the
//! first screen is built from names these screens only through here (tests/architecture.rs).

use leptos::prelude::*;
use zhicheng_engine::{DraftMetaV1, Field, RowImport};

use crate::ui::conflict_choice::ConflictChoice;
use crate::ui::deferred::{deferred, on_demand};
use crate::ui::drafts_page::DraftsPage;
use crate::ui::eligibility_panel::EligibilityPanel;
use crate::ui::group_editor::GroupEditor;
use crate::ui::lock_dialog::LockDialog;
use crate::ui::materials_page::MaterialsPage;
use crate::ui::reports_page::ReportsPage;
use crate::ui::review::ReviewPage;
use crate::ui::row_editor::RenderField;
use crate::ui::row_import_picker::RowImportPicker;
use crate::ui::store::Store;
use crate::ui::subject_package::SubjectPackage;
use crate::ui::unlock_page::UnlockPage;

on_demand! {
    /// The 草稿箱 and 我的事项, with export, import and the outbox.
    drafts, fetch_drafts: fn drafts_page() { view! { <DraftsPage/> }.into_any() }
}

on_demand! {
    /// A locked draft's passphrase screen.
    drafts, fetch_unlock: fn unlock_page(meta: DraftMetaV1) { view! { <UnlockPage meta=meta/> }.into_any() }
}

on_demand! {
    /// Which version to keep when another tab saved the same draft first.
    drafts, fetch_conflict: fn conflict_choice(theirs: DraftMetaV1) { view! { <ConflictChoice theirs=theirs/> }.into_any() }
}

on_demand! {
    /// 加锁's passphrase dialog.
    drafts, fetch_lock: fn lock_dialog(open: RwSignal<bool>, working: RwSignal<Option<&'static str>>) {
        view! { <LockDialog open=open working=working/> }.into_any()
    }
}

on_demand! {
    /// 资格自查 opened from the top bar.
    finishing, fetch_eligibility: fn eligibility_panel(on_close: Callback<()>) { view! { <EligibilityPanel on_close=on_close/> }.into_any() }
}

on_demand! {
    /// A repeat group (学历, 工作经历, 论文 …): its rows, the row editor and 导入. No form's first
    /// step has one.
    groups, fetch_group: fn group_editor(field: Field, render_field: RenderField) {
        view! { <GroupEditor field=field render_field=render_field import_picker=row_import_view/> }.into_any()
    }
}

/// 从申报草稿导入's picker for a group, fetched when first opened.
fn row_import_view(group: String, noun: String, import: RowImport) -> AnyView {
    deferred(fetch_row_import, move || row_import_picker(group.clone(), noun.clone(), import.clone())).into_any()
}

on_demand! {
    /// 从申报草稿导入 / 导入入库信息 for a repeat group.
    unit, fetch_row_import: fn row_import_picker(group: String, noun: String, import: RowImport) {
        view! { <RowImportPicker group=group noun=noun import=import/> }.into_any()
    }
}

on_demand! {
    /// The declaration a unit's decision is about, read-only beside the decision.
    unit, fetch_subject: fn subject_package(subject: String, store: Store) {
        view! { <SubjectPackage subject=subject store=store/> }.into_any()
    }
}

on_demand! {
    /// 报表打印 with its previews and the report renderer.
    finishing, fetch_reports: fn reports_page(on_close: Callback<()>) { view! { <ReportsPage on_close=on_close/> }.into_any() }
}

on_demand! {
    /// 附件材料: the materials, their files and previews.
    finishing, fetch_materials: fn materials_page() { view! { <MaterialsPage/> }.into_any() }
}

on_demand! {
    /// 核对信息 (or the sent declaration read-only) with 提交申报.
    finishing, fetch_review: fn review_page(read_only: bool) { view! { <ReviewPage read_only=read_only/> }.into_any() }
}
