//! V-ID-3: the 出生日期 and 性别 answers must agree with what the 18-character identity number says.

use super::resident_id::{id_type_has_birth_data, parse_resident_id, ResidentId};
use super::{answer_text, FieldRule, RuleContext};
use crate::date::Date;
use crate::report::Finding;
use crate::schema::{FieldKind, MatchesIdRule};
use crate::value::Value;

/// Compares the typed birth date (`YYYY-MM-DD`) and gender (男/女) with the identity number.
/// Blank or missing answers give nothing; a birth date that is not a date is left to the date
/// field's own check, and a gender other than 男/女 to the option check.
pub fn check_birth_and_gender(id: &ResidentId, birth: Option<&str>, gender: Option<&str>) -> Vec<Finding> {
    let mut found = Vec::new();
    if let Some(typed) = birth.and_then(Date::parse) {
        if typed != id.birth {
            found.push(Finding::error(
                "V-ID-3",
                format!(
                    "出生日期与证件号码不一致：按证件号码第 7–14 位，出生日期应为 {}，现填 {}。请修改出生日期，或核对证件号码。",
                    id.birth.iso(),
                    typed.iso()
                ),
            ));
        }
    }
    let typed_gender = gender.map(str::trim).filter(|g| matches!(*g, "男" | "女"));
    if let Some(typed) = typed_gender {
        let implied = id.gender.label();
        if typed != implied {
            let parity = if implied == "男" { "奇数" } else { "偶数" };
            found.push(Finding::error(
                "V-ID-3",
                format!("性别与证件号码不一致：证件号码第 17 位为{parity}，对应性别为「{implied}」，现填「{typed}」。请修改性别，或核对证件号码。"),
            ));
        }
    }
    found
}

impl FieldRule for MatchesIdRule {
    fn check(&self, value: &Value, ctx: &RuleContext<'_>) -> Vec<Finding> {
        if !id_type_has_birth_data(ctx.answer(&self.id_type)) {
            return Vec::new();
        }
        let Ok(id) = parse_resident_id(ctx.answer(&self.id)) else { return Vec::new() };
        let typed = answer_text(value);
        if ctx.field().kind == FieldKind::Date {
            check_birth_and_gender(&id, Some(typed), None)
        } else {
            check_birth_and_gender(&id, None, Some(typed))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::resident_id::parse_resident_id;
    use crate::rules::table::{check_cases, ensure};
    use crate::rules::vectors::{text_of, vector_cases};

    #[test]
    fn matching_answers_pass_and_mismatches_name_the_implied_value() {
        let id = parse_resident_id("440305199203040039").expect("a valid vector number");
        check_cases(
            [
                (Some("1992-03-04"), Some("男"), None),
                (None, None, None),
                (Some(""), Some(" "), None),
                (Some("不是日期"), Some("未知"), None),
                (Some("1992-03-05"), None, Some("应为 1992-03-04")),
                (None, Some("女"), Some("对应性别为「男」")),
                (Some("1992/3/4"), Some(" 男 "), None),
            ],
            |&(birth, gender, expected)| {
                let found = check_birth_and_gender(&id, birth, gender);
                match expected {
                    None => ensure(found.is_empty(), || format!("{found:?}")),
                    Some(text) => ensure(
                        found.len() == 1
                            && found[0].is_error()
                            && found[0].code == "V-ID-3"
                            && found[0].message.contains(text),
                        || format!("{found:?}"),
                    ),
                }
            },
        );
    }

    #[test]
    fn shared_vectors_with_birth_and_gender_agree_with_themselves() {
        let with_birth_and_gender = vector_cases("resident_id_GB11643")
            .into_iter()
            .filter(|case| case["birth"].is_string() && case["gender"].is_string());
        check_cases(with_birth_and_gender, |case| {
            let (birth, gender) = (text_of(case, "birth"), text_of(case, "gender"));
            let id = parse_resident_id(text_of(case, "input")).map_err(|f| f.message)?;
            let found = check_birth_and_gender(&id, Some(birth), Some(gender));
            ensure(found.is_empty(), || format!("{found:?}"))?;
            let wrong_gender = if gender == "男" { "女" } else { "男" };
            let mismatch = check_birth_and_gender(&id, None, Some(wrong_gender));
            ensure(mismatch.len() == 1, || format!("the wrong gender {wrong_gender} gives {mismatch:?}"))
        });
    }
}
