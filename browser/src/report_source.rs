//! Loading a form's report templates (`reports/<form id>.json`) over HTTP, parsed by the browser
//! and checked against the form they print.

use zhicheng_engine::printable::ReportSet;
use zhicheng_engine::FormSchema;

use crate::mount::Mount;
use crate::{json, schema_source};

/// The checked report templates of `schema`'s form, or why they cannot be used.
pub async fn load(mount: &Mount, schema: &FormSchema) -> Result<ReportSet, String> {
    let url = mount.file_url(&format!("reports/{}.json", schema.id));
    let value = schema_source::fetch_json(&url, "报表模板").await?;
    let set: ReportSet = json::from_js(value).map_err(|e| format!("报表模板 {url} 的格式不正确：{e}"))?;
    match set.check(schema).as_slice() {
        [] => Ok(set),
        problems => Err(problems.join("；")),
    }
}
