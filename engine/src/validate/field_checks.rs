//! Runs the checks a scalar field declares, mapping each to its rule in `rules`.

use crate::date::Date;
use crate::eval::{Evaluator, RowScope};
use crate::report::Finding;
use crate::rules::holiday_calendar::HolidayCalendar;
use crate::rules::{
    credit_code, degree_level, diploma, email, identity_cross_check, issn, patent, phone, postcode, resident_id,
    seniority,
};
use crate::schema::{Check, Field, FieldKind};
use crate::value::Value;

pub fn run(ev: &Evaluator, field: &Field, scope: Option<RowScope>, value: &Value, check: &Check) -> Vec<Finding> {
    let text = value.as_text().map(str::trim).unwrap_or("");
    let other = |name: &str| ev.text(scope, name);
    let other_opt = |name: &str| Some(ev.text(scope, name)).filter(|t| !t.is_empty());
    match check {
        Check::ResidentId { id_type } => {
            let kind = other(id_type);
            if kind.is_empty() {
                return vec![Finding::error("V-ID-1", "请先选择证件类型，再填写证件号码。")];
            }
            let mut found = resident_id::check_id_for_type(kind, text);
            if found.is_empty() && resident_id::id_type_has_birth_data(kind) {
                if let Ok(id) = resident_id::parse_resident_id(text) {
                    found.extend(resident_id::resident_id_warnings(&id, ev.today));
                }
            }
            found
        }
        Check::MatchesId { id, id_type } => {
            if !resident_id::id_type_has_birth_data(other(id_type)) {
                return Vec::new();
            }
            let Ok(parsed) = resident_id::parse_resident_id(other(id)) else { return Vec::new() };
            let is_date = matches!(field.kind, FieldKind::Date);
            let (birth, gender) = if is_date { (Some(text), None) } else { (None, Some(text)) };
            identity_cross_check::check_birth_and_gender(&parsed, birth, gender)
        }
        Check::OrgCode => credit_code::check_org_or_credit_code(text),
        Check::Phone => phone::check_phone(text),
        Check::Email => email::check_email(text),
        Check::Postcode => {
            let mut found = postcode::check_postcode(text);
            if found.is_empty() {
                found.extend(postcode::guangdong_postcode_warning(text));
            }
            found
        }
        Check::PatentNumber { kind_field, software_value } => {
            let software = match (kind_field, software_value) {
                (Some(kind), Some(wanted)) => other(kind) == wanted,
                _ => false,
            };
            if software {
                patent::check_software_copyright_number(text)
            } else {
                patent::check_patent_number(text)
            }
        }
        Check::PublicationNumber => issn::check_publication_number(text),
        Check::DiplomaNumber { grad, level, mode } => {
            diploma::check_diploma_number(text, other_opt(grad), other_opt(level), other_opt(mode))
        }
        Check::DegreeMatchesLevel { level } => degree_level::check_degree_for_level(text, other(level)),
        Check::After { field: earlier, strict, message } => {
            let (Some(this), Some(that)) = (Date::parse_loose(text), Date::parse_loose(other(earlier))) else {
                return Vec::new();
            };
            let wrong = if *strict { this <= that } else { this < that };
            if !wrong {
                return Vec::new();
            }
            let label = ev_label(ev, scope, earlier);
            let default = if *strict {
                format!("应晚于{label}（{that}），请核对两个日期。")
            } else {
                format!("不能早于{label}（{that}），请核对两个日期。")
            };
            vec![Finding::error("V-DATE", message.clone().unwrap_or(default))]
        }
        Check::PublicityEnd { start, min_working_days } => {
            let (Some(end), Some(start)) = (Date::parse(text), Date::parse(other(start))) else {
                return Vec::new();
            };
            HolidayCalendar::bundled().check_publicity_period(start, end, *min_working_days)
        }
        Check::NotFuture => match Date::parse_loose(text) {
            Some(d) if d > ev.today => {
                vec![Finding::error("V-DATE", format!("不能晚于今天（{}），请核对日期。", ev.today))]
            }
            _ => Vec::new(),
        },
        Check::AchievementDate => {
            let (Some(date), Some(year)) = (Date::parse_loose(text), ev.evaluation_year()) else {
                return Vec::new();
            };
            seniority::check_achievement_date(date, material_window_start(ev), year)
        }
        Check::MinYearsByEvaluationYear { years, message } => {
            let (Some(date), Some(year)) = (Date::parse_loose(text), ev.evaluation_year()) else {
                return Vec::new();
            };
            if seniority::has_full_years(date, *years, year) {
                Vec::new()
            } else {
                vec![Finding::error("V-YRS-1", message.clone())]
            }
        }
        Check::ExclusiveOption { value: exclusive } => {
            let list = value.as_list();
            if list.len() > 1 && list.iter().any(|v| v == exclusive) {
                vec![Finding::error(
                    "V-NEG-1",
                    format!("「{exclusive}」不能与其他选项同时勾选：如确有负面情况，请取消勾选「{exclusive}」。"),
                )]
            } else {
                Vec::new()
            }
        }
        Check::Assert { fails_when, code, message } => {
            if ev.holds(fails_when, scope) {
                vec![Finding::error(code.clone(), message.clone())]
            } else {
                Vec::new()
            }
        }
        // Group-level checks are run by `group_checks`; on a scalar field they do nothing.
        Check::MaxRowsMatching { .. }
        | Check::RowsMatching { .. }
        | Check::UniqueInRows { .. }
        | Check::ContinuingEducation { .. }
        | Check::ContiguousPeriods { .. } => Vec::new(),
    }
}

/// The label of the field `name` refers to from `scope`, for messages.
fn ev_label(ev: &Evaluator, scope: Option<RowScope>, name: &str) -> String {
    scope
        .and_then(|s| s.group.child(name))
        .or_else(|| ev.schema.field(name))
        .map(|f| format!("「{}」", f.label))
        .unwrap_or_else(|| name.to_string())
}

/// Start of the window in which achievements count (V-YRS-2), from the current qualification;
/// without one, from the start of work.
pub fn material_window_start(ev: &Evaluator) -> Option<Date> {
    let q = ev.schema.settings.current_qualification.as_ref()?;
    let method_label = ev.text(None, &q.method);
    match seniority::QualificationMethod::from_label(method_label) {
        Some(method) => {
            let eval_year = ev.text(None, &q.eval_year).parse().ok();
            let obtained = Date::parse_loose(ev.text(None, &q.obtained));
            seniority::material_window_start(method, eval_year, obtained)
        }
        None => Date::parse_loose(ev.text(None, &q.work_start)),
    }
}
