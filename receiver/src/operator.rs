//! What the operator's commands print: stored text shown safely on a terminal. Applicants' text is
//! checked before it is stored, but a store written by an older version, or edited by hand, may
//! hold control characters; printed raw, an escape sequence could rewrite the operator's screen
//! or hide a line. Every character that is not plain visible text is shown as `\u{…}` instead.

use crate::store::{AuditEntry, PackageRecord};

/// `text` with every control character and direction override written as `\u{…}`.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if zhicheng_engine::rules::plain_text::forbidden_char(c.encode_utf8(&mut [0; 4]), false).is_some() {
            out.push_str(&format!("\\u{{{:04x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// One line of `list`.
pub fn package_line(p: &PackageRecord) -> String {
    let reason = p.reason.as_deref().map(|r| format!("  （{}）", printable(r))).unwrap_or_default();
    let stage = p.stage.as_ref().map(|s| format!("  环节 {}", printable(&s.id))).unwrap_or_default();
    format!(
        "{}  {}{stage}  {}  {}  {}{reason}",
        printable(&p.receipt),
        p.status,
        printable(&p.applicant),
        printable(&p.received_at),
        printable(&p.package_id)
    )
}

/// One line of `audit`.
pub fn audit_line(e: &AuditEntry) -> String {
    let reason = e.reason.as_deref().map(|r| format!("  （{}）", printable(r))).unwrap_or_default();
    let stage = match (&e.from_stage, &e.to_stage) {
        (from, Some(to)) if from.as_ref() != Some(to) => {
            format!("  环节 {} → {}", printable(from.as_deref().unwrap_or("—")), printable(to))
        }
        _ => String::new(),
    };
    format!(
        "{}  {}  {}  {} → {}{stage}  {}{reason}",
        printable(&e.at),
        printable(&e.actor),
        printable(&e.receipt),
        printable(&e.from),
        printable(&e.to),
        printable(&e.package_id)
    )
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(printable("张三"), "张三");
        assert_eq!(printable("\u{1b}[2J清屏"), "\\u{001b}[2J清屏");
        assert_eq!(printable("a\u{202E}b\nc"), "a\\u{202e}b\\u{000a}c");
    }
}
