//! A keyring for tests. NOT cryptography: it only behaves like one (a wrong passphrase fails,
//! changed bytes fail, sealed bytes do not contain the plain ones), so the session's lock logic
//! can be tested natively. The browser's is WebCrypto.

use std::cell::RefCell;
use std::collections::BTreeMap;

use zhicheng_engine::hex::sha256_hex;
use zhicheng_engine::stored::lock::CHECK_TEXT;
use zhicheng_engine::LockV1;

use crate::ports::keyring::{Keyring, UnlockError};
use crate::ports::LocalFuture;

#[derive(Default)]
pub struct ToyKeyring {
    keys: RefCell<BTreeMap<String, Vec<u8>>>,
}

/// A tag telling a right key and intact bytes from anything else.
fn tag(key: &[u8], plain: &[u8]) -> Vec<u8> {
    sha256_hex(&[key, plain].concat()).into_bytes()[..16].to_vec()
}

fn mask(key: &[u8], bytes: &[u8]) -> Vec<u8> {
    bytes.iter().zip(key.iter().cycle()).map(|(b, k)| b ^ k ^ 0x5a).collect()
}

fn seal_with(key: &[u8], plain: &[u8]) -> Vec<u8> {
    [tag(key, plain), mask(key, plain)].concat()
}

fn unseal_with(key: &[u8], sealed: &[u8]) -> Result<Vec<u8>, String> {
    let (found, masked) = sealed.split_at_checked(16).ok_or("加密内容不完整")?;
    let plain = mask(key, masked);
    (tag(key, &plain) == found).then_some(plain).ok_or_else(|| "无法解密".to_string())
}

fn key_of(passphrase: &str, salt: &str) -> Vec<u8> {
    sha256_hex(format!("{salt}|{passphrase}").as_bytes()).into_bytes()
}

impl Keyring for ToyKeyring {
    fn create(&self, draft_id: &str, passphrase: &str) -> LocalFuture<Result<LockV1, String>> {
        let salt = sha256_hex(draft_id.as_bytes()).into_bytes()[..16].to_vec();
        let key = key_of(passphrase, &zhicheng_engine::hex::to_hex(&salt));
        let check = seal_with(&key, CHECK_TEXT.as_bytes());
        self.keys.borrow_mut().insert(draft_id.to_string(), key);
        Box::pin(std::future::ready(Ok(LockV1::new(&salt, &check))))
    }

    fn unlock(&self, draft_id: &str, lock: &LockV1, passphrase: &str) -> LocalFuture<Result<(), UnlockError>> {
        let outcome = if !lock.is_intact() {
            Err(UnlockError::Damaged("加锁信息已损坏（校验值不符），无法用任何口令打开".into()))
        } else {
            let key = key_of(passphrase, &lock.salt);
            let check = zhicheng_engine::hex::from_hex(&lock.check).unwrap_or_default();
            match unseal_with(&key, &check) {
                Ok(text) if text == CHECK_TEXT.as_bytes() => {
                    self.keys.borrow_mut().insert(draft_id.to_string(), key);
                    Ok(())
                }
                _ => Err(UnlockError::WrongPassphrase),
            }
        };
        Box::pin(std::future::ready(outcome))
    }

    fn holds(&self, draft_id: &str) -> bool {
        self.keys.borrow().contains_key(draft_id)
    }

    fn forget(&self, draft_id: &str) {
        self.keys.borrow_mut().remove(draft_id);
    }

    fn seal(&self, draft_id: &str, plain: Vec<u8>) -> LocalFuture<Result<Vec<u8>, String>> {
        let sealed =
            self.keys.borrow().get(draft_id).map(|key| seal_with(key, &plain)).ok_or("本页没有这份草稿的口令".into());
        Box::pin(std::future::ready(sealed))
    }

    fn unseal(&self, draft_id: &str, sealed: Vec<u8>) -> LocalFuture<Result<Vec<u8>, String>> {
        let plain = match self.keys.borrow().get(draft_id) {
            Some(key) => unseal_with(key, &sealed),
            None => Err("本页没有这份草稿的口令".into()),
        };
        Box::pin(std::future::ready(plain))
    }
}

/// The memory store seals a locked draft's body with this page's keys, as JSON.
impl crate::memory::drafts::PayloadSealer for ToyKeyring {
    fn holds(&self, draft_id: &str) -> bool {
        Keyring::holds(self, draft_id)
    }

    fn seal(&self, draft_id: &str, payload: &zhicheng_engine::SealedPayloadV1) -> LocalFuture<Result<Vec<u8>, String>> {
        match serde_json::to_vec(payload) {
            Ok(plain) => Keyring::seal(self, draft_id, plain),
            Err(e) => Box::pin(std::future::ready(Err(e.to_string()))),
        }
    }

    fn unseal(&self, draft_id: &str, sealed: Vec<u8>) -> LocalFuture<Result<zhicheng_engine::SealedPayloadV1, String>> {
        let unsealing = Keyring::unseal(self, draft_id, sealed);
        Box::pin(async move { serde_json::from_slice(&unsealing.await?).map_err(|e| e.to_string()) })
    }
}
