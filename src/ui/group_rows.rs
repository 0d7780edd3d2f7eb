//! The rows of a repeat group as a table (as in the portals' 列表): the key columns, each row's
//! status, and 编辑 / 上移 / 下移 / 删除, with keyboard focus kept on the moved row's button.

use leptos::prelude::*;
use zhicheng_browser::dom;
use zhicheng_engine::{Command, Field, FieldPath, Outcome, RowId};

use crate::ui::keyed_list::keyed_list;
use crate::ui::store::{focus_after_render, use_store, Store};

/// One row at a glance: its number, its key columns as text, and how many errors it shows.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RowSummary {
    pub id: RowId,
    pub number: usize,
    pub cells: Vec<String>,
    pub errors: usize,
}

#[component]
pub fn GroupRows(field: Field, summaries: Memo<Vec<RowSummary>>) -> impl IntoView {
    let store = use_store();
    let labels: Vec<String> = field.columns.iter().filter_map(|c| field.child(c).map(|f| f.label.clone())).collect();
    let header_cells = labels.iter().map(|label| view! { <th scope="col">{label.clone()}</th> }).collect_view();
    let (group, noun) = (field.id.clone(), field.noun().to_string());
    view! {
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
                    {keyed_list(
                        move || summaries.get(),
                        |row| row.clone(),
                        move |row| row_view(store, group.clone(), noun.clone(), labels.clone(), row),
                    )}
                    {move || summaries.with(Vec::is_empty).then(|| view! {
                        <tr class="empty"><td colspan="99">"暂无数据"</td></tr>
                    })}
                </tbody>
            </table>
        </div>
    }
}

fn row_view(store: Store, group: String, noun: String, labels: Vec<String>, row: RowSummary) -> impl IntoView {
    let (id, number) = (row.id, row.number);
    let is_open = {
        let group = group.clone();
        move || store.open_row.with(|o| o.as_ref().is_some_and(|(g, r)| g == &group && *r == id))
    };
    let (g1, g2, g3, g4) = (group.clone(), group.clone(), group.clone(), group.clone());
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
    let question = format!("确定删除第 {number} 条{noun}吗？删除后无法恢复。");
    let delete = move |_| {
        if dom::confirm(&question) {
            if store.open_row.with_untracked(|o| o.as_ref().is_some_and(|(g, r)| g == &g4 && *r == id)) {
                store.open_row.set(None);
            }
            // An imported record (入库信息) cannot be removed: the engine says why.
            if let Outcome::Refused(reason) = store.dispatch(Command::RemoveRow { group: g4.clone(), row: id }) {
                dom::alert(&reason);
            }
            focus_after_render(FieldPath::top(&g4).dom_id());
        }
    };
    view! {
        <tr class:open=is_open>
            <td data-label="#">{number}</td>
            {cells}
            <td data-label="状态">{status}</td>
            <td class="actions" data-label="操作">
                <button type="button" class="link-button" id=format!("edit-{group}-{id}") aria-label=format!("编辑第 {number} 条{noun}")
                    on:click=move |_| store.open_row.set(Some((g1.clone(), id)))>"编辑"</button>
                <button type="button" class="link-button" id=format!("up-{group}-{id}") aria-label=format!("上移第 {number} 条")
                    on:click=move |_| move_row(store, &g2, id, -1)>"上移"</button>
                <button type="button" class="link-button" id=format!("down-{group}-{id}") aria-label=format!("下移第 {number} 条")
                    on:click=move |_| move_row(store, &g3, id, 1)>"下移"</button>
                <button type="button" class="link-button danger" aria-label=format!("删除第 {number} 条{noun}") on:click=delete>"删除"</button>
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
