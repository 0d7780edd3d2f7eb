//! The events a host page hears (DOM `CustomEvent`s named `zc-…`), worked out from plain state:
//! the host's glue shows `HostEventWatch` each new form state, save status and outbox, and sends
//! whatever it returns. Only changes are events, so a host hears each thing once.

use std::collections::BTreeMap;

use serde::Serialize;
use zhicheng_engine::{FormState, Phase, Position, SubmissionV1};

use super::views::position_name;

/// One event for the host, with its `detail`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged, rename_all_fields = "camelCase")]
pub enum HostEvent {
    /// `zc-ready`: a draft is open and the form is shown.
    Ready { form_id: String, draft_id: String },
    /// `zc-step-change`: the applicant is on another page (a step's id, `materials` or `review`).
    StepChange { step: String, title: String },
    /// `zc-draft-saved`: the draft was stored in this browser, at `saved_at` (ms since the epoch).
    DraftSaved { draft_id: String, saved_at: u64 },
    /// `zc-validity-change`: the number of errors or warnings changed.
    ValidityChange { valid: bool, errors: usize, warnings: usize },
    /// `zc-submitted`: the receiver issued a receipt (业务流水号) for the package.
    Submitted { package_id: String, receipt: String },
    /// `zc-submit-failed`: sending stopped on a refusal retrying cannot fix, or could not start.
    SubmitFailed { package_id: String, reason: String },
    /// `zc-error`: the widget could not do what it was asked (a form that cannot load, …).
    Error { message: String },
}

impl HostEvent {
    /// The DOM event's name.
    pub fn name(&self) -> &'static str {
        match self {
            HostEvent::Ready { .. } => "zc-ready",
            HostEvent::StepChange { .. } => "zc-step-change",
            HostEvent::DraftSaved { .. } => "zc-draft-saved",
            HostEvent::ValidityChange { .. } => "zc-validity-change",
            HostEvent::Submitted { .. } => "zc-submitted",
            HostEvent::SubmitFailed { .. } => "zc-submit-failed",
            HostEvent::Error { .. } => "zc-error",
        }
    }
}

/// What the host has been told about one open draft.
#[derive(Debug, Default)]
pub struct HostEventWatch {
    draft_id: String,
    position: Option<Position>,
    counts: Option<(usize, usize)>,
    saved_at: Option<u64>,
    /// The phase of each of this draft's packages when last seen; `None` until first seen.
    phases: Option<BTreeMap<String, Phase>>,
}

impl HostEventWatch {
    /// Opens the watch on a draft just shown: `zc-ready`, then its page and validity.
    pub fn opened(draft_id: &str, state: &FormState) -> (HostEventWatch, Vec<HostEvent>) {
        let mut watch = HostEventWatch { draft_id: draft_id.to_string(), ..HostEventWatch::default() };
        let mut events = vec![HostEvent::Ready { form_id: state.schema().id.clone(), draft_id: draft_id.to_string() }];
        events.extend(watch.state_changed(state));
        (watch, events)
    }

    /// The form changed: a new page or new counts of errors and warnings.
    pub fn state_changed(&mut self, state: &FormState) -> Vec<HostEvent> {
        let mut events = Vec::new();
        let position = state.position();
        if self.position.replace(position) != Some(position) {
            let schema = state.schema();
            let title = match position {
                Position::Step(index) => schema.steps.get(index).map(|s| s.title.clone()).unwrap_or_default(),
                Position::Materials => "附件材料".to_string(),
                Position::Review => "核对信息".to_string(),
            };
            events.push(HostEvent::StepChange { step: position_name(schema, position), title });
        }
        let report = state.report();
        let counts = (report.errors().count(), report.warnings().count());
        if self.counts.replace(counts) != Some(counts) {
            events.push(HostEvent::ValidityChange { valid: counts.0 == 0, errors: counts.0, warnings: counts.1 });
        }
        events
    }

    /// The draft was stored at `at_ms`.
    pub fn saved(&mut self, at_ms: u64) -> Vec<HostEvent> {
        if self.saved_at.replace(at_ms) == Some(at_ms) {
            return Vec::new();
        }
        vec![HostEvent::DraftSaved { draft_id: self.draft_id.clone(), saved_at: at_ms }]
    }

    /// The outbox changed: a package of this draft got its receipt, or sending it stopped. What
    /// the outbox held when first seen is history, not news.
    pub fn outbox_changed(&mut self, entries: &[SubmissionV1]) -> Vec<HostEvent> {
        let now: BTreeMap<String, Phase> =
            entries.iter().filter(|e| e.draft_id == self.draft_id).map(|e| (e.package_id.clone(), e.phase)).collect();
        let Some(before) = self.phases.replace(now.clone()) else { return Vec::new() };
        entries
            .iter()
            .filter(|e| e.draft_id == self.draft_id && before.get(&e.package_id) != Some(&e.phase))
            .filter_map(|e| match e.phase {
                Phase::Sent => Some(HostEvent::Submitted {
                    package_id: e.package_id.clone(),
                    receipt: e.receipt.clone().unwrap_or_default(),
                }),
                Phase::Stopped => Some(HostEvent::SubmitFailed {
                    package_id: e.package_id.clone(),
                    reason: e.message.clone().unwrap_or_else(|| "提交未能完成。".to_string()),
                }),
                Phase::Sending => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use zhicheng_engine::{Command, Date, FieldPath, FormSchema, PackageManifestV1, Value};

    use super::*;

    fn state() -> FormState {
        let source = r#"{"id": "f", "version": 1, "title": "申报", "steps": [
            {"id": "basic", "title": "基本信息", "sections": [{"id": "x", "title": "x", "fields": [
                {"id": "name", "label": "姓名", "kind": "text", "required": true}]}]},
            {"id": "work", "title": "工作经历", "sections": [{"id": "y", "title": "y", "fields": [
                {"id": "unit", "label": "工作单位", "kind": "text"}]}]}]}"#;
        let schema = Arc::new(FormSchema::from_json(source).expect("a form"));
        FormState::new(schema, Date::new(2026, 12, 2).expect("a date"))
    }

    fn package(id: &str, draft: &str, phase: Phase) -> SubmissionV1 {
        let manifest: PackageManifestV1 = serde_json::from_value(serde_json::json!({
            "format": "zhicheng.package", "format_version": 1, "package_id": id, "form_id": "f",
            "schema_version": 1, "client_version": "t", "created_at": "2026-12-02T08:00:00Z",
            "submitted_at": "2026-12-02T08:00:00Z", "applicant": {"name": "张三", "id_number": ""},
            "answers": {}, "attachments": [], "reports": []
        }))
        .expect("a manifest");
        let mut entry = SubmissionV1::new(manifest, draft, "张三", "http://r/", 1);
        entry.phase = phase;
        entry.receipt = (phase == Phase::Sent).then(|| format!("SZ-{id}"));
        entry.message = (phase == Phase::Stopped).then(|| "材料不全".to_string());
        entry
    }

    fn names(events: &[HostEvent]) -> Vec<&'static str> {
        events.iter().map(HostEvent::name).collect()
    }

    #[test]
    fn opening_tells_ready_then_the_page_then_validity() {
        let (_, events) = HostEventWatch::opened("d1", &state());
        assert_eq!(names(&events), ["zc-ready", "zc-step-change", "zc-validity-change"]);
        let detail = serde_json::to_value(&events[0]).expect("json");
        assert_eq!(detail, serde_json::json!({"formId": "f", "draftId": "d1"}));
        assert_eq!(events[2], HostEvent::ValidityChange { valid: false, errors: 1, warnings: 0 });
    }

    #[test]
    fn only_changes_are_told() {
        let mut state = state();
        let (mut watch, _) = HostEventWatch::opened("d1", &state);
        state.apply(Command::SetValue { path: FieldPath::top("unit"), value: Value::text("某医院") });
        assert!(watch.state_changed(&state).is_empty(), "same page, same counts");
        state.apply(Command::SetValue { path: FieldPath::top("name"), value: Value::text("张三") });
        assert_eq!(watch.state_changed(&state), [HostEvent::ValidityChange { valid: true, errors: 0, warnings: 0 }]);
        state.apply(Command::Next);
        let moved = watch.state_changed(&state);
        assert_eq!(moved, [HostEvent::StepChange { step: "work".into(), title: "工作经历".into() }]);
        assert_eq!(names(&watch.saved(5)), ["zc-draft-saved"]);
        assert!(watch.saved(5).is_empty(), "the same save is told once");
    }

    #[test]
    fn the_outbox_tells_receipts_and_stops_of_this_drafts_packages_only() {
        let (mut watch, _) = HostEventWatch::opened("d1", &state());
        let history = [package("p0", "d1", Phase::Sent)];
        assert!(watch.outbox_changed(&history).is_empty(), "what was there before is history");
        let sending =
            [package("p0", "d1", Phase::Sent), package("p1", "d1", Phase::Sending), package("q", "d2", Phase::Sending)];
        assert!(watch.outbox_changed(&sending).is_empty());
        let done =
            [package("p0", "d1", Phase::Sent), package("p1", "d1", Phase::Sent), package("q", "d2", Phase::Sent)];
        assert_eq!(
            watch.outbox_changed(&done),
            [HostEvent::Submitted { package_id: "p1".into(), receipt: "SZ-p1".into() }]
        );
        let stopped = [package("p2", "d1", Phase::Stopped)];
        assert_eq!(
            watch.outbox_changed(&stopped),
            [HostEvent::SubmitFailed { package_id: "p2".into(), reason: "材料不全".into() }]
        );
    }
}
