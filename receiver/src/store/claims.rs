//! Which secret acts on a package: the first upload or finalising call that is accepted for a
//! package id records the SHA-256 of the secret it carried, and every later request for that id
//! must carry the same secret. The secret itself is never stored, so the database does not hold
//! the applicants' keys.

use sha2::{Digest, Sha256};
use zhicheng_engine::hex::to_hex;

use super::sql::{params, Tx};
use super::StoreResult;

/// The digest of a package secret, as claims keep it.
pub fn secret_digest(secret: &str) -> String {
    to_hex(&Sha256::digest(secret.as_bytes()))
}

/// What a request may see of a package.
#[derive(Debug, PartialEq, Eq)]
pub enum Access<T> {
    /// No such package.
    Unknown,
    /// The package belongs to another secret.
    WrongSecret,
    Yours(T),
}

/// Whose a package id is.
#[derive(Debug, PartialEq, Eq)]
pub enum Claim {
    Free,
    Yours,
    Other,
}

/// Whose `package_id` is, for the secret whose digest is `digest`.
pub fn claim_of(tx: &mut dyn Tx, package_id: &str, digest: &str) -> StoreResult<Claim> {
    let held = tx.row("SELECT secret_sha256 FROM claims WHERE package_id = ?1", params![package_id])?;
    let held = held.map(|r| r.text(0)).transpose()?;
    Ok(match held {
        None => Claim::Free,
        Some(held) if held == digest => Claim::Yours,
        Some(_) => Claim::Other,
    })
}

/// Records the claim of a free package id (inside the caller's transaction).
pub fn claim(tx: &mut dyn Tx, package_id: &str, digest: &str, now_ms: u64) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO claims (package_id, secret_sha256, claimed_at_ms) VALUES (?1, ?2, ?3)
         ON CONFLICT (package_id) DO NOTHING",
        params![package_id, digest, now_ms],
    )?;
    Ok(())
}
