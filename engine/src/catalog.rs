//! The declarations on offer (`public/catalog.json`): each system (深圳市, 东莞市, 广东省职称管理系统)
//! with the businesses it offers and the form that serves each, so the start page, the 草稿箱 and a
//! portal's widget name a declaration the same way. Data, checked at load like the schemas.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::schema::Diagnostic;

/// Bounds on the file, which comes over the network: a portal can edit it without a rebuild.
const MAX_SYSTEMS: usize = 32;
const MAX_BUSINESSES: usize = 64;

/// Every system and what it offers, in the order the start page shows them.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub systems: Vec<SystemEntry>,
}

/// One city's (or the province's) declaration system.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SystemEntry {
    pub id: String,
    /// As applicants call it: 「东莞市」.
    pub name: String,
    /// The portal it replaces: 「东莞市专业技术人才服务系统」.
    #[serde(default)]
    pub platform: String,
    #[serde(default)]
    pub note: Option<String>,
    pub businesses: Vec<Business>,
}

/// One business of a system: which form serves it, for whom, and the answers it presets.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Business {
    pub id: String,
    /// 「评审」, 「考核认定」, 「初次职称考核认定申请」 …
    pub name: String,
    pub form: String,
    /// Who fills it: the applicant, or the unit's 经办人.
    #[serde(default)]
    pub actor: Actor,
    /// One sentence on who this business is for.
    #[serde(default)]
    pub note: Option<String>,
    /// Answers a new draft starts with (the Shenzhen form's 申报类型, for instance).
    #[serde(default)]
    pub preset: BTreeMap<String, String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    #[default]
    Applicant,
    Unit,
}

/// A declaration as the 草稿箱 names it: its system and its business.
#[derive(Clone, Copy, Debug)]
pub struct Naming<'a> {
    pub system: &'a SystemEntry,
    pub business: &'a Business,
}

impl Catalog {
    /// Checks a decoded catalog: ids unique and plain, every system offering something, sizes
    /// bounded. The problems come back in words for whoever edits the file.
    pub fn checked(self) -> Result<Catalog, Vec<Diagnostic>> {
        let mut out = Vec::new();
        if self.systems.is_empty() || self.systems.len() > MAX_SYSTEMS {
            out.push(Diagnostic::new("目录", format!("目录须列出 1 至 {MAX_SYSTEMS} 个申报系统")));
        }
        let mut systems = BTreeSet::new();
        for system in &self.systems {
            let location = format!("申报系统 {}", system.id);
            if !is_plain_id(&system.id) || !systems.insert(system.id.as_str()) {
                out.push(Diagnostic::new(&location, "系统 id 须由字母、数字和连字符组成，且不重复"));
            }
            if system.businesses.is_empty() || system.businesses.len() > MAX_BUSINESSES {
                out.push(Diagnostic::new(&location, format!("每个系统须列出 1 至 {MAX_BUSINESSES} 项业务")));
            }
            let mut businesses = BTreeSet::new();
            for business in &system.businesses {
                if !is_plain_id(&business.id) || !businesses.insert(business.id.as_str()) {
                    out.push(Diagnostic::new(
                        &location,
                        format!("业务 id「{}」须由字母、数字和连字符组成，且不重复", business.id),
                    ));
                }
                if !is_plain_id(&business.form) {
                    out.push(Diagnostic::new(
                        &location,
                        format!("业务「{}」的表单 id「{}」不合规", business.name, business.form),
                    ));
                }
            }
        }
        if out.is_empty() {
            Ok(self)
        } else {
            Err(out)
        }
    }

    /// Reads and checks a catalog from JSON text (native hosts and tests).
    pub fn from_json(text: &str) -> Result<Catalog, Vec<Diagnostic>> {
        let catalog: Catalog = serde_json::from_str(text)
            .map_err(|e| vec![Diagnostic::new("目录", format!("申报目录不是有效的 JSON：{e}"))])?;
        catalog.checked()
    }

    /// A business by its system's and its own id.
    pub fn business(&self, system: &str, business: &str) -> Option<Naming<'_>> {
        let system = self.systems.iter().find(|s| s.id == system)?;
        let business = system.businesses.iter().find(|b| b.id == business)?;
        Some(Naming { system, business })
    }

    /// How the 草稿箱 names a draft of `form`, given its 申报类型 (`kind`): the business whose
    /// form it is and whose preset matches the kind, else the form's first business.
    pub fn name_of(&self, form: &str, kind: &str) -> Option<Naming<'_>> {
        let offers = || {
            self.systems.iter().flat_map(|system| {
                system.businesses.iter().filter(|b| b.form == form).map(move |business| Naming { system, business })
            })
        };
        offers().find(|n| n.business.preset.values().any(|v| v == kind)).or_else(|| offers().next())
    }
}

/// An id that can go in an address or a file name unchanged (a form's or a part's, which names
/// a file in the forms folder and nowhere else).
pub fn is_plain_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    const CATALOG: &str = include_str!("../../public/catalog.json");

    #[test]
    fn the_catalog_offers_every_system_of_the_province() {
        let catalog = Catalog::from_json(CATALOG).unwrap_or_else(|p| panic!("{p:?}"));
        let names: Vec<&str> = catalog.systems.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["深圳市", "东莞市", "广东省职称管理系统（清远等）"]);
        let exceptional = catalog.name_of("sz-title-review", "破格申报").expect("named");
        assert_eq!((exceptional.system.id.as_str(), exceptional.business.name.as_str()), ("sz", "破格申报"));
        let blank_kind = catalog.name_of("sz-title-review", "").expect("the form's first business");
        assert_eq!(blank_kind.business.name, "普通申报");
        assert!(catalog.name_of("no-such-form", "").is_none());
    }

    #[test]
    fn a_mistaken_catalog_is_refused_with_its_problems() {
        let cases = [
            (r#"{"systems": []}"#, "1 至"),
            (
                r#"{"systems": [{"id": "a b", "name": "x", "businesses": [{"id": "b", "name": "评审", "form": "f"}]}]}"#,
                "系统 id",
            ),
            (r#"{"systems": [{"id": "a", "name": "x", "businesses": []}]}"#, "业务"),
            (
                r#"{"systems": [{"id": "a", "name": "x", "businesses": [{"id": "b", "name": "评审", "form": "../f"}]}]}"#,
                "不合规",
            ),
            (r#"{"systems": [{"id": "a", "name": "x", "extra": 1, "businesses": []}]}"#, "JSON"),
        ];
        for (text, expected) in cases {
            let problems = Catalog::from_json(text).expect_err(text);
            assert!(problems.iter().any(|p| p.to_string().contains(expected)), "{text}: {problems:?}");
        }
    }
}
