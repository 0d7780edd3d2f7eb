//! What validation says: findings of single rules, and the report of violations for a whole form.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::path::FieldPath;

/// How serious a finding is. An error blocks going on to submission; a warning only informs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One thing a rule found wrong with one value: the rule's code (as in the domain spec, e.g.
/// `V-ID-1`), its severity and a Chinese message saying what is wrong and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub code: Cow<'static, str>,
    pub severity: Severity,
    pub message: String,
}

impl Finding {
    pub fn error(code: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Finding {
        Finding { code: code.into(), severity: Severity::Error, message: message.into() }
    }

    pub fn warning(code: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Finding {
        Finding { code: code.into(), severity: Severity::Warning, message: message.into() }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A finding attached to the field it concerns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Violation {
    pub path: FieldPath,
    pub code: Cow<'static, str>,
    pub severity: Severity,
    pub message: String,
}

impl Violation {
    pub fn new(path: FieldPath, finding: Finding) -> Violation {
        Violation { path, code: finding.code, severity: finding.severity, message: finding.message }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Every violation of a form, in schema order. Validation never fails: it always returns a report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub violations: Vec<Violation>,
}

impl Report {
    pub fn errors(&self) -> impl Iterator<Item = &Violation> {
        self.violations.iter().filter(|v| v.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Violation> {
        self.violations.iter().filter(|v| !v.is_error())
    }

    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// The violations of one field (or, for a repeat group, of the group itself).
    pub fn for_path<'a>(&'a self, path: &'a FieldPath) -> impl Iterator<Item = &'a Violation> + 'a {
        self.violations.iter().filter(move |v| &v.path == path)
    }

    /// The violations of a field and of everything inside it (all rows of a group).
    pub fn within<'a>(&'a self, path: &'a FieldPath) -> impl Iterator<Item = &'a Violation> + 'a {
        self.violations.iter().filter(move |v| v.path.starts_with(path))
    }
}
