//! Checks every field gets from its kind: required, number and date formats, option membership,
//! character limits.

use crate::date::Date;
use crate::eval::{Evaluator, RowScope};
use crate::report::Finding;
use crate::rules::plain_text::check_plain_text;
use crate::rules::text_length::{check_max_chars, check_min_chars};
use crate::schema::{Field, FieldKind};
use crate::value::Value;

/// The message for a required field left blank, worded for the kind of input.
pub fn required_finding(field: &Field) -> Finding {
    let message = match field.kind {
        FieldKind::Select | FieldKind::YesNo => format!("请选择{}。", field.label),
        FieldKind::MultiSelect => format!("请至少选择一项{}。", field.label),
        FieldKind::Checkbox => format!("请勾选「{}」后继续。", field.label),
        FieldKind::Date | FieldKind::YearMonth | FieldKind::Year => format!("请填写{}。", field.label),
        _ => format!("请填写{}。", field.label),
    };
    Finding::error("REQUIRED", message)
}

/// Checks the form of a non-blank value against its field kind.
pub fn check_kind(ev: &Evaluator, field: &Field, scope: Option<RowScope>, value: &Value) -> Vec<Finding> {
    if let Some(wrong) = shape_finding(field, value) {
        return vec![wrong];
    }
    let multiline = field.kind == FieldKind::Textarea;
    let texts = value.as_text().into_iter().chain(value.as_list().iter().map(String::as_str));
    if let Some(finding) = texts.filter_map(|t| check_plain_text(t, multiline)).next() {
        return vec![finding];
    }
    let text = value.as_text().map(str::trim).unwrap_or("");
    let mut out = Vec::new();
    match field.kind {
        FieldKind::Integer => match text.parse::<i64>() {
            Ok(n) => out.extend(range(field, n as f64)),
            Err(_) => out.push(Finding::error("FORMAT", "请输入整数（阿拉伯数字，不带小数点和单位）。")),
        },
        FieldKind::Decimal => match crate::decimal::parse_decimal(text) {
            Some(n) => out.extend(range(field, n)),
            None => out.push(Finding::error("FORMAT", "请输入数字，例如 12 或 12.5。")),
        },
        FieldKind::Date => {
            if Date::parse(text).is_none() {
                out.push(Finding::error("FORMAT", "日期无效，请按「年-月-日」填写，例如 2021-07-01。"));
            }
        }
        FieldKind::YearMonth => {
            if Date::parse_year_month(text).is_none() {
                out.push(Finding::error("FORMAT", "请按「年-月」填写，例如 2015-07。"));
            }
        }
        FieldKind::Year => match text.parse::<i32>() {
            Ok(y) if (1900..=2100).contains(&y) && text.len() == 4 => {}
            _ => out.push(Finding::error("FORMAT", "请填写四位年份，例如 2023。")),
        },
        FieldKind::Select => {
            if !ev.options(field, scope).iter().any(|o| o.value == text) {
                out.push(not_an_option(field));
            }
        }
        FieldKind::MultiSelect => {
            let options = ev.options(field, scope);
            if value.as_list().iter().any(|v| !options.iter().any(|o| &o.value == v)) {
                out.push(not_an_option(field));
            }
        }
        FieldKind::YesNo => {
            if !matches!(text, "是" | "否") {
                out.push(Finding::error("FORMAT", "请选择「是」或「否」。"));
            }
        }
        FieldKind::Text | FieldKind::Textarea | FieldKind::Checkbox | FieldKind::Group => {}
    }
    if let Some(max) = field.max_chars {
        out.extend(check_max_chars(text, max));
    }
    if let Some(min) = field.min_chars {
        out.extend(check_min_chars(text, min, field.max_chars));
    }
    out
}

/// An error when the answer is not of the shape its kind stores (rows for a repeat group, a list
/// for a multiple choice, a tick for a box, text otherwise): only a hand-made package has one.
pub fn shape_finding(field: &Field, value: &Value) -> Option<Finding> {
    let fits = match (field.kind, value) {
        (FieldKind::Group, value) => matches!(value, Value::Rows(_)),
        (_, Value::Rows(_)) => false,
        (FieldKind::MultiSelect, value) => matches!(value, Value::List(_)),
        (FieldKind::Checkbox, value) => matches!(value, Value::Bool(_) | Value::Text(_)),
        (_, value) => matches!(value, Value::Text(_)),
    };
    (!fits).then(|| Finding::error("FORMAT", format!("「{}」的答案格式不对，请重新填写。", field.label)))
}

fn not_an_option(field: &Field) -> Finding {
    Finding::error("OPTION", format!("所选{}不在当前可选范围内（可能因前面的选择改变了），请重新选择。", field.label))
}

fn range(field: &Field, n: f64) -> Option<Finding> {
    let show = crate::decimal::format_decimal;
    match (field.min, field.max) {
        (Some(min), Some(max)) if n < min || n > max => {
            Some(Finding::error("RANGE", format!("请填写 {} 到 {} 之间的数。", show(min), show(max))))
        }
        (Some(min), None) if n < min => Some(Finding::error("RANGE", format!("不能小于 {}。", show(min)))),
        (None, Some(max)) if n > max => Some(Finding::error("RANGE", format!("不能大于 {}。", show(max)))),
        _ => None,
    }
}
