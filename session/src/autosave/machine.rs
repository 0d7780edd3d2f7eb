//! The autosave of one open draft as a state machine, with no I/O: inputs are what happened
//! (an edit, a pause in typing, a save's outcome, the page going away), outputs are what to do
//! (arm the pause timer, write revision n, keep a rescue). The driver in `autosave/mod.rs` does
//! the work; native tests walk every transition.
//!
//! ```text
//!  Idle ──edit──▶ Dirty ──pause / flush──▶ Saving ──ok──▶ Saved ──edit──▶ Dirty …
//!                   ▲                        │  └─failed─▶ Failed ──edit──▶ Dirty
//!                   └──── edit while saving: saved again once this save ends
//!                                            └─another tab saved first─▶ Conflict
//!  Conflict ──keep mine──▶ Saving (over their revision) · ──take theirs──▶ Idle
//!  lock set / removed ──▶ Saving at once; the lock change finishes after that save
//! ```

use zhicheng_engine::DraftMetaV1;

use crate::ports::drafts::StoreError;

/// How long after the last change a draft is written.
pub const DEBOUNCE_MS: u64 = 300;

/// Where the saving of the open draft stands, as the top bar shows it.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    /// Nothing changed since the draft was opened.
    Idle,
    /// Changes are waiting for a pause in typing.
    Dirty,
    Saving,
    /// Stored at `at_ms`; `deleted` when the draft sits in 最近删除 meanwhile.
    Saved {
        at_ms: u64,
        deleted: bool,
    },
    Failed(StoreError),
    /// Another page saved this draft first; nothing is saved until the applicant chooses.
    Conflict(Box<DraftMetaV1>),
}

/// A change of the passphrase lock, finished after the body is saved in its new form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockChange {
    /// Locked: clear the readable 草稿箱 name and drop plain files no unlocked draft uses.
    Locked,
    /// Unlocked: put the name back and drop the sealed copies of the files.
    Unlocked,
}

/// What happened.
#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    /// The applicant changed the form.
    Edited,
    /// The pause timer armed as `generation` ran out.
    PauseElapsed {
        generation: u64,
    },
    /// Save now if a save waits (the page was hidden, the applicant left the form).
    Flush,
    /// The page is going away: keep a rescue of unsaved changes and start their save.
    PageHide,
    Saved(Box<DraftMetaV1>),
    SaveFailed(StoreError),
    /// In a conflict, the applicant keeps this page's version.
    KeepMine,
    /// In a conflict, the other page's version (at `revision`, locked or not) was loaded.
    TookTheirs {
        revision: u64,
        locked: bool,
    },
    /// The draft was locked (`true`) or its lock removed; its files are sealed or plain already.
    LockSet {
        locked: bool,
    },
}

/// What to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Feed `PauseElapsed { generation }` back after `after_ms`.
    ArmPause { generation: u64, after_ms: u64 },
    /// Write the current state as revision `revision` and feed the outcome back.
    Write { revision: u64 },
    /// Keep the current state as revision `revision` where it survives the page closing.
    Rescue { revision: u64 },
    /// A rescue this page left earlier is stale: forget it.
    ForgetRescue,
    /// The body is stored in its new lock form: finish the change (files, 草稿箱 name).
    FinishLockChange(LockChange),
}

#[derive(Clone, Debug)]
pub struct Machine {
    /// The last revision this page read or saved; its next save claims the one after.
    revision: u64,
    status: SaveStatus,
    /// The pause timer armed last, if it has not run out or been cancelled.
    armed: Option<u64>,
    generations: u64,
    /// One save at a time, so the revision advances only on success and never leaves a gap
    /// another tab could fill; a save asked for meanwhile runs when it ends.
    in_flight: bool,
    again: bool,
    /// Everything on screen is stored.
    clean: bool,
    locked: bool,
    lock_change: Option<LockChange>,
}

impl Machine {
    /// The machine of a draft just opened at `revision`.
    pub fn new(revision: u64, locked: bool) -> Machine {
        Machine {
            revision,
            status: SaveStatus::Idle,
            armed: None,
            generations: 0,
            in_flight: false,
            again: false,
            clean: true,
            locked,
            lock_change: None,
        }
    }

    pub fn status(&self) -> &SaveStatus {
        &self.status
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn is_locked(&self) -> bool {
        self.locked
    }

    /// Whether everything on screen is stored.
    pub fn is_clean(&self) -> bool {
        self.clean
    }

    /// Whether this page's version may be saved over `theirs`: not when the other page locked
    /// or unlocked the draft meanwhile, since its files were moved to match (sealed or plain)
    /// and this page's body would refer to copies that are gone.
    pub fn may_keep_mine(&self, theirs: &DraftMetaV1) -> bool {
        theirs.lock.is_some() == self.locked
    }

    /// Takes one input and says what to do, in order.
    pub fn handle(&mut self, input: Input) -> Vec<Effect> {
        let mut effects = Vec::new();
        match input {
            Input::Edited => {
                self.clean = false;
                if !self.in_conflict() {
                    self.status = SaveStatus::Dirty;
                    self.generations += 1;
                    self.armed = Some(self.generations);
                    effects.push(Effect::ArmPause { generation: self.generations, after_ms: DEBOUNCE_MS });
                }
            }
            Input::PauseElapsed { generation } => {
                if self.armed == Some(generation) {
                    self.armed = None;
                    self.save(&mut effects);
                }
            }
            Input::Flush => {
                if self.armed.take().is_some() {
                    self.save(&mut effects);
                }
            }
            Input::PageHide => {
                if !self.clean {
                    // A locked draft is never written readable, not even to rescue it.
                    if !self.locked {
                        effects.push(Effect::Rescue { revision: self.revision + 1 });
                    }
                    self.armed = None;
                    self.save(&mut effects);
                }
            }
            Input::Saved(saved) => self.saved(*saved, &mut effects),
            Input::SaveFailed(error) => {
                self.in_flight = false;
                self.again = false;
                self.status = match error {
                    StoreError::Conflict(theirs) => SaveStatus::Conflict(theirs),
                    other => SaveStatus::Failed(other),
                };
            }
            Input::KeepMine => {
                if let SaveStatus::Conflict(theirs) = &self.status {
                    if self.may_keep_mine(theirs) {
                        self.revision = theirs.revision;
                        self.status = SaveStatus::Dirty;
                        self.save(&mut effects);
                    }
                }
            }
            Input::TookTheirs { revision, locked } => {
                self.revision = revision;
                self.locked = locked;
                self.armed = None;
                self.clean = true;
                self.status = SaveStatus::Idle;
            }
            Input::LockSet { locked } => {
                self.locked = locked;
                self.lock_change = Some(if locked { LockChange::Locked } else { LockChange::Unlocked });
                self.armed = None;
                self.clean = false;
                self.save(&mut effects);
            }
        }
        effects
    }

    fn in_conflict(&self) -> bool {
        matches!(self.status, SaveStatus::Conflict(_))
    }

    fn save(&mut self, effects: &mut Vec<Effect>) {
        if self.in_conflict() {
            return;
        }
        if self.in_flight {
            self.again = true;
            return;
        }
        self.in_flight = true;
        self.status = SaveStatus::Saving;
        effects.push(Effect::Write { revision: self.revision + 1 });
    }

    fn saved(&mut self, saved: DraftMetaV1, effects: &mut Vec<Effect>) {
        self.in_flight = false;
        let again = std::mem::take(&mut self.again);
        self.revision = saved.revision;
        // A save started before the lock changed does not finish the change.
        if let Some(change) = self.lock_change {
            if (change == LockChange::Locked) == saved.lock.is_some() {
                self.lock_change = None;
                effects.push(Effect::FinishLockChange(change));
            }
        }
        if again {
            self.save(effects);
            return;
        }
        if self.armed.is_none() {
            self.clean = true;
            effects.push(Effect::ForgetRescue);
        }
        self.status = SaveStatus::Saved { at_ms: saved.saved_at, deleted: saved.deleted_at.is_some() };
    }
}
