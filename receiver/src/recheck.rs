//! The answers a package sends, compared with the answers the engine submits for them: read as a
//! draft, computed values recomputed (birth date, gender, totals), hidden and blank answers left
//! out. Any difference — a computed value that disagrees, an answer to a field the form does not
//! have, an answer the form hides — means the package did not come from the form as it is, and
//! is named by its path. So the receiver stores exactly what it checked.

use std::collections::BTreeSet;

use zhicheng_engine::{Answers, FieldPath, FieldProblem, FormSchema, Row, Value};

/// Every place where `sent` differs from `rebuilt`, the engine's answers for the same package.
pub fn differences(schema: &FormSchema, sent: &Answers, rebuilt: &Answers) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    let keys: BTreeSet<&String> = sent.keys().chain(rebuilt.keys()).collect();
    for key in keys {
        let (got, wanted) = (sent.get(key), rebuilt.get(key));
        if got == wanted {
            continue;
        }
        let path = format!("answers.{key}");
        let Some(field) = schema.field(key) else {
            problems
                .push(problem(path, format!("表单中没有「{}」这一项，申报包不能带表单之外的答案", key.escape_debug())));
            continue;
        };
        match (got, wanted) {
            (Some(Value::Rows(got)), Some(Value::Rows(wanted))) => problems.extend(row_differences(key, got, wanted)),
            (Some(_), None) => problems.push(problem(path, format!("按申报的其他内容，「{}」不应填写", field.label))),
            (_, Some(wanted)) if field.compute.is_some() => problems.push(problem(
                path,
                format!("「{}」由系统根据其他答案计算，应为「{}」，与申报包不符", field.label, wanted.display()),
            )),
            _ => problems.push(problem(path, format!("「{}」的答案与按表单整理后的不一致", field.label))),
        }
    }
    problems
}

/// The differences inside a repeat group, row by row and cell by cell.
fn row_differences(group: &str, got: &[Row], wanted: &[Row]) -> Vec<FieldProblem> {
    if got.len() != wanted.len() || got.iter().zip(wanted).any(|(a, b)| a.id != b.id) {
        return vec![problem(format!("answers.{group}"), "各行与按表单整理后的不一致".into())];
    }
    let mut problems = Vec::new();
    for (a, b) in got.iter().zip(wanted) {
        let cells: BTreeSet<&String> = a.values.keys().chain(b.values.keys()).collect();
        for cell in cells.into_iter().filter(|c| a.values.get(*c) != b.values.get(*c)) {
            let path = FieldPath::in_row(group, a.id, cell);
            let message = match b.values.get(cell) {
                None => "此项不属于这一行，或按这一行的内容不应填写".to_string(),
                Some(value) => format!("应为「{}」（按表单规则整理或计算），与申报包不符", value.display()),
            };
            problems.push(problem(format!("answers.{path}"), message));
        }
    }
    problems
}

fn problem(path: String, message: String) -> FieldProblem {
    FieldProblem { path, message }
}
