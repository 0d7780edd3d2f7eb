//! The portal's login (`serve --portal-public-key` or `--portal-secret-file`): every request about
//! a package needs the portal's valid token, and a package is bound to the token's user as well
//! as to its secret; a token missing, expired, signed with another key or for another audience is
//! refused with 401 and a message saying what to do.

mod support;

use std::sync::Arc;

use axum::http::StatusCode;
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use serde_json::json;
use support::*;
use zhicheng_receiver::http::portal::{KeySource, PortalKey};
use zhicheng_receiver::http::{Receiver, SECRET_HEADER};
use zhicheng_receiver::limits::Limits;

const PORTAL_SECRET: &[u8] = b"the-portal-and-the-receiver-share-this-64-byte-secret-0123456789";
const AUDIENCE: &str = "zhicheng-receiver";

/// A test-only EC P-256 key pair (made with openssl for these tests; it signs nothing else).
const EC_PRIVATE: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgHK9hdmV837zXcA+0
sbnTm/gqIhIyOXe7GFGzBMvveTKhRANCAAR5J/nvWtrAzaRRb86xqkJ/Uc+WbcjP
lYvieIL1DxHKBCt60RAhbEuXfAKfuYKPe8IUfwYQYYUgsBm1PyzHa2d5
-----END PRIVATE KEY-----
";
const EC_PUBLIC: &str = "-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEeSf571rawM2kUW/OsapCf1HPlm3I
z5WL4niC9Q8RygQretEQIWxLl3wCn7mCj3vCFH8GEGGFILAZtT8sx2tneQ==
-----END PUBLIC KEY-----
";

fn now_s() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

/// A token for `user`, valid for `lifetime_s` (negative: expired), signed with `key`.
fn token(user: &str, lifetime_s: i64, algorithm: Algorithm, key: &EncodingKey, audience: &str) -> String {
    let exp = now_s() as i64 + lifetime_s;
    encode(&Header::new(algorithm), &json!({ "sub": user, "exp": exp, "aud": audience }), key).unwrap()
}

/// The encoding key of a shared secret.
fn secret_key(secret: &[u8]) -> EncodingKey {
    EncodingKey::from_secret(secret).unwrap()
}

fn shared(user: &str, lifetime_s: i64) -> String {
    token(user, lifetime_s, Algorithm::HS256, &secret_key(PORTAL_SECRET), AUDIENCE)
}

fn receiver_requiring(data: &str, key: PortalKey) -> Arc<Receiver> {
    Arc::new(receiver_unshared(&data_folder(data), Limits::default()).requiring_portal_login(Some(key)))
}

/// A package request with the package secret and, when given, the portal's token.
async fn send(r: &Arc<Receiver>, method: &str, uri: &str, token: Option<&str>, secret: &str, body: Vec<u8>) -> Answer {
    let bearer = token.map(|t| format!("Bearer {t}"));
    let mut headers = vec![(SECRET_HEADER, secret)];
    if let Some(bearer) = &bearer {
        headers.push(("Authorization", bearer.as_str()));
    }
    let content_type = if method == "PUT" { "application/pdf" } else { "application/json" };
    request_with(r, method, uri, content_type, &headers, body).await
}

#[tokio::test]
async fn a_package_needs_the_portals_login_and_belongs_to_its_user() {
    let key = PortalKey::new(KeySource::SharedSecret(PORTAL_SECRET), None, Some(AUDIENCE)).unwrap();
    let r = receiver_requiring("portal-shared", key);
    let pdf = pdf_bytes();
    let upload = file_uri(PACKAGE_ID, &pdf);
    let finalise = format!("/v1/packages/{PACKAGE_ID}");
    let manifest = to_body(&evidence_manifest(PACKAGE_ID, &[("证明.pdf", &pdf)]));

    let other_key = secret_key(b"not-the-portal-secret-not-the-portal-secret-0000");
    let refusals = [
        (None, "portal_token_required"),
        (Some(shared("user-a", -3600)), "portal_token_expired"),
        (Some(token("user-a", 600, Algorithm::HS256, &other_key, AUDIENCE)), "portal_token_invalid"),
        (
            Some(token("user-a", 600, Algorithm::HS256, &secret_key(PORTAL_SECRET), "another-app")),
            "portal_token_invalid",
        ),
        (Some("not.a.token".to_string()), "portal_token_invalid"),
    ];
    for (token, code) in refusals {
        let answer = send(&r, "PUT", &upload, token.as_deref(), SECRET, pdf.clone()).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{token:?}");
        assert_eq!(answer.json["error"]["code"], code, "{token:?}: {}", answer.json);
        assert!(answer.json["error"]["message"].as_str().unwrap().contains("登录"), "{}", answer.json);
    }

    let alice = shared("user-a", 600);
    assert_eq!(send(&r, "PUT", &upload, Some(&alice), SECRET, pdf.clone()).await.status, StatusCode::CREATED);
    let stored = send(&r, "POST", &finalise, Some(&alice), SECRET, manifest.clone()).await;
    assert_eq!(stored.status, StatusCode::CREATED, "{}", stored.json);
    assert_eq!(send(&r, "GET", &finalise, Some(&alice), SECRET, vec![]).await.status, StatusCode::OK);

    // Another user of the portal, even holding the package's secret, cannot see or touch it.
    let bob = shared("user-b", 600);
    for (method, uri, body) in [("GET", &finalise, vec![]), ("POST", &finalise, manifest.clone())] {
        let answer = send(&r, method, uri, Some(&bob), SECRET, body).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{method} {uri}: {}", answer.json);
    }
    let withdraw = format!("{finalise}/withdraw");
    assert_eq!(send(&r, "POST", &withdraw, Some(&bob), SECRET, vec![]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(send(&r, "POST", &withdraw, Some(&alice), SECRET, vec![]).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_public_key_verifies_the_portals_signatures() {
    let key = PortalKey::new(KeySource::PublicKeyPem(EC_PUBLIC.as_bytes()), None, Some(AUDIENCE)).unwrap();
    let r = receiver_requiring("portal-public", key);
    let pdf = pdf_bytes();
    let upload = file_uri(PACKAGE_ID, &pdf);
    let signing = EncodingKey::from_ec_pem(EC_PRIVATE.as_bytes()).unwrap();
    let signed = token("user-a", 600, Algorithm::ES256, &signing, AUDIENCE);
    assert_eq!(send(&r, "PUT", &upload, Some(&signed), SECRET, pdf.clone()).await.status, StatusCode::CREATED);
    // A token made with the shared-secret algorithm is not taken in place of a signature.
    let forged = token("user-a", 600, Algorithm::HS256, &secret_key(EC_PUBLIC.as_bytes()), AUDIENCE);
    assert_eq!(
        send(&r, "PUT", &upload, Some(&forged), SECRET, pdf).await.json["error"]["code"],
        "portal_token_invalid"
    );
}

#[test]
fn keys_that_cannot_protect_anything_are_refused_at_start() {
    assert!(PortalKey::new(KeySource::SharedSecret(b"short"), None, None).is_err());
    assert!(PortalKey::new(
        KeySource::PublicKeyPem(b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"),
        None,
        None
    )
    .is_err());
}

#[test]
fn serve_takes_the_portals_key_from_a_file() {
    let key_file = data_folder("portal-key-file").with_extension("key");
    std::fs::write(&key_file, [PORTAL_SECRET, b"\n"].concat()).unwrap();
    let key = key_file.to_str().unwrap();
    let server = process::Server::start(
        &data_folder("portal-serve"),
        &["--portal-secret-file", key, "--portal-audience", AUDIENCE],
    );
    let upload = file_uri(PACKAGE_ID, &pdf_bytes());
    let without =
        server.send("PUT", &upload, &[(SECRET_HEADER, SECRET), ("Content-Type", "application/pdf")], &pdf_bytes());
    assert_eq!((without.status, without.code()), (401, "portal_token_required".to_string()));
    let bearer = format!("Bearer {}", shared("user-a", 600));
    let with = server.send(
        "PUT",
        &upload,
        &[(SECRET_HEADER, SECRET), ("Content-Type", "application/pdf"), ("Authorization", &bearer)],
        &pdf_bytes(),
    );
    assert_eq!(with.status, 201, "the key file's trailing newline is not part of the secret");

    // Both kinds of key at once is a mistake the operator hears about at start.
    let out = std::process::Command::new(process::binary())
        .args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(data_folder("portal-both"))
        .args(["--portal-secret-file", key, "--portal-public-key", key])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("只能选一个"), "{}", String::from_utf8_lossy(&out.stderr));
}
