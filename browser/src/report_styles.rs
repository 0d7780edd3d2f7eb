//! A report's style sheets, adopted by the page through the CSSOM (`document.adoptedStyleSheets`),
//! which a Content-Security-Policy without `'unsafe-inline'` allows where a `<style>` element or
//! a `style` attribute would be refused: the report's own sheet (page rule, widths, heights) and
//! the page numbers of its copies, written once they are measured.

use web_sys::CssStyleSheet;

/// The sheets of the report on screen; the page adopts no other sheets.
pub struct ReportStyles {
    copies: CssStyleSheet,
}

impl ReportStyles {
    /// Adopts `css` (from `printable::html::stylesheet`) and an empty sheet for the copies'
    /// page numbers, in place of any report's shown before.
    pub fn adopt(css: &str) -> Option<ReportStyles> {
        let report = CssStyleSheet::new().ok()?;
        report.replace_sync(css).ok()?;
        let copies = CssStyleSheet::new().ok()?;
        let sheets = js_sys::Array::of2(&report, &copies);
        web_sys::window()?.document()?.set_adopted_style_sheets(&sheets);
        Some(ReportStyles { copies })
    }

    /// Replaces the copies' page-number rules (`printable::html::copy_page_numbers`).
    pub fn number_copies(&self, rules: &str) {
        let _ = self.copies.replace_sync(rules);
    }

    /// Removes the report's sheets from the page.
    pub fn remove() {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_adopted_style_sheets(&js_sys::Array::new());
        }
    }
}
