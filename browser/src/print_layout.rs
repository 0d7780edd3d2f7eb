//! How many sheets each copy of a report fills on paper, measured in the page before printing,
//! so that every copy of a per-applicant report can number its own pages.

use wasm_bindgen::JsCast;
use web_sys::Element;

/// The sheets each `.report-copy` inside `host` fills on paper whose printable area is
/// `area_mm` (width, height); empty when the report has no copies. Each copy is laid out alone
/// in hidden columns of exactly that area: the browser breaks columns as it breaks pages (rows
/// kept whole, headers repeated), and a copy spread over n columns is n columns wide.
pub fn sheets_per_copy(host: &Element, area_mm: (u32, u32)) -> Vec<u32> {
    let Ok(copies) = host.query_selector_all(".report-copy") else { return Vec::new() };
    let Some(sheet) = measuring_sheet(host, area_mm) else { return vec![1; copies.length() as usize] };
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

/// A hidden, fixed-position sheet of the report's class inside `host`, its columns the size of
/// the printable area (`.report-measure` in the style sheet sets the rest).
fn measuring_sheet(host: &Element, (width, height): (u32, u32)) -> Option<Element> {
    let sheet = host.owner_document()?.create_element("article").ok()?;
    sheet.set_class_name("report report-measure");
    sheet.set_attribute("aria-hidden", "true").ok()?;
    let style = format!("width: {width}mm; height: {height}mm; columns: {width}mm 1;");
    sheet.set_attribute("style", &style).ok()?;
    host.append_child(&sheet).ok()?;
    Some(sheet)
}

/// Writes the copies' page-number rules into the report's `style.report-copy-pages` and
/// records the sheets counted on `host` (`data-copy-sheets`, for tests and inspection).
pub fn number_copies(host: &Element, sheets: &[u32], rules: &str) {
    if sheets.is_empty() {
        return;
    }
    if let Ok(Some(style)) = host.query_selector("style.report-copy-pages") {
        style.set_text_content(Some(rules));
    }
    let counted: Vec<String> = sheets.iter().map(u32::to_string).collect();
    let _ = host.set_attribute("data-copy-sheets", &counted.join(","));
}
