//! Records imported from an earlier declaration (GD 入库信息) are locked: the system keeps them as
//! they were decided, so their answers cannot be changed and their rows cannot be removed; the
//! applicant only chooses whether each goes into this declaration (选定 / 取消选定).

use super::FormState;
use crate::path::{FieldPath, RowId};
use crate::schema::RecordLock;
use crate::value::Value;

/// What the applicant is told when changing a locked record.
pub const LOCKED: &str = "这是已入库的信息，不能修改或删除；不需要纳入本次申报时，请把「选定」改为「否」。";

impl FormState {
    /// The lock of a repeat group's imported records, if its import declares one.
    fn record_lock(&self, group: &str) -> Option<&RecordLock> {
        self.schema.field(group)?.import.as_ref()?.lock.as_ref()
    }

    /// Whether the row `row` of `group` is an imported, locked record.
    pub fn is_locked_record(&self, group: &str, row: RowId) -> bool {
        let Some(lock) = self.record_lock(group) else { return false };
        self.row(group, row).and_then(|r| r.get(&lock.field)).and_then(Value::as_text) == Some(lock.value.as_str())
    }

    /// Whether this answer may not be changed because it belongs to a locked record, or is the
    /// mark that only an import sets.
    pub fn is_locked_answer(&self, path: &FieldPath) -> bool {
        let Some((group, row)) = &path.row else { return false };
        let Some(lock) = self.record_lock(group) else { return false };
        path.field == lock.field || (self.is_locked_record(group, *row) && !lock.editable.contains(&path.field))
    }
}
