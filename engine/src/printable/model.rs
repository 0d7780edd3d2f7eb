//! The document model of a printable report: a paper size and a list of blocks (titles,
//! paragraphs, tables with merged cells and fixed row heights, signature and seal boxes). Pure
//! data: no HTML, no styling beyond what the official forms fix.

use serde::{Deserialize, Serialize};

/// Paper and orientation: 表三 is one sheet of A3 landscape, the 公示名单 A4 landscape, everything
/// else A4 portrait.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    #[default]
    A4Portrait,
    A4Landscape,
    A3Landscape,
}

impl Paper {
    /// Width and height in millimetres.
    pub fn size_mm(self) -> (u32, u32) {
        match self {
            Paper::A4Portrait => (210, 297),
            Paper::A4Landscape => (297, 210),
            Paper::A3Landscape => (420, 297),
        }
    }
}

/// One built report.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// The template's id (e.g. `pledge-personal`).
    pub id: String,
    pub title: String,
    pub paper: Paper,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Subtitle(String),
    /// A heading inside the form (「一、基本信息」).
    Heading(String),
    Paragraph(String),
    Table(Table),
    /// Lines to sign by hand, right-aligned: 「承诺人（签名）：」 and 「年　月　日」.
    Signature(Vec<String>),
    /// Space for a round seal, with its caption (「单位（盖章）」).
    Seal(String),
    /// Another copy of the form starts here, on a new sheet, under this title (the unit prints
    /// one 承诺书 per applicant).
    NextCopy(String),
}

/// A table. Column widths are relative weights; header rows repeat on every printed page.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub columns: Vec<u32>,
    pub header_rows: usize,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Fixed height in millimetres, when the form fixes one; otherwise the content decides.
    pub height_mm: Option<u32>,
    pub cells: Vec<Cell>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub text: String,
    pub colspan: u32,
    pub rowspan: u32,
    /// A printed label (「姓名」), as opposed to an answer.
    pub label: bool,
    /// An answer the form could not fill, marked for the applicant to supply by hand (GD 生成评审表:
    /// a red frame and 「待补充」 in the preview).
    pub missing: bool,
}

impl Document {
    /// Every piece of text in the document, in order: for tests and for checking a render.
    pub fn texts(&self) -> Vec<&str> {
        let mut out = vec![self.title.as_str()];
        for block in &self.blocks {
            match block {
                Block::Subtitle(t) | Block::Heading(t) | Block::Paragraph(t) | Block::Seal(t) | Block::NextCopy(t) => {
                    out.push(t)
                }
                Block::Signature(lines) => out.extend(lines.iter().map(String::as_str)),
                Block::Table(table) => {
                    out.extend(table.rows.iter().flat_map(|r| r.cells.iter().map(|c| c.text.as_str())))
                }
            }
        }
        out
    }
}
