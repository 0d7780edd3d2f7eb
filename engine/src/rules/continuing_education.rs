//! V-CE: yearly continuing-education hours (继续教育学时) against the quota of that year — in
//! Guangdong from 2021, 90 学时 of which 公需科目 30, 专业科目 42 and 个人选修 18. All findings are
//! warnings here; a form's schema may make the total binding when the committee notice requires it.

use std::collections::BTreeMap;

use super::{GroupContext, GroupRule};
use crate::decimal::parse_decimal;
use crate::path::FieldPath;
use crate::report::Finding;
use crate::schema::{ContinuingEducationRule, HourQuota};
use crate::value::Row;

/// Hours for messages: at most two decimals, without a trailing `.0`.
pub fn hours(value: f64) -> String {
    crate::decimal::format_decimal(value)
}

/// The quota of a year: its own, else the `default` one.
pub fn quota_for(quotas: &BTreeMap<String, HourQuota>, year: i32) -> Option<&HourQuota> {
    quotas.get(&year.to_string()).or_else(|| quotas.get("default"))
}

/// Each part below its quota, as (name, hours done, hours required); the total (「合计」) first.
pub fn shortfalls(public: f64, professional: f64, elective: f64, quota: &HourQuota) -> Vec<(&'static str, f64, f64)> {
    let total = public + professional + elective;
    let parts = [
        ("合计", total, quota.total),
        ("公需科目", public, quota.public),
        ("专业科目", professional, quota.professional),
        ("个人选修", elective, quota.elective),
    ];
    parts
        .into_iter()
        .filter(|(_, done, required)| done.is_finite() && required.is_finite() && done < required)
        .collect()
}

/// Warns, with the shortfall, for the total and for each part below its quota.
pub fn check_year_hours(year: i32, public: f64, professional: f64, elective: f64, quota: &HourQuota) -> Vec<Finding> {
    shortfalls(public, professional, elective, quota)
        .into_iter()
        .map(|(name, done, required)| {
            Finding::warning(
                "V-CE",
                format!(
                    "{year} 年继续教育{name} {} 学时，少于要求的 {} 学时，还差 {} 学时。请补充学时或核对填写的数字。",
                    hours(done),
                    hours(required),
                    hours(required - done)
                ),
            )
        })
        .collect()
}

impl GroupRule for ContinuingEducationRule {
    fn check(&self, rows: &[Row], ctx: &GroupContext<'_>) -> Vec<(FieldPath, Finding)> {
        let quotas = &ctx.settings().ce_quota;
        let mut found = Vec::new();
        for row in rows {
            let Ok(year) = row.text(&self.year).trim().parse::<i32>() else { continue };
            let Some(quota) = quota_for(quotas, year) else { continue };
            let hours = |field: &str| parse_decimal(row.text(field));
            let (Some(public), Some(professional), Some(elective)) =
                (hours(&self.public), hours(&self.professional), hours(&self.elective))
            else {
                continue;
            };
            let path = FieldPath::in_row(&ctx.group().id, row.id, &self.year);
            let shortfalls = check_year_hours(year, public, professional, elective, quota);
            found.extend(shortfalls.into_iter().map(|finding| (path.clone(), finding)));
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::{check_cases, check_table, ensure};
    use crate::rules::test_form::{rows, TestForm};

    const GUANGDONG_2021: HourQuota = HourQuota { total: 90.0, public: 30.0, professional: 42.0, elective: 18.0 };

    #[test]
    fn the_spec_vectors_and_shortfalls() {
        let cases: [(f64, f64, f64, &[&str]); 7] = [
            (30.0, 42.0, 18.0, &[]),
            (24.0, 48.0, 18.0, &["公需科目 24 学时，少于要求的 30 学时，还差 6 学时"]),
            (30.0, 60.0, 0.0, &["个人选修 0 学时，少于要求的 18 学时，还差 18 学时"]),
            (30.0, 42.0, 12.5, &["合计 84.5 学时", "还差 5.5 学时"]),
            (30.1, 42.2, 18.0, &[]),
            (f64::NAN, 42.0, 18.0, &[]),
            (40.0, 60.0, 0.0, &["个人选修"]),
        ];
        check_cases(cases, |&(public, professional, elective, expected)| {
            let found = check_year_hours(2023, public, professional, elective, &GUANGDONG_2021);
            let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
            for text in expected {
                ensure(messages.iter().any(|m| m.contains(text)), || format!("no message says {text}: {messages:?}"))?;
            }
            ensure(found.len() == expected.len(), || format!("{} findings: {messages:?}", found.len()))?;
            ensure(found.iter().all(|f| !f.is_error() && f.code == "V-CE"), || format!("V-CE only warns: {found:?}"))
        });
    }

    #[test]
    fn quotas_deserialise_with_optional_parts() {
        check_table(
            [
                (r#"{"total": 90, "public": 30, "professional": 42, "elective": 18}"#, Some(GUANGDONG_2021)),
                (r#"{"total": 72}"#, Some(HourQuota { total: 72.0, public: 0.0, professional: 0.0, elective: 0.0 })),
                (r#"{"totl": 90}"#, None),
            ],
            |text| serde_json::from_str::<HourQuota>(text).ok(),
        );
    }

    #[test]
    fn each_row_is_held_to_the_quota_of_its_year() {
        let form = TestForm::with_settings(
            r#"[{"id": "ce", "label": "继续教育", "kind": "group", "fields": [
                {"id": "year", "label": "年度", "kind": "year"},
                {"id": "public", "label": "公需科目", "kind": "decimal"},
                {"id": "professional", "label": "专业科目", "kind": "decimal"},
                {"id": "elective", "label": "个人选修", "kind": "decimal"}]}]"#,
            r#"{"ce_quota": {"2020": {"total": 72}, "default": {"total": 90, "public": 30, "professional": 42, "elective": 18}}}"#,
        );
        let rule = ContinuingEducationRule {
            year: "year".into(),
            public: "public".into(),
            professional: "professional".into(),
            elective: "elective".into(),
        };
        let short_public = "ce[#1].year V-CE Warning 2023 年继续教育公需科目 24 学时，少于要求的 30 学时，还差 6 学时。请补充学时或核对填写的数字。";
        check_table(
            [
                (["2023", "30", "42", "18"], vec![]),
                (["2023", "24", "48", "18"], vec![short_public]),
                (["2020", "24", "48", "0"], vec![]),
                (["2023", "", "42", "18"], vec![]),
                (["今年", "0", "0", "0"], vec![]),
            ],
            |[year, public, professional, elective]| {
                let cells = vec![
                    ("year", *year),
                    ("public", *public),
                    ("professional", *professional),
                    ("elective", *elective),
                ];
                form.check_group_described("ce", &rows([cells]), &rule)
            },
        );
    }
}
