//! The unit's desk (protocol §2.8): the declarations reported to the unit, as the receiver lists
//! them for the holder of the unit's key (the host adds the key to its requests, as it adds a
//! portal's login), one of them read with its manifest, and the answers a decision draft starts
//! with — the decided package's id, 业务流水号 and the answers the decision form copies (fixed,
//! read-only), and the unit's name and credit code.

use serde_json::Value as Json;
use zhicheng_engine::schema::Decides;
use zhicheng_engine::{FormSchema, PackageManifestV1, PackageStage, PackageStatus, Value};

use crate::portable::JsonCodec;
use crate::ports::transport::Reply;
use crate::ports::Ports;
use crate::Workspace;

pub mod from_file;

/// The unit the key names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeskUnit {
    pub code: String,
    pub name: String,
}

/// A package reported to the unit, as listed.
#[derive(Clone, Debug, PartialEq)]
pub struct Reported {
    pub package_id: String,
    pub receipt: String,
    pub form_id: String,
    pub applicant: String,
    pub status: Option<PackageStatus>,
    pub stage: Option<PackageStage>,
    pub received_at: String,
}

/// What the receiver lists for the unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Inbox {
    pub unit: DeskUnit,
    pub packages: Vec<Reported>,
}

fn text(body: &Json, pointer: &str) -> String {
    body.pointer(pointer).and_then(Json::as_str).unwrap_or("").to_string()
}

fn reported(body: &Json) -> Reported {
    Reported {
        package_id: text(body, "/package_id"),
        receipt: text(body, "/receipt"),
        form_id: text(body, "/form_id"),
        applicant: text(body, "/applicant/name"),
        status: text(body, "/status").parse().ok(),
        stage: body.get("stage").and_then(|s| serde_json::from_value(s.clone()).ok()),
        received_at: text(body, "/received_at"),
    }
}

/// A reply the desk can use, or the receiver's words for why not.
fn usable(reply: Result<Reply, crate::ports::transport::NoReply>) -> Result<Reply, String> {
    let reply = reply.map_err(|e| format!("无法连接接收端：{}", e.message()))?;
    if reply.speaks_protocol && reply.status == 200 {
        Ok(reply)
    } else {
        Err(reply.explanation())
    }
}

async fn endpoint(ports: &Ports) -> Result<String, String> {
    ports.resources.submit_endpoint().await
}

/// The declarations reported to the unit, newest first.
pub async fn inbox(ports: &Ports) -> Result<Inbox, String> {
    let url = format!("{}v1/units/packages", endpoint(ports).await?);
    let reply = usable(ports.transport.send("GET", &url, None, "").await)?;
    let unit = DeskUnit { code: text(&reply.body, "/unit/code"), name: text(&reply.body, "/unit/name") };
    let packages = reply.body["packages"].as_array().map(|all| all.iter().map(reported).collect()).unwrap_or_default();
    Ok(Inbox { unit, packages })
}

/// One declaration reported to the unit, with its manifest exactly as the applicant sent it, read
/// with the host's JSON codec `J` (the browser's reads the outbox with the same decoder).
pub async fn package<J: JsonCodec>(ports: &Ports, package_id: &str) -> Result<(Reported, PackageManifestV1), String> {
    let url = format!("{}v1/units/packages/{package_id}", endpoint(ports).await?);
    let reply = usable(ports.transport.send("GET", &url, None, "").await)?;
    let text = serde_json::to_string(&reply.body["manifest"]).map_err(|e| e.to_string())?;
    let manifest: PackageManifestV1 = J::from_text(&text).map_err(|e| format!("接收端返回的申报包无法读取：{e}"))?;
    if manifest.package_id != package_id {
        return Err("接收端返回的申报包与所选的不一致".into());
    }
    Ok((reported(&reply.body["package"]), manifest))
}

/// Where the unit reads a file of a declaration reported to it (the host fetches it with the key).
pub async fn file_url(ports: &Ports, package_id: &str, sha256: &str) -> Result<String, String> {
    Ok(format!("{}v1/units/packages/{package_id}/files/{sha256}", endpoint(ports).await?))
}

/// The draft of the decision on a package: one per declaration, so 审核 again opens the one begun.
pub fn decision_draft_id(package_id: &str) -> String {
    format!("decision-{package_id}")
}

/// Opens the decision on a declaration the receiver listed: the draft begun for it, else a new
/// one made from the package (read with the host's JSON codec `J`).
pub async fn open_reported<J: JsonCodec>(
    workspace: &Workspace,
    listed: &Reported,
    unit: &DeskUnit,
) -> Result<(), String> {
    let schema = workspace.schema().clone();
    let decides = schema.settings.decides.as_ref().ok_or("这张表单不是审核表")?;
    let (listed, manifest) = package::<J>(workspace.ports(), &listed.package_id).await?;
    let answers = decision_answers(&schema, decides, &listed, &manifest, unit);
    workspace.open_or_create_prefilled(&decision_draft_id(&listed.package_id), answers, None).await
}

/// The answers a decision on `listed` starts with: the fixed answers taken from the package, and
/// the unit's name and credit code where the decision form names them.
pub fn decision_answers(
    decision_form: &FormSchema,
    decides: &Decides,
    listed: &Reported,
    manifest: &PackageManifestV1,
    unit: &DeskUnit,
) -> Vec<(String, Value)> {
    let mut answers = vec![
        (decides.subject_field.clone(), Value::text(&listed.package_id)),
        (decides.receipt_field.clone(), Value::text(&listed.receipt)),
    ];
    for (ours, theirs) in &decides.copies {
        if let Some(answer) = manifest.answers.get(theirs).filter(|v| !v.is_blank()) {
            answers.push((ours.clone(), Value::text(answer.display())));
        }
    }
    let settings = &decision_form.settings;
    let unit_fields = [
        (settings.draft_summary.as_ref().map(|d| d.applicant.clone()), &unit.name),
        (settings.applicant_id_field.clone(), &unit.code),
    ];
    for (field, given) in unit_fields {
        if let Some(field) = field.filter(|_| !given.is_empty()) {
            answers.push((field, Value::text(given)));
        }
    }
    answers
}

#[cfg(test)]
mod tests;
