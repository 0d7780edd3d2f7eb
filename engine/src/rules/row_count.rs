//! V-REP-1 and V-EDU-4: how many rows of a repeat group have a given answer (at most three 代表作
//! per category; one education row 「用于申报」).

use super::{GroupContext, GroupRule};
use crate::path::FieldPath;
use crate::report::Finding;
use crate::schema::{MaxRowsMatchingRule, RowsMatchingRule};
use crate::value::Row;

impl GroupRule for MaxRowsMatchingRule {
    fn check(&self, rows: &[Row], ctx: &GroupContext<'_>) -> Vec<(FieldPath, Finding)> {
        let count = count_matching(rows, &self.field, &self.value);
        if count > self.max {
            vec![(FieldPath::top(&ctx.group().id), Finding::error("V-REP-1", with_count(&self.message, count)))]
        } else {
            Vec::new()
        }
    }
}

impl GroupRule for RowsMatchingRule {
    fn check(&self, rows: &[Row], ctx: &GroupContext<'_>) -> Vec<(FieldPath, Finding)> {
        let count = count_matching(rows, &self.field, &self.value);
        let too_few = self.min.is_some_and(|min| count < min);
        let too_many = self.max.is_some_and(|max| count > max);
        if !rows.is_empty() && (too_few || too_many) {
            vec![(FieldPath::top(&ctx.group().id), Finding::error("V-EDU-4", with_count(&self.message, count)))]
        } else {
            Vec::new()
        }
    }
}

/// The rows whose `field` answer equals `value`.
fn count_matching(rows: &[Row], field: &str, value: &str) -> usize {
    rows.iter().filter(|row| row.get(field).is_some_and(|answer| answer.matches(value))).count()
}

/// Replaces `{count}` in a schema message with the number found.
fn with_count(message: &str, count: usize) -> String {
    message.replace("{count}", &count.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::check_table;
    use crate::rules::test_form::{rows, TestForm};

    const GROUP: &str = r#"[{"id": "projects", "label": "项目", "kind": "group", "fields": [
        {"id": "representative", "label": "代表作", "kind": "text"}]}]"#;

    /// The representative answers of each row, as rows.
    fn with_answers(answers: &[&str]) -> Vec<Row> {
        rows(answers.iter().map(|a| vec![("representative", *a)]))
    }

    #[test]
    fn at_most_so_many_rows_with_the_answer() {
        let rule = MaxRowsMatchingRule {
            field: "representative".into(),
            value: "是".into(),
            max: 3,
            message: "代表作最多 3 项，现有 {count} 项。".into(),
        };
        let form = TestForm::new(GROUP);
        check_table(
            [
                (vec!["是", "是", "是"], vec![]),
                (vec!["是", "是", "否", "是", "是"], vec!["projects V-REP-1 Error 代表作最多 3 项，现有 4 项。"]),
                (vec![], vec![]),
            ],
            |answers| form.check_group_described("projects", &with_answers(answers), &rule),
        );
    }

    #[test]
    fn between_bounds_once_there_is_a_row() {
        let rule = RowsMatchingRule {
            field: "representative".into(),
            value: "是".into(),
            min: Some(1),
            max: Some(1),
            message: "应有 1 项，现有 {count} 项。".into(),
        };
        let form = TestForm::new(GROUP);
        check_table(
            [
                (vec!["是"], vec![]),
                (vec!["否"], vec!["projects V-EDU-4 Error 应有 1 项，现有 0 项。"]),
                (vec!["是", "是"], vec!["projects V-EDU-4 Error 应有 1 项，现有 2 项。"]),
                (vec![], vec![]),
            ],
            |answers| form.check_group_described("projects", &with_answers(answers), &rule),
        );
    }
}
