//! Where a received package stands, as a receiver records and reports it (protocol/README.md
//! §2.4, `StatusName` in protocol/openapi.yaml) and as the outbox keeps it: the five words of the
//! portals' 我的事项, and what each status allows. Both the app and the receiver use this one enum.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A received package's status, serialised as its word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PackageStatus {
    /// Received; nobody has started on it, so the applicant may still withdraw it (撤回).
    #[serde(rename = "待办中")]
    Waiting,
    #[serde(rename = "办理中")]
    InProgress,
    /// Returned to the applicant with a reason; the declaration comes back as a new package.
    #[serde(rename = "退回")]
    Returned,
    #[serde(rename = "办结")]
    Done,
    /// Withdrawn by the applicant.
    #[serde(rename = "已撤回")]
    Withdrawn,
    /// Ended by the applicant after a 退回 (终止申报): nobody handles it any more, and the
    /// declaration is not sent again from it.
    #[serde(rename = "已终止")]
    Terminated,
}

/// A word that is not one of the five statuses.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("「{0}」不是申报包的状态（应为 待办中、办理中、退回、办结、已撤回 或 已终止）")]
pub struct UnknownStatus(pub String);

/// Why an operator's status change cannot be made as asked.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum StatusChangeError {
    #[error("状态只能是 办理中、退回 或 办结")]
    NotAnOperatorStatus,
    #[error("退回时必须写明原因，申报人会看到它")]
    ReasonMissing,
}

impl PackageStatus {
    pub const ALL: [PackageStatus; 6] = [
        PackageStatus::Waiting,
        PackageStatus::InProgress,
        PackageStatus::Returned,
        PackageStatus::Done,
        PackageStatus::Withdrawn,
        PackageStatus::Terminated,
    ];

    /// The word stored and sent for this status.
    pub fn word(self) -> &'static str {
        match self {
            PackageStatus::Waiting => "待办中",
            PackageStatus::InProgress => "办理中",
            PackageStatus::Returned => "退回",
            PackageStatus::Done => "办结",
            PackageStatus::Withdrawn => "已撤回",
            PackageStatus::Terminated => "已终止",
        }
    }

    /// Withdrawing (撤回) is allowed only before anyone has started on the package.
    pub fn withdrawable(self) -> bool {
        self == PackageStatus::Waiting
    }

    /// Ending the declaration (终止申报) is the applicant's choice once it came back (退回).
    pub fn terminable(self) -> bool {
        self == PackageStatus::Returned
    }

    /// Whether nothing more will happen to the package: 办结, withdrawn or ended.
    pub fn is_final(self) -> bool {
        matches!(self, PackageStatus::Done | PackageStatus::Withdrawn | PackageStatus::Terminated)
    }

    /// Whether the declaration can be edited and sent again: it was returned or withdrawn.
    pub fn releases_draft(self) -> bool {
        matches!(self, PackageStatus::Returned | PackageStatus::Withdrawn)
    }

    /// The moves an operator may make, forward only: 待办中 → 办理中 or 退回; 办理中 → 退回 or
    /// 办结. A withdrawn, returned or finished package stays as it is (a returned declaration
    /// comes back as a new package).
    pub fn operator_may_move_to(self, to: PackageStatus) -> bool {
        use PackageStatus::*;
        matches!((self, to), (Waiting, InProgress | Returned) | (InProgress, Returned | Done))
    }

    /// The status an operator's command names: 办理中, 退回 or 办结 (待办中 is where a package
    /// starts, 已撤回 the applicant's own act).
    pub fn operator_target(word: &str) -> Result<PackageStatus, StatusChangeError> {
        match word.parse() {
            Ok(status @ (PackageStatus::InProgress | PackageStatus::Returned | PackageStatus::Done)) => Ok(status),
            _ => Err(StatusChangeError::NotAnOperatorStatus),
        }
    }

    /// The reason kept with a move to this status: a 退回 needs one, since the applicant reads it
    /// as 退回原因; no other status keeps one.
    pub fn reason_to_keep(self, given: Option<&str>) -> Result<Option<&str>, StatusChangeError> {
        match (self, given) {
            (PackageStatus::Returned, Some(reason)) if !reason.trim().is_empty() => Ok(Some(reason)),
            (PackageStatus::Returned, _) => Err(StatusChangeError::ReasonMissing),
            _ => Ok(None),
        }
    }
}

impl fmt::Display for PackageStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

impl FromStr for PackageStatus {
    type Err = UnknownStatus;

    fn from_str(word: &str) -> Result<PackageStatus, UnknownStatus> {
        PackageStatus::ALL.into_iter().find(|s| s.word() == word).ok_or_else(|| UnknownStatus(word.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PackageStatus::*;

    #[test]
    fn the_words_are_those_of_the_protocol() {
        let openapi = include_str!("../../../protocol/openapi.yaml");
        let listed = openapi.lines().find_map(|l| l.trim().strip_prefix("enum: [")).expect("StatusName's enum");
        let mut words: Vec<&str> = listed.trim_end_matches(']').split(", ").collect();
        let mut ours: Vec<&str> = PackageStatus::ALL.iter().map(|s| s.word()).collect();
        words.sort();
        ours.sort();
        assert_eq!(ours, words);
        for status in PackageStatus::ALL {
            assert_eq!(serde_json::to_value(status).unwrap(), status.word());
            assert_eq!(status.word().parse(), Ok(status));
        }
        assert_eq!("已完成".parse::<PackageStatus>(), Err(UnknownStatus("已完成".into())));
    }

    #[test]
    fn operators_move_packages_forward_only() {
        let allowed = [(Waiting, InProgress), (Waiting, Returned), (InProgress, Returned), (InProgress, Done)];
        for from in PackageStatus::ALL {
            for to in PackageStatus::ALL {
                assert_eq!(from.operator_may_move_to(to), allowed.contains(&(from, to)), "{from} → {to}");
            }
        }
        assert!(PackageStatus::ALL.iter().all(|s| s.withdrawable() == (*s == Waiting)));
        assert!(PackageStatus::ALL.iter().all(|s| s.terminable() == (*s == Returned)));
        assert!(!Terminated.releases_draft(), "an ended declaration is not sent again");
    }

    #[test]
    fn an_operator_sets_three_statuses_and_a_return_needs_a_reason() {
        assert_eq!(PackageStatus::operator_target("退回"), Ok(Returned));
        for word in ["待办中", "已撤回", "完成", ""] {
            assert_eq!(PackageStatus::operator_target(word), Err(StatusChangeError::NotAnOperatorStatus), "{word}");
        }
        assert_eq!(Returned.reason_to_keep(Some("缺少盖章")), Ok(Some("缺少盖章")));
        assert_eq!(Returned.reason_to_keep(Some("  ")), Err(StatusChangeError::ReasonMissing));
        assert_eq!(Returned.reason_to_keep(None), Err(StatusChangeError::ReasonMissing));
        assert_eq!(Done.reason_to_keep(Some("顺利")), Ok(None), "only a 退回 keeps a reason");
    }
}
