//! Every transition of the autosave machine, as tables: a starting history, one input, the
//! effects and the status that follow.

use zhicheng_engine::{DraftMetaV1, DraftSummary, LockV1};

use super::machine::{Effect, Input, LockChange, Machine, SaveStatus, DEBOUNCE_MS};
use crate::ports::drafts::StoreError;

fn meta(revision: u64) -> DraftMetaV1 {
    DraftMetaV1 {
        id: "d1".into(),
        form_id: "f".into(),
        schema_version: 1,
        name: None,
        summary: DraftSummary::default(),
        created_at: 0,
        saved_at: 1_000 + revision,
        revision,
        writer: "page-1".into(),
        deleted_at: None,
        lock: None,
    }
}

fn locked_meta(revision: u64) -> DraftMetaV1 {
    DraftMetaV1 { lock: Some(LockV1::new(&[1; 16], &[2; 28])), ..meta(revision) }
}

/// A machine at revision 4, unlocked, taken through `history`.
fn after(history: Vec<Input>) -> Machine {
    let mut machine = Machine::new(4, false);
    for input in history {
        machine.handle(input);
    }
    machine
}

fn pause(generation: u64) -> Input {
    Input::PauseElapsed { generation }
}

fn arm(generation: u64) -> Effect {
    Effect::ArmPause { generation, after_ms: DEBOUNCE_MS }
}

struct Case {
    name: &'static str,
    history: Vec<Input>,
    input: Input,
    effects: Vec<Effect>,
    status: SaveStatus,
}

fn check(cases: Vec<Case>) {
    let mut failures = Vec::new();
    for case in cases {
        let mut machine = after(case.history);
        let effects = machine.handle(case.input);
        if effects != case.effects || *machine.status() != case.status {
            failures.push(format!(
                "{}: got {effects:?} / {:?}, expected {:?} / {:?}",
                case.name,
                machine.status(),
                case.effects,
                case.status
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn edits_wait_for_a_pause_then_write_the_next_revision() {
    let saved = |r: u64| SaveStatus::Saved { at_ms: 1_000 + r, deleted: false };
    check(vec![
        Case {
            name: "idle → dirty",
            history: vec![],
            input: Input::Edited,
            effects: vec![arm(1)],
            status: SaveStatus::Dirty,
        },
        Case {
            name: "each edit re-arms the pause",
            history: vec![Input::Edited],
            input: Input::Edited,
            effects: vec![arm(2)],
            status: SaveStatus::Dirty,
        },
        Case {
            name: "dirty → saving",
            history: vec![Input::Edited],
            input: pause(1),
            effects: vec![Effect::Write { revision: 5 }],
            status: SaveStatus::Saving,
        },
        Case {
            name: "a pause re-armed since is stale",
            history: vec![Input::Edited, Input::Edited],
            input: pause(1),
            effects: vec![],
            status: SaveStatus::Dirty,
        },
        Case {
            name: "saving → saved",
            history: vec![Input::Edited, pause(1)],
            input: Input::Saved(Box::new(meta(5))),
            effects: vec![Effect::ForgetRescue],
            status: saved(5),
        },
        Case {
            name: "saved → dirty",
            history: vec![Input::Edited, pause(1), Input::Saved(Box::new(meta(5)))],
            input: Input::Edited,
            effects: vec![arm(2)],
            status: SaveStatus::Dirty,
        },
        Case {
            name: "a save of a draft deleted meanwhile says so",
            history: vec![Input::Edited, pause(1)],
            input: Input::Saved(Box::new(DraftMetaV1 { deleted_at: Some(9), ..meta(5) })),
            effects: vec![Effect::ForgetRescue],
            status: SaveStatus::Saved { at_ms: 1_005, deleted: true },
        },
        Case {
            name: "an edit while saving is saved once that save ends",
            history: vec![Input::Edited, pause(1), Input::Edited, pause(2)],
            input: Input::Saved(Box::new(meta(5))),
            effects: vec![Effect::Write { revision: 6 }],
            status: SaveStatus::Saving,
        },
        Case {
            name: "a save that ends while a pause is armed leaves the draft dirty",
            history: vec![Input::Edited, pause(1), Input::Edited],
            input: Input::Saved(Box::new(meta(5))),
            effects: vec![],
            status: saved(5),
        },
    ]);
}

#[test]
fn failures_and_quota_keep_the_changes_on_screen_and_try_again_on_the_next_edit() {
    check(vec![
        Case {
            name: "saving → failed (quota)",
            history: vec![Input::Edited, pause(1)],
            input: Input::SaveFailed(StoreError::QuotaExceeded),
            effects: vec![],
            status: SaveStatus::Failed(StoreError::QuotaExceeded),
        },
        Case {
            name: "failed → dirty on the next edit",
            history: vec![Input::Edited, pause(1), Input::SaveFailed(StoreError::QuotaExceeded)],
            input: Input::Edited,
            effects: vec![arm(2)],
            status: SaveStatus::Dirty,
        },
        Case {
            name: "after a failure the same revision is claimed again",
            history: vec![Input::Edited, pause(1), Input::SaveFailed(StoreError::QuotaExceeded), Input::Edited],
            input: pause(2),
            effects: vec![Effect::Write { revision: 5 }],
            status: SaveStatus::Saving,
        },
    ]);
}

#[test]
fn another_tab_saving_first_stops_saving_until_the_applicant_chooses() {
    let conflict = || Input::SaveFailed(StoreError::Conflict(Box::new(meta(7))));
    let in_conflict = || vec![Input::Edited, pause(1), conflict()];
    check(vec![
        Case {
            name: "saving → conflict",
            history: vec![Input::Edited, pause(1)],
            input: conflict(),
            effects: vec![],
            status: SaveStatus::Conflict(Box::new(meta(7))),
        },
        Case {
            name: "edits in a conflict are not saved",
            history: in_conflict(),
            input: Input::Edited,
            effects: vec![],
            status: SaveStatus::Conflict(Box::new(meta(7))),
        },
        Case {
            name: "nor on leaving",
            history: [in_conflict(), vec![Input::Edited]].concat(),
            input: Input::Flush,
            effects: vec![],
            status: SaveStatus::Conflict(Box::new(meta(7))),
        },
        Case {
            name: "keep mine writes over their revision",
            history: in_conflict(),
            input: Input::KeepMine,
            effects: vec![Effect::Write { revision: 8 }],
            status: SaveStatus::Saving,
        },
        Case {
            name: "take theirs: nothing left to save",
            history: in_conflict(),
            input: Input::TookTheirs { revision: 7, locked: false },
            effects: vec![],
            status: SaveStatus::Idle,
        },
        Case {
            name: "after taking theirs, the next save claims the one after theirs",
            history: [in_conflict(), vec![Input::TookTheirs { revision: 7, locked: false }, Input::Edited]].concat(),
            input: pause(2),
            effects: vec![Effect::Write { revision: 8 }],
            status: SaveStatus::Saving,
        },
    ]);
    // A version locked (or unlocked) by the other page cannot be saved over.
    let mut machine = after(vec![Input::Edited, pause(1)]);
    machine.handle(Input::SaveFailed(StoreError::Conflict(Box::new(locked_meta(7)))));
    assert!(!machine.may_keep_mine(&locked_meta(7)));
    assert_eq!(machine.handle(Input::KeepMine), vec![]);
}

#[test]
fn leaving_or_closing_saves_what_waits_and_rescues_it_unless_locked() {
    check(vec![
        Case {
            name: "flush saves a waiting change at once",
            history: vec![Input::Edited],
            input: Input::Flush,
            effects: vec![Effect::Write { revision: 5 }],
            status: SaveStatus::Saving,
        },
        Case {
            name: "flush with nothing waiting",
            history: vec![],
            input: Input::Flush,
            effects: vec![],
            status: SaveStatus::Idle,
        },
        Case {
            name: "closing with unsaved changes rescues and saves them",
            history: vec![Input::Edited],
            input: Input::PageHide,
            effects: vec![Effect::Rescue { revision: 5 }, Effect::Write { revision: 5 }],
            status: SaveStatus::Saving,
        },
        Case {
            name: "closing mid-save rescues and saves again after",
            history: vec![Input::Edited, pause(1)],
            input: Input::PageHide,
            effects: vec![Effect::Rescue { revision: 5 }],
            status: SaveStatus::Saving,
        },
        Case {
            name: "closing with everything stored does nothing",
            history: vec![Input::Edited, pause(1), Input::Saved(Box::new(meta(5)))],
            input: Input::PageHide,
            effects: vec![],
            status: SaveStatus::Saved { at_ms: 1_005, deleted: false },
        },
    ]);
    let mut locked = Machine::new(4, true);
    locked.handle(Input::Edited);
    assert_eq!(locked.handle(Input::PageHide), vec![Effect::Write { revision: 5 }], "nothing readable is rescued");
}

#[test]
fn a_lock_change_saves_at_once_and_finishes_after_the_first_save_in_its_form() {
    let mut machine = after(vec![Input::Edited, pause(1)]);
    assert_eq!(machine.handle(Input::LockSet { locked: true }), vec![], "waits for the save in flight");
    assert!(machine.is_locked());
    // The save in flight began before the lock: it does not finish the change, but saves again.
    assert_eq!(machine.handle(Input::Saved(Box::new(meta(5)))), vec![Effect::Write { revision: 6 }]);
    assert_eq!(
        machine.handle(Input::Saved(Box::new(locked_meta(6)))),
        vec![Effect::FinishLockChange(LockChange::Locked), Effect::ForgetRescue]
    );
    assert_eq!(machine.handle(Input::LockSet { locked: false }), vec![Effect::Write { revision: 7 }]);
    assert_eq!(
        machine.handle(Input::Saved(Box::new(meta(7)))),
        vec![Effect::FinishLockChange(LockChange::Unlocked), Effect::ForgetRescue]
    );
    assert!(!machine.is_locked() && machine.is_clean());
}
