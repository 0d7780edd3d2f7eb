//! Rows of the open form filled from another form's drafts (the unit's applicants from their
//! declarations), reading only what each declaration would submit: an answer the declaration
//! hides is never copied into someone else's form.

use std::sync::Arc;

use zhicheng_engine::{Command, DraftMetaV1, FormSchema, FormState, Outcome, RowImport};

use crate::open_form::OpenForm;
use crate::ports::drafts::StoredDraft;
use crate::ports::Ports;

/// The drafts of `form` in this browser that can be imported, and how many locked ones are not
/// offered (their answers are sealed).
pub async fn candidates(ports: &Ports, form: &str) -> Result<(Vec<DraftMetaV1>, usize), String> {
    let all = ports.drafts.list().await.map_err(|e| e.message())?;
    let of_form: Vec<DraftMetaV1> = all.into_iter().filter(|d| d.form_id == form && d.deleted_at.is_none()).collect();
    let locked = of_form.iter().filter(|d| d.lock.is_some()).count();
    Ok((of_form.into_iter().filter(|d| d.lock.is_none()).collect(), locked))
}

/// Who a draft is about: the applicant's name, else the draft's own name.
pub fn person(meta: &DraftMetaV1) -> String {
    let applicant = meta.summary.applicant.trim();
    if applicant.is_empty() {
        meta.display_name()
    } else {
        applicant.to_string()
    }
}

/// Adds a row to `group` of the open form from a stored declaration of `schema`'s form; says
/// whether it did, and what happened, in the unit officer's words.
pub fn add_row(
    open: &OpenForm,
    group: &str,
    import: &RowImport,
    schema: Arc<FormSchema>,
    stored: StoredDraft,
) -> (bool, String) {
    let name = person(&stored.meta);
    let today = open.ports().host.today();
    let declaration = match FormState::from_draft(schema, stored.draft, today) {
        Ok(state) => state,
        Err(reason) => return (false, format!("无法读取「{name}」：{reason}")),
    };
    if import.rows_from.is_some() {
        return add_records(open, group, import, &declaration, &name);
    }
    if let Some(index) = open.with_state(|s| declaration.existing_import_row(import, s.rows(group))) {
        return (false, format!("「{name}」已在名单中（第 {} 条），没有重复导入。", index + 1));
    }
    let values = declaration.row_import_values(import);
    match open.dispatch(Command::AddRowWith { group: group.to_string(), values }) {
        Outcome::RowAdded(_) => (true, format!("已导入「{name}」，请核对并补全这一条的其余内容。")),
        Outcome::Refused(reason) => (false, format!("未能导入「{name}」：{reason}")),
        _ => (false, format!("未能导入「{name}」。")),
    }
}

/// Adds every record of an earlier declaration to `group` (GD 「选择入库信息」): the rows it
/// submitted, locked as the schema says, each at most once.
fn add_records(
    open: &OpenForm,
    group: &str,
    import: &RowImport,
    declaration: &FormState,
    name: &str,
) -> (bool, String) {
    let records = open.with_state(|s| declaration.record_import_rows(import, s.rows(group)));
    if records.is_empty() {
        return (false, format!("「{name}」中没有尚未导入的记录。"));
    }
    let total = records.len();
    let added = records
        .into_iter()
        .filter(|values| {
            let command = Command::AddRowWith { group: group.to_string(), values: values.clone() };
            matches!(open.dispatch(command), Outcome::RowAdded(_))
        })
        .count();
    match added {
        0 => (false, format!("未能从「{name}」导入记录。")),
        n if n == total => (true, format!("已从「{name}」导入 {n} 条入库记录；入库记录不能修改，不需要的请取消选定。")),
        n => (true, format!("已从「{name}」导入 {n} 条入库记录，另有 {} 条未能导入。", total - n)),
    }
}
