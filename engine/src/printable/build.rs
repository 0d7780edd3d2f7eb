//! Building a report from a form's answers: every bound cell gets the answer as the applicant
//! sees it, hidden answers are never printed, and empty answer cells get the template's
//! `empty_text` (表二: 「无」).

use super::model::{Block, Cell, Document, Row, Table};
use super::template::{pieces, BlockTemplate, CellTemplate, Piece, ReportTemplate, RowsTemplate};
use crate::date::Date;
use crate::eval::RowScope;
use crate::schema::{Field, FieldKind};
use crate::state::FormState;
use crate::value::Value;

/// Whether the report exists for these answers (its `applies_if`).
pub fn applicable(template: &ReportTemplate, state: &FormState) -> bool {
    template.applies_if.as_ref().is_none_or(|c| state.evaluator().holds(c, None))
}

/// The report for the current answers and attachments: one copy of its blocks, or one per row
/// of its `for_each_row` group, each copy after the first on a new sheet under its own title.
pub fn build(template: &ReportTemplate, state: &FormState) -> Document {
    let (empty, mark) = empty_text(template);
    let copy = |scope: Option<RowScope<'_>>| {
        let builder = Builder { state, empty, none: none_text(template), mark, scope };
        (
            builder.fill(&template.title, scope),
            template.blocks.iter().flat_map(|b| builder.block(b)).collect::<Vec<Block>>(),
        )
    };
    let group = template.for_each_row.as_deref().and_then(|id| state.schema().field(id));
    let copies: Vec<(String, Vec<Block>)> = match group {
        None => vec![copy(None)],
        Some(group) => {
            let ev = state.evaluator();
            visible_rows(state, group)
                .into_iter()
                .map(|row| RowScope { group, row })
                .filter(|scope| template.rows_where.as_ref().is_none_or(|c| ev.holds(c, Some(*scope))))
                .map(|scope| copy(Some(scope)))
                .collect()
        }
    };
    let mut copies = copies.into_iter();
    let Some((title, mut blocks)) = copies.next() else {
        // Only a per-row report can have no copy: say whether rows are missing or none qualifies.
        let noun = group.map_or("人员", |g| g.noun());
        let note = if group.is_some_and(|g| !visible_rows(state, g).is_empty()) {
            format!("没有符合打印条件的{noun}（例如审核结果不是「通过」）。")
        } else {
            format!("没有可打印的{noun}：请先在表单中添加并填写。")
        };
        let title = Builder { state, empty, none: none_text(template), mark, scope: None }.fill(&template.title, None);
        return Document {
            id: template.id.clone(),
            title,
            paper: template.paper,
            blocks: vec![Block::Paragraph(note)],
        };
    };
    for (title, more) in copies {
        blocks.push(Block::NextCopy(title));
        blocks.extend(more);
    }
    Document { id: template.id.clone(), title, paper: template.paper, blocks }
}

/// A report's title as printed for this declaration (its `{field}` placeholders filled), without
/// building the report: what a package lists the report by.
pub fn title(template: &ReportTemplate, state: &FormState) -> String {
    let (empty, mark) = empty_text(template);
    Builder { state, empty, none: none_text(template), mark, scope: None }.fill(&template.title, None)
}

/// What an empty answer cell prints, and whether it is marked for the applicant to supply: the
/// template's `missing_text` (「待补充」, marked) before its `empty_text` (「无」).
fn empty_text(template: &ReportTemplate) -> (&str, bool) {
    match &template.missing_text {
        Some(text) => (text, true),
        None => (template.empty_text.as_deref().unwrap_or(""), false),
    }
}

/// What a repeat group without rows prints: the template's `empty_text` (「无」), also in a report
/// with a `missing_text`, since no rows is the applicant's answer (none to list), not a value the
/// form could not fill.
fn none_text(template: &ReportTemplate) -> &str {
    template.empty_text.as_deref().unwrap_or("")
}

struct Builder<'a> {
    state: &'a FormState,
    empty: &'a str,
    /// What a group without rows prints, never marked ([`none_text`]).
    none: &'a str,
    /// Empty answer cells are marked as missing (the template's `missing_text`).
    mark: bool,
    /// The row this copy is for, when the report repeats per row.
    scope: Option<RowScope<'a>>,
}

impl Builder<'_> {
    fn block(&self, template: &BlockTemplate) -> Vec<Block> {
        match template {
            BlockTemplate::Subtitle(t) => vec![Block::Subtitle(self.fill(t, self.scope))],
            BlockTemplate::Heading(t) => vec![Block::Heading(self.fill(t, self.scope))],
            BlockTemplate::Paragraph(t) => vec![Block::Paragraph(self.fill(t, self.scope))],
            BlockTemplate::Signature(lines) => {
                vec![Block::Signature(lines.iter().map(|l| self.fill(l, self.scope)).collect())]
            }
            BlockTemplate::Seal(caption) => vec![Block::Seal(self.fill(caption, self.scope))],
            BlockTemplate::Table(table) => vec![Block::Table(Table {
                columns: table.columns.clone(),
                header_rows: table.header_rows,
                rows: table
                    .rows
                    .iter()
                    .map(|row| Row {
                        height_mm: row.height_mm,
                        cells: row.cells.iter().map(|c| self.cell(c, self.scope)).collect(),
                    })
                    .collect(),
            })],
            BlockTemplate::Rows(rows) => vec![Block::Table(self.rows(rows))],
            BlockTemplate::AllSections { pairs_per_row } => self.all_sections((*pairs_per_row).max(1)),
            BlockTemplate::MaterialsCatalogue => vec![Block::Table(self.catalogue())],
        }
    }

    /// `text` with every `{fieldId}` replaced by the answer; a blank answer leaves a gap to write
    /// in by hand.
    fn fill(&self, text: &str, scope: Option<RowScope<'_>>) -> String {
        let mut out = String::with_capacity(text.len());
        for piece in pieces(text) {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Field(id) => {
                    let answer = self.prose(scope, id);
                    out.push_str(if answer.is_empty() { "\u{3000}\u{3000}\u{3000}\u{3000}" } else { &answer });
                }
            }
        }
        out
    }

    /// An answer as written in running text: dates as 「2026年11月02日」, blank when unanswered.
    fn prose(&self, scope: Option<RowScope<'_>>, id: &str) -> String {
        let Some(value) = self.shown(scope, id) else { return String::new() };
        let field = scope.and_then(|s| s.group.child(id)).or_else(|| self.state.schema().field(id));
        let date = field.filter(|f| f.kind == FieldKind::Date).and_then(|_| value.as_text()).and_then(Date::parse);
        date.map_or_else(|| value.display(), Date::chinese)
    }

    /// The answer to `field` as the applicant sees it (`None` when blank or hidden): in the row
    /// of `scope` when its group has the field, else at the top level.
    fn shown<'s>(&'s self, scope: Option<RowScope<'s>>, field: &str) -> Option<&'s Value> {
        let ev = self.state.evaluator();
        let shown = match scope.and_then(|s| s.group.child(field).map(|child| (s, child))) {
            Some((scope, child)) => {
                Some(child).filter(|child| ev.is_visible_in_row(scope, child)).and_then(|_| scope.row.get(field))
            }
            None => ev.value(None, field),
        };
        shown.filter(|v| !v.is_blank() && !matches!(v, Value::Rows(_)))
    }

    /// The text of an answer as printed: the empty text when blank or hidden.
    fn answer(&self, scope: Option<RowScope<'_>>, field: &str) -> String {
        self.shown(scope, field).map_or_else(|| self.empty.to_string(), Value::display)
    }

    fn cell(&self, template: &CellTemplate, scope: Option<RowScope<'_>>) -> Cell {
        let (text, label) = if let Some(label) = &template.label {
            (label.clone(), true)
        } else if let Some(field) = &template.field {
            let text = match (&template.when_empty, self.shown(scope, field)) {
                (Some(instead), None) => instead.clone(),
                _ => self.answer(scope, field),
            };
            (text, false)
        } else if !template.fields.is_empty() {
            let parts: Vec<String> = template
                .fields
                .iter()
                .map(|f| self.answer(scope, f))
                .filter(|t| !t.is_empty() && t != self.empty)
                .collect();
            let text = if parts.is_empty() {
                self.empty.to_string()
            } else {
                parts.join(template.join.as_deref().unwrap_or(" "))
            };
            (text, false)
        } else {
            (self.fill(template.text.as_deref().unwrap_or_default(), scope), false)
        };
        let answer = template.field.is_some() || !template.fields.is_empty();
        let missing = self.mark && answer && text == self.empty;
        Cell { text, colspan: template.colspan, rowspan: template.rowspan, label, missing }
    }

    /// An answer cell of a generated table, marked when it prints the empty text of a report that
    /// marks what is missing.
    fn answer_cell(&self, text: String, colspan: u32) -> Cell {
        let missing = self.mark && text == self.empty;
        Cell { text, colspan, rowspan: 1, label: false, missing }
    }

    fn label(text: &str, colspan: u32) -> Cell {
        Cell { text: text.to_string(), colspan, rowspan: 1, label: true, missing: false }
    }

    fn rows(&self, template: &RowsTemplate) -> Table {
        let header = Row {
            height_mm: None,
            cells: template.cells.iter().map(|c| Self::label(c.label.as_deref().unwrap_or(""), 1)).collect(),
        };
        let Some(group) = self.state.schema().field(&template.group) else {
            return Table { columns: template.columns.clone(), header_rows: 1, rows: vec![header] };
        };
        let as_values = |c: &CellTemplate| CellTemplate { label: None, ..c.clone() };
        let ev = self.state.evaluator();
        let wanted = |scope: RowScope<'_>| template.only_if.as_ref().is_none_or(|c| ev.holds(c, Some(scope)));
        let printed_rows =
            visible_rows(self.state, group).into_iter().filter(|row| wanted(RowScope { group, row })).count();
        let mut body = self.group_rows_where(
            group,
            wanted,
            |scope| template.cells.iter().map(|c| self.cell(&as_values(c), Some(scope))).collect(),
            template.cells.len(),
        );
        // 序号 columns count the printed rows (not the placeholder row when there are none).
        if printed_rows > 0 {
            for (i, row) in body.iter_mut().enumerate() {
                for (cell, _) in row.cells.iter_mut().zip(&template.cells).filter(|(_, t)| t.number) {
                    cell.text = (i + 1).to_string();
                }
            }
        }
        Table { columns: template.columns.clone(), header_rows: 1, rows: std::iter::once(header).chain(body).collect() }
    }

    /// One row per answer row of `group` (visible groups only); a single row of the template's
    /// none text when there are none, so that 表二 prints 「无」 rather than nothing.
    fn group_rows(&self, group: &Field, cells: impl Fn(RowScope<'_>) -> Vec<Cell>, width: usize) -> Vec<Row> {
        self.group_rows_where(group, |_| true, cells, width)
    }

    /// [`Self::group_rows`] for the answer rows `wanted` keeps.
    fn group_rows_where(
        &self,
        group: &Field,
        wanted: impl Fn(RowScope<'_>) -> bool,
        cells: impl Fn(RowScope<'_>) -> Vec<Cell>,
        width: usize,
    ) -> Vec<Row> {
        let kept: Vec<Row> = visible_rows(self.state, group)
            .into_iter()
            .map(|row| RowScope { group, row })
            .filter(|scope| wanted(*scope))
            .map(|scope| Row { height_mm: None, cells: cells(scope) })
            .collect();
        if kept.is_empty() {
            let none =
                Cell { text: self.none.to_string(), colspan: width as u32, rowspan: 1, label: false, missing: false };
            return vec![Row { height_mm: None, cells: vec![none] }];
        }
        kept
    }

    fn all_sections(&self, pairs: usize) -> Vec<Block> {
        let ev = self.state.evaluator();
        let schema = self.state.schema();
        let mut blocks = Vec::new();
        for step in self.state.visible_steps() {
            if schema.steps[step].gate {
                continue;
            }
            for (_, section) in
                schema.steps[step].sections.iter().enumerate().filter(|(i, _)| ev.section_visible(step, *i))
            {
                blocks.push(Block::Heading(section.title.clone()));
                let (groups, plain): (Vec<&Field>, Vec<&Field>) =
                    section.fields.iter().filter(|f| ev.is_visible(&f.id)).partition(|f| f.is_group());
                if !plain.is_empty() {
                    let cells: Vec<(String, String)> =
                        plain.iter().map(|f| (f.label.clone(), self.answer(None, &f.id))).collect();
                    blocks.push(Block::Table(self.pairs(&cells, pairs)));
                }
                for group in groups {
                    if group.label != section.title {
                        blocks.push(Block::Subtitle(group.label.clone()));
                    }
                    blocks.extend(self.group_blocks(group, pairs));
                }
            }
        }
        blocks
    }

    /// Label/value pairs, `pairs` to a row; the last answer of a short row spans the rest.
    fn pairs(&self, cells: &[(String, String)], pairs: usize) -> Table {
        let rows = cells
            .chunks(pairs)
            .map(|chunk| {
                let mut row: Vec<Cell> = chunk
                    .iter()
                    .flat_map(|(label, text)| [Self::label(label, 1), self.answer_cell(text.clone(), 1)])
                    .collect();
                if let Some(last) = row.last_mut() {
                    last.colspan += 2 * (pairs - chunk.len()) as u32;
                }
                Row { height_mm: None, cells: row }
            })
            .collect();
        Table { columns: [1, 2].repeat(pairs), header_rows: 0, rows }
    }

    /// A repeat group in 表二: a table with a column per field when it has few fields; otherwise
    /// each row as its own label/value table (「教育经历 第 1 条」), which stays readable on A4.
    fn group_blocks(&self, group: &Field, pairs: usize) -> Vec<Block> {
        const MAX_COLUMNS: usize = 6;
        let children: Vec<&Field> = group.fields.iter().collect();
        let rows = visible_rows(self.state, group);
        if children.len() <= MAX_COLUMNS || rows.is_empty() {
            let header = Row { height_mm: None, cells: children.iter().map(|c| Self::label(&c.label, 1)).collect() };
            let body = self.group_rows(
                group,
                |scope| children.iter().map(|c| self.answer_cell(self.answer(Some(scope), &c.id), 1)).collect(),
                children.len(),
            );
            return vec![Block::Table(Table {
                columns: vec![1; children.len()],
                header_rows: 1,
                rows: std::iter::once(header).chain(body).collect(),
            })];
        }
        let noun = group.noun();
        rows.iter()
            .enumerate()
            .flat_map(|(i, row)| {
                let scope = RowScope { group, row };
                let cells: Vec<(String, String)> =
                    children.iter().map(|c| (c.label.clone(), self.answer(Some(scope), &c.id))).collect();
                [Block::Subtitle(format!("{noun} 第 {} 条", i + 1)), Block::Table(self.pairs(&cells, pairs))]
            })
            .collect()
    }

    /// 表一: every material with files, its file names and pages, and the total.
    fn catalogue(&self) -> Table {
        let header = Row {
            height_mm: None,
            cells: ["序号", "材料名称", "文件", "页数"].iter().map(|t| Self::label(t, 1)).collect(),
        };
        let attachments = self.state.attachments();
        let ev = self.state.evaluator();
        // Materials that apply to these answers, in the checklist's order; files kept for a
        // material that no longer applies are not submitted, so not listed.
        let applying = crate::materials::checklist(&ev);
        let mut rows = vec![header];
        let mut total = 0;
        for (number, material) in applying
            .iter()
            .map(|m| m.material)
            .filter(|m| attachments.get(&m.id).is_some_and(|f| !f.is_empty()))
            .enumerate()
        {
            let files = &attachments[&material.id];
            // An image is one printed page; a PDF whose pages could not be counted is marked 「+」.
            let pages: u32 =
                files.iter().map(|f| f.pages.unwrap_or(u32::from(f.media_type.starts_with("image/")))).sum();
            let unknown = files.iter().any(|f| f.pages.is_none() && f.media_type == "application/pdf");
            total += pages;
            let names = files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>().join("、");
            let text = |t: String| Cell { text: t, colspan: 1, rowspan: 1, label: false, missing: false };
            rows.push(Row {
                height_mm: None,
                cells: vec![
                    text((number + 1).to_string()),
                    text(material.name.clone()),
                    text(names),
                    text(if unknown { format!("{pages}+") } else { pages.to_string() }),
                ],
            });
        }
        if rows.len() == 1 {
            rows.push(Row {
                height_mm: None,
                cells: vec![Cell {
                    text: "暂未上传材料".into(), colspan: 4, rowspan: 1, label: false, missing: false
                }],
            });
        }
        let files: usize = applying.iter().filter_map(|m| attachments.get(&m.material.id)).map(Vec::len).sum();
        rows.push(Row {
            height_mm: None,
            cells: vec![Self::label(&format!("合计 {files} 个文件"), 3), Self::label(&total.to_string(), 1)],
        });
        Table { columns: vec![1, 6, 8, 2], header_rows: 1, rows }
    }
}

/// The rows of a repeat group that the declaration submits, or none while the group is hidden
/// (hidden answers and rows not chosen for the declaration never print).
fn visible_rows<'a>(state: &'a FormState, group: &'a Field) -> Vec<&'a crate::value::Row> {
    let ev = state.evaluator();
    if ev.is_visible(&group.id) {
        state.rows(&group.id).iter().filter(|row| ev.row_submitted(group, row)).collect()
    } else {
        Vec::new()
    }
}

/// A short fingerprint of what a declaration submits (the answers of visible fields and the
/// files of the materials that apply), printed in every report's footer and sent with the package
/// so that paper and package can be matched: 「3f2a-9c1e-07bd」. Hidden answers do not count:
/// they are never submitted, and the fingerprint must not tell anything about them.
pub fn fingerprint(state: &FormState) -> String {
    let files = crate::materials::submitted_files(&state.evaluator(), state.attachments());
    let content = serde_json::to_vec(&(state.submission_answers(), files)).unwrap_or_default();
    let hex = crate::hex::sha256_hex(&content);
    format!("{}-{}-{}", &hex[0..4], &hex[4..8], &hex[8..12])
}
