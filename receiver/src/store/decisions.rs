//! A unit's decision on a package reported to it (protocol §2.8): stored as a package of its own,
//! and in the same transaction the decided package placed at the decision's stage with its
//! outcome — 办理中 once the unit passed it on, 退回 with the unit's 意见 as the reason — and the
//! move written to the audit log. Only a package reported to that unit, and still waiting for it
//! at that stage, can be decided; the decision never touches the decided package's answers.

use zhicheng_engine::{PackageStage, PackageStatus};

use super::audit::{record_move, stage_words, Move};
use super::packages::{record, Finalised, PackageRecord};
use super::sql::{params, Lock, Tx};
use super::StoreResult;

/// The move a decision makes on the package it decides.
#[derive(Clone, Debug)]
pub struct Decision {
    /// The decided package's id (the manifest's `refers_to`).
    pub subject: String,
    /// The unit deciding: its 统一社会信用代码, which the decided package must name.
    pub unit_code: String,
    /// Where the decided package goes: the stage the decision ends, with its outcome and 意见.
    pub stage: PackageStage,
    /// The decided stage is the one a package arrives at (the path's second), so a package with no
    /// stage recorded yet is there.
    pub at_arrival: bool,
    /// The outcome sends the package back to the applicant (退回).
    pub returns: bool,
    /// Who decided, as the audit log writes it.
    pub actor: String,
}

impl Decision {
    /// Whether `subject` waits for this decision: reported to this unit, being handled, and at the
    /// decided stage with no outcome yet.
    fn waits(&self, subject: &PackageRecord, unit_code: Option<&str>) -> bool {
        let handled = matches!(subject.status, PackageStatus::Waiting | PackageStatus::InProgress);
        let at_stage = match &subject.stage {
            None => self.at_arrival,
            Some(stage) => stage.id == self.stage.id && stage.outcome.is_none(),
        };
        unit_code == Some(self.unit_code.as_str()) && handled && at_stage
    }
}

/// The decided package, locked until the transaction ends, if `decision` may be made on it; else
/// what finalising answers instead.
pub(super) fn decidable(tx: &mut dyn Tx, decision: &Decision) -> StoreResult<Result<PackageRecord, Finalised>> {
    tx.hold(Lock::Package(&decision.subject))?;
    let unit = tx.row("SELECT unit_code FROM packages WHERE package_id = ?1", params![&decision.subject])?;
    let Some(unit) = unit else { return Ok(Err(Finalised::NotForThisUnit)) };
    let unit_code = unit.opt_text(0)?;
    if unit_code.as_deref() != Some(decision.unit_code.as_str()) {
        return Ok(Err(Finalised::NotForThisUnit));
    }
    let subject = record(tx, &decision.subject)?.ok_or("vanished")?;
    if !decision.waits(&subject, unit_code.as_deref()) {
        return Ok(Err(Finalised::AlreadyDecided(subject)));
    }
    Ok(Ok(subject))
}

/// Makes the decision: the decision package, just stored, is 办结 (it took effect), and the decided
/// package moves as the decision says, audited.
pub(super) fn apply(
    tx: &mut dyn Tx,
    decision_id: &str,
    subject: &PackageRecord,
    decision: &Decision,
    now: &str,
) -> StoreResult<()> {
    tx.execute(
        "UPDATE packages SET status = ?1 WHERE package_id = ?2",
        params![PackageStatus::Done.word(), decision_id],
    )?;
    let status = if decision.returns { PackageStatus::Returned } else { PackageStatus::InProgress };
    place(tx, subject, &decision.stage, status, now, &decision.actor)
}

/// Places `current` at `stage` with `status` at `now` (a 退回 keeps the stage's 意见 as its
/// reason) and writes the move to the audit log: what an operator's `set-stage` and a unit's
/// decision both do.
pub(super) fn place(
    tx: &mut dyn Tx,
    current: &PackageRecord,
    stage: &PackageStage,
    status: PackageStatus,
    now: &str,
    actor: &str,
) -> StoreResult<()> {
    let reason = if status == PackageStatus::Returned { stage.opinion.as_deref() } else { current.reason.as_deref() };
    tx.execute(
        "UPDATE packages SET stage = ?1, stage_outcome = ?2, stage_opinion = ?3, stage_at = ?4, status = ?5,
                reason = ?6, updated_at = ?4 WHERE package_id = ?7",
        params![
            &stage.id,
            stage.outcome.as_deref(),
            stage.opinion.as_deref(),
            now,
            status.word(),
            reason,
            &current.package_id
        ],
    )?;
    let moved = PackageRecord { stage: Some(stage.clone()), ..current.clone() };
    record_move(tx, now, actor, current, Move { status, stage: stage_words(&moved), reason: stage.opinion.as_deref() })
}
