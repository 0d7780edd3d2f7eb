//! `settings.decides`: a form whose package is a decision on another form's package — the unit's
//! 单位审核 of one applicant's declaration (protocol/README.md §2.8). It names the form and the
//! stage of that form's status path the decision ends, the field of the decided form that says
//! who may decide (the 报送单位's credit code), and in this form the field naming the decided
//! package, the outcome field with the stage outcome each of its answers stands for, and the field
//! holding the 意见 the applicant reads when the package comes back. Data, so each system words
//! its own decision.
//!
//! Checked at load against this form; that the decided form declares the stage and the outcomes
//! is checked where both forms are at hand ([`Decides::check_against`]: the receiver at start-up,
//! and a test over every form of the repository).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Diagnostic, FieldKind, FormSchema};

/// How this form decides on another form's packages.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decides {
    /// The form whose packages this one decides on (`sz-title-review`).
    pub form: String,
    /// The stage of that form's status path a decision ends (`unit-review`).
    pub stage: String,
    /// The field of the decided form naming who decides: the unit's 统一社会信用代码.
    pub decider_field: String,
    /// This form's field holding the decided package's id (also the manifest's `refers_to`).
    pub subject_field: String,
    /// This form's field holding the decided package's 业务流水号.
    pub receipt_field: String,
    /// The decided package's answers a decision starts with, shown read-only: this form's field
    /// by the decided form's (申报人 ← 姓名 …).
    #[serde(default)]
    pub copies: BTreeMap<String, String>,
    /// This form's field holding the outcome, and the stage outcome id each answer stands for.
    pub outcome_field: String,
    pub outcomes: BTreeMap<String, String>,
    /// This form's field holding the 意见 given with the outcome (the reason of a 退回).
    pub opinion_field: String,
}

const WHERE: &str = "设置 decides";

impl Decides {
    /// The stage outcome id an answer of the outcome field stands for.
    pub fn outcome_for(&self, answer: &str) -> Option<&str> {
        self.outcomes.get(answer).map(String::as_str)
    }

    /// Every way the decided form does not fit this decision: the stage or an outcome it does not
    /// declare, or a decider field it does not have.
    pub fn check_against(&self, decided: &FormSchema) -> Vec<String> {
        let mut out = Vec::new();
        if decided.id != self.form {
            out.push(format!("决定的表单应为「{}」，不是「{}」", self.form, decided.id));
        }
        for id in self.copies.values().chain([&self.decider_field]) {
            if decided.field(id).is_none() {
                out.push(format!("表单「{}」没有字段「{id}」", decided.id));
            }
        }
        match decided.settings.status_path.iter().find(|s| s.id == self.stage) {
            None => out.push(format!("表单「{}」的办理环节中没有「{}」", decided.id, self.stage)),
            Some(stage) => {
                for outcome in self.outcomes.values().filter(|o| stage.outcome(o).is_none()) {
                    out.push(format!("环节「{}」没有结果「{outcome}」", stage.id));
                }
            }
        }
        out
    }
}

/// Every problem of this form's `decides` within the form itself (none when it has none).
pub fn check(schema: &FormSchema, out: &mut Vec<Diagnostic>) {
    let Some(decides) = &schema.settings.decides else { return };
    for (role, id, kinds) in [
        ("subject_field", &decides.subject_field, &[FieldKind::Text][..]),
        ("outcome_field", &decides.outcome_field, &[FieldKind::Select][..]),
        ("opinion_field", &decides.opinion_field, &[FieldKind::Textarea, FieldKind::Text][..]),
    ] {
        match schema.field(id) {
            None => out.push(Diagnostic::new(WHERE, format!("{role}「{id}」不是本表单的顶层字段"))),
            Some(field) if !kinds.contains(&field.kind) => {
                out.push(Diagnostic::new(WHERE, format!("{role}「{id}」的类型不合适")))
            }
            Some(_) => {}
        }
    }
    for id in decides.copies.keys().chain([&decides.subject_field, &decides.receipt_field]) {
        if !schema.field(id).is_some_and(|f| f.fixed) {
            out.push(Diagnostic::new(WHERE, format!("「{id}」应为本表单的 fixed 字段（取自所审核的申报包）")));
        }
    }
    if decides.outcomes.is_empty() {
        out.push(Diagnostic::new(WHERE, "outcomes 至少一项"));
    }
}
