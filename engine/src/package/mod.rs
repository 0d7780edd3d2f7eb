//! Building the submission package (format `zhicheng.package` version 1, `stored::package`;
//! protocol/README.md §1): the manifest a finished declaration leaves the browser with. It can only be built from a
//! [`FinishedDeclaration`], which only a declaration without errors and without missing required
//! materials can give, so an unfinished declaration cannot be packaged by mistake.

use std::collections::BTreeSet;

use crate::date::Date;
use crate::schema::FormSchema;
use crate::state::FormState;
use crate::stored::attached::Attachments;
use crate::stored::draft::{DraftV1, Position, DRAFT_FORMAT};
use crate::stored::package::{
    Applicant, PackageManifestV1, PackagedFile, PackagedReport, PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION,
};
use crate::value::{Answers, Value};

mod check;

pub use check::{is_sha256_hex, is_uuid_v4, MAX_ATTACHMENT_ENTRIES, MAX_REPORTS, MAX_ROWS};

/// A declaration ready to be packaged. Its only constructor is [`FormState::finished_declaration`].
#[derive(Clone, Copy, Debug)]
pub struct FinishedDeclaration<'a> {
    state: &'a FormState,
}

/// Why a declaration cannot be packaged yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotFinished {
    pub errors: usize,
    pub missing_materials: Vec<String>,
}

impl NotFinished {
    /// What to do, in the applicant's words.
    pub fn message(&self) -> String {
        let mut parts = Vec::new();
        if self.errors > 0 {
            parts.push(format!("还有 {} 处错误", self.errors));
        }
        if !self.missing_materials.is_empty() {
            parts.push(format!("还有 {} 项必传材料未上传", self.missing_materials.len()));
        }
        format!("申报表{}，请到「核对信息」处理后再提交。", parts.join("、"))
    }
}

impl FormState {
    /// The declaration, if it has no errors and no missing required materials.
    pub fn finished_declaration(&self) -> Result<FinishedDeclaration<'_>, NotFinished> {
        let errors = self.report().errors().count();
        let missing_materials = self.missing_materials();
        if errors == 0 && missing_materials.is_empty() {
            Ok(FinishedDeclaration { state: self })
        } else {
            Err(NotFinished { errors, missing_materials })
        }
    }
}

/// What the client fixes when it builds a package (the engine has no clock and no randomness).
#[derive(Clone, Debug)]
pub struct PackageStamp {
    pub package_id: String,
    pub client_version: String,
    pub created_at_ms: u64,
    pub submitted_at_ms: u64,
}

impl PackageManifestV1 {
    /// The manifest of a finished declaration: the answers it submits (those of fields visible
    /// under its answers; hidden answers never leave the browser), the files of the materials that
    /// apply (in checklist order) and the reports given.
    pub fn build(
        finished: FinishedDeclaration<'_>,
        stamp: PackageStamp,
        reports: Vec<PackagedReport>,
    ) -> PackageManifestV1 {
        let state = finished.state;
        let schema = state.schema();
        let answers = state.submission_answers();
        let applicant = Applicant::from_answers(schema, &answers);
        let refers_to = schema.settings.decides.as_ref().and_then(|d| answers.get(&d.subject_field));
        let refers_to = refers_to.and_then(Value::as_text).map(|id| id.trim().to_string());
        let attachments = crate::materials::checklist(&state.evaluator())
            .iter()
            .filter_map(|m| state.attachments().get(&m.material.id).map(|files| (&m.material.id, files)))
            .flat_map(|(material, files)| files.iter().map(move |f| PackagedFile::of(material, f)))
            .collect();
        PackageManifestV1 {
            format: PACKAGE_FORMAT.to_string(),
            format_version: PACKAGE_FORMAT_VERSION,
            package_id: stamp.package_id,
            form_id: schema.id.clone(),
            schema_version: schema.version,
            client_version: stamp.client_version,
            created_at: rfc3339(stamp.created_at_ms),
            submitted_at: rfc3339(stamp.submitted_at_ms),
            applicant,
            answers,
            attachments,
            reports,
            refers_to,
        }
    }

    /// Every file to upload once: the attachments without repeats of the same content.
    pub fn unique_files(&self) -> Vec<&PackagedFile> {
        let mut seen = BTreeSet::new();
        self.attachments.iter().filter(|f| seen.insert(f.sha256.as_str())).collect()
    }

    /// Bytes to upload: each distinct file once.
    pub fn total_bytes(&self) -> u64 {
        self.unique_files().iter().map(|f| f.size).sum()
    }
}

impl Applicant {
    /// Who a package is for, read from its answers (the fields the form's settings name), so that
    /// the name and ID a receiver lists can never disagree with what was declared.
    pub fn from_answers(schema: &FormSchema, answers: &Answers) -> Applicant {
        let text = |field: Option<&String>| {
            field.and_then(|f| answers.get(f)).and_then(Value::as_text).unwrap_or("").trim().to_string()
        };
        Applicant {
            name: text(schema.settings.draft_summary.as_ref().map(|d| &d.applicant)),
            id_number: text(schema.settings.applicant_id_field.as_ref()),
        }
    }
}

/// A UUID v4 from 16 random bytes (the caller's randomness; the engine has none).
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex = crate::hex::to_hex(&bytes);
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// The draft a package was built from, as far as the package tells: the answers it submitted
/// and its files by material, finished, on 核对信息. What the receiver checks the rules on, and
/// what 查看 shows of a package as it was sent.
pub fn draft_of(manifest: &PackageManifestV1) -> DraftV1 {
    let mut attachments = Attachments::new();
    for file in &manifest.attachments {
        attachments.entry(file.material.clone()).or_default().push(file.attached());
    }
    DraftV1 {
        format: DRAFT_FORMAT.to_string(),
        format_version: 1,
        form_id: manifest.form_id.clone(),
        schema_version: manifest.schema_version,
        answers: manifest.answers.clone(),
        touched: Vec::new(),
        revealed_steps: Vec::new(),
        visited_steps: Vec::new(),
        position: Position::Review,
        // Restoring raises this past every row id in the answers.
        next_row_id: 1,
        finished: true,
        set_aside: Vec::new(),
        attachments,
        printed: std::collections::BTreeMap::new(),
    }
}

/// Milliseconds since the epoch as RFC 3339 UTC, to the second: `2026-11-23T08:00:00Z`.
pub fn rfc3339(ms: u64) -> String {
    let seconds = ms / 1000;
    let date = Date::from_days((seconds / 86_400) as i64);
    let in_day = seconds % 86_400;
    format!("{}T{:02}:{:02}:{:02}Z", date.iso(), in_day / 3600, in_day % 3600 / 60, in_day % 60)
}

/// The milliseconds since the epoch of an RFC 3339 UTC time (`…Z`, optional fraction).
pub fn parse_rfc3339(text: &str) -> Option<u64> {
    let (date, time) = text.strip_suffix('Z')?.split_once('T')?;
    let date = Date::parse(date)?;
    let (hms, fraction) = match time.split_once('.') {
        Some((_, "")) => return None,
        Some(parts) => parts,
        None => (time, ""),
    };
    let mut parts = hms.split(':').map(|p| (p.len() == 2).then(|| p.parse::<u64>().ok()).flatten());
    let (h, m, s) = (parts.next()??, parts.next()??, parts.next()??);
    if parts.next().is_some() || h > 23 || m > 59 || s > 60 || !fraction.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    date.epoch_ms(h, m, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_round_trip_and_malformed_ones_are_refused() {
        let cases = [
            (0, "1970-01-01T00:00:00Z"),
            (1_795_420_800_000, "2026-11-23T08:00:00Z"),
            (951_782_400_000, "2000-02-29T00:00:00Z"),
        ];
        for (ms, text) in cases {
            assert_eq!(rfc3339(ms), text);
            assert_eq!(parse_rfc3339(text), Some(ms), "{text}");
        }
        assert_eq!(parse_rfc3339("2026-11-23T08:00:00.250Z"), Some(1_795_420_800_000));
        for bad in [
            "2026-11-23T08:00:00.Z",
            "2026-11-23T08:00:00",
            "2026-11-23 08:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-11-23T24:00:00Z",
            "2026-11-23T8:00:00Z",
            "x",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn package_ids_are_version_4_uuids() {
        let id = uuid_v4([0xff; 16]);
        assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert!(is_uuid_v4(&id));
        assert!(is_uuid_v4(&uuid_v4([0; 16])));
        for bad in [
            "FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF",
            "ffffffff-ffff-1fff-bfff-ffffffffffff",
            "ffffffff-ffff-4fff-cfff-ffffffffffff",
            "ffffffffffff4fffbfffffffffffffff",
            "",
        ] {
            assert!(!is_uuid_v4(bad), "{bad}");
        }
    }
}
