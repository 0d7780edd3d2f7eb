//! A rule stated entirely in data: the schema gives the condition under which the answer is
//! wrong, with its own code and message (e.g. V-REC-1, 考核认定 does not take a title holder).

use super::{FieldRule, RuleContext};
use crate::report::Finding;
use crate::schema::AssertRule;
use crate::value::Value;

impl FieldRule for AssertRule {
    fn check(&self, _value: &Value, ctx: &RuleContext<'_>) -> Vec<Finding> {
        if ctx.holds(&self.fails_when) {
            vec![Finding::error(self.code.clone(), self.message.clone())]
        } else {
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::{check_table, described};
    use crate::rules::test_form::TestForm;

    #[test]
    fn the_schema_states_when_the_answer_is_wrong() {
        let fields = r#"[
            {"id": "declarationType", "label": "申报类型", "kind": "text"},
            {"id": "curQualType", "label": "现职称类型", "kind": "text"}]"#;
        let rule: AssertRule = serde_json::from_str(
            r#"{"fails_when": {"equals": {"field": "declarationType", "value": "考核认定"}},
                "code": "V-REC-1", "message": "考核认定适用于尚未取得职称的人员。"}"#,
        )
        .expect("an assert rule");
        check_table(
            [
                ("考核认定", vec!["V-REC-1 Error 考核认定适用于尚未取得职称的人员。"]),
                ("普通申报", vec![]),
                ("", vec![]),
            ],
            |kind| described(&TestForm::new(fields).with("declarationType", kind).check("curQualType", "职称", &rule)),
        );
    }
}
