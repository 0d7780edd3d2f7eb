//! No two rows of a repeat group name the same thing (the same diploma, the same project), told
//! by one answer of each row.

use super::{GroupContext, GroupRule};
use crate::path::FieldPath;
use crate::report::Finding;
use crate::schema::UniqueInRowsRule;
use crate::value::Row;

impl GroupRule for UniqueInRowsRule {
    fn check(&self, rows: &[Row], ctx: &GroupContext<'_>) -> Vec<(FieldPath, Finding)> {
        let mut found = Vec::new();
        for (index, row) in rows.iter().enumerate() {
            let text = row.text(&self.field).trim();
            if text.is_empty() {
                continue;
            }
            if let Some(first) = rows[..index].iter().position(|earlier| earlier.text(&self.field).trim() == text) {
                let message = format!("与第 {} 条重复（{text}），同一项只需填写一条。", first + 1);
                let path = FieldPath::in_row(&ctx.group().id, row.id, &self.field);
                found.push((path, Finding::error("UNIQUE", message)));
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::check_table;
    use crate::rules::test_form::{rows, TestForm};

    #[test]
    fn each_repeat_names_the_row_it_repeats() {
        let form = TestForm::new(
            r#"[{"id": "education", "label": "教育经历", "kind": "group", "fields": [
                {"id": "diplomaNo", "label": "证书编号", "kind": "text"}]}]"#,
        );
        let rule = UniqueInRowsRule { field: "diplomaNo".into() };
        check_table(
            [
                (vec!["A1", "B2"], vec![]),
                (
                    vec!["A1", " A1 ", "A1"],
                    vec![
                        "education[#2].diplomaNo UNIQUE Error 与第 1 条重复（A1），同一项只需填写一条。",
                        "education[#3].diplomaNo UNIQUE Error 与第 1 条重复（A1），同一项只需填写一条。",
                    ],
                ),
                (vec!["", ""], vec![]),
            ],
            |numbers| {
                let rows = rows(numbers.iter().map(|n| vec![("diplomaNo", *n)]));
                form.check_group_described("education", &rows, &rule)
            },
        );
    }
}
