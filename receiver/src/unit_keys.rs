//! The operator's `unit-key` command (protocol §2.8): `add <统一社会信用代码> <单位名称>` issues a
//! unit a new key and prints it once (the store keeps only its SHA-256); `list` shows every key by
//! unit, fingerprint and dates; `revoke <统一社会信用代码>` stops every key of a unit at once.

use std::io::Read;

use zhicheng_engine::hex::to_hex;
use zhicheng_engine::rules::credit_code::check_uscc;
use zhicheng_engine::Severity;

use crate::operator::printable;
use crate::store::{Store, Unit};

const USAGE: &str = "zhicheng-receiver unit-key add <统一社会信用代码> <单位名称> | list | revoke <统一社会信用代码>";

/// Runs `unit-key` with `args` at `now` (RFC 3339); what to print.
pub fn unit_key_command(store: &Store, args: &[String], now: &str) -> Result<String, String> {
    match args {
        [verb, code, name] if verb == "add" => {
            let code = code.trim().to_uppercase();
            let problem = check_uscc(&code).into_iter().find(|f| f.severity == Severity::Error);
            if let Some(problem) = problem {
                return Err(format!("「{}」不是有效的统一社会信用代码：{}", printable(&code), problem.message));
            }
            if code.chars().count() != 18 {
                return Err("统一社会信用代码应为 18 位".into());
            }
            let name = name.trim();
            if name.is_empty() || name.chars().count() > 100 || printable(name) != name {
                return Err("单位名称不能为空，不超过 100 个字，且不含控制字符".into());
            }
            let key = fresh_key()?;
            let unit = Unit { code, name: name.to_string() };
            store.add_unit_key(&unit, &key, now).map_err(|e| e.to_string())?;
            Ok(format!(
                "已为「{}」（{}）签发单位密钥，请通过安全渠道交给单位经办人；密钥只显示这一次：\n{key}",
                unit.name, unit.code
            ))
        }
        [verb] if verb == "list" => {
            let keys = store.unit_keys().map_err(|e| e.to_string())?;
            Ok(keys
                .iter()
                .map(|k| {
                    let state = k.revoked_at.as_deref().map_or("有效".to_string(), |at| format!("已停用 {at}"));
                    format!(
                        "{}  {}  {}…  签发 {}  {state}",
                        printable(&k.unit.code),
                        printable(&k.unit.name),
                        k.fingerprint,
                        printable(&k.created_at)
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"))
        }
        [verb, code] if verb == "revoke" => {
            let revoked = store.revoke_unit_keys(code.trim(), now).map_err(|e| e.to_string())?;
            Ok(format!("已停用 {} 的 {revoked} 个单位密钥", printable(code)))
        }
        _ => Err(format!("usage: {USAGE}")),
    }
}

/// 32 bytes from the operating system's random source, as 64 lowercase hex digits.
fn fresh_key() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| format!("无法读取随机数：{e}"))?;
    Ok(to_hex(&bytes))
}
