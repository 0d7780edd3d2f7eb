//! The shape checks every receiver makes on a manifest before looking at its answers: the bounds
//! of protocol/manifest.schema.json (formats, identifiers, times, hashes, sizes, lengths), each
//! refusal naming its JSON path.

use super::parse_rfc3339;
use crate::rules::plain_text::{describe, forbidden_char};
use crate::stored::package::{FieldProblem, PackageManifestV1, PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION};

/// Length bounds of the JSON Schema, in characters.
const MAX_FORM_ID: usize = 64;
const MAX_CLIENT_VERSION: usize = 64;
const MAX_APPLICANT_NAME: usize = 100;
const MAX_ID_NUMBER: usize = 64;
const MAX_FILE_NAME: usize = 255;
/// Bounds on lists, so that no manifest costs more than a look at each entry: attachment entries
/// (the same file may be listed under several materials, so more than the receiver's file limit),
/// reports, and rows in one repeat group.
pub const MAX_ATTACHMENT_ENTRIES: usize = 1000;
pub const MAX_REPORTS: usize = 50;
pub const MAX_ROWS: usize = 500;

impl PackageManifestV1 {
    /// Every way this manifest breaks the protocol's schema. Empty when sound.
    pub fn check(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        let mut refuse = |path: String, message: String| problems.push(FieldProblem { path, message });
        if self.format != PACKAGE_FORMAT {
            refuse("format".into(), format!("不是申报包（格式标记为「{}」）", self.format));
        }
        if self.format_version != PACKAGE_FORMAT_VERSION {
            refuse("format_version".into(), format!("申报包格式版本 {} 不受支持（支持版本 1）", self.format_version));
        }
        if !is_uuid_v4(&self.package_id) {
            refuse("package_id".into(), "申报包编号应为小写的 UUID v4".into());
        }
        if self.refers_to.as_deref().is_some_and(|id| !is_uuid_v4(id) || id == self.package_id) {
            refuse("refers_to".into(), "所审核的申报包编号应为另一个申报包的小写 UUID v4".into());
        }
        let form_id_chars = self.form_id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if self.form_id.is_empty() || !form_id_chars || self.form_id.len() > MAX_FORM_ID {
            refuse("form_id".into(), format!("表单编号应为 1–{MAX_FORM_ID} 个小写字母、数字或连字符"));
        }
        if self.schema_version == 0 {
            refuse("schema_version".into(), "表单版本应从 1 起".into());
        }
        if let Some(problem) = length("客户端版本", &self.client_version, 1, MAX_CLIENT_VERSION)
            .or_else(|| unseen("客户端版本", &self.client_version))
        {
            refuse("client_version".into(), problem);
        }
        for (path, time) in [("created_at", &self.created_at), ("submitted_at", &self.submitted_at)] {
            if parse_rfc3339(time).is_none() {
                refuse(path.into(), "时间应为 UTC 的 RFC 3339 格式，例如 2026-11-23T08:00:00Z".into());
            }
        }
        if self.applicant.name.trim().is_empty() {
            refuse("applicant.name".into(), "缺少申报人姓名".into());
        } else if let Some(problem) = length("申报人姓名", &self.applicant.name, 1, MAX_APPLICANT_NAME)
            .or_else(|| unseen("申报人姓名", &self.applicant.name))
        {
            refuse("applicant.name".into(), problem);
        }
        if let Some(problem) = length("证件号码", &self.applicant.id_number, 0, MAX_ID_NUMBER)
            .or_else(|| unseen("证件号码", &self.applicant.id_number))
        {
            refuse("applicant.id_number".into(), problem);
        }
        for (id, value) in &self.answers {
            if value.as_rows().len() > MAX_ROWS {
                refuse(format!("answers.{id}"), format!("一组最多 {MAX_ROWS} 条，现有 {} 条", value.as_rows().len()));
            }
        }
        if self.attachments.len() > MAX_ATTACHMENT_ENTRIES {
            let count = self.attachments.len();
            refuse("attachments".into(), format!("附件清单最多 {MAX_ATTACHMENT_ENTRIES} 项，现有 {count} 项"));
        }
        // The first size listed for each hash: every other entry of that hash must agree with it.
        let mut size_of = std::collections::BTreeMap::new();
        for (i, file) in self.attachments.iter().enumerate().take(MAX_ATTACHMENT_ENTRIES) {
            let at = |field: &str| format!("attachments[{i}].{field}");
            if file.material.is_empty() {
                refuse(at("material"), "缺少所属材料".into());
            } else if let Some(problem) = unseen("所属材料", &file.material) {
                refuse(at("material"), problem);
            }
            if !is_sha256_hex(&file.sha256) {
                refuse(at("sha256"), "SHA-256 应为 64 位小写十六进制".into());
            }
            if file.size == 0 {
                refuse(at("size"), format!("文件「{}」是空的", file.name));
            }
            if file.name.trim().is_empty() {
                refuse(at("name"), "缺少文件名".into());
            } else if let Some(problem) =
                length("文件名", &file.name, 1, MAX_FILE_NAME).or_else(|| unseen("文件名", &file.name))
            {
                refuse(at("name"), problem);
            }
            if !is_media_type(&file.media_type) {
                refuse(at("media_type"), format!("文件类型「{}」的写法不对，应如 application/pdf", file.media_type));
            }
            if file.pages == Some(0) {
                refuse(at("pages"), "页数应从 1 起，不知道时写 null".into());
            }
            if *size_of.entry(file.sha256.as_str()).or_insert(file.size) != file.size {
                refuse(at("size"), "同一 SHA-256 的文件大小不一致".into());
            }
        }
        if self.reports.len() > MAX_REPORTS {
            refuse("reports".into(), format!("报表最多 {MAX_REPORTS} 项，现有 {} 项", self.reports.len()));
        }
        for (i, report) in self.reports.iter().enumerate().take(MAX_REPORTS) {
            let at = |field: &str| format!("reports[{i}].{field}");
            if report.id.is_empty() {
                refuse(at("id"), "缺少报表编号".into());
            } else if let Some(problem) = unseen("报表编号", &report.id) {
                refuse(at("id"), problem);
            }
            if report.title.is_empty() {
                refuse(at("title"), "缺少报表名称".into());
            } else if let Some(problem) = unseen("报表名称", &report.title) {
                refuse(at("title"), problem);
            }
            if !is_fingerprint(&report.fingerprint) {
                refuse(at("fingerprint"), "报表指纹应为 xxxx-xxxx-xxxx（小写十六进制）".into());
            }
            if report.printed_at.as_deref().is_some_and(|t| parse_rfc3339(t).is_none()) {
                refuse(at("printed_at"), "打印时间应为 UTC 的 RFC 3339 格式，未打印时写 null".into());
            }
        }
        problems
    }
}

/// Why `text` is not between `min` and `max` characters long, if it is not.
fn length(what: &str, text: &str, min: usize, max: usize) -> Option<String> {
    let count = text.chars().count();
    (count < min || count > max).then(|| format!("{what}应为 {min}–{max} 个字符，现有 {count} 个"))
}

/// Why `text` cannot be stored as one line of plain text (control characters, direction
/// overrides), if it cannot.
fn unseen(what: &str, text: &str) -> Option<String> {
    forbidden_char(text, false).map(|c| format!("{what}{}", describe(c)))
}

/// Whether `text` is a lowercase UUID of version 4 (random), as package ids are.
pub fn is_uuid_v4(text: &str) -> bool {
    let b = text.as_bytes();
    is_dashed_hex(text, &[8, 4, 4, 4, 12]) && b[14] == b'4' && matches!(b[19], b'8' | b'9' | b'a' | b'b')
}

/// Whether `text` is a SHA-256 in lowercase hex.
pub fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(is_lower_hex)
}

/// Whether `text` is a report fingerprint: three groups of four lowercase hex digits.
fn is_fingerprint(text: &str) -> bool {
    is_dashed_hex(text, &[4, 4, 4])
}

/// Whether `text` is groups of lowercase hex digits of these lengths, joined by dashes.
fn is_dashed_hex(text: &str, groups: &[usize]) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.len() == groups.len()
        && parts.iter().zip(groups).all(|(part, len)| part.len() == *len && part.bytes().all(is_lower_hex))
}

/// Whether `text` is a media type as the schema writes it: `type/subtype`, lowercase.
fn is_media_type(text: &str) -> bool {
    let Some((kind, subtype)) = text.split_once('/') else { return false };
    !kind.is_empty()
        && kind.bytes().all(|c| c.is_ascii_lowercase())
        && !subtype.is_empty()
        && subtype.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || b".+-".contains(&c))
}

fn is_lower_hex(c: u8) -> bool {
    c.is_ascii_digit() || (b'a'..=b'f').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stored::package::{Applicant, PackagedFile, PackagedReport};
    use crate::value::Answers;

    fn sound() -> PackageManifestV1 {
        PackageManifestV1 {
            format: PACKAGE_FORMAT.into(),
            format_version: 1,
            package_id: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
            form_id: "sz-title-review".into(),
            schema_version: 1,
            client_version: "0.1.0".into(),
            created_at: "2026-11-23T07:59:00Z".into(),
            submitted_at: "2026-11-23T08:00:00Z".into(),
            applicant: Applicant { name: "张三".into(), id_number: "11010519491231002X".into() },
            answers: Answers::default(),
            attachments: vec![PackagedFile {
                material: "idCard".into(),
                name: "身份证.pdf".into(),
                media_type: "application/pdf".into(),
                size: 10,
                sha256: "a".repeat(64),
                pages: Some(1),
            }],
            reports: vec![PackagedReport {
                id: "pledge".into(),
                title: "承诺书".into(),
                fingerprint: "abcd-ef01-2345".into(),
                printed_at: None,
            }],
            refers_to: None,
        }
    }

    #[test]
    fn a_sound_manifest_has_no_problems() {
        assert_eq!(sound().check(), vec![]);
    }

    #[test]
    fn each_break_of_the_schema_is_named_by_its_path() {
        type Break = fn(&mut PackageManifestV1);
        let cases: [(&str, Break); 17] = [
            ("format", |m| m.format = "zip".into()),
            ("format_version", |m| m.format_version = 2),
            ("package_id", |m| m.package_id = m.package_id.to_uppercase()),
            ("form_id", |m| m.form_id = "a".repeat(65)),
            ("form_id", |m| m.form_id = "SZ".into()),
            ("schema_version", |m| m.schema_version = 0),
            ("client_version", |m| m.client_version = "v".repeat(65)),
            ("submitted_at", |m| m.submitted_at = "2026-11-23 08:00".into()),
            ("applicant.name", |m| m.applicant.name = "名".repeat(101)),
            ("applicant.id_number", |m| m.applicant.id_number = "1".repeat(65)),
            ("attachments[0].material", |m| m.attachments[0].material.clear()),
            ("attachments[0].name", |m| m.attachments[0].name = format!("{}.pdf", "长".repeat(252))),
            ("attachments[0].media_type", |m| m.attachments[0].media_type = "PDF".into()),
            ("attachments[0].pages", |m| m.attachments[0].pages = Some(0)),
            ("reports[0].fingerprint", |m| m.reports[0].fingerprint = "ABCD-EF01-2345".into()),
            ("reports[0].printed_at", |m| m.reports[0].printed_at = Some("yesterday".into())),
            ("reports[0].title", |m| m.reports[0].title.clear()),
        ];
        for (path, break_it) in cases {
            let mut manifest = sound();
            break_it(&mut manifest);
            let paths: Vec<String> = manifest.check().into_iter().map(|p| p.path).collect();
            assert_eq!(paths, vec![path.to_string()], "breaking {path}");
        }
    }

    #[test]
    fn the_bounds_are_those_of_the_published_json_schema() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../../protocol/manifest.schema.json")).unwrap();
        let properties = &schema["properties"];
        assert_eq!(properties["client_version"]["maxLength"], MAX_CLIENT_VERSION);
        assert_eq!(properties["applicant"]["properties"]["name"]["maxLength"], MAX_APPLICANT_NAME);
        assert_eq!(properties["applicant"]["properties"]["id_number"]["maxLength"], MAX_ID_NUMBER);
        assert_eq!(properties["attachments"]["items"]["properties"]["name"]["maxLength"], MAX_FILE_NAME);
        assert_eq!(properties["form_id"]["pattern"], format!("^[a-z0-9-]{{1,{MAX_FORM_ID}}}$"));
        assert_eq!(properties["attachments"]["maxItems"], MAX_ATTACHMENT_ENTRIES);
        assert_eq!(properties["reports"]["maxItems"], MAX_REPORTS);
        assert_eq!(schema["$defs"]["value"]["anyOf"][3]["maxItems"], MAX_ROWS);
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        let mut manifest = sound();
        manifest.applicant.name = "名".repeat(100);
        manifest.attachments[0].name = format!("{}.pdf", "长".repeat(251));
        assert_eq!(manifest.check(), vec![]);
    }
}
