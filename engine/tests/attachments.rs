//! Files attached to the Shenzhen material checklist: which required items are still missing
//! (「暂未上传」), attaching, reordering and removing, and attachments surviving save and restore.

use std::sync::Arc;

use zhicheng_engine::{AttachedFile, Command, Date, FieldPath, FormState, Outcome, Position, Value};

fn state() -> FormState {
    FormState::new(Arc::new(zhicheng_engine::test_forms::form("sz-title-review")), Date::new(2026, 11, 23).unwrap())
}

fn file(hash: &str, name: &str) -> AttachedFile {
    AttachedFile {
        sha256: hash.repeat(64 / hash.len()),
        name: name.into(),
        media_type: "application/pdf".into(),
        size: 1000,
        pages: Some(2),
    }
}

fn attach(s: &mut FormState, material: &str, f: AttachedFile) -> Outcome {
    s.apply(Command::Attach { material: material.into(), file: f })
}

fn names(s: &FormState, material: &str) -> Vec<String> {
    s.attachments().get(material).map(|files| files.iter().map(|f| f.name.clone()).collect()).unwrap_or_default()
}

#[test]
fn required_materials_stay_missing_until_a_file_is_attached() {
    let mut s = state();
    let missing = s.missing_materials();
    for name in ["照片", "《广东省深圳市职称申报承诺书》（个人）", "学历、学位证明材料"] {
        assert!(missing.iter().any(|m| m == name), "{name} is missing at first: {missing:?}");
    }
    assert!(!missing.iter().any(|m| m.contains("破格申报推荐表")), "only 破格 needs the 推荐表");
    s.apply(Command::SetValue { path: FieldPath::top("declarationType"), value: Value::text("破格申报") });
    assert!(s.missing_materials().iter().any(|m| m.contains("破格申报推荐表")), "{:?}", s.missing_materials());

    assert_eq!(attach(&mut s, "photo", file("a", "证件照.jpg")), Outcome::Done);
    assert!(!s.missing_materials().iter().any(|m| m == "照片"));
}

#[test]
fn files_are_attached_once_reordered_and_removed() {
    let mut s = state();
    assert_eq!(attach(&mut s, "eduProof", file("a", "毕业证.pdf")), Outcome::Done);
    assert_eq!(attach(&mut s, "eduProof", file("b", "学位证.pdf")), Outcome::Done);
    assert_eq!(attach(&mut s, "eduProof", file("c", "学信网认证.pdf")), Outcome::Done);
    match attach(&mut s, "eduProof", file("b", "学位证-副本.pdf")) {
        Outcome::Refused(reason) => assert!(reason.contains("内容相同"), "{reason}"),
        other => panic!("the same content twice was accepted: {other:?}"),
    }
    assert!(matches!(attach(&mut s, "noSuchMaterial", file("d", "x.pdf")), Outcome::Refused(_)));

    let c = file("c", "").sha256;
    assert_eq!(
        s.apply(Command::MoveAttachment { material: "eduProof".into(), sha256: c.clone(), offset: -5 }),
        Outcome::Done
    );
    assert_eq!(names(&s, "eduProof"), ["学信网认证.pdf", "毕业证.pdf", "学位证.pdf"]);
    assert_eq!(s.apply(Command::Detach { material: "eduProof".into(), sha256: c.clone() }), Outcome::Done);
    assert_eq!(names(&s, "eduProof"), ["毕业证.pdf", "学位证.pdf"]);
    assert!(matches!(s.apply(Command::Detach { material: "eduProof".into(), sha256: c }), Outcome::Refused(_)));
}

#[test]
fn attachments_survive_saving_and_restoring_the_draft() {
    let mut s = state();
    attach(&mut s, "photo", file("a", "证件照.jpg"));
    attach(&mut s, "eduProof", file("b", "毕业证.pdf"));
    let restored = FormState::from_draft(s.schema().clone(), s.to_draft(), s.today()).unwrap();
    assert_eq!(restored.attachments(), s.attachments());
    assert_eq!(restored.missing_materials(), s.missing_materials());
}

#[test]
fn the_materials_page_sits_between_the_last_step_and_the_review() {
    let mut s = state();
    let last = *s.visible_steps().last().unwrap();
    s.apply(Command::SetValue { path: FieldPath::top("pledgeAccepted"), value: Value::Bool(true) });
    assert_eq!(s.apply(Command::GoTo(Position::Step(last))), Outcome::Done);
    s.apply(Command::GoTo(Position::Materials));
    assert_eq!(s.position(), Position::Materials);
    assert_eq!(s.apply(Command::Previous), Outcome::Done);
    assert_eq!(s.position(), Position::Step(last));
    s.apply(Command::GoTo(Position::Materials));
    assert_eq!(s.apply(Command::Next), Outcome::Done, "missing materials do not hold the applicant on the page");
    assert_eq!(s.position(), Position::Review);
    assert_eq!(s.apply(Command::Previous), Outcome::Done);
    assert_eq!(s.position(), Position::Materials);
}

#[test]
fn finishing_counts_every_missing_required_material_as_blocking() {
    let mut s = state();
    let missing = s.missing_materials().len();
    let errors = s.report().errors().count();
    assert!(missing >= 3);
    assert_eq!(s.apply(Command::Finish), Outcome::Blocked { errors: errors + missing });
    attach(&mut s, "photo", file("a", "证件照.jpg"));
    assert_eq!(s.apply(Command::Finish), Outcome::Blocked { errors: errors + missing - 1 });
}

#[test]
fn stored_files_are_offered_only_to_materials_that_accept_their_type() {
    let pdf_only = vec!["pdf".to_string()];
    let photos = vec!["image".to_string()];
    let cases = [
        (&pdf_only, "application/pdf", true),
        (&pdf_only, "image/png", false),
        (&photos, "image/jpeg", true),
        (&photos, "application/pdf", false),
        (&photos, "application/octet-stream", false),
    ];
    for (accept, media_type, expected) in cases {
        assert_eq!(
            zhicheng_engine::attachments::accepts_media_type(accept, media_type),
            expected,
            "{accept:?} {media_type}"
        );
    }
    assert_eq!(zhicheng_engine::attachments::input_accept(&pdf_only), ".pdf,application/pdf");
}
