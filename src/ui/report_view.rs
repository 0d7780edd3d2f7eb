//! The one renderer of printable reports: a document model (`engine::printable`) as print-ready
//! HTML. Paper size, margins for left-side binding, 「第 x 页 共 y 页」 and the fingerprint come
//! from an `@page` rule made for the report; the 「草稿」 watermark shows until the declaration is
//! finished. All text goes through Leptos' text nodes, so answers are never read as HTML.

use leptos::prelude::*;
use zhicheng_engine::printable::{Block, Document, Paper, Table};

/// The `@page` rule of a report: its paper, margins (wider on the left for binding), page
/// numbers and fingerprint in the bottom margin.
fn page_rule(paper: Paper, fingerprint: &str) -> String {
    let size = match paper {
        Paper::A4Portrait => "A4 portrait",
        Paper::A3Landscape => "A3 landscape",
    };
    format!(
        "@page {{ size: {size}; margin: 18mm 15mm 20mm 25mm; \
         @bottom-center {{ content: \"第 \" counter(page) \" 页 共 \" counter(pages) \" 页\"; font-size: 9pt; }} \
         @bottom-right {{ content: \"指纹 {fingerprint}\"; font-size: 8pt; color: #555; }} }}"
    )
}

#[component]
pub fn ReportView(document: Document, fingerprint: String, draft: bool) -> impl IntoView {
    let paper_class = match document.paper {
        Paper::A4Portrait => "report paper-a4",
        Paper::A3Landscape => "report paper-a3-landscape",
    };
    let blocks = document.blocks.into_iter().map(block).collect_view();
    view! {
        <style>{page_rule(document.paper, &fingerprint)}</style>
        <article class=paper_class aria-label=document.title.clone()>
            {draft.then(|| view! { <div class="watermark" aria-hidden="true">"草稿"</div> })}
            <h1 class="report-title">{document.title.clone()}</h1>
            {blocks}
            <p class="report-fingerprint">{format!("指纹 {fingerprint}")}</p>
        </article>
    }
}

fn block(block: Block) -> AnyView {
    match block {
        Block::Subtitle(text) => view! { <p class="report-subtitle">{text}</p> }.into_any(),
        Block::Heading(text) => view! { <h2 class="report-heading">{text}</h2> }.into_any(),
        Block::Paragraph(text) => view! { <p class="report-paragraph">{text}</p> }.into_any(),
        Block::Signature(lines) => view! {
            <div class="report-signature">{lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}</div>
        }
        .into_any(),
        Block::Seal(caption) => view! { <div class="report-seal"><span>{caption}</span></div> }.into_any(),
        Block::Table(table) => table_view(table).into_any(),
    }
}

fn table_view(table: Table) -> impl IntoView {
    let total: u32 = table.columns.iter().sum::<u32>().max(1);
    let cols = table
        .columns
        .iter()
        .map(|w| view! { <col style=format!("width: {:.2}%", f64::from(*w) * 100.0 / f64::from(total))/> })
        .collect_view();
    let mut rows = table.rows.into_iter();
    let header: Vec<_> = rows.by_ref().take(table.header_rows).collect();
    let render = |row: zhicheng_engine::printable::Row, header: bool| {
        let style = row.height_mm.map(|h| format!("height: {h}mm"));
        let cells = row
            .cells
            .into_iter()
            .map(|c| {
                let (colspan, rowspan) = ((c.colspan > 1).then_some(c.colspan), (c.rowspan > 1).then_some(c.rowspan));
                if header || c.label {
                    view! { <th colspan=colspan rowspan=rowspan scope=header.then_some("col")>{c.text}</th> }.into_any()
                } else {
                    view! { <td colspan=colspan rowspan=rowspan>{c.text}</td> }.into_any()
                }
            })
            .collect_view();
        view! { <tr style=style>{cells}</tr> }
    };
    let head = (!header.is_empty()).then(|| view! { <thead>{header.into_iter().map(|r| render(r, true)).collect_view()}</thead> });
    let body = rows.map(|r| render(r, false)).collect_view();
    view! {
        <table class="report-table">
            <colgroup>{cols}</colgroup>
            {head}
            <tbody>{body}</tbody>
        </table>
    }
}
