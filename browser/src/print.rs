//! Printing: the browser's print dialog (and with it 「另存为 PDF」), with the document title set
//! to the report's name so the saved file is named after it.

/// Opens the print dialog for the page as it is; the title names the saved PDF.
pub fn print_as(title: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("页面不可用")?;
    let document = window.document().ok_or("页面不可用")?;
    let previous = document.title();
    document.set_title(title);
    let printed = window.print().map_err(|_| "浏览器无法打印".to_string());
    document.set_title(&previous);
    printed
}
