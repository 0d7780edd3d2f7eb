//! Repeat-group editor: a list of rows with the key columns (as in the portals' 列表,
//! `group_rows.rs`), an editor for one row at a time (`row_editor.rs`), 新增, and the import
//! picker where another form's drafts can fill rows.

use std::collections::HashMap;

use leptos::prelude::*;
use zhicheng_engine::{Command, Field, FieldPath, Outcome, RowId, RowImport, Value};

use crate::ui::group_rows::{GroupRows, RowSummary};
use crate::ui::memo::memo;
use crate::ui::row_editor::{RenderField, RowEditor};
use crate::ui::session::Session;
use crate::ui::store::{focus_after_render, use_store, Store};

/// 从申报草稿导入's picker for a group, given by `on_demand.rs` (which names this module, so this
/// module cannot name the picker's chunk itself).
pub type ImportPicker = fn(String, String, RowImport) -> AnyView;

#[component]
pub fn GroupEditor(field: Field, render_field: RenderField, import_picker: ImportPicker) -> impl IntoView {
    let store = use_store();
    let group = field.id.clone();
    let summaries = row_summaries(store, &field);
    let group_path = FieldPath::top(&group);
    let required = {
        let gp = group_path.clone();
        memo(move || store.state.with(|s| s.is_required(&gp)))
    };
    let row_count = memo(move || summaries.with(Vec::len));
    let add = {
        let g = group.clone();
        move |_| {
            if let Outcome::RowAdded(id) = store.dispatch(Command::AddRow { group: g.clone() }) {
                store.open_row.set(Some((g.clone(), id)));
                focus_after_render(format!("editor-{g}-{id}"));
            }
        }
    };
    // The row open in this group's editor, while it exists. A memo of the id alone: typing in the
    // editor changes the summaries (a column's text, a row's error count), and the editor must
    // not be rebuilt then, or the field being typed in would be replaced and lose focus.
    let open_here = {
        let g = group.clone();
        memo(move || {
            let open = store.open_row.with(|o| o.as_ref().filter(|(og, _)| og == &g).map(|(_, id)| *id))?;
            summaries.with(|rows| rows.iter().any(|r| r.id == open)).then_some(open)
        })
    };
    let editor = {
        let field = field.clone();
        move || {
            let open = open_here.get()?;
            let number =
                memo(move || summaries.with(|rows| rows.iter().find(|r| r.id == open).map_or(0, |r| r.number)));
            Some(view! { <RowEditor group=field.clone() row=open number=number render_field=render_field/> })
        }
    };
    let dom_id = group_path.dom_id();
    let messages_id = format!("{dom_id}-msg");
    let described_by = messages_id.clone();
    view! {
        <div class="group wide" id=dom_id tabindex="-1" aria-describedby=described_by>
            <div class="group-header">
                <h4>
                    {field.label.clone()}
                    {move || required.get().then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
                </h4>
                <span class="row-count">{move || format!("共 {} 条", row_count.get())}</span>
            </div>
            <GroupMessages path=group_path id=messages_id/>
            <GroupRows field=field.clone() summaries=summaries/>
            {editor}
            <div class="group-actions">
                <button type="button" class="button secondary add-row" on:click=add>{format!("+ 新增{}", field.noun())}</button>
                <ImportRows field=field import_picker=import_picker/>
            </div>
        </div>
    }
}

/// The messages of the group as a whole (too few rows, periods that overlap …).
#[component]
fn GroupMessages(path: FieldPath, id: String) -> impl IntoView {
    let store = use_store();
    let messages = memo(move || store.shown_messages(&path));
    view! {
        <div class="messages" id=id>
            {move || messages.get().into_iter().map(|m| {
                let class = if m.is_error { "message error" } else { "message warning" };
                view! { <p class=class>{m.text}</p> }
            }).collect_view()}
        </div>
    }
}

/// Rows another form's drafts can fill (the unit's applicants): a picker, opened on demand.
#[component]
fn ImportRows(field: Field, import_picker: ImportPicker) -> impl IntoView {
    let import = field.import.clone().filter(|_| use_context::<Session>().is_some())?;
    let importing = RwSignal::new(false);
    let (group, noun) = (field.id.clone(), field.noun().to_string());
    let region = format!("import-{group}");
    Some(view! {
        <button type="button" class="button secondary" aria-controls=region aria-expanded=move || importing.get().to_string()
            on:click=move |_| importing.update(|open| *open = !*open)>
            {if import.rows_from.is_some() { format!("导入入库信息（{noun}）") } else { format!("从申报草稿导入{noun}") }}
        </button>
        {move || importing.get().then(|| import_picker(group.clone(), noun.clone(), import.clone()))}
    })
}

/// Each row at a glance: its number, its key columns as text, and how many errors it shows.
fn row_summaries(store: Store, field: &Field) -> Memo<Vec<RowSummary>> {
    let group = field.id.clone();
    let columns = field.columns.clone();
    memo(move || {
        store.state.with(|s| {
            let mut errors: HashMap<RowId, usize> = HashMap::new();
            for v in s.report().errors().filter(|v| s.is_shown(v)) {
                if let Some((vg, row)) = &v.path.row {
                    if vg == &group {
                        *errors.entry(*row).or_default() += 1;
                    }
                }
            }
            s.rows(&group)
                .iter()
                .enumerate()
                .map(|(i, row)| RowSummary {
                    id: row.id,
                    number: i + 1,
                    cells: columns.iter().map(|c| row.get(c).map(Value::display).unwrap_or_default()).collect(),
                    errors: errors.get(&row.id).copied().unwrap_or(0),
                })
                .collect::<Vec<_>>()
        })
    })
}
