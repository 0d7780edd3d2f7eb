//! Printing a widget's report: the portal's page around the widget must not print, and a
//! report's `@page` rules (paper, margins, page numbers) only count in the document's own style
//! sheets, not in a shadow root's. While a report is shown, the document gets one extra sheet,
//! for print only: everything but the widget and its ancestors hidden, and the report's rules.

use wasm_bindgen::JsValue;
use web_sys::{CssStyleSheet, Document, Element};

/// Marks the widget whose report prints.
const PRINTING: &str = "data-zc-printing";

/// Hides every element of the portal's page that neither is the printing widget nor holds it,
/// and takes the spacing, borders and colours off those that hold it: the report alone on white.
const ONLY_THE_WIDGET: &str = "@media print { body *:not([data-zc-printing]):not(:has([data-zc-printing])) \
    { display: none !important; } :has([data-zc-printing]), [data-zc-printing] { margin: 0 !important; \
    padding: 0 !important; border: 0 !important; outline: 0 !important; box-shadow: none !important; \
    background: #fff !important; } }";

/// The document's print sheet for one widget's report.
pub(crate) struct PrintScope {
    document: Document,
    host: Element,
    sheet: CssStyleSheet,
    /// The report's own rules; its page numbers are added to them once measured.
    report_css: String,
}

impl PrintScope {
    /// Adds the print sheet for the report styled by `css` in the widget `host`.
    pub fn open(host: Element, css: &str) -> Option<PrintScope> {
        let document = host.owner_document()?;
        let sheet = CssStyleSheet::new().ok()?;
        let scope = PrintScope { document, host, sheet, report_css: css.to_string() };
        scope.number_copies("");
        // The portal's own adopted sheets stay; ours is added after them.
        let sheets = js_sys::Array::from(&scope.document.adopted_style_sheets());
        sheets.push(&scope.sheet);
        scope.document.set_adopted_style_sheets(&sheets);
        let _ = scope.host.set_attribute(PRINTING, "");
        Some(scope)
    }

    /// Writes the report's rules with its copies' page-number rules (empty until measured).
    pub fn number_copies(&self, rules: &str) {
        let css = &self.report_css;
        let _ = self.sheet.replace_sync(&format!("{ONLY_THE_WIDGET} @media print {{ {css} {rules} }}"));
    }
}

impl Drop for PrintScope {
    fn drop(&mut self) {
        let ours = JsValue::from(&self.sheet);
        let kept: js_sys::Array =
            js_sys::Array::from(&self.document.adopted_style_sheets()).filter(&mut |sheet, _, _| sheet != ours);
        self.document.set_adopted_style_sheets(&kept);
        let _ = self.host.remove_attribute(PRINTING);
    }
}
