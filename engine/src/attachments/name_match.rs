//! Whether an attached file's name says which record it belongs to. Seed 003: 「文件名需与填报的
//! 材料信息相对应（同一材料多个附件请在文件名体现关联，并用序号区别）」 — a mismatch fails review. A
//! material that stands for the rows of a repeat group (`records` in the schema: 项目 by 项目名称,
//! 论文 by 题目 …) has each of its files checked against the names those rows give; a file that
//! names none of them is a warning, never a refusal (the applicant may know better).

use crate::schema::Material;
use crate::value::Value;
use crate::FormState;

/// A file whose name matches none of its material's records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameMismatch {
    pub material: String,
    pub file: String,
    pub message: String,
}

/// The shortest run of characters two names must share to be taken as the same record.
const SHARED_RUN: usize = 4;

/// The letters and digits of a name, lowercased, without its extension and the 序号 that tells
/// several files of one record apart (「项目合同-2.pdf」, 「项目合同（3）.pdf」).
fn core(name: &str) -> Vec<char> {
    let stem = name.rsplit_once('.').map_or(name, |(stem, ext)| if ext.len() <= 5 { stem } else { name });
    let kept: Vec<char> = stem.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    let end = kept.iter().rposition(|c| !c.is_ascii_digit()).map_or(0, |i| i + 1);
    // Digits alone (「2023.pdf」) are kept: they are the whole name, not a 序号.
    if end == 0 {
        kept
    } else {
        kept[..end].to_vec()
    }
}

/// Whether a file named `file` names the record `record`: one holds the other, or they share a
/// run of characters long enough not to be chance.
pub fn names_record(file: &str, record: &str) -> bool {
    let (file, record) = (core(file), core(record));
    if file.is_empty() || record.is_empty() {
        return false;
    }
    let needed = SHARED_RUN.min(record.len()).min(file.len());
    record.windows(needed).any(|run| file.windows(needed).any(|other| other == run))
}

/// The files of `material` that name none of its records; empty when the material stands for no
/// records or none are filled in.
fn mismatches_of(state: &FormState, material: &Material) -> Vec<NameMismatch> {
    let Some(records) = &material.records else { return Vec::new() };
    let names: Vec<String> = state
        .rows(&records.group)
        .iter()
        .filter_map(|row| row.get(&records.name_field).map(Value::display))
        .filter(|n| !n.trim().is_empty())
        .collect();
    if names.is_empty() {
        return Vec::new();
    }
    let noun = state.schema().field(&records.group).map_or("记录".to_string(), |g| g.noun().to_string());
    let files = state.attachments().get(&material.id).cloned().unwrap_or_default();
    files
        .into_iter()
        .filter(|f| !names.iter().any(|n| names_record(&f.name, n)))
        .map(|f| NameMismatch {
            material: material.id.clone(),
            message: format!(
                "文件「{}」的名称与填报的{noun}（{}）都不对应。评审时文件名须与填报的材料信息一致，否则可能审核不通过：请把文件改名为对应的名称后重新上传（同一项有多个文件时加序号区分）。",
                f.name,
                names.join("、")
            ),
            file: f.name,
        })
        .collect()
}

/// Every file of the form whose name matches none of its material's records.
pub fn mismatched_names(state: &FormState) -> Vec<NameMismatch> {
    state.schema().materials.iter().flat_map(|m| mismatches_of(state, m)).collect()
}

#[cfg(test)]
mod tests {
    use super::names_record;

    #[test]
    fn a_file_names_its_record_despite_extension_numbering_and_punctuation() {
        for (file, record) in [
            ("深圳湾智能制造平台项目.pdf", "深圳湾智能制造平台"),
            ("智能制造平台-合同-2.pdf", "深圳湾智能制造平台"),
            ("论文：高速信号完整性分析（3）.pdf", "高速信号完整性分析方法研究"),
            ("ZL202310001234.pdf", "ZL 2023 1000 1234"),
        ] {
            assert!(names_record(file, record), "{file} / {record}");
        }
    }

    #[test]
    fn a_file_named_for_something_else_does_not() {
        for (file, record) in [
            ("扫描件001.pdf", "深圳湾智能制造平台"),
            ("IMG_2024.pdf", "高速信号完整性分析"),
            ("身份证.pdf", "深圳湾智能制造平台"),
            ("", "深圳湾智能制造平台"),
        ] {
            assert!(!names_record(file, record), "{file} / {record}");
        }
    }
}
