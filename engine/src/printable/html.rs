//! The one renderer of printable reports: a document model as print-ready HTML text and its own
//! style sheet. Every piece of text is escaped here, so an answer holding `<script>` or markup
//! prints as those characters. Paper size, margins for left-side binding, 「第 x 页 共 y 页」 and
//! the fingerprint come from an `@page` rule made for the report; the 「草稿」 watermark is added
//! until the declaration is finished. The HTML is one string, which the browser parses in one go
//! (far faster than creating thousands of nodes one by one for a long 表二). It has no `<style>`
//! and no `style` attribute, so the page needs no `'unsafe-inline'` in its Content-Security-Policy:
//! column widths and row heights are classes (`w3333`, `h9`) that `stylesheet` defines, and the
//! page adopts that sheet through the CSSOM. A report printed once per applicant numbers each
//! copy's pages on its own (see `copy_page_numbers`).

use std::fmt::Write;

use super::model::{Block, Document, Paper, Row, Table};

/// Page margins in millimetres: top, right, bottom, left (wider for binding on the left).
const MARGINS_MM: [u32; 4] = [18, 15, 20, 25];

/// The printable area of a sheet inside the margins, in millimetres (width, height): what one
/// page of a report holds.
fn page_area_mm(paper: Paper) -> (u32, u32) {
    let (width, height) = paper.size_mm();
    let [top, right, bottom, left] = MARGINS_MM;
    (width - left - right, height - top - bottom)
}

/// `text` with the characters HTML gives meaning to replaced by references.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// What a printed report carries on every page: its fingerprint in the footer, and across the
/// page the 「草稿」 of a declaration not yet finished, or training mode's 「样表」 instead of any
/// fingerprint (a sample must never pass for a real declaration's report).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stamp<'a> {
    Final { fingerprint: &'a str },
    Draft { fingerprint: &'a str },
    Sample,
}

/// The footer of a training sample, where a real report has its fingerprint.
pub const SAMPLE_FOOTER: &str = "样表 · 培训练习用，不能作为申报材料";

impl Stamp<'_> {
    fn watermark(self) -> Option<&'static str> {
        match self {
            Stamp::Final { .. } => None,
            Stamp::Draft { .. } => Some("草稿"),
            Stamp::Sample => Some("样表"),
        }
    }

    /// The footer's text; a fingerprint keeps only hex and dashes, so it is safe in CSS too.
    fn footer(self) -> String {
        match self {
            Stamp::Final { fingerprint } | Stamp::Draft { fingerprint } => {
                let kept: String = fingerprint.chars().filter(|c| c.is_ascii_hexdigit() || *c == '-').collect();
                format!("指纹 {kept}")
            }
            Stamp::Sample => SAMPLE_FOOTER.to_string(),
        }
    }
}

/// The `@page` rule of a report: its paper, margins (wider on the left for binding), page
/// numbers and the stamp's footer (the fingerprint) in the bottom margin.
fn page_rule(paper: Paper, stamp: Stamp) -> String {
    let size = match paper {
        Paper::A4Portrait => "A4 portrait",
        Paper::A4Landscape => "A4 landscape",
        Paper::A3Landscape => "A3 landscape",
    };
    let footer = stamp.footer();
    let [top, right, bottom, left] = MARGINS_MM;
    format!(
        "@page {{ size: {size}; margin: {top}mm {right}mm {bottom}mm {left}mm; \
         @bottom-center {{ content: \"第 \" counter(page) \" 页 共 \" counter(pages) \" 页\"; font-size: 9pt; }} \
         @bottom-right {{ content: \"{footer}\"; font-size: 8pt; color: #555; }} }}"
    )
}

/// The page numbers of a report printed as several copies (one per applicant), given the sheets
/// each copy fills: every copy counts its own, 「第 1 页 共 2 页」. Chromium cannot restart the page
/// counter per copy, so each copy is a named page (`copy-N`, set on its section, which also
/// starts it on a new sheet) with its own footer: fixed text for a copy of one sheet; for a longer
/// one, a counter style that writes the document's page numbers of that copy as 1, 2, 3 ….
pub fn copy_page_numbers(sheets: &[u32]) -> String {
    let mut out = String::new();
    let mut first_page = 1;
    for (index, &count) in sheets.iter().enumerate() {
        let copy = index + 1;
        let count = count.max(1);
        let number = if count == 1 {
            "\"1\"".to_string()
        } else {
            let symbols: Vec<String> = (1..=count).map(|n| format!("\"{n}\"")).collect();
            let _ = write!(
                out,
                "@counter-style copy-{copy}-sheet {{ system: fixed {first_page}; symbols: {}; }} ",
                symbols.join(" ")
            );
            format!("counter(page, copy-{copy}-sheet)")
        };
        let _ = write!(
            out,
            "@page copy-{copy} {{ @bottom-center {{ content: \"第 \" {number} \" 页 共 {count} 页\"; font-size: 9pt; }} }} "
        );
        first_page += count;
    }
    out
}

/// The report as HTML: an `<article>` of the report's paper class. The copies of a report printed
/// per applicant are `<section class="report-copy copy-N">`s, each on its own named page.
pub fn render(document: &Document, stamp: Stamp) -> String {
    let paper_class = match document.paper {
        Paper::A4Portrait => "paper-a4",
        Paper::A4Landscape => "paper-a4-landscape",
        Paper::A3Landscape => "paper-a3-landscape",
    };
    let copies = split_copies(document);
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(out, "<article class=\"report {paper_class}\" aria-label=\"{}\">", escape(&document.title));
    if let Some(mark) = stamp.watermark() {
        let _ = write!(out, "<div class=\"watermark\" aria-hidden=\"true\"><span>{mark}</span></div>");
    }
    if let [(title, blocks)] = copies.as_slice() {
        render_copy(&mut out, title, blocks);
    } else {
        for (index, (title, blocks)) in copies.iter().enumerate() {
            let _ = write!(out, "<section class=\"report-copy copy-{}\">", index + 1);
            render_copy(&mut out, title, blocks);
            out.push_str("</section>");
        }
    }
    let _ = write!(out, "<p class=\"report-fingerprint\">{}</p></article>", escape(&stamp.footer()));
    out
}

/// The report's own style sheet: its page rule, the sheet the page measures copies on (the
/// printable area), the widths and heights its tables use, and each copy's named page (whose
/// page numbers `copy_page_numbers` writes once the page has measured the copies).
pub fn stylesheet(document: &Document, stamp: Stamp) -> String {
    let mut out = page_rule(document.paper, stamp);
    let (width, height) = page_area_mm(document.paper);
    let _ = write!(out, " .report.report-measure {{ width: {width}mm; height: {height}mm; columns: {width}mm 1; }}");
    // Each width and height once, in the order met (a report has a few dozen at most).
    let (mut shares, mut heights) = (Vec::new(), Vec::new());
    let once = |list: &mut Vec<u32>, value: u32| {
        if !list.contains(&value) {
            list.push(value);
        }
    };
    for block in &document.blocks {
        if let Block::Table(table) = block {
            column_shares(table).for_each(|share| once(&mut shares, share));
            table.rows.iter().filter_map(|row| row.height_mm).for_each(|height| once(&mut heights, height));
        }
    }
    for share in shares {
        let _ = write!(out, " .report col.w{share} {{ width: {}.{:02}%; }}", share / 100, share % 100);
    }
    for height in heights {
        let _ = write!(out, " .report tr.h{height} {{ height: {height}mm; }}");
    }
    let copies = split_copies(document).len();
    if copies > 1 {
        for copy in 1..=copies {
            let _ = write!(out, " .report-copy.copy-{copy} {{ page: copy-{copy}; }}");
        }
    }
    out
}

/// Each column's share of its table in hundredths of a percent, in integers (no float
/// formatting needed): 3333 is 33.33%.
fn column_shares(table: &Table) -> impl Iterator<Item = u32> + '_ {
    let total = table.columns.iter().sum::<u32>().max(1);
    table.columns.iter().map(move |width| width * 10_000 / total)
}

/// The document's copies, each with its title and blocks: one, or one per applicant.
fn split_copies(document: &Document) -> Vec<(&str, &[Block])> {
    let mut copies = Vec::new();
    let (mut title, mut start) = (document.title.as_str(), 0);
    for (index, block) in document.blocks.iter().enumerate() {
        if let Block::NextCopy(next) = block {
            copies.push((title, &document.blocks[start..index]));
            (title, start) = (next.as_str(), index + 1);
        }
    }
    copies.push((title, &document.blocks[start..]));
    copies
}

fn render_copy(out: &mut String, title: &str, blocks: &[Block]) {
    tagged(out, "h1", "report-title", title);
    for block in blocks {
        match block {
            Block::Subtitle(t) => tagged(out, "p", "report-subtitle", t),
            Block::Heading(t) => tagged(out, "h2", "report-heading", t),
            Block::Paragraph(t) => tagged(out, "p", "report-paragraph", t),
            Block::Seal(t) => {
                let _ = write!(out, "<div class=\"report-seal\"><span>{}</span></div>", escape(t));
            }
            Block::Signature(lines) => {
                out.push_str("<div class=\"report-signature\">");
                for line in lines {
                    let _ = write!(out, "<p>{}</p>", escape(line));
                }
                out.push_str("</div>");
            }
            Block::Table(table) => render_table(out, table),
            // The copies were split at these.
            Block::NextCopy(_) => {}
        }
    }
}

fn tagged(out: &mut String, tag: &str, class: &str, text: &str) {
    let _ = write!(out, "<{tag} class=\"{class}\">{}</{tag}>", escape(text));
}

fn render_table(out: &mut String, table: &Table) {
    out.push_str("<table class=\"report-table\"><colgroup>");
    for share in column_shares(table) {
        let _ = write!(out, "<col class=\"w{share}\">");
    }
    out.push_str("</colgroup>");
    let (head, body) = table.rows.split_at(table.header_rows.min(table.rows.len()));
    if !head.is_empty() {
        out.push_str("<thead>");
        head.iter().for_each(|row| render_row(out, row, true));
        out.push_str("</thead>");
    }
    out.push_str("<tbody>");
    body.iter().for_each(|row| render_row(out, row, false));
    out.push_str("</tbody></table>");
}

fn render_row(out: &mut String, row: &Row, header: bool) {
    match row.height_mm {
        Some(h) => {
            let _ = write!(out, "<tr class=\"h{h}\">");
        }
        None => out.push_str("<tr>"),
    }
    for cell in &row.cells {
        let tag = if header || cell.label { "th" } else { "td" };
        let _ = write!(out, "<{tag}");
        if header {
            out.push_str(" scope=\"col\"");
        }
        if cell.colspan > 1 {
            let _ = write!(out, " colspan=\"{}\"", cell.colspan);
        }
        if cell.rowspan > 1 {
            let _ = write!(out, " rowspan=\"{}\"", cell.rowspan);
        }
        if cell.missing {
            out.push_str(" class=\"missing\"");
        }
        let _ = write!(out, ">{}</{tag}>", escape(&cell.text));
    }
    out.push_str("</tr>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printable::model::Cell;

    const DRAFT: Stamp = Stamp::Draft { fingerprint: "ab" };
    const FINAL: Stamp = Stamp::Final { fingerprint: "ab" };

    fn doc(text: &str) -> Document {
        let cell = |t: &str, label| Cell { text: t.into(), colspan: 1, rowspan: 1, label, missing: false };
        Document {
            id: "r".into(),
            title: "评审表".into(),
            paper: Paper::A3Landscape,
            blocks: vec![
                Block::Paragraph(text.into()),
                Block::Table(Table {
                    columns: vec![1, 2],
                    header_rows: 1,
                    rows: vec![
                        Row { height_mm: None, cells: vec![cell("项目", true), cell("内容", true)] },
                        Row { height_mm: Some(9), cells: vec![cell("简介", true), cell(text, false)] },
                    ],
                }),
            ],
        }
    }

    #[test]
    fn answers_holding_markup_print_as_text() {
        let html = render(
            &doc("<script>alert('x')</script><b>粗</b> & \"引号\""),
            Stamp::Final { fingerprint: "abcd-ef01-2345" },
        );
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(!html.contains("<b>粗"));
        assert!(html
            .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;b&gt;粗&lt;/b&gt; &amp; &quot;引号&quot;"));
    }

    #[test]
    fn the_page_rule_sets_the_paper_numbers_and_fingerprint() {
        let css = stylesheet(&doc("x"), Stamp::Final { fingerprint: "abcd-ef01-2345\"}</style>" });
        assert!(css.contains("size: A3 landscape"));
        assert!(css.contains("counter(page)") && css.contains("counter(pages)"));
        // Only hex digits and dashes reach the CSS (the `e` of `style` is a hex digit).
        assert!(css.contains("content: \"指纹 abcd-ef01-2345e\";"), "{css}");
        // The copies are measured on a sheet of the printable area.
        assert!(css.contains(".report.report-measure { width: 380mm; height: 259mm; columns: 380mm 1; }"), "{css}");
        assert!(render(&doc("x"), DRAFT).contains("class=\"watermark\""));
        assert!(!render(&doc("x"), FINAL).contains("watermark"));
    }

    #[test]
    fn a_training_sample_says_so_on_every_page_and_carries_no_fingerprint() {
        let (html, css) = (render(&doc("x"), Stamp::Sample), stylesheet(&doc("x"), Stamp::Sample));
        assert!(html.contains("<span>样表</span>") && !html.contains("草稿"), "{html}");
        assert!(html.contains(SAMPLE_FOOTER) && !html.contains("指纹"), "{html}");
        assert!(css.contains(&format!("content: \"{SAMPLE_FOOTER}\";")) && !css.contains("指纹"), "{css}");
    }

    #[test]
    fn the_html_carries_no_style_of_its_own() {
        let mut document = doc("x");
        document.blocks.push(Block::NextCopy("评审表（二）".into()));
        let html = render(&document, DRAFT);
        assert!(!html.contains("<style") && !html.contains("style="), "{html}");
    }

    #[test]
    fn copies_are_sections_on_named_pages_each_numbered_from_one() {
        let mut document = doc("x");
        document.blocks.push(Block::NextCopy("评审表（二）".into()));
        document.blocks.push(Block::Paragraph("第二份".into()));
        let html = render(&document, FINAL);
        assert!(
            html.contains("<section class=\"report-copy copy-1\"><h1 class=\"report-title\">评审表</h1>"),
            "{html}"
        );
        assert!(html.contains("<section class=\"report-copy copy-2\"><h1 class=\"report-title\">评审表（二）</h1><p class=\"report-paragraph\">第二份</p></section>"), "{html}");
        let css = stylesheet(&document, FINAL);
        assert!(css.contains(".report-copy.copy-2 { page: copy-2; }"), "{css}");
        assert!(!render(&doc("x"), FINAL).contains("report-copy"), "a single copy is not wrapped");
        assert!(!stylesheet(&doc("x"), FINAL).contains("copy-"), "nor named");
    }

    #[test]
    fn a_copy_of_several_sheets_counts_them_from_its_own_first_page() {
        let css = copy_page_numbers(&[1, 3, 2]);
        assert!(css.contains("@page copy-1 { @bottom-center { content: \"第 \" \"1\" \" 页 共 1 页\";"), "{css}");
        // The second copy starts on the document's page 2 and fills pages 2 to 4.
        assert!(css.contains("@counter-style copy-2-sheet { system: fixed 2; symbols: \"1\" \"2\" \"3\"; }"), "{css}");
        assert!(css
            .contains("@page copy-2 { @bottom-center { content: \"第 \" counter(page, copy-2-sheet) \" 页 共 3 页\";"));
        assert!(css.contains("@counter-style copy-3-sheet { system: fixed 5; symbols: \"1\" \"2\"; }"), "{css}");
        assert!(css.contains("共 2 页"));
    }

    #[test]
    fn the_printable_area_is_the_paper_inside_the_margins() {
        assert_eq!(page_area_mm(Paper::A4Portrait), (170, 259));
        assert_eq!(page_area_mm(Paper::A4Landscape), (257, 172));
        assert_eq!(page_area_mm(Paper::A3Landscape), (380, 259));
    }

    #[test]
    fn tables_keep_widths_header_rows_spans_and_fixed_heights() {
        let html = render(&doc("x"), FINAL);
        assert!(html.contains("<col class=\"w3333\"><col class=\"w6666\">"), "{html}");
        assert!(html.contains("<thead><tr><th scope=\"col\">项目</th>"));
        assert!(html.contains("<tr class=\"h9\"><th>简介</th><td>x</td></tr>"));
        let css = stylesheet(&doc("x"), FINAL);
        for rule in [
            ".report col.w3333 { width: 33.33%; }",
            ".report col.w6666 { width: 66.66%; }",
            ".report tr.h9 { height: 9mm; }",
        ] {
            assert_eq!(css.matches(rule).count(), 1, "{rule} once in {css}");
        }
    }

    #[test]
    fn a_missing_answer_is_a_marked_cell() {
        let mut document = doc("待补充");
        if let Block::Table(table) = &mut document.blocks[1] {
            table.rows[1].cells[1].missing = true;
        }
        let html = render(&document, FINAL);
        assert!(html.contains("<th>简介</th><td class=\"missing\">待补充</td>"), "{html}");
        assert!(!render(&doc("待补充"), FINAL).contains("missing"), "unmarked cells carry no class");
    }
}
