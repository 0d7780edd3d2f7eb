//! Repeat-group editor: a list of rows with the key columns (as in the portals' 列表), and an
//! editor for one row at a time, with 新增 / 编辑 / 删除 and moving rows up and down.

use std::collections::HashMap;

use leptos::prelude::*;
use zhicheng_engine::{Command, Field, FieldPath, Outcome, RowId, Value};

use crate::ui::field::FieldView;
use crate::ui::row_import_picker::RowImportPicker;
use crate::ui::session::Session;
use crate::ui::store::{focus_after_render, Store};
use zhicheng_browser::dom;

#[derive(Clone, PartialEq, Eq, Hash)]
struct RowSummary {
    id: RowId,
    number: usize,
    cells: Vec<String>,
    errors: usize,
}

#[component]
pub fn GroupEditor(field: Field) -> impl IntoView {
    let store = expect_context::<Store>();
    let group = field.id.clone();
    let noun = field.noun().to_string();
    let columns: Vec<(String, String)> =
        field.columns.iter().filter_map(|c| field.child(c).map(|f| (c.clone(), f.label.clone()))).collect();
    let column_ids: Vec<String> = columns.iter().map(|(id, _)| id.clone()).collect();
    let g = group.clone();
    let summaries = Memo::new(move |_| {
        store.state.with(|s| {
            let mut errors: HashMap<RowId, usize> = HashMap::new();
            for v in s.report().errors().filter(|v| s.is_shown(v)) {
                if let Some((vg, row)) = &v.path.row {
                    if vg == &g {
                        *errors.entry(*row).or_default() += 1;
                    }
                }
            }
            s.rows(&g)
                .iter()
                .enumerate()
                .map(|(i, row)| RowSummary {
                    id: row.id,
                    number: i + 1,
                    cells: column_ids.iter().map(|c| row.get(c).map(Value::display).unwrap_or_default()).collect(),
                    errors: errors.get(&row.id).copied().unwrap_or(0),
                })
                .collect::<Vec<_>>()
        })
    });
    let group_path = FieldPath::top(&group);
    let gp = group_path.clone();
    let group_messages = Memo::new(move |_| store.shown_messages(&gp));
    let gp = group_path.clone();
    let required = Memo::new(move |_| store.state.with(|s| s.is_required(&gp)));
    let row_count = Memo::new(move |_| summaries.with(Vec::len));

    let g = group.clone();
    let add = move |_| {
        if let Outcome::RowAdded(id) = store.dispatch(Command::AddRow { group: g.clone() }) {
            store.open_row.set(Some((g.clone(), id)));
            focus_after_render(format!("editor-{}-{}", g, id));
        }
    };

    let header_cells = columns.iter().map(|(_, label)| view! { <th scope="col">{label.clone()}</th> }).collect_view();
    let labels: Vec<String> = columns.iter().map(|(_, l)| l.clone()).collect();
    let g = group.clone();
    let n = noun.clone();
    let rows_view = view! {
        <For
            each=move || summaries.get()
            key=|row| row.clone()
            children=move |row| row_view(store, g.clone(), n.clone(), labels.clone(), row)
        />
    };
    // The row open in this group's editor, while it exists. A memo of the id alone: typing in the
    // editor changes the summaries (a column's text, a row's error count), and the editor must
    // not be rebuilt then, or the field being typed in would be replaced and lose focus.
    let g = group.clone();
    let open_here = Memo::new(move |_| {
        let open = store.open_row.with(|o| o.as_ref().filter(|(og, _)| og == &g).map(|(_, id)| *id))?;
        summaries.with(|rows| rows.iter().any(|r| r.id == open)).then_some(open)
    });
    let editor = {
        let field = field.clone();
        move || {
            let open = open_here.get()?;
            let number =
                Memo::new(move |_| summaries.with(|rows| rows.iter().find(|r| r.id == open).map_or(0, |r| r.number)));
            Some(row_editor(store, field.clone(), open, number))
        }
    };
    // Rows another form's drafts can fill (the unit's applicants): a picker, opened on demand.
    let importing = RwSignal::new(false);
    let picker = field.import.clone().filter(|_| use_context::<Session>().is_some()).map(|import| {
        let (group, noun) = (group.clone(), noun.clone());
        let region = format!("import-{group}");
        view! {
            <button type="button" class="button secondary" aria-controls=region aria-expanded=move || importing.get().to_string()
                on:click=move |_| importing.update(|open| *open = !*open)>
                {format!("从申报草稿导入{noun}")}
            </button>
            {move || importing.get().then(|| view! {
                <RowImportPicker group=group.clone() noun=noun.clone() import=import.clone()/>
            })}
        }
    });
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
            <div class="messages" id=messages_id>
                {move || group_messages.get().into_iter().map(|m| {
                    let class = if m.is_error { "message error" } else { "message warning" };
                    view! { <p class=class>{m.text}</p> }
                }).collect_view()}
            </div>
            <div class="table-wrap">
                <table class="rows">
                    <caption class="visually-hidden">{field.label.clone()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"#"</th>
                            {header_cells}
                            <th scope="col">"状态"</th>
                            <th scope="col">"操作"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows_view}
                        {move || (row_count.get() == 0).then(|| view! {
                            <tr class="empty"><td colspan="99">"暂无数据"</td></tr>
                        })}
                    </tbody>
                </table>
            </div>
            {editor}
            <div class="group-actions">
                <button type="button" class="button secondary add-row" on:click=add>{format!("+ 新增{noun}")}</button>
                {picker}
            </div>
        </div>
    }
}

fn row_view(store: Store, group: String, noun: String, labels: Vec<String>, row: RowSummary) -> impl IntoView {
    let id = row.id;
    let number = row.number;
    let edit_id = format!("edit-{group}-{id}");
    let is_open = {
        let group = group.clone();
        move || store.open_row.with(|o| o.as_ref().is_some_and(|(g, r)| g == &group && *r == id))
    };
    let (g1, g2, g3, g4) = (group.clone(), group.clone(), group.clone(), group.clone());
    let noun_for_delete = noun.clone();
    let cells = row
        .cells
        .iter()
        .zip(labels)
        .map(|(cell, label)| view! { <td data-label=label>{if cell.is_empty() { "—".to_string() } else { cell.clone() }}</td> })
        .collect_view();
    let status = if row.errors > 0 {
        view! { <span class="badge error">{format!("{} 处错误", row.errors)}</span> }.into_any()
    } else {
        view! { <span class="badge ok">"已填写"</span> }.into_any()
    };
    view! {
        <tr class:open=is_open>
            <td data-label="#">{number}</td>
            {cells}
            <td data-label="状态">{status}</td>
            <td class="actions" data-label="操作">
                <button type="button" class="link-button" id=edit_id
                    aria-label=format!("编辑第 {number} 条{noun}")
                    on:click=move |_| store.open_row.set(Some((g1.clone(), id)))>"编辑"</button>
                <button type="button" class="link-button" id=format!("up-{group}-{id}") aria-label=format!("上移第 {number} 条")
                    on:click=move |_| move_row(store, &g2, id, -1)>"上移"</button>
                <button type="button" class="link-button" id=format!("down-{group}-{id}") aria-label=format!("下移第 {number} 条")
                    on:click=move |_| move_row(store, &g3, id, 1)>"下移"</button>
                <button type="button" class="link-button danger" aria-label=format!("删除第 {number} 条{noun_for_delete}")
                    on:click=move |_| {
                        if dom::confirm(&format!("确定删除第 {number} 条{noun_for_delete}吗？删除后无法恢复。")) {
                            if store.open_row.with_untracked(|o| o.as_ref().is_some_and(|(g, r)| g == &g4 && *r == id)) {
                                store.open_row.set(None);
                            }
                            store.dispatch(Command::RemoveRow { group: g4.clone(), row: id });
                            focus_after_render(FieldPath::top(&g4).dom_id());
                        }
                    }>"删除"</button>
            </td>
        </tr>
    }
}

/// Moves a row and keeps keyboard focus on the same button of the moved row (the list re-renders).
fn move_row(store: Store, group: &str, row: RowId, offset: i32) {
    store.dispatch(Command::MoveRow { group: group.to_string(), row, offset });
    let direction = if offset < 0 { "up" } else { "down" };
    focus_after_render(format!("{direction}-{group}-{row}"));
}

/// The editor of one row. Its fields are built once per opened row; only the title follows the
/// row's number when rows move.
fn row_editor(store: Store, group: Field, row: RowId, number: Memo<usize>) -> impl IntoView {
    let noun = group.noun().to_string();
    let title = move || format!("编辑第 {} 条{noun}", number.get());
    let paths: Vec<FieldPath> = group.fields.iter().map(|c| FieldPath::in_row(&group.id, row, &c.id)).collect();
    let fields = group
        .fields
        .iter()
        .map(|child| view! { <FieldView path=FieldPath::in_row(&group.id, row, &child.id) field=child.clone()/> })
        .collect_view();
    let edit_id = format!("edit-{}-{row}", group.id);
    let done = move |_| {
        for path in &paths {
            store.touch(path);
        }
        store.open_row.set(None);
        focus_after_render(edit_id.clone());
    };
    let label = title.clone();
    view! {
        <section class="row-editor" aria-label=label>
            <h5 id=format!("editor-{}-{row}", group.id) tabindex="-1">{title}</h5>
            <div class="field-grid">{fields}</div>
            <div class="row-editor-actions">
                <button type="button" class="button primary" on:click=done>"完成本条"</button>
            </div>
        </section>
    }
}
