//! A persona (`public/training/personas/<id>.json`, format `zhicheng.persona` version 1): who the
//! trainee plays, which declaration of the catalog, the partly filled draft with its planted
//! mistakes, and the script of the rehearsal. Read in two steps, as the data arrives: the file on
//! its own (`from_json`), then against its form (`prepare`), which gives the starting draft.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use serde_json::Value as Json;

use super::answers::answers_for;
use super::bounded;
use super::planted::Planted;
use super::script::{Script, ScriptStep};
use crate::catalog::{is_plain_id, Actor, Catalog};
use crate::schema::{Diagnostic, FormSchema};
use crate::state::FormState;
use crate::stored::draft::{DraftV1, Position, DRAFT_FORMAT};
use crate::value::{Answers, Value};

pub const PERSONA_FORMAT: &str = "zhicheng.persona";
/// A persona file is at most this large (it comes over the network or from a trainer's file).
pub const MAX_PERSONA_BYTES: usize = 256 * 1024;
const MAX_PLANTED: usize = 20;

/// A persona as its file says.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    pub format: String,
    pub format_version: u32,
    pub id: String,
    /// As the card shows it: 「李明（普通申报 · 中级→副高）」.
    pub name: String,
    #[serde(default)]
    pub role: Actor,
    pub summary: String,
    /// The declaration, as the catalog names it.
    pub system: String,
    pub business: String,
    answers: BTreeMap<String, Json>,
    #[serde(default)]
    pub planted: Vec<Planted>,
    #[serde(default)]
    script: Vec<ScriptStep>,
}

/// A persona ready to start: its first draft and its script, both checked against the form.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub draft: DraftV1,
    pub script: Script,
}

impl Persona {
    /// Reads a persona file and checks what it says on its own: format, id, sizes.
    pub fn from_json(text: &str) -> Result<Persona, Vec<Diagnostic>> {
        let place = "角色文件";
        if text.len() > MAX_PERSONA_BYTES {
            return Err(vec![Diagnostic::new(place, format!("文件超过 {} KB", MAX_PERSONA_BYTES / 1024))]);
        }
        let persona: Persona =
            serde_json::from_str(text).map_err(|e| vec![Diagnostic::new(place, format!("不是有效的角色文件：{e}"))])?;
        let place = format!("角色「{}」", persona.id);
        let mut out = Vec::new();
        if persona.format != PERSONA_FORMAT || persona.format_version != 1 {
            out.push(Diagnostic::new(&place, format!("format 须为「{PERSONA_FORMAT}」，format_version 须为 1")));
        }
        if !is_plain_id(&persona.id) {
            out.push(Diagnostic::new(&place, "id 须由小写字母、数字和连字符组成"));
        }
        bounded(&persona.name, "name", 40, &place, &mut out);
        bounded(&persona.summary, "summary", 300, &place, &mut out);
        if persona.planted.len() > MAX_PLANTED {
            out.push(Diagnostic::new(&place, format!("planted 最多 {MAX_PLANTED} 项")));
        }
        let mut ids = BTreeSet::new();
        for planted in &persona.planted {
            if !is_plain_id(&planted.id) || !ids.insert(planted.id.as_str()) {
                out.push(Diagnostic::new(&place, format!("预设错误 id「{}」不合规或重复", planted.id)));
            }
        }
        if out.is_empty() {
            Ok(persona)
        } else {
            Err(out)
        }
    }

    /// The form this persona fills and the answers its business presets, from the catalog.
    pub fn form<'c>(&self, catalog: &'c Catalog) -> Result<(&'c str, &'c BTreeMap<String, String>), Diagnostic> {
        let naming = catalog.business(&self.system, &self.business).ok_or_else(|| {
            Diagnostic::new(
                format!("角色「{}」", self.id),
                format!("目录中没有系统「{}」的业务「{}」", self.system, self.business),
            )
        })?;
        Ok((&naming.business.form, &naming.business.preset))
    }

    /// The starting draft and the script on `schema` (the persona's form), with the business's
    /// `preset` answers under the persona's own, or every problem found.
    pub fn prepare(&self, schema: &FormSchema, preset: &BTreeMap<String, String>) -> Result<Prepared, Vec<Diagnostic>> {
        let place = format!("角色「{}」", self.id);
        let mut out = Vec::new();
        let mut answers: Answers = preset.iter().map(|(id, v)| (id.clone(), Value::text(v.clone()))).collect();
        match answers_for(schema, &self.answers, &place) {
            Ok(own) => answers.extend(own),
            Err(problems) => out.extend(problems),
        }
        for planted in &self.planted {
            planted.check(schema, &answers, &place, &mut out);
        }
        let script = Script::of(&self.script, schema, &place, &mut out);
        if !out.is_empty() {
            return Err(out);
        }
        // No step shows its messages yet: the trainee finds the mistakes by checking each step,
        // as the messages appear on leaving a field or pressing 下一步 (核对信息 lists them all).
        let draft = DraftV1 {
            format: DRAFT_FORMAT.to_string(),
            format_version: 1,
            form_id: schema.id.clone(),
            schema_version: schema.version,
            answers,
            touched: Vec::new(),
            visited_steps: Vec::new(),
            revealed_steps: Vec::new(),
            position: Position::Step(0),
            next_row_id: 1,
            finished: false,
            set_aside: Vec::new(),
            attachments: Default::default(),
            printed: Default::default(),
        };
        Ok(Prepared { draft, script })
    }

    /// The planted mistakes the engine does not report in `state` (a persona's fresh draft must
    /// report every one, or the trainee is sent looking for a mistake that is not there).
    pub fn unreported<'a>(&'a self, state: &FormState) -> Vec<&'a Planted> {
        self.planted.iter().filter(|p| !p.is_reported(state)).collect()
    }
}
