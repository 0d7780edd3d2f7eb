//! Attachments: what a chosen file is, judged by its content, and whether a material accepts it
//! (`file_check`); the files attached to each material, in the applicant's order (`list`); whether
//! a file's name says which record it belongs to (`name_match`). The
//! references a draft stores are `stored::attached`.

mod file_check;
mod list;
mod name_match;

pub use file_check::{
    accepted_description, accepts_media_type, check, format_bytes, input_accept, pdf_page_count, sniff, FileKind,
    FileRefusal, MAX_FILE_BYTES,
};
pub use list::{attach, detach, move_file, referenced, AttachmentError};
pub use name_match::{mismatched_names, names_record, NameMismatch};
