//! The checks of a material's guidance at load: its `records` name a repeat group of the form and a
//! field of that group, its 范本 is a plain file under `samples/`, its 查看要求 are short lines.

use super::{Diagnostic, FormSchema};

const MAX_REQUIREMENT: usize = 300;

pub fn check(schema: &FormSchema, out: &mut Vec<Diagnostic>) {
    for material in &schema.materials {
        let place = format!("材料「{}」", material.id);
        if let Some(records) = &material.records {
            match schema.field(&records.group) {
                Some(group) if group.is_group() && group.child(&records.name_field).is_some() => {}
                _ => out.push(Diagnostic::new(
                    &place,
                    format!("records 应指向本表单的重复组及其字段，没有「{}.{}」", records.group, records.name_field),
                )),
            }
        }
        if let Some(sample) = &material.sample {
            let name = sample.strip_prefix("samples/").unwrap_or("");
            let plain = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
            if !plain || name.starts_with('.') {
                out.push(Diagnostic::new(&place, "sample 应为 samples/ 下的文件名（字母、数字、-、_、.）"));
            }
        }
        if material.requirements.iter().any(|r| r.trim().is_empty() || r.chars().count() > MAX_REQUIREMENT) {
            out.push(Diagnostic::new(&place, format!("requirements 每条不能为空，且不超过 {MAX_REQUIREMENT} 个字")));
        }
    }
}
