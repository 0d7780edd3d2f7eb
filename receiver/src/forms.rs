//! The forms this receiver knows, read from a folder of schemas (`public/forms/*.json`), and the
//! check of a package's answers against its form's rules: the same engine the app runs, so a
//! package the app would not finish is refused here too, with the field and the reason. The
//! answers must be exactly those the engine submits for them (`recheck`), the applicant named in
//! the manifest the one the answers name, and each file of a type its material takes.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use zhicheng_engine::attachments::{accepted_description, accepts_media_type};
use zhicheng_engine::materials::checklist;
use zhicheng_engine::stored::package::Applicant;

use crate::recheck;
use zhicheng_engine::{Date, FieldProblem, FormSchema, FormState, PackageManifestV1};

/// The text of the shared part `id` (`parts/<id>.json` beside the forms); only plain ids are
/// looked up, so a schema cannot name a file elsewhere.
fn read_part(folder: &Path, id: &str) -> Option<String> {
    let plain = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    plain.then(|| std::fs::read_to_string(folder.join("parts").join(format!("{id}.json"))).ok()).flatten()
}

/// Checked schemas by form id.
#[derive(Clone, Debug, Default)]
pub struct Forms(BTreeMap<String, Arc<FormSchema>>);

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
        Ok(Forms(forms))
    }

    /// The schema of form `id`, if this receiver knows it.
    pub fn get(&self, id: &str) -> Option<&FormSchema> {
        self.0.get(id).map(|schema| schema.as_ref())
    }

    pub fn ids(&self) -> Vec<String> {
        self.0.keys().cloned().collect()
    }

    /// The problems with a package's answers under its form's rules (empty when it could be
    /// finished in the app): unknown form or version, files attached to materials the form does not
    /// list or that do not apply to the answers, errors, required materials without files.
    pub fn check_answers(&self, manifest: &PackageManifestV1, today: Date) -> Vec<FieldProblem> {
        let problem = |path: &str, message: String| vec![FieldProblem { path: path.to_string(), message }];
        let Some(schema) = self.0.get(&manifest.form_id) else {
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
        let state = match FormState::from_draft(schema.clone(), draft, today) {
            Ok(state) => state,
            Err(reason) => return problem("answers", format!("答案无法按表单读取：{reason}")),
        };
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
