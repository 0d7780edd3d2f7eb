//! The declarative form schema (steps → sections → fields), read from JSON, plus its load-time checks.

mod check;
mod compute;
mod condition;
mod decides;
mod diagnostics;
mod eligibility;
mod eligibility_check;
mod field_rules;
mod group_rules;
mod material_check;
mod migration;
mod options;
mod parts;
mod row_import;
mod status_path;
mod suggest;

use std::collections::BTreeMap;

use serde::Deserialize;

pub use check::{Check, CheckSpec};
pub use compute::Compute;
pub use condition::Condition;
pub use decides::Decides;
pub use diagnostics::Diagnostic;
pub use eligibility::{
    AppraisalFields, ContinuingEducationFields, CurrentTitleFields, DeclarationKind, EducationClass, EducationFields,
    EligibilityFields, EligibilitySettings, EligibilityTables, ExceptionalRule, QualificationRow, RecognitionRow,
    RecognitionTable, Route, TransferRule,
};
pub use eligibility_check::cut_off_day;
pub use field_rules::{
    AfterRule, AssertRule, DegreeMatchesLevelRule, DiplomaNumberRule, ExclusiveOptionRule, MatchesIdRule,
    MinYearsByEvaluationYearRule, PatentNumberRule, PublicityEndRule, ResidentIdRule,
};
pub use group_rules::{
    ContiguousPeriodsRule, ContinuingEducationRule, HourQuota, MaxRowsMatchingRule, RowsMatchingRule, UniqueInRowsRule,
    YearsCoveredRule,
};
pub use migration::{Migration, MigrationStep};
pub use options::{OptionItem, OptionSource};
pub use parts::{SchemaPart, MAX_PARTS};
pub use row_import::{RecordLock, RowImport};
pub use status_path::{StageOutcome, StatusStage, MAX_OUTCOMES, MAX_STAGES};
pub use suggest::{Piece, Suggestion};

/// A whole declaration form for one city system and declaration kind.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormSchema {
    /// Stable identifier, recorded in every draft and package.
    pub id: String,
    /// Incremented whenever the meaning of stored answers changes.
    pub version: u32,
    pub title: String,
    #[serde(default)]
    pub subtitle: String,
    /// Shared parts (`forms/parts/<id>.json`) whose fields, option lists and tables this form
    /// uses: one definition of 基本信息, 教育经历 … for every city's forms.
    #[serde(default)]
    pub parts: Vec<String>,
    /// The parts already put in, once the schema is assembled.
    #[serde(skip)]
    pub included_parts: Vec<String>,
    /// Named option lists (enumerations of appendix A, cascades) that fields refer to.
    #[serde(default)]
    pub options: BTreeMap<String, Vec<OptionItem>>,
    /// Lookup tables for computed values (committees by series and level, …).
    #[serde(default)]
    pub tables: BTreeMap<String, Vec<BTreeMap<String, String>>>,
    #[serde(default)]
    pub settings: Settings,
    pub steps: Vec<Step>,
    /// Attachment materials (domain §3), with the conditions under which each is required.
    #[serde(default)]
    pub materials: Vec<Material>,
    /// How drafts of earlier versions are carried to this one, version by version.
    #[serde(default)]
    pub migrations: Vec<Migration>,
    /// Where each top-level field sits, built once at load so lookups on every keystroke are cheap.
    #[serde(skip)]
    index: std::collections::HashMap<String, (FieldLocation, usize)>,
}

/// Form-wide settings that rules read: configurable data rather than code.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Field holding the evaluation year (评委会年度); achievements after its Dec 31 are refused.
    #[serde(default)]
    pub evaluation_year_field: Option<String>,
    /// Evaluation year used while the field above is blank.
    #[serde(default)]
    pub default_evaluation_year: Option<i32>,
    /// Continuing-education hour quotas per year (V-CE); `default` applies to unlisted years.
    #[serde(default)]
    pub ce_quota: BTreeMap<String, HourQuota>,
    /// Fields describing the current qualification, for the achievement window (V-YRS-2/3).
    #[serde(default)]
    pub current_qualification: Option<QualificationFields>,
    /// Fields that name a draft in the 草稿箱 list (the applicant, the kind of declaration).
    #[serde(default)]
    pub draft_summary: Option<DraftSummaryFields>,
    /// The 草稿箱 button that starts a draft (「新建申报」 unless the form says otherwise).
    #[serde(default)]
    pub new_draft_label: Option<String>,
    /// The field holding the applicant's identity number, copied into a package's `applicant`.
    #[serde(default)]
    pub applicant_id_field: Option<String>,
    /// Related forms offered from the 草稿箱 (the applicant's and the unit's sides).
    #[serde(default)]
    pub see_also: Vec<FormLink>,
    /// The choices the start page asks before a draft exists (series, level, specialty,
    /// committee …), in order: top-level select fields, or computed fields it shows.
    #[serde(default)]
    pub start_fields: Vec<String>,
    /// The 资格自查: the rules' tables and which fields feed them; no panel without it.
    #[serde(default)]
    pub eligibility: Option<EligibilitySettings>,
    /// The words of the submit button and its panel (「提交申报」 unless the form says otherwise:
    /// a unit batch is 「报送评委会办公室」).
    #[serde(default)]
    pub submit_label: Option<String>,
    /// The stages a submitted declaration goes through (单位审核 → … → 缴费), shown in 我的事项.
    #[serde(default)]
    pub status_path: Vec<StatusStage>,
    /// A decision on another form's package (the unit's 单位审核 of one declaration).
    #[serde(default)]
    pub decides: Option<Decides>,
}

/// A link to another form of the same system, by id, with the words to show.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormLink {
    pub form: String,
    pub label: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftSummaryFields {
    pub applicant: String,
    pub kind: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualificationFields {
    pub method: String,
    pub eval_year: String,
    pub obtained: String,
    pub work_start: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    pub title: String,
    /// A gate (the pledge) cannot be passed, by 下一步 or by jumping, while it has errors.
    #[serde(default)]
    pub gate: bool,
    #[serde(default)]
    pub visible_if: Option<Condition>,
    pub sections: Vec<Section>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// Guidance shown above the fields (填写说明).
    #[serde(default)]
    pub help: Vec<String>,
    #[serde(default)]
    pub visible_if: Option<Condition>,
    /// Notes shown only while their condition holds (e.g. extra attachments needed).
    #[serde(default)]
    pub notes: Vec<Note>,
    pub fields: Vec<Field>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub when: Condition,
    pub text: String,
}

/// What kind of answer a field takes; one UI component per kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    #[default]
    Text,
    Textarea,
    Integer,
    Decimal,
    Date,
    YearMonth,
    Year,
    Select,
    MultiSelect,
    YesNo,
    Checkbox,
    /// A repeatable group: rows of the nested `fields`.
    Group,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// A field of a shared part this entry stands for; the entry's own settings refine it
    /// (see `parts.rs` for which settings may be refined).
    #[serde(default, rename = "use")]
    pub uses: Option<String>,
    /// Blank only in a `use` entry, which takes the part's id unless it gives its own.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub label: String,
    /// The kind as written; a `use` entry takes its part's. Resolved into `kind` at load.
    #[serde(default, rename = "kind")]
    pub declared_kind: Option<FieldKind>,
    #[serde(skip)]
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub required_if: Option<Condition>,
    #[serde(default)]
    pub visible_if: Option<Condition>,
    #[serde(default)]
    pub hint: Option<String>,
    #[serde(default)]
    pub placeholder: Option<String>,
    #[serde(default)]
    pub default: Option<String>,
    #[serde(default)]
    pub options: Option<OptionSource>,
    #[serde(default)]
    pub max_chars: Option<usize>,
    #[serde(default)]
    pub min_chars: Option<usize>,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    #[serde(default)]
    pub checks: Vec<CheckSpec>,
    #[serde(default)]
    pub compute: Option<Compute>,
    /// A text proposed from other answers that the user may still edit (see `Suggestion`).
    #[serde(default)]
    pub suggest: Option<Suggestion>,
    /// Layout hint: a full-width field in a two-column grid.
    #[serde(default)]
    pub wide: bool,
    /// Set only when the draft is made from what it is about (the package a unit reviews, through
    /// `Command::Prefill`), and read-only after that, also after a reload.
    #[serde(default)]
    pub fixed: bool,
    // Repeat groups only.
    #[serde(default)]
    pub fields: Vec<Field>,
    #[serde(default)]
    pub min_rows: Option<usize>,
    #[serde(default)]
    pub max_rows: Option<usize>,
    /// Row fields shown as columns of the group's list.
    #[serde(default)]
    pub columns: Vec<String>,
    /// Name of one row, as in 「新增教育经历」.
    #[serde(default)]
    pub row_noun: Option<String>,
    /// Rows that can be filled from another form's drafts (the unit's list of applicants).
    #[serde(default)]
    pub import: Option<RowImport>,
    /// Only the rows where this holds (read inside each row) belong to this declaration: the
    /// others are stored records the applicant has not chosen (取消选定), kept in the draft but
    /// never validated, submitted, printed or imported, like a hidden answer.
    #[serde(default)]
    pub submit_rows_if: Option<Condition>,
}

/// An attachment material of the checklist (domain §3.1), required when its condition holds.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Material {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub required_if: Option<Condition>,
    #[serde(default)]
    pub visible_if: Option<Condition>,
    /// Accepted kinds: "pdf", "image".
    #[serde(default)]
    pub accept: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// 查看要求: what the files must show, line by line (the portal's 材料要求).
    #[serde(default)]
    pub requirements: Vec<String>,
    /// 范本: a sample document beside the app's files (`samples/…`), offered for download.
    #[serde(default)]
    pub sample: Option<String>,
    /// The repeat group whose rows this material's files stand for, and the field naming each
    /// row: each file's name should name one of them (seed 003).
    #[serde(default)]
    pub records: Option<MaterialRecords>,
}

/// The rows a material's files stand for: the group and the field that names each row.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaterialRecords {
    pub group: String,
    pub name_field: String,
}

impl Field {
    pub fn is_group(&self) -> bool {
        self.kind == FieldKind::Group
    }

    /// A nested field of this repeat group.
    pub fn child(&self, id: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }

    pub fn noun(&self) -> &str {
        self.row_noun.as_deref().unwrap_or(&self.label)
    }
}

/// Where a field sits in the schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldLocation {
    pub step: usize,
    pub section: usize,
}

impl FormSchema {
    /// Reads a schema from JSON and checks it. Any problem, from malformed JSON to a condition
    /// naming an unknown field, comes back as a list of diagnostics; this never panics.
    pub fn from_json(text: &str) -> Result<FormSchema, Vec<Diagnostic>> {
        FormSchema::from_json_with_parts(text, |_| None)
    }

    /// Reads a schema and the shared parts it lists, each part's JSON text given by `part_text`
    /// (`None` for a part that cannot be found), and checks the whole.
    pub fn from_json_with_parts(
        text: &str,
        part_text: impl Fn(&str) -> Option<String>,
    ) -> Result<FormSchema, Vec<Diagnostic>> {
        let schema: FormSchema = serde_json::from_str(text)
            .map_err(|e| vec![Diagnostic::new("JSON", format!("表单定义不是有效的 JSON：{e}"))])?;
        let mut parts = Vec::new();
        for id in schema.parts.iter().take(MAX_PARTS) {
            if let Some(text) = part_text(id) {
                parts.push(SchemaPart::from_json(&text)?);
            }
        }
        schema.checked_with(&parts)
    }

    /// Checks a schema that lists no parts, decoded by other means (the browser decodes JSON
    /// itself, to keep a JSON parser out of the bundle), and makes it ready for use.
    pub fn checked(self) -> Result<FormSchema, Vec<Diagnostic>> {
        self.checked_with(&[])
    }

    /// Puts in the fields, option lists and tables of the shared parts the schema lists, then
    /// checks the whole and makes it ready for use.
    pub fn checked_with(mut self, parts: &[SchemaPart]) -> Result<FormSchema, Vec<Diagnostic>> {
        let problems = parts::assemble(&mut self, parts);
        if !problems.is_empty() {
            return Err(problems);
        }
        self.build_index();
        let problems = diagnostics::check(&self);
        if problems.is_empty() {
            Ok(self)
        } else {
            Err(problems)
        }
    }

    fn build_index(&mut self) {
        let index = self
            .fields()
            .enumerate()
            .map(|(position, (location, field))| (field.id.clone(), (location, position)))
            .collect();
        self.index = index;
    }

    /// Every top-level field with its location, in form order.
    pub fn fields(&self) -> impl Iterator<Item = (FieldLocation, &Field)> {
        self.steps.iter().enumerate().flat_map(|(step, s)| {
            s.sections
                .iter()
                .enumerate()
                .flat_map(move |(section, sec)| sec.fields.iter().map(move |f| (FieldLocation { step, section }, f)))
        })
    }

    /// The 草稿箱 button that starts a draft.
    pub fn new_draft_label(&self) -> &str {
        self.settings.new_draft_label.as_deref().unwrap_or("新建申报")
    }

    /// The words of the submit button and its panel.
    pub fn submit_label(&self) -> &str {
        self.settings.submit_label.as_deref().unwrap_or("提交申报")
    }

    /// The heading of the 草稿箱 column showing each draft's kind: the label of the field it comes
    /// from (「申报类型」).
    pub fn draft_kind_label(&self) -> &str {
        self.settings.draft_summary.as_ref().and_then(|d| self.field(&d.kind)).map_or("类型", |f| f.label.as_str())
    }

    pub fn field(&self, id: &str) -> Option<&Field> {
        let (location, _) = self.index.get(id)?;
        self.steps[location.step].sections[location.section].fields.iter().find(|f| f.id == id)
    }

    pub fn location(&self, id: &str) -> Option<FieldLocation> {
        self.index.get(id).map(|(location, _)| *location)
    }

    /// The field a path points at (a top-level field, or a field inside a group's row).
    pub fn field_at(&self, path: &crate::path::FieldPath) -> Option<&Field> {
        match path.group() {
            None => self.field(&path.field),
            Some(group) => self.field(group)?.child(&path.field),
        }
    }

    /// The option list a field offers, unfiltered.
    pub fn option_items<'a>(&'a self, source: &'a OptionSource) -> &'a [OptionItem] {
        match source {
            OptionSource::Inline(items) => items,
            OptionSource::Named(name) => self.options.get(name).map(Vec::as_slice).unwrap_or(&[]),
            OptionSource::Filtered { set, .. } => self.options.get(set).map(Vec::as_slice).unwrap_or(&[]),
        }
    }
}
