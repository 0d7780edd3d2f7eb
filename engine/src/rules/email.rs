//! V-MAIL: an e-mail address in the RFC-lite shape `^[^\s@]+@[^\s@]+\.[^\s@]+$`, matched by hand.

use super::{answer_text, FieldRule, RuleContext};
use crate::report::Finding;
use crate::value::Value;

/// Validates an e-mail address; a blank answer gives nothing (the required check reports it).
pub fn check_email(raw: &str) -> Vec<Finding> {
    let address = raw.trim();
    if address.is_empty() {
        return Vec::new();
    }
    match email_problem(address) {
        Some(message) => vec![Finding::error("V-MAIL", message)],
        None => Vec::new(),
    }
}

/// What keeps the address from the expected shape, if anything.
fn email_problem(address: &str) -> Option<String> {
    const EXAMPLE: &str = "如 name@example.com";
    if address.contains('＠') {
        return Some(format!("电子邮箱中的「＠」是全角字符，请改为半角的「@」（{EXAMPLE}）。"));
    }
    if address.chars().any(char::is_whitespace) {
        return Some(format!("电子邮箱中不能有空格，请删除空格（{EXAMPLE}）。"));
    }
    let at_count = address.matches('@').count();
    if at_count == 0 {
        return Some(format!("电子邮箱缺少「@」，请按完整格式填写（{EXAMPLE}）。"));
    }
    if at_count > 1 {
        return Some(format!("电子邮箱中只能有一个「@」，请核对（{EXAMPLE}）。"));
    }
    let (user, domain) = address.split_once('@')?;
    if user.is_empty() {
        return Some(format!("电子邮箱「@」前面缺少用户名，请核对（{EXAMPLE}）。"));
    }
    let has_inner_dot = domain.char_indices().any(|(i, c)| c == '.' && i > 0 && i + 1 < domain.len());
    if !has_inner_dot {
        return Some(format!("电子邮箱「@」后面应是完整的域名，如 qq.com、163.com，请核对（{EXAMPLE}）。"));
    }
    None
}

/// V-MAIL as a field declares it.
#[derive(Clone, Copy, Debug)]
pub struct EmailRule;

impl FieldRule for EmailRule {
    fn check(&self, value: &Value, _ctx: &RuleContext<'_>) -> Vec<Finding> {
        check_email(answer_text(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::table::{check_cases, ensure};

    #[test]
    fn addresses_follow_the_rfc_lite_shape() {
        check_cases(
            [
                ("zhangsan@qq.com", None),
                ("zhang.san+hr@mail.szu.edu.cn", None),
                (" li@163.com ", None),
                ("张三@例子.中国", None),
                ("", None),
                ("zhangsan.qq.com", Some("缺少「@」")),
                ("zhang@san@qq.com", Some("只能有一个")),
                ("@qq.com", Some("缺少用户名")),
                ("zhangsan@qq", Some("完整的域名")),
                ("zhangsan@.com", Some("完整的域名")),
                ("zhangsan@qq.", Some("完整的域名")),
                ("zhang san@qq.com", Some("不能有空格")),
                ("zhangsan＠qq.com", Some("全角")),
            ],
            |&(input, expected)| {
                let found = check_email(input);
                match expected {
                    None => ensure(found.is_empty(), || format!("{found:?}")),
                    Some(text) => {
                        ensure(found.len() == 1 && found[0].is_error() && found[0].message.contains(text), || {
                            format!("{found:?}")
                        })
                    }
                }
            },
        );
    }
}
