//! The passphrase lock with the browser's WebCrypto: a key derived from the passphrase with
//! PBKDF2-SHA256 (`lock::ITERATIONS` rounds, random salt), sealing with AES-GCM (random 12-byte IV
//! before each ciphertext). Keys are non-extractable `CryptoKey`s held in this page's memory for
//! the drafts unlocked here, and never stored anywhere.

use std::cell::RefCell;
use std::convert::identity;

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use zhicheng_engine::hex::from_hex;
use zhicheng_engine::sorted_map::SortedMap;
use zhicheng_engine::stored::lock::{CHECK_TEXT, ITERATIONS};
use zhicheng_engine::LockV1;
use zhicheng_session::{Keyring, LocalFuture, UnlockError};

use crate::on_demand::{self, in_chunk};

const IV_BYTES: usize = 12;

thread_local! {
    /// Keys of the drafts unlocked in this page, by draft id.
    static KEYS: RefCell<SortedMap<String, web_sys::CryptoKey>> = const { RefCell::new(SortedMap::new()) };
}

/// The key of a draft unlocked (or locked) in this page.
pub fn key(draft_id: &str) -> Option<web_sys::CryptoKey> {
    KEYS.with(|k| k.borrow().get(draft_id).cloned())
}

/// Whether this page holds the key of `draft_id`, which means the draft is locked.
pub fn is_locked_here(draft_id: &str) -> bool {
    KEYS.with(|k| k.borrow().contains_key(draft_id))
}

/// Drops the key of a draft (its lock was removed).
pub fn forget(draft_id: &str) {
    KEYS.with(|k| k.borrow_mut().remove(draft_id));
}

fn remember(draft_id: &str, key: web_sys::CryptoKey) {
    KEYS.with(|k| k.borrow_mut().insert(draft_id.to_string(), key));
}

/// Makes a new lock for `draft_id` from a passphrase and keeps its key for this page.
pub async fn create(draft_id: &str, passphrase: &str) -> Result<LockV1, String> {
    let salt = random_bytes(16)?;
    let key = derive(passphrase, &salt, ITERATIONS).await?;
    let check = seal(&key, CHECK_TEXT.as_bytes()).await?;
    remember(draft_id, key);
    Ok(LockV1::new(&salt, &check))
}

/// Opens `lock` with a passphrase and keeps the key for this page.
pub async fn unlock(draft_id: &str, lock: &LockV1, passphrase: &str) -> Result<(), UnlockError> {
    let damaged = |what: &str| UnlockError::Damaged(format!("加锁信息已损坏（{what}），无法用任何口令打开"));
    if !lock.is_intact() {
        return Err(damaged("校验值不符"));
    }
    let salt = from_hex(&lock.salt).ok_or_else(|| damaged("盐值"))?;
    let check = from_hex(&lock.check).ok_or_else(|| damaged("校验值"))?;
    let key = derive(passphrase, &salt, lock.iterations).await.map_err(UnlockError::Damaged)?;
    match unseal(&key, &check).await {
        Ok(text) if text == CHECK_TEXT.as_bytes() => {
            remember(draft_id, key);
            Ok(())
        }
        _ => Err(UnlockError::WrongPassphrase),
    }
}

/// `plain` sealed with `key`: a fresh IV followed by the AES-GCM ciphertext and tag.
pub async fn seal(key: &web_sys::CryptoKey, plain: &[u8]) -> Result<Vec<u8>, String> {
    let iv = random_bytes(IV_BYTES)?;
    let promise = subtle()?
        .encrypt_with_object_and_u8_array(&aes_gcm(&iv)?, key, plain)
        .map_err(|_| "浏览器无法加密".to_string())?;
    let sealed = JsFuture::from(promise).await.map_err(|_| "浏览器无法加密".to_string())?;
    let mut out = iv;
    out.extend(Uint8Array::new(&sealed).to_vec());
    Ok(out)
}

/// The plain bytes of something [`seal`]ed with `key`; fails when the key is wrong or the bytes
/// were changed (AES-GCM checks both).
pub async fn unseal(key: &web_sys::CryptoKey, sealed: &[u8]) -> Result<Vec<u8>, String> {
    let fail = |_| "无法解密".to_string();
    if sealed.len() < IV_BYTES {
        return Err("加密内容不完整".into());
    }
    let (iv, data) = sealed.split_at(IV_BYTES);
    let promise = subtle()?.decrypt_with_object_and_u8_array(&aes_gcm(iv)?, key, data).map_err(fail)?;
    let plain = JsFuture::from(promise).await.map_err(fail)?;
    Ok(Uint8Array::new(&plain).to_vec())
}

async fn derive(passphrase: &str, salt: &[u8], iterations: u32) -> Result<web_sys::CryptoKey, String> {
    let fail = |_| "浏览器无法由口令生成密钥".to_string();
    let subtle = subtle()?;
    let raw = Uint8Array::from(passphrase.as_bytes());
    let usages = Array::of1(&JsValue::from_str("deriveKey"));
    let base = subtle.import_key_with_str("raw", &raw, "PBKDF2", false, &usages).map_err(fail)?;
    let base: web_sys::CryptoKey = JsFuture::from(base).await.map_err(fail)?.unchecked_into();
    let params = object(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", iterations.into()),
    ])?;
    let derived = object(&[("name", "AES-GCM".into()), ("length", 256.into())])?;
    let usages = Array::of2(&JsValue::from_str("encrypt"), &JsValue::from_str("decrypt"));
    let key = subtle.derive_key_with_object_and_object(&params, &base, &derived, false, &usages).map_err(fail)?;
    Ok(JsFuture::from(key).await.map_err(fail)?.unchecked_into())
}

fn aes_gcm(iv: &[u8]) -> Result<Object, String> {
    object(&[("name", "AES-GCM".into()), ("iv", Uint8Array::from(iv).into())])
}

fn object(fields: &[(&str, JsValue)]) -> Result<Object, String> {
    let out = Object::new();
    for (name, value) in fields {
        Reflect::set(&out, &JsValue::from_str(name), value).map_err(|_| "浏览器无法准备加密参数".to_string())?;
    }
    Ok(out)
}

fn subtle() -> Result<web_sys::SubtleCrypto, String> {
    Ok(crypto()?.subtle())
}

fn crypto() -> Result<web_sys::Crypto, String> {
    web_sys::window().and_then(|w| w.crypto().ok()).ok_or_else(|| "此浏览器不支持 WebCrypto，无法加锁".to_string())
}

fn random_bytes(n: usize) -> Result<Vec<u8>, String> {
    let mut bytes = vec![0; n];
    crypto()?.get_random_values_with_u8_array(&mut bytes).map_err(|_| "浏览器无法生成随机数".to_string())?;
    Ok(bytes)
}

/// WebCrypto as the session's keyring; keys live in this page's memory.
pub struct WebCryptoKeyring;

impl Keyring for WebCryptoKeyring {
    fn create(&self, draft_id: &str, passphrase: &str) -> LocalFuture<Result<LockV1, String>> {
        Box::pin(on_demand::run_or(made_lock(draft_id.to_string(), passphrase.to_string()), identity))
    }

    fn unlock(&self, draft_id: &str, lock: &LockV1, passphrase: &str) -> LocalFuture<Result<(), UnlockError>> {
        let opening = opened_lock(draft_id.to_string(), lock.clone(), passphrase.to_string());
        Box::pin(on_demand::run_or(opening, UnlockError::Damaged))
    }

    fn holds(&self, draft_id: &str) -> bool {
        is_locked_here(draft_id)
    }

    fn forget(&self, draft_id: &str) {
        forget(draft_id)
    }

    fn seal(&self, draft_id: &str, plain: Vec<u8>) -> LocalFuture<Result<Vec<u8>, String>> {
        let found = key(draft_id);
        Box::pin(async move { seal(&found.ok_or("本页没有这份草稿的口令")?, &plain).await })
    }

    fn unseal(&self, draft_id: &str, sealed: Vec<u8>) -> LocalFuture<Result<Vec<u8>, String>> {
        let found = key(draft_id);
        Box::pin(async move { unseal(&found.ok_or("本页没有这份草稿的口令")?, &sealed).await })
    }
}

in_chunk! {
    /// Locks are made by code in the 草稿箱's chunk, with 加锁's dialog (sealing and unsealing,
    /// which every save of a locked draft does, stay in the first module).
    drafts: fn made_lock(draft_id: String, passphrase: String) -> Result<LockV1, String> {
        create(&draft_id, &passphrase).await
    }
}

in_chunk! {
    /// And opened there, with 解锁.
    drafts: fn opened_lock(draft_id: String, lock: LockV1, passphrase: String) -> Result<(), UnlockError> {
        unlock(&draft_id, &lock, &passphrase).await
    }
}
