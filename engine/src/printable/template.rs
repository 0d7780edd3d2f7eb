//! Report templates as read from JSON (`public/reports/<form>.json`): which reports a form has,
//! when each applies, and each one's blocks, with cells bound to answers by field id. Layouts
//! the spec marks uncertain ([K]/[P]) live here, so correcting them needs no code.

use serde::Deserialize;
use thiserror::Error;

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
    /// Printed instead, and marked (a red frame in the preview), in every answer cell the form
    /// could not fill, so the applicant supplies it by hand (GD 生成评审表: 「待补充」).
    #[serde(default)]
    pub missing_text: Option<String>,
    /// One copy of the blocks per row of this repeat group, each on its own sheet (the unit's
    /// 承诺书 and 公示情况表, one per applicant). Fields of the group resolve in the row; other
    /// fields at the top level.
    #[serde(default)]
    pub for_each_row: Option<String>,
    /// With `for_each_row`: only the rows where this holds (evaluated inside each row).
    #[serde(default)]
    pub rows_where: Option<Condition>,
    pub blocks: Vec<BlockTemplate>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
/// Texts (titles, paragraphs, signature lines, fixed cell text) may name answers as `{fieldId}`:
/// 「{year}年度推荐申报职称评审人员公示名单」.
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
    /// Printed instead of the report's empty text when this cell's answer is blank (a work
    /// period's blank end reads 「至今」).
    #[serde(default)]
    pub when_empty: Option<String>,
    /// In a rows table: the row's number (序号), counting printed rows from 1.
    #[serde(default)]
    pub number: bool,
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

/// Why a form's report templates cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum TemplateError {
    #[error("报表模板无法读取：{0}")]
    Unreadable(String),
}

impl ReportSet {
    pub fn from_json(text: &str) -> Result<ReportSet, TemplateError> {
        serde_json::from_str(text).map_err(|e| TemplateError::Unreadable(e.to_string()))
    }

    /// Checks the templates against the form they print: every bound field and group must exist
    /// (inside its group for row columns). Returns one message per mistake, empty when sound.
    pub fn check(&self, schema: &FormSchema) -> Vec<String> {
        let mut problems = Vec::new();
        if self.form_id != schema.id {
            problems.push(format!("报表模板属于「{}」，不是「{}」", self.form_id, schema.id));
        }
        for report in &self.reports {
            let mut unknown =
                |what: &str, id: &str| problems.push(format!("报表「{}」：{what}「{id}」不存在", report.title));
            let copy_group = match &report.for_each_row {
                Some(id) => match schema.field(id).filter(|f| f.is_group()) {
                    Some(group) => Some(group),
                    None => {
                        unknown("重复组", id);
                        continue;
                    }
                },
                None => None,
            };
            // A field a copy prints: in its row when the report repeats per row, else top-level.
            let known = |id: &str| copy_group.is_some_and(|g| g.child(id).is_some()) || schema.field(id).is_some();
            for id in report.texts().flat_map(placeholders) {
                if !known(id) {
                    unknown("文字中引用的字段", id);
                }
            }
            for block in &report.blocks {
                match block {
                    BlockTemplate::Table(table) => {
                        for id in table.rows.iter().flat_map(|r| &r.cells).flat_map(CellTemplate::bound) {
                            if !known(id) {
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
                            for id in rows.cells.iter().filter_map(|c| c.text.as_deref()).flat_map(placeholders) {
                                if group.child(id).is_none() && !known(id) {
                                    unknown("文字中引用的字段", id);
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

impl ReportTemplate {
    /// Every fixed text of the report, which may name answers as `{fieldId}`.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        let block_texts = self.blocks.iter().flat_map(|block| -> Vec<&str> {
            match block {
                BlockTemplate::Subtitle(t)
                | BlockTemplate::Heading(t)
                | BlockTemplate::Paragraph(t)
                | BlockTemplate::Seal(t) => vec![t],
                BlockTemplate::Signature(lines) => lines.iter().map(String::as_str).collect(),
                BlockTemplate::Table(table) => {
                    table.rows.iter().flat_map(|r| &r.cells).filter_map(|c| c.text.as_deref()).collect()
                }
                // A rows table's texts may also name fields of its rows: checked with the table.
                BlockTemplate::Rows(_) | BlockTemplate::AllSections { .. } | BlockTemplate::MaterialsCatalogue => {
                    vec![]
                }
            }
        });
        std::iter::once(self.title.as_str()).chain(block_texts)
    }
}

/// A piece of a template text: fixed text, or the field a `{fieldId}` placeholder names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Field(&'a str),
}

/// A text cut at its placeholders; braces around anything but a field id print as they are.
/// The one reader of the placeholder syntax, for filling texts in and for checking templates.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.split_once('}').filter(|(id, _)| is_field_id(id)) {
            Some((id, tail)) => {
                if start > 0 {
                    out.push(Piece::Text(&rest[..start]));
                }
                out.push(Piece::Field(id));
                rest = tail;
            }
            None => {
                out.push(Piece::Text(&rest[..=start]));
                rest = after;
            }
        }
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// The field ids a text names as `{fieldId}`, in order.
pub fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    pieces(text).into_iter().filter_map(|piece| match piece {
        Piece::Field(id) => Some(id),
        Piece::Text(_) => None,
    })
}

/// Whether `id` can name a field in a text (`{fieldId}`); other braces print as they are.
fn is_field_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl CellTemplate {
    /// The field ids this cell prints.
    fn bound(&self) -> impl Iterator<Item = &str> {
        self.field.iter().chain(&self.fields).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_cut_at_field_placeholders_only() {
        let cases: [(&str, Vec<Piece>); 4] = [
            ("{year}年度名单", vec![Piece::Field("year"), Piece::Text("年度名单")]),
            ("对{name}同志", vec![Piece::Text("对"), Piece::Field("name"), Piece::Text("同志")]),
            (
                "{不是字段} {a{b}",
                vec![Piece::Text("{"), Piece::Text("不是字段} {"), Piece::Text("a"), Piece::Field("b")],
            ),
            ("{}", vec![Piece::Text("{"), Piece::Text("}")]),
        ];
        for (text, expected) in cases {
            assert_eq!(pieces(text), expected, "{text}");
        }
        assert_eq!(placeholders("{a}与{b_2}、{c d}").collect::<Vec<_>>(), ["a", "b_2"]);
    }
}
