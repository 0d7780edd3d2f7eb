//! What finalising stores beside a checked manifest (`Filing`): for a package of a form a unit
//! decides on, the unit it is reported to; for a unit's decision (a form with `settings.decides`),
//! the move it makes on the package it names — only from the unit its key names, and only as the
//! decision form's answers and the decided form's status path say.

use axum::http::StatusCode;
use zhicheng_engine::{FieldProblem, PackageManifestV1, PackageStage};

use super::blocking::Refusal;
use crate::forms::Forms;
use crate::replies::error;
use crate::store::{Decision, Filing, Unit};

fn invalid(path: &str, message: String) -> Refusal {
    let problem = FieldProblem { path: path.to_string(), message };
    Box::new(error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_manifest", "审核结果有误。", &[problem]))
}

/// The filing of a checked manifest; `unit` is the unit the request's key acts for, which a
/// decision must have and must be the one its answers name.
pub fn filing(
    forms: &Forms,
    manifest: &PackageManifestV1,
    applicant: String,
    now: &str,
    unit: Option<Unit>,
) -> Result<Filing, Refusal> {
    let unit_code = forms.unit_of(manifest);
    let decides = forms.get(&manifest.form_id).and_then(|s| s.settings.decides.as_ref());
    let (Some(decides), Some(unit)) = (decides, unit) else {
        return Ok(Filing { applicant, unit_code, decision: None });
    };
    if manifest.applicant.id_number != unit.code {
        return Err(Box::new(error(
            StatusCode::FORBIDDEN,
            "not_this_unit",
            format!("审核结果中的统一社会信用代码与单位密钥登记的「{}」不一致，请核对后重新提交。", unit.code),
            &[],
        )));
    }
    let answer = |field: &str| manifest.answers.get(field).and_then(|v| v.as_text()).map(str::trim).unwrap_or("");
    let subject = answer(&decides.subject_field);
    if manifest.refers_to.as_deref() != Some(subject) || subject.is_empty() {
        return Err(invalid("refers_to", format!("应为所审核的申报包编号（答案「{}」）", decides.subject_field)));
    }
    let chosen = answer(&decides.outcome_field);
    let outcome_id = decides.outcome_for(chosen).ok_or_else(|| {
        invalid(&format!("answers.{}", decides.outcome_field), format!("「{chosen}」不是可选的审核结果"))
    })?;
    let decided = forms.get(&decides.form).ok_or_else(|| invalid("form_id", "接收端没有所审核的表单".into()))?;
    let path = &decided.settings.status_path;
    let stage_index = path.iter().position(|s| s.id == decides.stage);
    let outcome = stage_index.and_then(|i| path[i].outcome(outcome_id));
    let outcome = outcome.ok_or_else(|| invalid("form_id", "所审核表单的办理环节与审核结果不匹配".into()))?;
    let opinion = Some(answer(&decides.opinion_field)).filter(|o| !o.is_empty()).map(String::from);
    if outcome.returns && opinion.is_none() {
        return Err(invalid(
            &format!("answers.{}", decides.opinion_field),
            "退回时必须写明原因，申报人会看到它".into(),
        ));
    }
    let decision = Decision {
        subject: subject.to_string(),
        unit_code: unit.code.clone(),
        stage: PackageStage {
            id: decides.stage.clone(),
            outcome: Some(outcome.id.clone()),
            opinion,
            updated_at: Some(now.to_string()),
        },
        at_arrival: stage_index == Some(1),
        returns: outcome.returns,
        actor: format!("单位 {}（{}）", unit.name, unit.code),
    };
    Ok(Filing { applicant, unit_code, decision: Some(decision) })
}
