//! The operator's `set-stage`: places a package on its form's status path (`settings.status_path`),
//! refusing a stage or outcome the form does not declare, keeping the 意见 given, moving a waiting
//! package to 办理中 once someone acted on it, and sending it back (退回, the 意见 as reason) when
//! the outcome returns it. Audited like `set-status`.

use zhicheng_engine::{PackageStage, PackageStatus};

use crate::forms::Forms;
use crate::operator::printable;
use crate::store::{PackageRecord, Store};

/// What the operator asks: the package (receipt or id), the stage, how it ended, the 意见.
pub struct StageRequest<'a> {
    pub key: &'a str,
    pub stage: &'a str,
    pub outcome: Option<&'a str>,
    pub opinion: Option<&'a str>,
}

/// Places the package as asked at `now` (RFC 3339) on behalf of `actor`; the new record, or why not,
/// in words for the operator.
pub fn set_stage(
    store: &Store,
    forms: &Forms,
    asked: StageRequest<'_>,
    now: &str,
    actor: &str,
) -> Result<PackageRecord, String> {
    let key = printable(asked.key);
    let current = store.status(asked.key).map_err(|e| e.to_string())?.ok_or(format!("没有申报包 {key}"))?;
    let path =
        &forms.get(&current.form_id).ok_or(format!("本接收端不认识表单「{}」", current.form_id))?.settings.status_path;
    let known = || path.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join("、");
    let stage = path.iter().find(|s| s.id == asked.stage).ok_or_else(|| match path.is_empty() {
        true => format!("表单「{}」没有声明办理环节（settings.status_path）", current.form_id),
        false => format!("表单「{}」没有环节「{}」，可用的环节：{}", current.form_id, printable(asked.stage), known()),
    })?;
    let outcome = match asked.outcome {
        None => None,
        Some(id) => Some(stage.outcome(id).ok_or_else(|| {
            let ids: Vec<&str> = stage.outcomes.iter().map(|o| o.id.as_str()).collect();
            format!("环节「{}」没有结果「{}」，可用的结果：{}", stage.id, printable(id), ids.join("、"))
        })?),
    };
    let opinion = asked.opinion.map(str::trim).filter(|o| !o.is_empty());
    let returns = outcome.is_some_and(|o| o.returns);
    if returns && opinion.is_none() {
        return Err(format!("「{}」会退回申报，必须写明意见，申报人会看到它", outcome.map_or("", |o| &o.name)));
    }
    let placed = PackageStage {
        id: stage.id.clone(),
        outcome: outcome.map(|o| o.id.clone()),
        opinion: opinion.map(String::from),
        updated_at: Some(now.to_string()),
    };
    // Only a package being handled moves on its path: a withdrawn, returned or finished one stays.
    let allowed = |r: &PackageRecord| matches!(r.status, PackageStatus::Waiting | PackageStatus::InProgress);
    // A package waits (and may be withdrawn) only while at the stage it arrives at (the second;
    // the first is the applicant's own) with nobody's outcome yet; after that it is being handled.
    let index = path.iter().position(|s| s.id == stage.id).unwrap_or(0);
    let untouched = index <= 1 && outcome.is_none();
    let next = |from: PackageStatus| match from {
        _ if returns => PackageStatus::Returned,
        PackageStatus::Waiting if !untouched => PackageStatus::InProgress,
        unchanged => unchanged,
    };
    match store.change_stage(asked.key, &placed, now, actor, allowed, next).map_err(|e| e.to_string())? {
        None => Err(format!("没有申报包 {key}")),
        Some(Err(now_is)) => {
            Err(format!("申报包 {} 当前为「{}」，不能再改变办理环节", printable(&now_is.receipt), now_is.status))
        }
        Some(Ok(done)) => Ok(done),
    }
}
