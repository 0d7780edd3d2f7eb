//! How many sheets each copy of a report fills on paper, measured in the page before printing,
//! so that every copy of a per-applicant report can number its own pages.

use wasm_bindgen::JsCast;
use web_sys::Element;

/// The sheets each `.report-copy` inside `host` fills on its paper; empty when the report has no
/// copies. Each copy is laid out alone in hidden columns of exactly the printable area (the
/// report's style sheet sizes `.report-measure`): the browser breaks columns as it breaks pages (rows
/// kept whole, headers repeated), and a copy spread over n columns is n columns wide.
pub fn sheets_per_copy(host: &Element) -> Vec<u32> {
    let Ok(copies) = host.query_selector_all(".report-copy") else { return Vec::new() };
    let Some(sheet) = measuring_sheet(host) else { return vec![1; copies.length() as usize] };
    let column = f64::from(sheet.client_width()).max(1.0);
    let sheets = (0..copies.length())
        .map(|index| {
            let Some(copy) = copies.item(index).and_then(|c| c.clone_node_with_deep(true).ok()) else { return 1 };
            if sheet.append_child(&copy).is_err() {
                return 1;
            }
            let width = copy.dyn_ref::<Element>().map_or(column, |c| c.get_bounding_client_rect().width());
            let _ = sheet.remove_child(&copy);
            ((width / column).round() as u32).max(1)
        })
        .collect();
    sheet.remove();
    sheets
}

/// A hidden, fixed-position sheet of the report's class inside `host`, sized by the report's
/// style sheet (`.report.report-measure`).
fn measuring_sheet(host: &Element) -> Option<Element> {
    let sheet = host.owner_document()?.create_element("article").ok()?;
    sheet.set_class_name("report report-measure");
    sheet.set_attribute("aria-hidden", "true").ok()?;
    host.append_child(&sheet).ok()?;
    Some(sheet)
}

/// Records the sheets counted for each copy on `host` (`data-copy-sheets`, for tests and
/// inspection).
pub fn record_sheets(host: &Element, sheets: &[u32]) {
    let counted: Vec<String> = sheets.iter().map(u32::to_string).collect();
    let _ = host.set_attribute("data-copy-sheets", &counted.join(","));
}
