//! The package secret: 64 lowercase hex digits the client makes when it builds a package, keeps
//! in its outbox and sends in a header with every request about that package (never in a URL,
//! so it stays out of proxies' and servers' logs). The first accepted upload or finalising call
//! binds the package id to it; later requests without it, or with another, are refused. Where a
//! portal's login is required (`portal.rs`), the binding is to the token's user and the secret
//! together.

use axum::http::{HeaderMap, StatusCode};

use super::blocking::Refusal;
use super::portal::PortalKey;
use crate::replies::error;
use crate::store::secret_digest;

/// The request header that carries a package's secret.
pub const SECRET_HEADER: &str = "Zhicheng-Package-Secret";

/// The digest that claims a package for this request: of the secret it carries and, where the
/// portal's login is required, of the user its token names; or the refusal saying what is missing.
pub fn digest(headers: &HeaderMap, portal: Option<&PortalKey>) -> Result<String, Refusal> {
    let secret = headers.get(SECRET_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
    if secret.len() != 64 || !secret.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c)) {
        return Err(Box::new(error(
            StatusCode::UNAUTHORIZED,
            "secret_required",
            format!(
                "请求缺少申报包密钥（请求头 {SECRET_HEADER}，64 位小写十六进制），只有提交该申报包的浏览器才能操作它。"
            ),
            &[],
        )));
    }
    match portal {
        // A user id never holds a control character, so the two cannot run into each other.
        Some(portal) => Ok(secret_digest(&format!("{}\u{1f}{secret}", portal.user(headers)?))),
        None => Ok(secret_digest(secret)),
    }
}
