//! V-NEG-1: on a multiple choice, an option that excludes every other one (「无上述情况」) cannot
//! be ticked together with anything else.

use super::{FieldRule, RuleContext};
use crate::report::Finding;
use crate::schema::ExclusiveOptionRule;
use crate::value::Value;

impl FieldRule for ExclusiveOptionRule {
    fn check(&self, value: &Value, _ctx: &RuleContext<'_>) -> Vec<Finding> {
        let chosen = value.as_list();
        if chosen.len() > 1 && chosen.contains(&self.value) {
            let exclusive = &self.value;
            vec![Finding::error(
                "V-NEG-1",
                format!("「{exclusive}」不能与其他选项同时勾选：如确有负面情况，请取消勾选「{exclusive}」。"),
            )]
        } else {
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::check_table;
    use crate::rules::test_form::TestForm;

    #[test]
    fn the_exclusive_option_stands_alone() {
        let form = TestForm::new(
            r#"[{"id": "negatives", "label": "负面情况", "kind": "multi_select", "options": ["无上述情况", "医疗事故", "学术不端"]}]"#,
        );
        let rule = ExclusiveOptionRule { value: "无上述情况".into() };
        check_table(
            [
                (vec!["无上述情况"], 0),
                (vec!["医疗事故", "学术不端"], 0),
                (vec!["无上述情况", "医疗事故"], 1),
                (vec!["学术不端", "无上述情况"], 1),
            ],
            |chosen| {
                let value = Value::List(chosen.iter().map(|c| c.to_string()).collect());
                let found = form.check_value("negatives", &value, &rule);
                let explained =
                    found.iter().all(|f| f.is_error() && f.message.starts_with("「无上述情况」不能与其他选项同时勾选"));
                if explained {
                    found.len()
                } else {
                    usize::MAX
                }
            },
        );
    }
}
