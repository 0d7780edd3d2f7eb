//! The receiver's announced limits (`GET v1/capabilities`) checked against a package before any
//! byte is sent, so a package the receiver would refuse stops at once with the reason.

use serde_json::Value;
use zhicheng_engine::SubmissionV1;

/// What breaks the receiver's announced limits, in the applicant's words.
pub fn limits_problem(entry: &SubmissionV1, caps: &Value) -> Option<String> {
    let number = |key: &str| caps.get(key).and_then(Value::as_u64);
    let list = |key: &str| -> Vec<&str> {
        caps.get(key)
            .and_then(Value::as_array)
            .map(|l| l.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    };
    let versions_ok =
        caps.get("versions").and_then(Value::as_array).is_some_and(|v| v.iter().any(|n| n.as_u64() == Some(1)));
    if !versions_ok {
        return Some("接收端不支持本程序的申报包格式（版本 1），请联系受理单位。".into());
    }
    let forms = list("forms");
    if !forms.is_empty() && !forms.contains(&entry.manifest.form_id.as_str()) {
        return Some(format!("该提交地址不受理这类申报（{}），请检查提交地址或联系受理单位。", entry.manifest.form_id));
    }
    let files = entry.manifest.unique_files();
    if let Some(max) = number("max_files") {
        if files.len() as u64 > max {
            return Some(format!("接收端每个申报包最多接收 {max} 个文件，本申报有 {} 个。", files.len()));
        }
    }
    if let Some(max) = number("max_file_bytes") {
        if let Some(big) = files.iter().find(|f| f.size > max) {
            return Some(format!(
                "附件「{}」超过接收端允许的单个文件大小（{} MB），请压缩后重新上传。",
                big.name,
                max / (1024 * 1024)
            ));
        }
    }
    if let Some(max) = number("max_package_bytes") {
        if entry.manifest.total_bytes() > max {
            return Some(format!("附件合计超过接收端允许的 {} MB，请压缩后重新上传。", max / (1024 * 1024)));
        }
    }
    let accepted = list("accepted_media_types");
    if let Some(odd) = files.iter().find(|f| !accepted.is_empty() && !accepted.contains(&f.media_type.as_str())) {
        return Some(format!("接收端不接受附件「{}」的文件类型（{}）。", odd.name, odd.media_type));
    }
    None
}
