//! The one SQL the store's rules are written in, run on either database: statements use `?1`-style
//! placeholders and the syntax SQLite and PostgreSQL share (upserts with `ON CONFLICT`,
//! `RETURNING`, `CAST`), values are text, whole numbers or null, and each database says how it
//! starts a transaction holding the locks a rule needs. So what makes a package final, a receipt
//! unique or a file safe to delete is written once (`packages.rs`, `uploads.rs`, `prune.rs`) and
//! holds on both backends.

use super::{StoreError, StoreResult};

/// A value bound to a statement or read from a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Null,
    Int(i64),
    Text(String),
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::Text(text.to_string())
    }
}

impl From<&String> for Value {
    fn from(text: &String) -> Value {
        Value::Text(text.clone())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::Text(text)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Int(n)
    }
}

impl From<u64> for Value {
    fn from(n: u64) -> Value {
        Value::Int(n as i64)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(value: Option<T>) -> Value {
        value.map_or(Value::Null, Into::into)
    }
}

/// Binds values to a statement's placeholders in order: `params![a, b]`.
macro_rules! params {
    ($($value:expr),* $(,)?) => { &[$($crate::store::sql::Value::from($value)),*] };
}
pub(crate) use params;

/// One row of a result.
#[derive(Debug)]
pub struct Row(pub Vec<Value>);

impl Row {
    fn column(&self, i: usize) -> StoreResult<&Value> {
        self.0.get(i).ok_or_else(|| StoreError::Failed(format!("result has no column {i}")))
    }

    pub fn text(&self, i: usize) -> StoreResult<String> {
        self.opt_text(i)?.ok_or_else(|| StoreError::Failed(format!("column {i} is empty")))
    }

    pub fn opt_text(&self, i: usize) -> StoreResult<Option<String>> {
        match self.column(i)? {
            Value::Null => Ok(None),
            Value::Text(text) => Ok(Some(text.clone())),
            Value::Int(n) => Err(StoreError::Failed(format!("column {i} holds the number {n}, not text"))),
        }
    }

    pub fn int(&self, i: usize) -> StoreResult<i64> {
        match self.column(i)? {
            Value::Int(n) => Ok(*n),
            other => Err(StoreError::Failed(format!("column {i} holds {other:?}, not a number"))),
        }
    }
}

/// What a transaction must hold while it runs, besides what its statements lock.
#[derive(Clone, Copy, Debug)]
pub enum Lock<'a> {
    /// Reads only.
    Read,
    /// Changes to one package id (its claim, uploads, finalising, moves), and the right to add
    /// files, which the clean-up's deletion waits for.
    Package(&'a str),
    /// Deleting files no package refers to: no upload or finalising may run meanwhile. Taken
    /// only in a lull (a try-lock, tried for a moment), so that the clean-up never holds up an
    /// applicant's upload; `false` when there was none.
    DeleteFiles,
    /// The clean-up of abandoned uploads, which one instance runs at a time; another instance
    /// already running it makes `begin` answer `None`.
    Housekeeping,
}

/// A transaction: rolled back when dropped unless committed.
pub trait Tx {
    /// Runs a statement; how many rows it changed.
    fn execute(&mut self, sql: &str, params: &[Value]) -> StoreResult<u64>;
    /// Runs a query; every row of its result.
    fn rows(&mut self, sql: &str, params: &[Value]) -> StoreResult<Vec<Row>>;
    fn commit(self: Box<Self>) -> StoreResult<()>;
    /// Takes `lock` too, until the transaction ends; false when it is a try-lock another holds.
    fn hold(&mut self, lock: Lock<'_>) -> StoreResult<bool>;

    /// The first row of a query's result, if any.
    fn row(&mut self, sql: &str, params: &[Value]) -> StoreResult<Option<Row>> {
        Ok(self.rows(sql, params)?.into_iter().next())
    }
}

/// A database the store's rules run on.
pub trait Database: Send + Sync {
    /// Starts a transaction holding `lock`; `None` when the lock is a try-lock another holds.
    fn begin(&self, lock: Lock<'_>) -> StoreResult<Option<Box<dyn Tx + '_>>>;
    /// Where the data is, for messages (never with a password).
    fn describe(&self) -> String;
}

/// A transaction that needs no try-lock.
pub fn begin<'d>(db: &'d dyn Database, lock: Lock<'_>) -> StoreResult<Box<dyn Tx + 'd>> {
    db.begin(lock)?.ok_or_else(|| StoreError::Failed("lock not taken".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_read_back_what_the_column_holds_and_refuse_the_rest() {
        let row = Row(vec![Value::Text("ZC1".into()), Value::Null, Value::Int(3)]);
        assert_eq!(row.text(0).unwrap(), "ZC1");
        assert_eq!(row.opt_text(1).unwrap(), None);
        assert_eq!(row.int(2).unwrap(), 3);
        assert!(row.text(1).is_err(), "an empty column is not text");
        assert!(row.int(0).is_err(), "text is not a number");
        assert!(row.text(3).is_err(), "no such column");
    }

    #[test]
    fn params_bind_text_numbers_and_nothing() {
        let none: Option<&str> = None;
        let bound: &[Value] = params!["a", 2_i64, none, Some("b".to_string())];
        assert_eq!(bound, &[Value::from("a"), Value::Int(2), Value::Null, Value::Text("b".into())]);
    }
}
