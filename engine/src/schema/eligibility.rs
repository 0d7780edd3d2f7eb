//! The data of the 资格自查 (eligibility self-check) as a form declares it: the rules' tables
//! (§5.7 初次职称考核认定, §5.8 学历资历, 转系列, 破格), which say nothing about any form, and
//! the mapping from one form's fields to the answers the checks read.

use std::collections::BTreeMap;

use serde::Deserialize;

/// `settings.eligibility`: the tables, shared by every form of a system, and this form's fields.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibilitySettings {
    /// Usually left out: the tables then come from the shared part that holds them
    /// (`forms/parts/eligibility.json`), so every form reads one copy.
    #[serde(default)]
    pub tables: EligibilityTables,
    pub fields: EligibilityFields,
}

/// The rules as data. Nothing here names a field of a form, so the same tables can serve the
/// Shenzhen, Dongguan and provincial forms.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibilityTables {
    /// The levels from the lowest to the highest (员级 … 正高级).
    pub levels: Vec<String>,
    /// The title of each level in each series (工程系列: 员级 → 技术员 …), for the messages.
    #[serde(default)]
    pub titles: BTreeMap<String, BTreeMap<String, String>>,
    /// The classes of education from the highest to the lowest, each with the 学历层次 it covers.
    /// A route asking for a class is open to every class above it.
    pub education: Vec<EducationClass>,
    /// The 学习形式 that count as full-time study (初次职称考核认定 admits only these).
    pub full_time_modes: Vec<String>,
    /// 学历资历 for an ordinary declaration (§5.8), per level and, where a series differs, per series.
    pub qualification: Vec<QualificationRow>,
    /// 初次职称考核认定 (§5.7).
    pub recognition: RecognitionTable,
    /// 转系列（专业）: the same level in the new series after enough time in the current post.
    pub transfer: TransferRule,
    /// When 破格 may be suggested, and how.
    pub exceptional: ExceptionalRule,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EducationClass {
    /// The class's name in messages (大学本科).
    pub name: String,
    /// The 学历层次 answers it covers (大学本科, 本科, 预备技师(技师)班 …).
    pub includes: Vec<String>,
}

/// The ways to one level: each route is enough on its own.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualificationRow {
    /// The series this row is for; empty for the default (工程系列) rows, used by every series
    /// that has no row of its own for the level.
    #[serde(default)]
    pub series: Vec<String>,
    pub level: String,
    pub routes: Vec<Route>,
    /// Where the row comes from (文件名), shown with the verdict.
    #[serde(default)]
    pub source: String,
}

/// One route: at least this education and, when `after` is given, `years` of 资历 since the
/// title of that level (counted by V-YRS-1); otherwise `years` of work since graduating.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub education: String,
    #[serde(default)]
    pub after: Option<String>,
    #[serde(default)]
    pub years: i32,
    /// A condition the engine cannot check (单位考察合格), said with the verdict.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecognitionTable {
    /// Education, years of work after graduating, and the level they lead to.
    pub rows: Vec<RecognitionRow>,
    /// The day of the declaration year by which the years are counted, `MM-DD` ([P] 12-31).
    pub cut_off: String,
    /// 年度考核 results that rule recognition out (基本称职, 不称职).
    #[serde(default)]
    pub disqualifying_appraisals: Vec<String>,
    #[serde(default)]
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecognitionRow {
    pub education: String,
    #[serde(default)]
    pub years: i32,
    pub level: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferRule {
    /// Whole years in the current post by December 31st of the evaluation year.
    pub min_years_in_post: i32,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExceptionalRule {
    /// The levels for which 破格 is possible.
    pub levels: Vec<String>,
    /// What to suggest when the ordinary conditions are not met.
    pub suggestion: String,
}

/// What each 申报类型 means to the checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeclarationKind {
    /// 普通申报, 省外职称确认: the 学历资历 table.
    Standard,
    /// 破格申报: the table, with 破格 as the declared way past it.
    Exceptional,
    /// 转系列（专业）申报.
    Transfer,
    /// 考核认定 (初次职称考核认定).
    Recognition,
}

/// Which of this form's fields hold each answer the checks read.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibilityFields {
    pub declaration_type: String,
    /// Each 申报类型 option and what it means.
    pub declaration_types: BTreeMap<String, DeclarationKind>,
    pub series: String,
    pub level: String,
    pub work_start: String,
    pub education: EducationFields,
    /// Left out by a form that asks for no current title (初次考核认定 of fresh graduates): the
    /// applicant then counts as holding none.
    #[serde(default)]
    pub current: Option<CurrentTitleFields>,
    #[serde(default)]
    pub continuing_education: Option<ContinuingEducationFields>,
    #[serde(default)]
    pub appraisal: Option<AppraisalFields>,
}

/// The education rows (a repeat group) and the cells read from each.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EducationFields {
    pub group: String,
    pub level: String,
    pub graduated: String,
    pub study_mode: String,
    /// 是否以该学历申请: the rows answered 「是」 are the declared education.
    pub used: String,
}

/// The current title: its level and series, how and when it was obtained, the post's start.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CurrentTitleFields {
    pub level: String,
    pub series: String,
    pub method: String,
    pub eval_year: String,
    pub obtained: String,
    pub appointed: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContinuingEducationFields {
    pub group: String,
    pub year: String,
    pub public: String,
    pub professional: String,
    pub elective: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppraisalFields {
    pub group: String,
    pub year: String,
    pub result: String,
}

impl EligibilityTables {
    /// The position of a level, lowest first.
    pub fn level_index(&self, level: &str) -> Option<usize> {
        self.levels.iter().position(|l| l == level)
    }

    /// The position of an education class, highest first, by its name.
    pub fn class_index(&self, name: &str) -> Option<usize> {
        self.education.iter().position(|c| c.name == name)
    }

    /// The class a 学历层次 answer falls in.
    pub fn class_of(&self, answer: &str) -> Option<usize> {
        self.education.iter().position(|c| c.includes.iter().any(|i| i == answer))
    }

    /// A level with its title in the series, when the tables know it: 「助理级（助理工程师）」.
    pub fn level_name(&self, series: &str, level: &str) -> String {
        match self.titles.get(series).and_then(|t| t.get(level)) {
            Some(title) => format!("{level}（{title}）"),
            None => level.to_string(),
        }
    }

    /// The §5.8 rows for a series and level: the series' own, else the default rows.
    pub fn qualification_rows(&self, series: &str, level: &str) -> Vec<&QualificationRow> {
        let at_level = || self.qualification.iter().filter(move |r| r.level == level);
        let own: Vec<_> = at_level().filter(|r| r.series.iter().any(|s| s == series)).collect();
        if own.is_empty() {
            at_level().filter(|r| r.series.is_empty()).collect()
        } else {
            own
        }
    }
}
