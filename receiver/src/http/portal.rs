//! The portal's login token. A portal that embeds the app behind its own login can have the
//! receiver require, on every request about a package, the portal's `Authorization: Bearer` JWT,
//! verified against the portal's key: a public key in PEM (RSA, EC P-256/P-384 or Ed25519, so
//! the receiver never holds what signs tokens) or a shared secret (HS256/384/512). The token's
//! user (`sub`) is then bound to each package together with its secret, so one user's package
//! cannot be touched with another user's token. Without a configured key the package secret
//! alone acts on a package, as before.

use axum::http::{header, HeaderMap, StatusCode};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};
use serde::Deserialize;

use super::blocking::Refusal;
use crate::replies::error;

/// The longest user id taken from a token.
const MAX_USER_CHARS: usize = 128;

/// How a portal's tokens are checked.
pub struct PortalKey {
    key: DecodingKey,
    validation: Validation,
}

/// Where the key comes from, as the operator names it.
pub enum KeySource<'a> {
    /// A PEM file holding a public key.
    PublicKeyPem(&'a [u8]),
    /// The bytes of a shared secret.
    SharedSecret(&'a [u8]),
}

/// What the receiver reads from a token.
#[derive(Deserialize)]
struct Claims {
    sub: String,
}

impl PortalKey {
    /// The key, and the issuer and audience a token must name when they are given. Tokens must
    /// carry an expiry (`exp`); a minute of clock difference is allowed.
    pub fn new(source: KeySource, issuer: Option<&str>, audience: Option<&str>) -> Result<PortalKey, String> {
        let (key, algorithms) = match source {
            KeySource::SharedSecret(secret) if secret.len() < 32 => {
                return Err("门户共享密钥太短：至少 32 字节（建议 64 字节随机值）".into());
            }
            KeySource::SharedSecret(secret) => {
                let key = DecodingKey::from_secret(secret).map_err(|e| format!("门户共享密钥无法使用：{e}"))?;
                (key, vec![Algorithm::HS256, Algorithm::HS384, Algorithm::HS512])
            }
            KeySource::PublicKeyPem(pem) => public_key(pem)?,
        };
        let mut validation = Validation::new(algorithms[0]);
        validation.algorithms = algorithms;
        validation.leeway = 60;
        validation.set_required_spec_claims(&["exp", "sub"]);
        match issuer {
            Some(issuer) => validation.set_issuer(&[issuer]),
            None => validation.iss = None,
        }
        match audience {
            Some(audience) => validation.set_audience(&[audience]),
            None => validation.validate_aud = false,
        }
        Ok(PortalKey { key, validation })
    }

    /// The user the request's token names, or the refusal saying why there is none.
    pub fn user(&self, headers: &HeaderMap) -> Result<String, Refusal> {
        let token = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let Some(token) = token else {
            return Err(refused(
                "portal_token_required",
                "请先在门户网站登录：请求缺少门户的登录凭证（请求头 Authorization: Bearer …）。",
            ));
        };
        let claims = decode::<Claims>(token, &self.key, &self.validation).map_err(|e| match e.kind() {
            ErrorKind::ExpiredSignature => refused("portal_token_expired", "门户登录已过期，请重新登录门户后再提交。"),
            _ => {
                refused("portal_token_invalid", "门户登录凭证无效（签名、签发方、受众或有效期不符），请重新登录门户。")
            }
        })?;
        let user = claims.claims.sub;
        if user.is_empty() || user.chars().count() > MAX_USER_CHARS || user.chars().any(char::is_control) {
            return Err(refused("portal_token_invalid", "门户登录凭证中的用户标识不可用，请联系门户网站。"));
        }
        Ok(user)
    }
}

/// A public key from PEM, with the algorithms of its kind.
fn public_key(pem: &[u8]) -> Result<(DecodingKey, Vec<Algorithm>), String> {
    let text = std::str::from_utf8(pem).map_err(|_| "门户公钥文件不是 PEM 文本".to_string())?;
    match DecodingKey::from_rsa_pem(pem) {
        Ok(key) => return Ok((key, vec![Algorithm::RS256, Algorithm::RS384, Algorithm::RS512, Algorithm::PS256])),
        // A key that says it is RSA gets the RSA reader's reason.
        Err(e) if text.contains("BEGIN RSA PUBLIC KEY") => return Err(format!("门户 RSA 公钥无法读取：{e}")),
        Err(_) => {}
    }
    if let Ok(key) = DecodingKey::from_ec_pem(pem) {
        return Ok((key, vec![Algorithm::ES256, Algorithm::ES384]));
    }
    if let Ok(key) = DecodingKey::from_ed_pem(pem) {
        return Ok((key, vec![Algorithm::EdDSA]));
    }
    Err("门户公钥无法读取：需要 PEM 格式的 RSA、EC（P-256/P-384）或 Ed25519 公钥".into())
}

fn refused(code: &str, message: &str) -> Refusal {
    Box::new(error(StatusCode::UNAUTHORIZED, code, message.to_string(), &[]))
}
