//! The applicant reads every error the engine returns: each variant of each error type, with the
//! exact Chinese message its `Display` gives (the messages these errors replaced, word for word).

use zhicheng_engine::attachments::{AttachmentError, FileKind, FileRefusal, MAX_FILE_BYTES};
use zhicheng_engine::export::{ArchiveError, ExportError};
use zhicheng_engine::migrate::UpgradeError;
use zhicheng_engine::printable::TemplateError;
use zhicheng_engine::{DraftFormatError, RestoreError};

fn check(cases: Vec<(Box<dyn std::error::Error>, &str)>) {
    for (error, message) in cases {
        assert_eq!(error.to_string(), message, "{error:?}");
    }
}

#[test]
fn drafts_that_cannot_be_read_or_restored_say_why() {
    let newer = UpgradeError::NewerSchema { draft: 4, current: 3 };
    check(vec![
        (Box::new(DraftFormatError::NotJson("EOF".into())), "草稿不是有效的 JSON：EOF"),
        (Box::new(DraftFormatError::OtherFormat("x".into())), "不是本系统的草稿文件（格式标记为「x」）。"),
        (Box::new(DraftFormatError::UnsupportedVersion(9)), "草稿格式版本 9 不受支持（本程序支持版本 1）。"),
        (Box::new(DraftFormatError::Damaged("missing field".into())), "草稿内容不完整或已损坏：missing field"),
        (Box::new(newer.clone()), "草稿由更新的第 4 版申报表保存，当前系统只有第 3 版，请刷新页面或使用最新版本打开。"),
        (Box::new(RestoreError::OtherForm { draft: "a".into(), form: "b".into() }), "草稿属于表单「a」，不是「b」。"),
        (
            Box::new(RestoreError::from(newer)),
            "草稿由更新的第 4 版申报表保存，当前系统只有第 3 版，请刷新页面或使用最新版本打开。",
        ),
    ]);
}

#[test]
fn damaged_exports_say_what_is_wrong() {
    let name = || "files/ab".to_string();
    check(vec![
        (Box::new(ArchiveError::NotZip), "不是导出的草稿文件（不是 ZIP 格式，或文件不完整）"),
        (Box::new(ArchiveError::Truncated), "文件不完整（可能下载或复制时被截断）"),
        (Box::new(ArchiveError::NoDirectory), "文件不完整（缺少 ZIP 目录，可能被截断）"),
        (Box::new(ArchiveError::DirectoryMismatch), "文件目录与内容不符（可能被截断或改动）"),
        (Box::new(ArchiveError::DirectoryDamaged), "文件目录已损坏"),
        (Box::new(ArchiveError::BadName), "文件名编码无效"),
        (Box::new(ArchiveError::Unsupported(name())), "「files/ab」使用了本系统不支持的压缩、加密或 ZIP64 格式"),
        (Box::new(ArchiveError::Duplicate(name())), "文件中有重复的「files/ab」"),
        (Box::new(ArchiveError::Misplaced(name())), "「files/ab」的位置或头信息与目录不符"),
        (Box::new(ArchiveError::HeaderMismatch(name())), "「files/ab」的头信息与目录不符"),
        (Box::new(ArchiveError::Overlap(name())), "「files/ab」与文件目录重叠"),
        (Box::new(ArchiveError::ChecksumMismatch(name())), "「files/ab」的校验和不符（文件已损坏或被改动）"),
        (Box::new(ExportError::from(ArchiveError::BadName)), "文件名编码无效"),
        (Box::new(ExportError::NoManifest), "文件中缺少清单 manifest.json，不是本系统导出的草稿"),
        (Box::new(ExportError::ManifestNotText), "清单 manifest.json 不是有效的文本"),
        (Box::new(ExportError::OtherFormat("zip".into())), "不是本系统导出的草稿（格式标记为「zip」）"),
        (
            Box::new(ExportError::UnsupportedVersion(2)),
            "导出格式版本 2 不受支持（本程序支持版本 1），请使用最新版本打开",
        ),
        (Box::new(ExportError::Unlisted(name())), "文件中有清单未列出的「files/ab」（文件已损坏或被改动）"),
        (Box::new(ExportError::Missing(name())), "文件中缺少「files/ab」（文件不完整）"),
        (Box::new(ExportError::Altered(name())), "「files/ab」与清单记录的大小或 SHA-256 不符（文件已损坏或被改动）"),
        (Box::new(ExportError::NoDraft), "文件中缺少草稿内容 draft.json"),
    ]);
}

#[test]
fn refused_files_and_templates_say_how_to_put_it_right() {
    let name = || "论文.pdf".to_string();
    check(vec![
        (Box::new(TemplateError::Unreadable("EOF".into())), "报表模板无法读取：EOF"),
        (
            Box::new(AttachmentError::SameContent { name: name(), same: "旧.pdf".into() }),
            "「论文.pdf」与已上传的「旧.pdf」内容相同，无需重复上传。",
        ),
        (Box::new(AttachmentError::NoFiles), "此项还没有上传文件。"),
        (Box::new(AttachmentError::AlreadyRemoved), "该文件已被移除。"),
        (Box::new(FileRefusal::Empty { name: name() }), "「论文.pdf」是空文件，请重新选择。"),
        (
            Box::new(FileRefusal::TooLarge { name: name(), size: MAX_FILE_BYTES + 1 }),
            "「论文.pdf」大小为 10.0 MB，超过单个文件 10 MB 的上限。请压缩，或拆分为几个文件（文件名加序号）后上传。",
        ),
        (
            Box::new(FileRefusal::NotAccepted {
                name: name(),
                kind: FileKind::Other("压缩包"),
                wanted: "PDF 文件",
                fix: "请先另存为（或打印为）PDF 再上传。",
            }),
            "「论文.pdf」的内容是压缩包，此项只接受PDF 文件。请先另存为（或打印为）PDF 再上传。",
        ),
    ]);
}
