//! Printable reports (承诺书, 评审表, 登记表, 材料目录单 …) as data: report templates read from
//! JSON (`template.rs`, layout easy to correct without code), built from a form's answers and
//! attachments into a document model (`model.rs`) that one renderer turns into print-ready HTML.

pub mod build;
pub mod html;
pub mod model;
pub mod template;

pub use build::{applicable, build, fingerprint, title};
pub use model::{Block, Cell, Document, Paper, Row, Table};
pub use template::{ReportSet, ReportTemplate, TemplateError};
