//! Form state and the closed set of commands that change it. Nothing else mutates a form.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::attachments;
use crate::compute::{self, Computed};
use crate::date::Date;
use crate::eval::{Evaluator, RowScope};
use crate::path::{FieldPath, RowId};
use crate::report::{Report, Violation};
use crate::rules::calendar::HolidayCalendar;
use crate::schema::FormSchema;
use crate::sorted_set::SortedSet;
use crate::stored::attached::{AttachedFile, Attachments};
use crate::stored::draft::{Position, SetAside};
use crate::suggest;
use crate::validate::validate;
use crate::value::{Answers, Row, Value};

mod draft;
mod prefill;
mod record_lock;
mod row_import;

pub use draft::RestoreError;
pub use prefill::{Prefilled, HOST_LOCKED};

/// Every way a form can change.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Sets one answer (top-level or inside a row). Computed read-only fields refuse it.
    SetValue {
        path: FieldPath,
        value: Value,
    },
    /// The applicant left a field: its messages may show from now on.
    Touch(FieldPath),
    AddRow {
        group: String,
    },
    /// Adds a row already holding these answers (a row imported from another draft). Values for
    /// fields the row does not have, or that are computed, are left out.
    AddRowWith {
        group: String,
        values: std::collections::BTreeMap<String, Value>,
    },
    RemoveRow {
        group: String,
        row: RowId,
    },
    /// Moves a row up (negative) or down (positive) by `offset` places.
    MoveRow {
        group: String,
        row: RowId,
        offset: i32,
    },
    /// 下一步: reveals the current step's messages and moves on only if it has no errors.
    Next,
    /// 上一步: always allowed.
    Previous,
    /// A free jump from the stepper or a 修改 link. Gates still hold.
    GoTo(Position),
    /// Attaches a file (already checked and stored by the caller) to a material that applies.
    Attach {
        material: String,
        file: AttachedFile,
    },
    /// Removes a material's file, named by its content hash.
    Detach {
        material: String,
        sha256: String,
    },
    /// Moves a material's file up (negative) or down (positive).
    MoveAttachment {
        material: String,
        sha256: String,
        offset: i32,
    },
    /// 完成: accepted only when the whole form has no errors.
    Finish,
    /// A report was printed (报表打印), at this time (ms since the epoch; the engine has no clock).
    RecordPrint {
        report: String,
        at_ms: u64,
    },
    /// The applicant's "today", for date rules. The engine has no clock of its own.
    SetToday(Date),
    /// The holiday calendar working days are counted with (the host loads it, as it loads the
    /// schema). Until one is given, every year is estimated from the statutory holidays.
    SetCalendar(Arc<HolidayCalendar>),
    /// Answers a host page fills in from its own records (top-level fields only), marked as
    /// prefilled and, when `locked`, closed to the applicant's changes. All or nothing.
    Prefill {
        answers: std::collections::BTreeMap<String, Value>,
        locked: bool,
    },
}

/// What a command did, for the UI to react to (focus a summary, open a new row, …).
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Done,
    RowAdded(RowId),
    /// Moving on was refused because the step has errors; they are now all shown.
    Blocked {
        errors: usize,
    },
    /// The command made no sense here; the message says why.
    Refused(String),
}

/// A form being filled: schema, answers and what the applicant has seen.
#[derive(Clone, Debug)]
pub struct FormState {
    schema: Arc<FormSchema>,
    answers: Answers,
    touched: BTreeSet<FieldPath>,
    revealed_steps: SortedSet<usize>,
    visited_steps: SortedSet<usize>,
    position: Position,
    next_row_id: RowId,
    today: Date,
    finished: bool,
    /// When each report was last printed (ms since the epoch), by report id.
    printed: std::collections::BTreeMap<String, u64>,
    /// Answers from an older schema version with no field here, kept for the applicant to review.
    set_aside: Vec<SetAside>,
    attachments: Attachments,
    report: Report,
    /// The field being typed into: set by `SetValue`, cleared when the field is left (`Touch`).
    editing: Option<FieldPath>,
    /// What working days are counted by (`Command::SetCalendar`); not part of the draft.
    calendar: Arc<HolidayCalendar>,
    /// Fields a host page filled in (`Command::Prefill`); not part of the draft. A list: a host
    /// prefills a handful of fields.
    prefilled: Vec<(String, Prefilled)>,
}

impl FormState {
    pub fn new(schema: Arc<FormSchema>, today: Date) -> FormState {
        let mut answers = Answers::new();
        for (_, field) in schema.fields() {
            if let Some(default) = &field.default {
                answers.insert(field.id.clone(), Value::Text(default.clone()));
            }
        }
        let mut state = FormState {
            schema,
            answers,
            touched: BTreeSet::new(),
            revealed_steps: SortedSet::default(),
            visited_steps: [0].into_iter().collect(),
            position: Position::Step(0),
            next_row_id: 1,
            today,
            finished: false,
            printed: Default::default(),
            set_aside: Vec::new(),
            attachments: Default::default(),
            report: Report::default(),
            editing: None,
            calendar: Arc::default(),
            prefilled: Default::default(),
        };
        state.refresh();
        state
    }

    pub fn schema(&self) -> &Arc<FormSchema> {
        &self.schema
    }

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    pub fn position(&self) -> Position {
        self.position
    }

    pub fn today(&self) -> Date {
        self.today
    }

    /// The holiday calendar working days are counted with, for showing what it covers.
    pub fn calendar(&self) -> &Arc<HolidayCalendar> {
        &self.calendar
    }

    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// When a report was last printed (ms since the epoch), if ever.
    pub fn last_printed(&self, report: &str) -> Option<u64> {
        self.printed.get(report).copied()
    }

    /// Files attached to each material, in the applicant's order.
    pub fn attachments(&self) -> &Attachments {
        &self.attachments
    }

    /// Whether the form has an attachments page (附件材料) at all; the unit's forms have none.
    pub fn has_materials(&self) -> bool {
        !self.schema.materials.is_empty()
    }

    /// Names of required materials (for the current answers) with no file yet: 「暂未上传」, and
    /// what keeps a package from being submitted.
    pub fn missing_materials(&self) -> Vec<String> {
        crate::materials::checklist(&self.evaluator())
            .into_iter()
            .filter(|m| m.required && self.attachments.get(&m.material.id).is_none_or(Vec::is_empty))
            .map(|m| m.material.name.clone())
            .collect()
    }

    /// Answers carried from an older schema version that this one has no field for.
    pub fn set_aside(&self) -> &[SetAside] {
        &self.set_aside
    }

    /// The latest validation report (recomputed after every command).
    pub fn report(&self) -> &Report {
        &self.report
    }

    pub fn evaluator(&self) -> Evaluator<'_> {
        Evaluator::new(&self.schema, &self.answers, self.today)
    }

    /// The answer at `path`, if any.
    pub fn value(&self, path: &FieldPath) -> Option<&Value> {
        match &path.row {
            None => self.answers.get(&path.field),
            Some((group, row)) => self.row(group, *row)?.get(&path.field),
        }
    }

    pub fn text(&self, path: &FieldPath) -> &str {
        self.value(path).and_then(Value::as_text).unwrap_or("")
    }

    pub fn rows(&self, group: &str) -> &[Row] {
        self.answers.get(group).map(Value::as_rows).unwrap_or(&[])
    }

    pub fn row(&self, group: &str, row: RowId) -> Option<&Row> {
        self.rows(group).iter().find(|r| r.id == row)
    }

    /// The row scope for evaluating conditions of fields inside `path`'s row.
    pub fn scope_of(&self, path: &FieldPath) -> Option<RowScope<'_>> {
        let (group, row) = path.row.as_ref()?;
        Some(RowScope { group: self.schema.field(group)?, row: self.row(group, *row)? })
    }

    /// Whether the field at `path` is currently shown.
    pub fn is_visible(&self, path: &FieldPath) -> bool {
        let ev = self.evaluator();
        match self.scope_of(path) {
            None => path.row.is_none() && ev.is_visible(&path.field),
            Some(scope) => scope.group.child(&path.field).is_some_and(|c| ev.is_visible_in_row(scope, c)),
        }
    }

    /// Whether the field at `path` must be answered now.
    pub fn is_required(&self, path: &FieldPath) -> bool {
        let Some(field) = self.schema.field_at(path) else { return false };
        self.is_visible(path) && self.evaluator().is_required(field, self.scope_of(path))
    }

    /// The computed state of a computed field (`None` for ordinary fields).
    pub fn computed(&self, path: &FieldPath) -> Option<Computed> {
        let compute = self.schema.field_at(path)?.compute.as_ref()?;
        Some(compute::evaluate(&self.evaluator(), compute, self.scope_of(path)))
    }

    pub fn is_read_only(&self, path: &FieldPath) -> bool {
        self.computed(path).is_some_and(|c| c.is_read_only())
            || self.is_locked_answer(path)
            || self.is_host_locked(path)
            || self.is_fixed(path)
    }

    pub fn is_touched(&self, path: &FieldPath) -> bool {
        self.touched.contains(path)
    }

    /// True while the applicant is typing into this field (changed it and has not left it).
    pub fn is_editing(&self, path: &FieldPath) -> bool {
        self.editing.as_ref() == Some(path)
    }

    pub fn is_revealed(&self, step: usize) -> bool {
        self.revealed_steps.contains(&step)
    }

    pub fn is_visited(&self, step: usize) -> bool {
        self.visited_steps.contains(&step)
    }

    /// The step a path belongs to.
    pub fn step_of(&self, path: &FieldPath) -> Option<usize> {
        let top = path.group().unwrap_or(&path.field);
        self.schema.location(top).map(|l| l.step)
    }

    /// A violation is shown once its field was left, or its step was revealed (下一步, leaving
    /// the step, the review page). While the applicant types into a field its messages wait until
    /// the field is left, except character counts (V-TXT), which are live feedback by design.
    pub fn is_shown(&self, violation: &Violation) -> bool {
        let path = &violation.path;
        if self.is_editing(path) && violation.code != "V-TXT" {
            return false;
        }
        self.touched.contains(path) || self.step_of(path).is_some_and(|s| self.revealed_steps.contains(&s))
    }

    /// The shown violations of exactly this path.
    pub fn shown_for<'a>(&'a self, path: &'a FieldPath) -> impl Iterator<Item = &'a Violation> + 'a {
        self.report.for_path(path).filter(|v| self.is_shown(v))
    }

    /// All shown violations of a step, in schema order.
    pub fn shown_in_step(&self, step: usize) -> Vec<&Violation> {
        self.report.violations.iter().filter(|v| self.step_of(&v.path) == Some(step) && self.is_shown(v)).collect()
    }

    /// Applies one command; the only way the form changes.
    pub fn apply(&mut self, command: Command) -> Outcome {
        let suggested = suggest::made(&self.schema, &self.answers, self.today);
        let outcome = self.apply_inner(command);
        // Suggested texts follow what this command changed; they are written from computed
        // values too, and validation reads them.
        compute::recompute(&self.schema, &mut self.answers, self.today);
        suggest::follow(&self.schema, &mut self.answers, self.today, &suggested);
        self.refresh();
        outcome
    }

    fn apply_inner(&mut self, command: Command) -> Outcome {
        match command {
            Command::SetValue { path, value } => {
                let outcome = self.set_value(path.clone(), value);
                if outcome == Outcome::Done {
                    self.editing = Some(path);
                }
                outcome
            }
            Command::Touch(path) => {
                if self.editing.as_ref() == Some(&path) {
                    self.editing = None;
                }
                self.touched.insert(path);
                Outcome::Done
            }
            Command::AddRow { group } => self.add_row(&group),
            Command::AddRowWith { group, values } => self.add_row_with(&group, values),
            Command::RemoveRow { group, row } => self.remove_row(&group, row),
            Command::MoveRow { group, row, offset } => self.move_row(&group, row, offset),
            Command::Next => self.next(),
            Command::Previous => {
                let target = match self.position {
                    Position::Review if self.has_materials() => Some(Position::Materials),
                    Position::Review => self.visible_steps().last().copied().map(Position::Step),
                    Position::Materials => self.visible_steps().last().copied().map(Position::Step),
                    Position::Step(s) => self.visible_steps().into_iter().rev().find(|v| *v < s).map(Position::Step),
                };
                match target {
                    Some(target) => self.go_to(target),
                    None => Outcome::Refused("已经是第一步。".to_string()),
                }
            }
            Command::GoTo(target) => self.go_to(target),
            Command::Attach { material, file } => {
                let applies = crate::materials::checklist(&self.evaluator()).iter().any(|m| m.material.id == material);
                if !applies {
                    return Outcome::Refused("根据目前填写的内容，此项材料不需要提交。".to_string());
                }
                self.finished = false;
                to_outcome(attachments::attach(&mut self.attachments, &material, file))
            }
            Command::Detach { material, sha256 } => {
                self.finished = false;
                to_outcome(attachments::detach(&mut self.attachments, &material, &sha256))
            }
            Command::MoveAttachment { material, sha256, offset } => {
                to_outcome(attachments::move_file(&mut self.attachments, &material, &sha256, offset))
            }
            Command::Finish => {
                // The report is current (refreshed after every command); revealing changes only
                // what is shown, not what is wrong.
                // Required materials still missing block it too, as they would block submission.
                self.reveal_all();
                let errors = self.report.errors().count() + self.missing_materials().len();
                if errors > 0 {
                    Outcome::Blocked { errors }
                } else {
                    self.finished = true;
                    Outcome::Done
                }
            }
            Command::RecordPrint { report, at_ms } => {
                self.printed.insert(report, at_ms);
                Outcome::Done
            }
            Command::SetToday(today) => {
                self.today = today;
                Outcome::Done
            }
            Command::SetCalendar(calendar) => {
                self.calendar = calendar;
                Outcome::Done
            }
            Command::Prefill { answers, locked } => self.prefill(answers, locked),
        }
    }

    fn set_value(&mut self, path: FieldPath, value: Value) -> Outcome {
        if self.schema.field_at(&path).is_none() {
            return Outcome::Refused(format!("表单中没有字段 {path}。"));
        }
        if self.is_locked_answer(&path) {
            return Outcome::Refused(record_lock::LOCKED.to_string());
        }
        if self.is_host_locked(&path) {
            return Outcome::Refused(HOST_LOCKED.to_string());
        }
        if self.is_fixed(&path) {
            return Outcome::Refused(prefill::FIXED.to_string());
        }
        if self.is_read_only(&path) {
            return Outcome::Refused("该项由系统自动填写，不能修改。".to_string());
        }
        self.finished = false;
        match &path.row {
            None => {
                self.answers.insert(path.field, value);
            }
            Some((group, row_id)) => {
                let Some(row) = self.row_mut(group, *row_id) else {
                    return Outcome::Refused("该条目已被删除。".to_string());
                };
                row.values.insert(path.field, value);
            }
        }
        Outcome::Done
    }

    fn row_mut(&mut self, group: &str, row: RowId) -> Option<&mut Row> {
        match self.answers.get_mut(group)? {
            Value::Rows(rows) => rows.iter_mut().find(|r| r.id == row),
            _ => None,
        }
    }

    fn rows_mut(&mut self, group: &str) -> &mut Vec<Row> {
        let slot = self.answers.entry(group.to_string()).or_insert_with(|| Value::Rows(Vec::new()));
        if !matches!(slot, Value::Rows(_)) {
            *slot = Value::Rows(Vec::new());
        }
        match slot {
            Value::Rows(rows) => rows,
            _ => unreachable!("the slot was just made a row list"),
        }
    }

    fn add_row(&mut self, group: &str) -> Outcome {
        let Some(field) = self.schema.field(group).filter(|f| f.is_group()) else {
            return Outcome::Refused(format!("表单中没有重复组 {group}。"));
        };
        if let Some(max) = field.max_rows {
            if self.rows(group).len() >= max {
                return Outcome::Refused(format!("{}最多填写 {max} 条。", field.label));
            }
        }
        let defaults: Vec<(String, Value)> = field
            .fields
            .iter()
            .filter_map(|c| c.default.as_ref().map(|d| (c.id.clone(), Value::Text(d.clone()))))
            .collect();
        let id = self.next_row_id;
        self.next_row_id += 1;
        self.finished = false;
        self.rows_mut(group).push(Row { id, values: defaults.into_iter().collect() });
        Outcome::RowAdded(id)
    }

    fn add_row_with(&mut self, group: &str, values: std::collections::BTreeMap<String, Value>) -> Outcome {
        let outcome = self.add_row(group);
        let Outcome::RowAdded(id) = outcome else { return outcome };
        let schema = self.schema.clone();
        let Some(field) = schema.field(group) else { return outcome };
        let settable: Vec<(String, Value)> =
            values.into_iter().filter(|(name, _)| field.child(name).is_some_and(|c| c.compute.is_none())).collect();
        if let Some(row) = self.row_mut(group, id) {
            row.values.extend(settable);
        }
        outcome
    }

    fn remove_row(&mut self, group: &str, row: RowId) -> Outcome {
        if self.is_locked_record(group, row) {
            return Outcome::Refused(record_lock::LOCKED.to_string());
        }
        let rows = self.rows_mut(group);
        let before = rows.len();
        rows.retain(|r| r.id != row);
        if rows.len() == before {
            return Outcome::Refused("该条目已被删除。".to_string());
        }
        self.touched.retain(|p| p.row.as_ref().is_none_or(|(g, r)| g != group || *r != row));
        self.finished = false;
        Outcome::Done
    }

    fn move_row(&mut self, group: &str, row: RowId, offset: i32) -> Outcome {
        let rows = self.rows_mut(group);
        let Some(from) = rows.iter().position(|r| r.id == row) else {
            return Outcome::Refused("该条目已被删除。".to_string());
        };
        let to = (from as i64 + i64::from(offset)).clamp(0, rows.len() as i64 - 1) as usize;
        let moved = rows.remove(from);
        rows.insert(to, moved);
        Outcome::Done
    }

    /// Visible schema steps, in order.
    pub fn visible_steps(&self) -> Vec<usize> {
        let ev = self.evaluator();
        (0..self.schema.steps.len()).filter(|s| ev.step_visible(*s)).collect()
    }

    fn next(&mut self) -> Outcome {
        let current = match self.position {
            Position::Step(current) => current,
            // Missing materials are listed on 核对信息; they do not hold the applicant here.
            Position::Materials => return self.go_to(Position::Review),
            Position::Review => return Outcome::Refused("已经在核对信息页。".to_string()),
        };
        self.revealed_steps.insert(current);
        let errors = self.step_error_count(current);
        if errors > 0 {
            return Outcome::Blocked { errors };
        }
        let target = match self.visible_steps().into_iter().find(|s| *s > current) {
            Some(step) => Position::Step(step),
            None if self.has_materials() => Position::Materials,
            None => Position::Review,
        };
        self.go_to(target)
    }

    fn go_to(&mut self, target: Position) -> Outcome {
        if target == Position::Materials && !self.has_materials() {
            return Outcome::Refused("这张表没有附件材料。".to_string());
        }
        if let Position::Step(step) = target {
            if step >= self.schema.steps.len() || !self.evaluator().step_visible(step) {
                return Outcome::Refused("没有这一步。".to_string());
            }
        }
        // A gate before the target must be passed first.
        let target_index = match target {
            Position::Step(s) => s,
            Position::Materials | Position::Review => usize::MAX,
        };
        for gate in (0..self.schema.steps.len()).filter(|s| self.schema.steps[*s].gate && *s < target_index) {
            if self.step_error_count(gate) > 0 {
                self.revealed_steps.insert(gate);
                self.position = Position::Step(gate);
                return Outcome::Blocked { errors: self.step_error_count(gate) };
            }
        }
        if let Position::Step(current) = self.position {
            if Position::Step(current) != target {
                self.revealed_steps.insert(current);
            }
        }
        match target {
            Position::Step(step) => {
                self.visited_steps.insert(step);
            }
            // Only the review shows every message; the materials page reveals nothing by itself.
            Position::Materials => {}
            Position::Review => self.reveal_all(),
        }
        self.position = target;
        Outcome::Done
    }

    fn reveal_all(&mut self) {
        let steps = self.visible_steps();
        self.revealed_steps.extend(steps.iter().copied());
        self.visited_steps.extend(steps);
    }

    /// Errors of one step, shown or not.
    pub fn step_error_count(&self, step: usize) -> usize {
        self.report.errors().filter(|v| self.step_of(&v.path) == Some(step)).count()
    }

    /// Recomputes derived values and the validation report after a change.
    fn refresh(&mut self) {
        compute::recompute(&self.schema, &mut self.answers, self.today);
        self.report = validate(&self.evaluator(), &self.calendar);
    }

    /// The answers to submit: hidden fields, hidden row cells and rows not chosen for this
    /// declaration (`submit_rows_if`) are left out.
    pub fn submission_answers(&self) -> Answers {
        let ev = self.evaluator();
        let mut out = Answers::new();
        for (_, field) in self.schema.fields() {
            if !ev.is_visible(&field.id) {
                continue;
            }
            let Some(value) = self.answers.get(&field.id) else { continue };
            if field.is_group() {
                let rows: Vec<Row> = value
                    .as_rows()
                    .iter()
                    .filter(|row| ev.row_submitted(field, row))
                    .map(|row| {
                        let scope = RowScope { group: field, row };
                        // Inserted one by one: collecting into a map would link a sort for it.
                        let mut values = std::collections::BTreeMap::new();
                        for child in field.fields.iter().filter(|c| ev.is_visible_in_row(scope, c)) {
                            if let Some(value) = row.get(&child.id) {
                                values.insert(child.id.clone(), value.clone());
                            }
                        }
                        Row { id: row.id, values }
                    })
                    .collect();
                // A group whose rows are all unchosen records says nothing, not even that they exist.
                if rows.is_empty() && field.submit_rows_if.is_some() {
                    continue;
                }
                out.insert(field.id.clone(), Value::Rows(rows));
            } else if !value.is_blank() {
                out.insert(field.id.clone(), value.clone());
            }
        }
        out
    }
}

fn to_outcome(result: Result<(), attachments::AttachmentError>) -> Outcome {
    match result {
        Ok(()) => Outcome::Done,
        Err(reason) => Outcome::Refused(reason.to_string()),
    }
}
