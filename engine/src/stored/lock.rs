//! The passphrase lock of a draft, as stored: how its key is derived and checked (`LockV1`, kept
//! in the 草稿箱 entry), what the sealed body holds (`SealedPayloadV1`), and the entry as stored
//! while locked, which names nothing about the applicant. The cryptography itself (PBKDF2,
//! AES-GCM) is the browser's WebCrypto; this module only decides what is sealed and what is not.

use serde::{Deserialize, Serialize};

use crate::hex::{sha256_hex, to_hex};
use crate::stored::draft::DraftV1;
use crate::stored::draft_meta::{DraftMetaV1, DraftSummary};

/// The key derivation this version uses.
pub const KDF: &str = "PBKDF2-SHA256";
/// PBKDF2 iterations for new locks (OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256).
pub const ITERATIONS: u32 = 600_000;
/// The text sealed with the key as `check`: decrypting it tells a right passphrase from a wrong one.
pub const CHECK_TEXT: &str = "zhicheng.lock.v1";

/// How a locked draft's key is made from the passphrase and checked. Hex strings throughout.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockV1 {
    pub kdf: String,
    pub iterations: u32,
    pub salt: String,
    /// [`CHECK_TEXT`] sealed with the key: 12-byte IV then AES-GCM ciphertext.
    pub check: String,
    /// SHA-256 of `kdf|iterations|salt|check`, so damage to the record is told apart from a
    /// wrong passphrase.
    pub check_sha256: String,
}

/// What a locked draft's body holds once unsealed: the draft and the parts of its entry that
/// name the applicant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SealedPayloadV1 {
    pub name: Option<String>,
    pub summary: DraftSummary,
    pub draft: DraftV1,
}

impl LockV1 {
    /// A lock record for a new key: its salt and its sealed check value, as bytes.
    pub fn new(salt: &[u8], check: &[u8]) -> LockV1 {
        let (salt, check) = (to_hex(salt), to_hex(check));
        let check_sha256 = record_digest(KDF, ITERATIONS, &salt, &check);
        LockV1 { kdf: KDF.to_string(), iterations: ITERATIONS, salt, check, check_sha256 }
    }

    /// Whether the record is as written: its digest matches and its parameters are ones this
    /// version uses (an absurd iteration count would hang the browser). Damage, not a wrong
    /// passphrase, when false.
    pub fn is_intact(&self) -> bool {
        record_digest(&self.kdf, self.iterations, &self.salt, &self.check) == self.check_sha256
            && self.kdf == KDF
            && self.iterations > 0
            && self.iterations <= 10 * ITERATIONS
    }
}

/// The SHA-256 over everything a lock record holds, so damage to any of it (not only to the
/// check value) is told apart from a wrong passphrase.
fn record_digest(kdf: &str, iterations: u32, salt: &str, check: &str) -> String {
    sha256_hex(format!("{kdf}|{iterations}|{salt}|{check}").as_bytes())
}

/// The entry as stored while locked: the applicant's name, the draft's own name and the
/// 申报类型 are left out (they travel sealed in the body); ids, times and progress stay.
pub fn stored_entry(meta: &DraftMetaV1) -> DraftMetaV1 {
    let summary = DraftSummary { applicant: String::new(), kind: String::new(), ..meta.summary.clone() };
    DraftMetaV1 { name: None, summary, ..meta.clone() }
}

/// The entry as the applicant sees it once the body is unsealed.
pub fn unsealed_entry(stored: &DraftMetaV1, payload: &SealedPayloadV1) -> DraftMetaV1 {
    DraftMetaV1 { name: payload.name.clone(), summary: payload.summary.clone(), ..stored.clone() }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLANK: &str = r#"{"format":"zhicheng.draft","format_version":1,"form_id":"f","schema_version":1,"answers":{},"position":"review","next_row_id":1}"#;

    #[test]
    fn damage_to_any_part_of_a_lock_record_is_detected() {
        let lock = LockV1::new(&[1, 2, 3], &[9; 28]);
        assert!(lock.is_intact());
        let damaged = [
            LockV1 { salt: "010204".into(), ..lock.clone() },
            LockV1 { check: "00".into(), ..lock.clone() },
            LockV1 { iterations: 1, ..lock.clone() },
            LockV1 { kdf: "MD5".into(), ..lock.clone() },
        ];
        for record in damaged {
            assert!(!record.is_intact(), "{record:?}");
        }
    }

    #[test]
    fn the_stored_entry_of_a_locked_draft_names_nothing_about_the_applicant() {
        let meta = DraftMetaV1 {
            id: "d1".into(),
            form_id: "f".into(),
            schema_version: 1,
            name: Some("张三 2026 年申报".into()),
            summary: DraftSummary {
                applicant: "张三".into(), kind: "破格申报".into(), steps_done: 4, steps_total: 12
            },
            created_at: 1,
            saved_at: 2,
            revision: 3,
            writer: "w".into(),
            deleted_at: None,
            lock: None,
        };
        let stored = stored_entry(&meta);
        let text = format!("{stored:?}");
        for secret in ["张三", "破格"] {
            assert!(!text.contains(secret), "{secret} leaked: {text}");
        }
        assert_eq!((stored.summary.steps_done, stored.revision, stored.saved_at), (4, 3, 2));
        let payload = SealedPayloadV1 {
            name: meta.name.clone(),
            summary: meta.summary.clone(),
            draft: DraftV1::from_json(BLANK).unwrap(),
        };
        assert_eq!(unsealed_entry(&stored, &payload), meta);
    }
}
