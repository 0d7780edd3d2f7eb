//! Test-only: a small form carrying the shared eligibility tables and the Shenzhen form's mapping
//! (read from `public/forms/`, so the checks are tested against the data applicants get),
//! and an applicant described in a few lines whose verdicts the tests read.

use super::{assess, Standing, Verdict};
use crate::date::Date;
use crate::eval::Evaluator;
use crate::rules::test_form::rows;
use crate::schema::FormSchema;
use crate::value::{Answers, Value};

const SHENZHEN: &str = include_str!("../../../public/forms/sz-title-review.json");
const TABLES: &str = include_str!("../../../public/forms/parts/eligibility.json");

/// The Shenzhen tables, quotas and field mapping, with a 年度考核 group added to the mapping.
fn settings() -> serde_json::Value {
    let form: serde_json::Value = serde_json::from_str(SHENZHEN).expect("the Shenzhen form is JSON");
    let mut settings = serde_json::json!({
        "evaluation_year_field": "committeeYear",
        "ce_quota": form["settings"]["ce_quota"],
        "eligibility": form["settings"]["eligibility"],
    });
    let part: serde_json::Value = serde_json::from_str(TABLES).expect("the tables' part is JSON");
    settings["eligibility"]["tables"] = part["eligibility"].clone();
    settings["eligibility"]["fields"]["appraisal"] =
        serde_json::json!({"group": "appraisal", "year": "year", "result": "result"});
    settings
}

fn schema() -> FormSchema {
    let text = |id: &str, label: &str| serde_json::json!({"id": id, "label": label, "kind": "text"});
    let group = |id: &str, label: &str, cells: &[(&str, &str)]| {
        let fields: Vec<_> = cells.iter().map(|(i, l)| text(i, l)).collect();
        serde_json::json!({"id": id, "label": label, "kind": "group", "fields": fields})
    };
    let mut fields: Vec<serde_json::Value> = [
        ("declarationType", "申报类型"),
        ("series", "评审的资格系列"),
        ("level", "评审的资格级别"),
        ("committeeYear", "评委会年度"),
        ("workStartDate", "参加工作时间"),
        ("curQualLevel", "现职业资格对应的职称级别"),
        ("curQualSeries", "现职业资格对应的职称系列"),
        ("curQualMethod", "现资格取得方式"),
        ("curQualEvalYear", "评审年度"),
        ("curQualDate", "取得时间"),
        ("appointDate", "聘任专业技术职务时间"),
    ]
    .iter()
    .map(|(id, label)| text(id, label))
    .collect();
    fields.push(group(
        "education",
        "教育经历",
        &[
            ("eduLevel", "学历层次"),
            ("gradDate", "毕业时间"),
            ("studyMode", "学习形式"),
            ("usedForDeclaration", "是否以该学历申请职称评审"),
        ],
    ));
    fields.push(group(
        "ce",
        "继续教育",
        &[
            ("year", "年度"),
            ("publicHours", "公需科目学时"),
            ("professionalHours", "专业科目学时"),
            ("electiveHours", "选修科目学时"),
        ],
    ));
    fields.push(group("appraisal", "年度考核", &[("year", "年度"), ("result", "考核结果")]));
    let form = serde_json::json!({"id": "eligibility-test", "version": 1, "title": "资格自查测试", "settings": settings(),
        "steps": [{"id": "s", "title": "步骤", "sections": [{"id": "a", "title": "栏目", "fields": fields}]}]});
    FormSchema::from_json(&form.to_string()).unwrap_or_else(|problems| panic!("test form: {problems:?}"))
}

/// An applicant: top-level answers, one declared education row, continuing-education years and
/// 年度考核 results.
#[derive(Debug, Default)]
pub(crate) struct Applicant<'a> {
    pub answers: Vec<(&'a str, &'a str)>,
    /// 学历层次, 毕业时间, 学习形式 of the row answered 「是」 (none when empty).
    pub education: Option<(&'a str, &'a str, &'a str)>,
    /// (year, 公需, 专业, 选修).
    pub ce: Vec<(&'a str, &'a str, &'a str, &'a str)>,
    pub appraisal: Vec<(&'a str, &'a str)>,
}

impl Applicant<'_> {
    /// The verdicts on this applicant (evaluation year 2026 unless answered).
    pub fn verdicts(&self) -> Vec<Verdict> {
        let schema = schema();
        let mut answers = Answers::new();
        answers.insert("committeeYear".into(), Value::text("2026"));
        for (field, text) in &self.answers {
            answers.insert(field.to_string(), Value::text(*text));
        }
        if let Some((level, graduated, mode)) = self.education {
            let row =
                vec![("eduLevel", level), ("gradDate", graduated), ("studyMode", mode), ("usedForDeclaration", "是")];
            answers.insert("education".into(), Value::Rows(rows([row])));
        }
        let ce = self
            .ce
            .iter()
            .map(|&(y, p, q, e)| vec![("year", y), ("publicHours", p), ("professionalHours", q), ("electiveHours", e)]);
        answers.insert("ce".into(), Value::Rows(rows(ce)));
        let appraisal = self.appraisal.iter().map(|&(y, r)| vec![("year", y), ("result", r)]);
        answers.insert("appraisal".into(), Value::Rows(rows(appraisal)));
        assess(&Evaluator::new(&schema, &answers, Date::new(2026, 11, 23).expect("a day")))
    }

    /// The verdict of one rule, by code.
    pub fn verdict(&self, code: &str) -> Option<Verdict> {
        self.verdicts().into_iter().find(|v| v.code == code)
    }
}

/// A verdict in one comparable line: `不符合 | explanation | earliest | suggestion`.
pub(crate) fn summary(verdict: Option<Verdict>) -> String {
    match verdict {
        None => "—".to_string(),
        Some(v) => format!(
            "{} | {} | {} | {}",
            v.standing.label(),
            v.explanation,
            v.earliest.map(|d| d.iso()).unwrap_or_default(),
            v.suggestion.unwrap_or_default()
        ),
    }
}

/// Shorthand for the standing of a verdict, `None` when the check did not apply.
pub(crate) fn standing(verdict: &Option<Verdict>) -> Option<Standing> {
    verdict.as_ref().map(|v| v.standing)
}
