//! Report templates as read from JSON (`public/reports/<form>.json`): which reports a form has,
//! when each applies, and each one's blocks, with cells bound to answers by field id. Layouts
//! the spec marks uncertain ([K]/[P]) live here, so correcting them needs no code.

use serde::Deserialize;

use super::model::Paper;
use crate::schema::{Condition, FormSchema};

/// Every report of one form.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSet {
    pub form_id: String,
    pub reports: Vec<ReportTemplate>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportTemplate {
    pub id: String,
    /// The printed title.
    pub title: String,
    /// The name in the 报表打印 list (the portals list shorter names than the titles).
    pub list_name: String,
    /// 所属环节: 个人申报, 单位审核 …
    pub stage: String,
    #[serde(default)]
    pub paper: Paper,
    /// The report exists only when this holds (《破格申报推荐表》 only for 破格申报).
    #[serde(default)]
    pub applies_if: Option<Condition>,
    /// Printed in every answer cell left empty (表二: 「无」); empty cells stay blank without it.
    #[serde(default)]
    pub empty_text: Option<String>,
    pub blocks: Vec<BlockTemplate>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum BlockTemplate {
    Subtitle(String),
    Heading(String),
    Paragraph(String),
    Signature(Vec<String>),
    Seal(String),
    Table(TableTemplate),
    /// One table per repeat group: a header of column labels, then a row per answer row.
    Rows(RowsTemplate),
    /// Every visible section of the declaration, in order: label/value pairs for plain fields
    /// and a table for each repeat group (表二 「每一部分」).
    AllSections {
        /// Label/value pairs per table row (2 → four columns).
        #[serde(default = "two")]
        pairs_per_row: usize,
    },
    /// The attachments, one row per material that has files: name, file names, pages (表一).
    MaterialsCatalogue,
}

fn two() -> usize {
    2
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableTemplate {
    pub columns: Vec<u32>,
    #[serde(default)]
    pub header_rows: usize,
    pub rows: Vec<RowTemplate>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowTemplate {
    #[serde(default)]
    pub height_mm: Option<u32>,
    pub cells: Vec<CellTemplate>,
}

/// One cell: a printed label, fixed text, or an answer (a field, or several joined).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellTemplate {
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub field: Option<String>,
    /// Several fields joined by `join` (「2019-09 至 2023-06」).
    #[serde(default)]
    pub fields: Vec<String>,
    #[serde(default)]
    pub join: Option<String>,
    #[serde(default = "one")]
    pub colspan: u32,
    #[serde(default = "one")]
    pub rowspan: u32,
}

fn one() -> u32 {
    1
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowsTemplate {
    pub group: String,
    /// Only the answer rows where this holds (e.g. 代表作 only), evaluated inside each row.
    #[serde(default)]
    pub only_if: Option<Condition>,
    /// Column weights.
    pub columns: Vec<u32>,
    /// Per column: its header label and the row fields it shows.
    pub cells: Vec<CellTemplate>,
}

impl ReportSet {
    pub fn from_json(text: &str) -> Result<ReportSet, String> {
        serde_json::from_str(text).map_err(|e| format!("报表模板无法读取：{e}"))
    }

    /// Checks the templates against the form they print: every bound field and group must exist
    /// (inside its group for row columns). Returns one message per mistake, empty when sound.
    pub fn check(&self, schema: &FormSchema) -> Vec<String> {
        let mut problems = Vec::new();
        if self.form_id != schema.id {
            problems.push(format!("报表模板属于「{}」，不是「{}」", self.form_id, schema.id));
        }
        for report in &self.reports {
            let mut unknown = |what: &str, id: &str| problems.push(format!("报表「{}」：{what}「{id}」不存在", report.title));
            for block in &report.blocks {
                match block {
                    BlockTemplate::Table(table) => {
                        for id in table.rows.iter().flat_map(|r| &r.cells).flat_map(CellTemplate::bound) {
                            if schema.field(id).is_none() {
                                unknown("字段", id);
                            }
                        }
                    }
                    BlockTemplate::Rows(rows) => match schema.field(&rows.group) {
                        None => unknown("重复组", &rows.group),
                        Some(group) => {
                            for id in rows.cells.iter().flat_map(CellTemplate::bound) {
                                if group.child(id).is_none() {
                                    unknown("重复组中的字段", id);
                                }
                            }
                        }
                    },
                    _ => {}
                }
            }
        }
        problems
    }
}

impl CellTemplate {
    /// The field ids this cell prints.
    fn bound(&self) -> impl Iterator<Item = &str> {
        self.field.iter().chain(&self.fields).map(String::as_str)
    }
}
