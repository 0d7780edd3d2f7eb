//! What an attachment file is, judged by its content (magic bytes), never by its name, and
//! whether a material of the checklist accepts it: PDF only where domain.md §3.1 says so, photos
//! as JPEG or PNG, at most 10 MB a file. Also the page count of a PDF, for the 送评材料目录单.

use thiserror::Error;

/// The largest file a material accepts (domain.md §3.1: ≤ 10 MB per file).
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// What a file's first bytes say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Jpeg,
    Png,
    /// Recognised but not accepted anywhere; the name says what it is, for the message.
    Other(&'static str),
    Unknown,
}

impl FileKind {
    /// The media type stored with an accepted file.
    pub fn media_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
            FileKind::Other(_) | FileKind::Unknown => "application/octet-stream",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            FileKind::Pdf => "PDF 文件",
            FileKind::Jpeg => "JPEG 图片",
            FileKind::Png => "PNG 图片",
            FileKind::Other(what) => what,
            FileKind::Unknown => "无法识别的文件",
        }
    }

    /// Whether a material accepting `accept` ("pdf", "image") takes this kind.
    fn accepted_by(self, accept: &str) -> bool {
        matches!((accept, self), ("pdf", FileKind::Pdf) | ("image", FileKind::Jpeg | FileKind::Png))
    }
}

/// Recognises a file from its first bytes (16 are enough for every kind below; PDF headers may
/// sit anywhere in the first kilobyte, as PDF readers allow).
pub fn sniff(head: &[u8]) -> FileKind {
    let starts = |magic: &[u8]| head.starts_with(magic);
    let at = |offset: usize, magic: &[u8]| head.get(offset..offset + magic.len()) == Some(magic);
    if head.len() >= 5 && head[..head.len().min(1024)].windows(5).any(|w| w == b"%PDF-") {
        FileKind::Pdf
    } else if starts(&[0xFF, 0xD8, 0xFF]) {
        FileKind::Jpeg
    } else if starts(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        FileKind::Png
    } else if starts(b"PK\x03\x04") {
        FileKind::Other("Word/Excel 文档或压缩包")
    } else if starts(&[0xD0, 0xCF, 0x11, 0xE0]) {
        FileKind::Other("旧版 Word/Excel 文档")
    } else if starts(b"GIF8") {
        FileKind::Other("GIF 图片")
    } else if starts(b"BM") {
        FileKind::Other("BMP 图片")
    } else if starts(b"RIFF") && at(8, b"WEBP") {
        FileKind::Other("WebP 图片")
    } else if at(4, b"ftyp") && (at(8, b"heic") || at(8, b"heix") || at(8, b"mif1")) {
        FileKind::Other("HEIC 照片（苹果手机格式）")
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        FileKind::Other("TIFF 图片")
    } else if starts(b"MZ") {
        FileKind::Other("可执行程序")
    } else if starts(b"Rar!") || starts(&[0x37, 0x7A, 0xBC, 0xAF]) {
        FileKind::Other("压缩包")
    } else {
        FileKind::Unknown
    }
}

/// Why a chosen file was refused: its message names the file, says what is wrong and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum FileRefusal {
    #[error("「{name}」是空文件，请重新选择。")]
    Empty { name: String },
    #[error(
        "「{name}」大小为 {}，超过单个文件 10 MB 的上限。请压缩，或拆分为几个文件（文件名加序号）后上传。",
        format_bytes(*.size)
    )]
    TooLarge { name: String, size: u64 },
    #[error("「{name}」的内容是{}，此项只接受{wanted}。{fix}", .kind.describe())]
    NotAccepted { name: String, kind: FileKind, wanted: &'static str, fix: &'static str },
}

/// Checks one file for a material that accepts `accept` (empty: PDF or image). Returns its kind,
/// or why it is refused.
pub fn check(name: &str, size: u64, head: &[u8], accept: &[String]) -> Result<FileKind, FileRefusal> {
    if size == 0 {
        return Err(FileRefusal::Empty { name: name.to_string() });
    }
    if size > MAX_FILE_BYTES {
        return Err(FileRefusal::TooLarge { name: name.to_string(), size });
    }
    let kind = sniff(head);
    let accepts_pdf = accept.is_empty() || accept.iter().any(|a| a == "pdf");
    if accept.is_empty() && matches!(kind, FileKind::Pdf | FileKind::Jpeg | FileKind::Png) {
        return Ok(kind);
    }
    if accept.iter().any(|a| kind.accepted_by(a)) {
        return Ok(kind);
    }
    let wanted = accepted_description(accept);
    let fix = match (kind, accepts_pdf) {
        (FileKind::Other(_), true) => "请先另存为（或打印为）PDF 再上传。",
        (FileKind::Pdf, false) => "请上传照片的 JPEG 或 PNG 图片。",
        (_, false) => "请用手机或电脑另存为 JPEG 格式后上传。",
        _ => "请确认文件没有损坏，并另存为 PDF 后上传。",
    };
    Err(FileRefusal::NotAccepted { name: name.to_string(), kind, wanted, fix })
}

/// What a material accepts, in words: 「PDF 文件」, 「JPEG 或 PNG 图片」 or both.
pub fn accepted_description(accept: &[String]) -> &'static str {
    let accepts_pdf = accept.is_empty() || accept.iter().any(|a| a == "pdf");
    let accepts_image = accept.is_empty() || accept.iter().any(|a| a == "image");
    match (accepts_pdf, accepts_image) {
        (true, true) => "PDF 文件或 JPEG/PNG 图片",
        (true, false) => "PDF 文件",
        _ => "JPEG 或 PNG 图片",
    }
}

/// The `accept` attribute of a file input for a material, so the browser's dialog offers the
/// right files first (the content is still checked).
pub fn input_accept(accept: &[String]) -> String {
    let mut kinds = Vec::new();
    if accept.is_empty() || accept.iter().any(|a| a == "pdf") {
        kinds.push(".pdf,application/pdf");
    }
    if accept.is_empty() || accept.iter().any(|a| a == "image") {
        kinds.push(".jpg,.jpeg,.png,image/jpeg,image/png");
    }
    kinds.join(",")
}

/// Whether a file already stored (by its media type) suits a material, for 「我的资料库」.
pub fn accepts_media_type(accept: &[String], media_type: &str) -> bool {
    let kind = match media_type {
        "application/pdf" => FileKind::Pdf,
        "image/jpeg" => FileKind::Jpeg,
        "image/png" => FileKind::Png,
        _ => return false,
    };
    accept.is_empty() || accept.iter().any(|a| kind.accepted_by(a))
}

/// `856 B`, `12.5 KB`, `3.2 MB`: one decimal, binary units.
pub fn format_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut unit = 0;
    let mut scaled = bytes * 10;
    while scaled >= 10 * 1024 && unit < UNITS.len() - 1 {
        scaled /= 1024;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{}.{} {}", scaled / 10, scaled % 10, UNITS[unit])
    }
}

/// The number of pages of a PDF: page objects (`/Type /Page`) counted in the file, or, when the
/// page tree sits in compressed object streams, the largest `/Count` in plain sight. `None` when
/// neither is found; the file is still accepted and the page count asked of the applicant.
pub fn pdf_page_count(bytes: &[u8]) -> Option<u32> {
    let pages =
        after_each(bytes, b"/Type").filter(|rest| rest.starts_with(b"/Page") && !rest.starts_with(b"/Pages")).count();
    if pages > 0 {
        return u32::try_from(pages).ok();
    }
    after_each(bytes, b"/Count")
        .filter_map(|rest| {
            let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            std::str::from_utf8(&rest[..digits]).ok()?.parse::<u32>().ok()
        })
        .max()
        .filter(|&n| n > 0)
}

/// What follows each occurrence of `key` in `bytes`, past the whitespace after it.
fn after_each<'a>(bytes: &'a [u8], key: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let mut at = 0;
    std::iter::from_fn(move || {
        let found = bytes[at..].windows(key.len()).position(|w| w == key)?;
        let mut rest = at + found + key.len();
        while bytes.get(rest).is_some_and(|b| b.is_ascii_whitespace()) {
            rest += 1;
        }
        at = rest;
        Some(&bytes[rest..])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (file name, size, first bytes, what the material accepts, the kind or part of the message)
    type Case<'a> = (&'a str, u64, &'a [u8], &'a [&'a str], Result<FileKind, &'a str>);

    fn accept(kinds: &[&str]) -> Vec<String> {
        kinds.iter().map(|k| k.to_string()).collect()
    }

    #[test]
    fn files_are_recognised_by_content_not_name() {
        let cases: [(&[u8], FileKind); 12] = [
            (b"%PDF-1.7\n%\xE2\xE3", FileKind::Pdf),
            (b"\r\n%PDF-1.4", FileKind::Pdf),
            (&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F'], FileKind::Jpeg),
            (&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0], FileKind::Png),
            (b"PK\x03\x04\x14\x00", FileKind::Other("Word/Excel 文档或压缩包")),
            (&[0xD0, 0xCF, 0x11, 0xE0, 0xA1], FileKind::Other("旧版 Word/Excel 文档")),
            (b"GIF89a", FileKind::Other("GIF 图片")),
            (b"RIFF\x24\x00\x00\x00WEBPVP8 ", FileKind::Other("WebP 图片")),
            (b"\x00\x00\x00\x18ftypheic", FileKind::Other("HEIC 照片（苹果手机格式）")),
            (b"MZ\x90\x00", FileKind::Other("可执行程序")),
            (b"hello, world", FileKind::Unknown),
            (b"", FileKind::Unknown),
        ];
        for (head, kind) in cases {
            assert_eq!(sniff(head), kind, "{head:?}");
        }
    }

    #[test]
    fn each_material_takes_only_what_it_accepts_with_a_message_otherwise() {
        let pdf = b"%PDF-1.7".as_slice();
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE1].as_slice();
        let docx = b"PK\x03\x04".as_slice();
        let cases: [Case; 9] = [
            ("论文.pdf", 1000, pdf, &["pdf"], Ok(FileKind::Pdf)),
            ("照片.jpg", 1000, jpeg, &["image"], Ok(FileKind::Jpeg)),
            ("证书.jpg", 1000, jpeg, &[], Ok(FileKind::Jpeg)),
            ("论文.pdf", 1000, docx, &["pdf"], Err("内容是Word/Excel 文档或压缩包，此项只接受PDF 文件。请先另存为")),
            ("照片.jpg", 1000, pdf, &["image"], Err("内容是PDF 文件，此项只接受JPEG 或 PNG 图片")),
            ("论文.pdf", 1000, jpeg, &["pdf"], Err("内容是JPEG 图片，此项只接受PDF 文件")),
            ("大文件.pdf", MAX_FILE_BYTES + 1, pdf, &["pdf"], Err("大小为 10.0 MB，超过单个文件 10 MB 的上限")),
            ("刚好.pdf", MAX_FILE_BYTES, pdf, &["pdf"], Ok(FileKind::Pdf)),
            ("空.pdf", 0, b"", &["pdf"], Err("是空文件")),
        ];
        for (name, size, head, kinds, expected) in cases {
            match (check(name, size, head, &accept(kinds)), expected) {
                (Ok(kind), Ok(want)) => assert_eq!(kind, want, "{name}"),
                (Err(refusal), Err(part)) => {
                    let message = refusal.to_string();
                    assert!(message.contains(part) && message.contains(name), "{message}");
                }
                (got, want) => panic!("{name}: got {got:?}, expected {want:?}"),
            }
        }
    }

    #[test]
    fn sizes_read_as_people_expect() {
        let cases = [
            (0, "0 B"),
            (856, "856 B"),
            (1024, "1.0 KB"),
            (12_800, "12.5 KB"),
            (3_355_443, "3.1 MB"),
            (MAX_FILE_BYTES, "10.0 MB"),
        ];
        for (bytes, text) in cases {
            assert_eq!(format_bytes(bytes), text, "{bytes}");
        }
    }

    #[test]
    fn pdf_pages_are_counted_from_page_objects_or_the_page_tree() {
        let three = b"%PDF-1.4\n1 0 obj <</Type /Pages /Kids [2 0 R 3 0 R 4 0 R] /Count 3>>\n2 0 obj <</Type /Page>>\n3 0 obj <</Type/Page>>\n4 0 obj <</Type\n/Page /Parent 1 0 R>>";
        let compressed =
            b"%PDF-1.5\n5 0 obj <</Type /Catalog>> 7 0 obj <</Type /Pages /Count 12 /Kids [...]>> stream...";
        let cases: [(&[u8], Option<u32>); 4] =
            [(three, Some(3)), (compressed, Some(12)), (b"%PDF-1.7 nothing readable", None), (b"", None)];
        for (bytes, pages) in cases {
            assert_eq!(pdf_page_count(bytes), pages, "{}", String::from_utf8_lossy(bytes));
        }
    }
}
