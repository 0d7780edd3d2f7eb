//! The forms this receiver knows, read from a folder of schemas (`public/forms/*.json`), and the
//! check of a package's answers against its form's rules: the same engine the app runs, so a
//! package the app would not finish is refused here too, with the field and the reason. The
//! answers must be exactly those the engine submits for them (`recheck`), the applicant named in
//! the manifest the one the answers name, and each file of a type its material takes. Working
//! days (the unit's 公示 periods) are counted with the app's holiday calendar
//! (`public/calendar/cn.json`), read once at start-up.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use zhicheng_engine::attachments::{accepted_description, accepts_media_type};
use zhicheng_engine::materials::checklist;
use zhicheng_engine::stored::package::Applicant;

use crate::recheck;
use zhicheng_engine::schema::Decides;
use zhicheng_engine::{Command, Date, FieldProblem, FormSchema, FormState, HolidayCalendar, PackageManifestV1};

/// The text of the shared part `id` (`parts/<id>.json` beside the forms); only plain ids are
/// looked up, so a schema cannot name a file elsewhere.
fn read_part(folder: &Path, id: &str) -> Option<String> {
    let plain = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    plain.then(|| std::fs::read_to_string(folder.join("parts").join(format!("{id}.json"))).ok()).flatten()
}

/// Checked schemas by form id, and the holiday calendar their rules count working days with
/// (the statutory estimate for every year until one is given).
#[derive(Clone, Debug, Default)]
pub struct Forms {
    schemas: BTreeMap<String, Arc<FormSchema>>,
    calendar: Arc<HolidayCalendar>,
}

/// Where the app keeps its holiday calendar for a folder of forms: `public/calendar/cn.json` for
/// `public/forms`.
pub fn calendar_beside(forms: &Path) -> PathBuf {
    forms.parent().unwrap_or(Path::new(".")).join("calendar").join("cn.json")
}

/// Reads and checks a holiday calendar file; the error names the file.
pub fn read_calendar(path: &Path) -> Result<HolidayCalendar, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    HolidayCalendar::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))
}

impl Forms {
    /// Every `*.json` schema in `folder`; one that does not load is an error naming the file.
    pub fn load(folder: &Path) -> Result<Forms, String> {
        let mut forms = BTreeMap::new();
        let entries = std::fs::read_dir(folder).map_err(|e| format!("cannot read {}: {e}", folder.display()))?;
        for path in
            entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json"))
        {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let words = |problems: Vec<zhicheng_engine::Diagnostic>| {
                problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
            };
            let schema = FormSchema::from_json_with_parts(&text, |id| read_part(folder, id))
                .map_err(words)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            forms.insert(schema.id.clone(), Arc::new(schema));
        }
        let forms = Forms { schemas: forms, calendar: Arc::default() };
        forms.check_decisions()?;
        Ok(forms)
    }

    /// Every decision form fits the form it decides (its stage, outcomes and decider field), so a
    /// unit's decision can always be made as its form says.
    fn check_decisions(&self) -> Result<(), String> {
        for schema in self.schemas.values() {
            let Some(decides) = &schema.settings.decides else { continue };
            let problems = match self.get(&decides.form) {
                None => vec![format!("没有它所决定的表单「{}」", decides.form)],
                Some(decided) => decides.check_against(decided),
            };
            if !problems.is_empty() {
                return Err(format!("表单「{}」的 settings.decides：{}", schema.id, problems.join("；")));
            }
        }
        Ok(())
    }

    /// The form that decides packages of form `id`, with how (a unit's 单位审核), if one does.
    pub fn decided_by(&self, id: &str) -> Option<(&FormSchema, &Decides)> {
        self.schemas
            .values()
            .find_map(|s| s.settings.decides.as_ref().filter(|d| d.form == id).map(|d| (s.as_ref(), d)))
    }

    /// The unit a package is reported to: for a form a unit decides on, the answer of the field
    /// naming the unit's credit code.
    pub fn unit_of(&self, manifest: &PackageManifestV1) -> Option<String> {
        let (_, decides) = self.decided_by(&manifest.form_id)?;
        let answer = manifest.answers.get(&decides.decider_field)?;
        answer.as_text().map(|code| code.trim().to_string()).filter(|code| !code.is_empty())
    }

    /// The same forms counting working days with `calendar`.
    pub fn with_calendar(self, calendar: HolidayCalendar) -> Forms {
        Forms { calendar: Arc::new(calendar), ..self }
    }

    /// The schema of form `id`, if this receiver knows it.
    pub fn get(&self, id: &str) -> Option<&FormSchema> {
        self.schemas.get(id).map(|schema| schema.as_ref())
    }

    pub fn ids(&self) -> Vec<String> {
        self.schemas.keys().cloned().collect()
    }

    /// The problems with a package's answers under its form's rules (empty when it could be
    /// finished in the app): unknown form or version, files attached to materials the form does not
    /// list or that do not apply to the answers, errors, required materials without files.
    pub fn check_answers(&self, manifest: &PackageManifestV1, today: Date) -> Vec<FieldProblem> {
        let problem = |path: &str, message: String| vec![FieldProblem { path: path.to_string(), message }];
        let Some(schema) = self.schemas.get(&manifest.form_id) else {
            return problem("form_id", format!("本接收端不受理表单「{}」", manifest.form_id));
        };
        if manifest.schema_version != schema.version {
            return problem(
                "schema_version",
                format!(
                    "表单「{}」的版本应为 {}，申报包为 {}，请更新后重新提交",
                    schema.id, schema.version, manifest.schema_version
                ),
            );
        }
        let unknown_materials: Vec<FieldProblem> = manifest
            .attachments
            .iter()
            .enumerate()
            .filter(|(_, file)| !schema.materials.iter().any(|m| m.id == file.material))
            .map(|(i, file)| FieldProblem {
                path: format!("attachments[{i}].material"),
                message: format!(
                    "文件「{}」所属的材料「{}」不在表单「{}」的材料清单中",
                    file.name, file.material, schema.title
                ),
            })
            .collect();
        if !unknown_materials.is_empty() {
            return unknown_materials;
        }
        let draft = zhicheng_engine::package::draft_of(manifest);
        let mut state = match FormState::from_draft(schema.clone(), draft, today) {
            Ok(state) => state,
            Err(reason) => return problem("answers", format!("答案无法按表单读取：{reason}")),
        };
        state.apply(Command::SetCalendar(self.calendar.clone()));
        let mut problems = recheck::differences(schema, &manifest.answers, &state.submission_answers());
        let applicant = Applicant::from_answers(schema, &manifest.answers);
        if applicant.name != manifest.applicant.name {
            let message = format!("应与答案中的姓名「{}」一致", applicant.name.escape_debug());
            problems.push(FieldProblem { path: "applicant.name".into(), message });
        }
        if applicant.id_number != manifest.applicant.id_number {
            let message = format!("应与答案中的证件号码「{}」一致", applicant.id_number.escape_debug());
            problems.push(FieldProblem { path: "applicant.id_number".into(), message });
        }
        problems.extend(types_not_accepted(manifest, schema));
        problems.extend(materials_not_applying(manifest, &state));
        problems.extend(
            state
                .report()
                .errors()
                .map(|v| FieldProblem { path: format!("answers.{}", v.path), message: v.message.clone() }),
        );
        problems.extend(
            state
                .missing_materials()
                .into_iter()
                .map(|name| FieldProblem {
                    path: "attachments".into(), message: format!("缺少必传材料「{name}」")
                }),
        );
        problems
    }
}

/// Files whose type their material does not take (a PDF where only a photo is asked for).
fn types_not_accepted(manifest: &PackageManifestV1, schema: &FormSchema) -> Vec<FieldProblem> {
    manifest
        .attachments
        .iter()
        .enumerate()
        .filter_map(|(i, file)| {
            let material = schema.materials.iter().find(|m| m.id == file.material)?;
            let lower = file.media_type.to_ascii_lowercase();
            (!accepts_media_type(&material.accept, &lower)).then(|| FieldProblem {
                path: format!("attachments[{i}].media_type"),
                message: format!(
                    "材料「{}」只接受{}，文件「{}」是 {}",
                    material.name,
                    accepted_description(&material.accept),
                    file.name,
                    file.media_type
                ),
            })
        })
        .collect()
}

/// Files attached to a material of the form that does not apply to the package's answers (a 破格
/// recommendation on a 普通申报): the app never sends one, since it packages only the materials of
/// the checklist the answers give, so the package did not come from a finished declaration.
fn materials_not_applying(manifest: &PackageManifestV1, state: &FormState) -> Vec<FieldProblem> {
    let applying = checklist(&state.evaluator());
    let schema = state.schema();
    manifest
        .attachments
        .iter()
        .enumerate()
        .filter(|(_, file)| !applying.iter().any(|m| m.material.id == file.material))
        .map(|(i, file)| {
            let name = schema.materials.iter().find(|m| m.id == file.material).map_or(&file.material, |m| &m.name);
            FieldProblem {
                path: format!("attachments[{i}].material"),
                message: format!(
                    "文件「{}」所属的材料「{name}」不适用于这份申报：按申报的内容无需提交此项材料，请删除该文件后重新提交",
                    file.name
                ),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calendar_is_read_from_beside_the_forms_and_a_missing_one_is_named() {
        assert_eq!(calendar_beside(Path::new("public/forms")), Path::new("public/calendar/cn.json"));
        let forms = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../public/forms");
        let published = read_calendar(&calendar_beside(&forms)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(published.published_years(), Some((2020, 2026)));
        let missing = read_calendar(Path::new("no-such-folder/cn.json")).unwrap_err();
        assert!(missing.starts_with("no-such-folder/cn.json"), "{missing}");
    }
}
