//! What every check reads, through the form's mapping: the declaration (申报类型, series, level,
//! evaluation year), the declared education and the current title. A hidden answer reads as
//! blank, and each missing answer is named by its field's label.

use crate::date::Date;
use crate::eval::{Evaluator, RowScope};
use crate::schema::{DeclarationKind, EligibilityFields, EligibilityTables};
use crate::value::{Row, Value};

/// The answers and tables one assessment reads. Cheap to make; borrows everything.
pub(super) struct Context<'a> {
    pub ev: Evaluator<'a>,
    pub tables: &'a EligibilityTables,
    pub fields: &'a EligibilityFields,
}

/// The level and series declared for.
pub(super) struct Target<'a> {
    pub series: &'a str,
    pub level: &'a str,
}

/// The education the applicant declares with (是否以该学历申请 = 是; the highest if several).
pub(super) struct Education<'a> {
    /// The 学历层次 as answered.
    pub answer: &'a str,
    /// Its class in the tables, `None` below every class listed (高中, 初中).
    pub class: Option<usize>,
    pub graduated: Option<Date>,
    pub study_mode: &'a str,
}

/// The title held now, when the applicant has one.
pub(super) struct Current<'a> {
    pub level: &'a str,
    pub series: &'a str,
}

/// The labels of the answers still needed.
pub(super) type Missing = Vec<String>;

impl<'a> Context<'a> {
    pub fn new(ev: Evaluator<'a>, tables: &'a EligibilityTables, fields: &'a EligibilityFields) -> Context<'a> {
        Context { ev, tables, fields }
    }

    /// The trimmed top-level answer, `""` when blank or hidden.
    pub fn text(&self, id: &str) -> &'a str {
        self.ev.text(None, id)
    }

    /// A top-level field's label, quoted: 「申报类型」.
    pub fn label(&self, id: &str) -> String {
        format!("「{}」", self.ev.schema.field(id).map_or(id, |f| f.label.as_str()))
    }

    /// A repeat group's cell label with its group: 「教育经历 · 毕业时间」.
    pub fn cell_label(&self, group: &str, cell: &str) -> String {
        let field = self.ev.schema.field(group);
        let label = field.and_then(|g| g.child(cell)).map_or(cell, |c| c.label.as_str());
        format!("「{} · {label}」", field.map_or(group, |g| g.label.as_str()))
    }

    pub fn kind(&self) -> Option<DeclarationKind> {
        self.fields.declaration_types.get(self.text(&self.fields.declaration_type)).copied()
    }

    /// The evaluation year (评委会年度), as the form's settings name it.
    pub fn evaluation_year(&self) -> Result<i32, Missing> {
        let year = self.ev.evaluation_year().filter(|y| (1000..=9999).contains(y));
        let label = || match &self.ev.schema.settings.evaluation_year_field {
            Some(field) => self.label(field),
            None => "「评委会年度」".to_string(),
        };
        year.ok_or_else(|| vec![label()])
    }

    pub fn target(&self) -> Result<Target<'a>, Missing> {
        let (series, level) = (self.text(&self.fields.series), self.text(&self.fields.level));
        let mut missing = Vec::new();
        if series.is_empty() {
            missing.push(self.label(&self.fields.series));
        }
        if self.tables.level_index(level).is_none() {
            missing.push(self.label(&self.fields.level));
        }
        if missing.is_empty() {
            Ok(Target { series, level })
        } else {
            Err(missing)
        }
    }

    /// The current title, `None` when no level is answered (no title yet).
    pub fn current(&self) -> Option<Current<'a>> {
        let fields = self.fields.current.as_ref()?;
        let level = self.text(&fields.level);
        (!level.is_empty()).then(|| Current { level, series: self.text(&fields.series) })
    }

    /// The rows of a repeat group, as visible from the top level.
    pub fn rows(&self, group: &str) -> &'a [Row] {
        self.ev.value(None, group).map(Value::as_rows).unwrap_or(&[])
    }

    /// A cell of a row, `""` when blank or hidden.
    pub fn cell(&self, group: &str, row: &'a Row, cell: &str) -> &'a str {
        match self.ev.schema.field(group) {
            Some(g) => self.ev.text(Some(RowScope { group: g, row }), cell),
            None => "",
        }
    }

    /// The declared education: the rows answered 「是」, the highest of them.
    pub fn education(&self) -> Result<Education<'a>, Missing> {
        let e = &self.fields.education;
        let used: Vec<&Row> = self.rows(&e.group).iter().filter(|r| self.cell(&e.group, r, &e.used) == "是").collect();
        if used.is_empty() {
            return Err(vec![format!("{}（把用于申报的学历选「是」）", self.cell_label(&e.group, &e.used))]);
        }
        let answered = used.iter().filter(|r| !self.cell(&e.group, r, &e.level).is_empty());
        let best =
            answered.min_by_key(|r| self.tables.class_of(self.cell(&e.group, r, &e.level)).unwrap_or(usize::MAX));
        let row = best.ok_or_else(|| vec![self.cell_label(&e.group, &e.level)])?;
        let answer = self.cell(&e.group, row, &e.level);
        Ok(Education {
            answer,
            class: self.tables.class_of(answer),
            graduated: Date::parse_loose(self.cell(&e.group, row, &e.graduated)),
            study_mode: self.cell(&e.group, row, &e.study_mode),
        })
    }

    /// Whether `education` reaches the class named `needed` (an unknown class is never reached).
    pub fn reaches(&self, education: &Education<'_>, needed: &str) -> bool {
        matches!((education.class, self.tables.class_index(needed)), (Some(have), Some(need)) if have <= need)
    }
}
