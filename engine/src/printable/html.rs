//! The one renderer of printable reports: a document model as print-ready HTML text. Every piece
//! of text is escaped here, so an answer holding `<script>` or markup prints as those characters.
//! Paper size, margins for left-side binding, 「第 x 页 共 y 页」 and the fingerprint come from an
//! `@page` rule made for the report; the 「草稿」 watermark is added until the declaration is
//! finished. Built as one string, which the browser parses in one go (far faster than creating
//! thousands of nodes one by one for a long 表二).

use std::fmt::Write;

use super::model::{Block, Document, Paper, Row, Table};

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

/// The `@page` rule of a report: its paper, margins (wider on the left for binding), page
/// numbers and fingerprint in the bottom margin.
fn page_rule(paper: Paper, fingerprint: &str) -> String {
    let size = match paper {
        Paper::A4Portrait => "A4 portrait",
        Paper::A4Landscape => "A4 landscape",
        Paper::A3Landscape => "A3 landscape",
    };
    // The fingerprint is hex and dashes; anything else is dropped rather than put in CSS.
    let fingerprint: String = fingerprint.chars().filter(|c| c.is_ascii_hexdigit() || *c == '-').collect();
    format!(
        "@page {{ size: {size}; margin: 18mm 15mm 20mm 25mm; \
         @bottom-center {{ content: \"第 \" counter(page) \" 页 共 \" counter(pages) \" 页\"; font-size: 9pt; }} \
         @bottom-right {{ content: \"指纹 {fingerprint}\"; font-size: 8pt; color: #555; }} }}"
    )
}

/// The report as HTML: a `<style>` with its page rule and an `<article>`.
pub fn render(document: &Document, fingerprint: &str, draft: bool) -> String {
    let paper_class = match document.paper {
        Paper::A4Portrait => "paper-a4",
        Paper::A4Landscape => "paper-a4-landscape",
        Paper::A3Landscape => "paper-a3-landscape",
    };
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(out, "<style>{}</style>", page_rule(document.paper, fingerprint));
    let _ = write!(out, "<article class=\"report {paper_class}\" aria-label=\"{}\">", escape(&document.title));
    if draft {
        out.push_str("<div class=\"watermark\" aria-hidden=\"true\"><span>草稿</span></div>");
    }
    let _ = write!(out, "<h1 class=\"report-title\">{}</h1>", escape(&document.title));
    for block in &document.blocks {
        match block {
            Block::Subtitle(t) => tagged(&mut out, "p", "report-subtitle", t),
            Block::Heading(t) => tagged(&mut out, "h2", "report-heading", t),
            Block::Paragraph(t) => tagged(&mut out, "p", "report-paragraph", t),
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
            Block::Table(table) => render_table(&mut out, table),
            Block::NextCopy(t) => tagged(&mut out, "h1", "report-title next-copy", t),
        }
    }
    let _ = write!(out, "<p class=\"report-fingerprint\">指纹 {}</p></article>", escape(fingerprint));
    out
}

fn tagged(out: &mut String, tag: &str, class: &str, text: &str) {
    let _ = write!(out, "<{tag} class=\"{class}\">{}</{tag}>", escape(text));
}

fn render_table(out: &mut String, table: &Table) {
    let total = table.columns.iter().sum::<u32>().max(1);
    out.push_str("<table class=\"report-table\"><colgroup>");
    for width in &table.columns {
        // Hundredths of a percent, in integers: no float formatting needed.
        let share = width * 10_000 / total;
        let _ = write!(out, "<col style=\"width: {}.{:02}%\">", share / 100, share % 100);
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
            let _ = write!(out, "<tr style=\"height: {h}mm\">");
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
        let _ = write!(out, ">{}</{tag}>", escape(&cell.text));
    }
    out.push_str("</tr>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printable::model::Cell;

    fn doc(text: &str) -> Document {
        let cell = |t: &str, label| Cell { text: t.into(), colspan: 1, rowspan: 1, label };
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
        let html = render(&doc("<script>alert('x')</script><b>粗</b> & \"引号\""), "abcd-ef01-2345", false);
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(!html.contains("<b>粗"));
        assert!(html
            .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;b&gt;粗&lt;/b&gt; &amp; &quot;引号&quot;"));
    }

    #[test]
    fn the_page_rule_sets_the_paper_numbers_and_fingerprint() {
        let html = render(&doc("x"), "abcd-ef01-2345\"}</style>", true);
        assert!(html.contains("size: A3 landscape"));
        assert!(html.contains("counter(page)") && html.contains("counter(pages)"));
        // Only hex digits and dashes reach the CSS (the `e` of `style` is a hex digit).
        assert!(html.contains("content: \"指纹 abcd-ef01-2345e\";"), "{html}");
        assert!(html.contains("class=\"watermark\""));
        assert!(!render(&doc("x"), "ab", false).contains("watermark"));
    }

    #[test]
    fn tables_keep_widths_header_rows_spans_and_fixed_heights() {
        let html = render(&doc("x"), "ab", false);
        assert!(html.contains("<col style=\"width: 33.33%\"><col style=\"width: 66.66%\">"), "{html}");
        assert!(html.contains("<thead><tr><th scope=\"col\">项目</th>"));
        assert!(html.contains("<tr style=\"height: 9mm\"><th>简介</th><td>x</td></tr>"));
    }
}
