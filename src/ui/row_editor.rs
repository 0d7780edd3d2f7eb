//! The editor of one repeat row. Its fields are built once per opened row (so the field being
//! typed in is never replaced); only the title follows the row's number when rows move.

use leptos::prelude::*;
use zhicheng_engine::{Field, FieldPath, RowId};

use crate::ui::store::{focus_after_render, use_store};

/// Renders one field of a row (the field component; passed in, because fields contain groups).
pub type RenderField = fn(FieldPath, Field) -> AnyView;

#[component]
pub fn RowEditor(group: Field, row: RowId, number: Memo<usize>, render_field: RenderField) -> impl IntoView {
    let store = use_store();
    let noun = group.noun().to_string();
    let title = move || format!("编辑第 {} 条{noun}", number.get());
    let paths: Vec<FieldPath> = group.fields.iter().map(|c| FieldPath::in_row(&group.id, row, &c.id)).collect();
    let fields = group
        .fields
        .iter()
        .map(|child| render_field(FieldPath::in_row(&group.id, row, &child.id), child.clone()))
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
