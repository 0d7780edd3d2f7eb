//! A ZIP archive holding files uncompressed ("stored"), the container of exported drafts: any
//! unzip tool opens it, and the code stays small. Reading is strict: a truncated, altered or
//! unusual archive (compression, encryption, ZIP64, overlapping entries) is refused with a reason.
//! Writing is deterministic: the same entries always give the same bytes.

use std::collections::BTreeSet;

use thiserror::Error;

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_DIRECTORY: u32 = 0x0605_4b50;
/// Bit 11: names are UTF-8.
const FLAG_UTF8: u16 = 0x0800;
/// 1980-01-01 00:00, the earliest DOS date: entries carry no time, so output is reproducible.
const DOS_DATE: u16 = (1 << 5) | 1;
const VERSION: u16 = 20;
/// The ZIP CRC-32, with the smallest lookup table.
const CRC: crc::Crc<u32, crc::Table<1>> = crc::Crc::<u32, crc::Table<1>>::new(&crc::CRC_32_ISO_HDLC);

/// One file in an archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Why bytes are not an archive this program reads.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ArchiveError {
    #[error("不是导出的草稿文件（不是 ZIP 格式，或文件不完整）")]
    NotZip,
    #[error("文件不完整（可能下载或复制时被截断）")]
    Truncated,
    #[error("文件不完整（缺少 ZIP 目录，可能被截断）")]
    NoDirectory,
    #[error("文件目录与内容不符（可能被截断或改动）")]
    DirectoryMismatch,
    #[error("文件目录已损坏")]
    DirectoryDamaged,
    #[error("文件名编码无效")]
    BadName,
    #[error("「{0}」使用了本系统不支持的压缩、加密或 ZIP64 格式")]
    Unsupported(String),
    #[error("文件中有重复的「{0}」")]
    Duplicate(String),
    #[error("「{0}」的位置或头信息与目录不符")]
    Misplaced(String),
    #[error("「{0}」的头信息与目录不符")]
    HeaderMismatch(String),
    #[error("「{0}」与文件目录重叠")]
    Overlap(String),
    #[error("「{0}」的校验和不符（文件已损坏或被改动）")]
    ChecksumMismatch(String),
}

/// Writes `entries` in order. Panics never; sizes above 4 GiB are the caller's to refuse.
pub fn write(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::with_capacity(entries.iter().map(|e| e.bytes.len() + e.path.len() * 2 + 80).sum::<usize>() + 22);
    let mut directory = Vec::new();
    for entry in entries {
        let offset = out.len() as u32;
        let crc = CRC.checksum(&entry.bytes);
        let size = entry.bytes.len() as u32;
        let name = entry.path.as_bytes();
        put32(&mut out, LOCAL_HEADER);
        put_common(&mut out, crc, size, name.len());
        put16(&mut out, 0); // extra field length
        out.extend_from_slice(name);
        out.extend_from_slice(&entry.bytes);

        put32(&mut directory, CENTRAL_HEADER);
        put16(&mut directory, VERSION); // made by
        put_common(&mut directory, crc, size, name.len());
        for _ in 0..4 {
            put16(&mut directory, 0); // extra, comment, disk, internal attributes
        }
        put32(&mut directory, 0); // external attributes
        put32(&mut directory, offset);
        directory.extend_from_slice(name);
    }
    let directory_offset = out.len() as u32;
    out.extend_from_slice(&directory);
    put32(&mut out, END_OF_DIRECTORY);
    put16(&mut out, 0);
    put16(&mut out, 0);
    put16(&mut out, entries.len() as u16);
    put16(&mut out, entries.len() as u16);
    put32(&mut out, directory.len() as u32);
    put32(&mut out, directory_offset);
    put16(&mut out, 0); // comment length
    out
}

/// The fields local and central headers share, from "version needed" to the name length.
fn put_common(out: &mut Vec<u8>, crc: u32, size: u32, name_len: usize) {
    put16(out, VERSION);
    put16(out, FLAG_UTF8);
    put16(out, 0); // method: stored
    put16(out, 0); // time
    put16(out, DOS_DATE);
    put32(out, crc);
    put32(out, size); // compressed
    put32(out, size); // uncompressed
    put16(out, name_len as u16);
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Reads bytes at fixed offsets, turning every out-of-bounds read into a "damaged" error.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn bytes(&self, at: usize, len: usize) -> Result<&[u8], ArchiveError> {
        at.checked_add(len).and_then(|end| self.0.get(at..end)).ok_or(ArchiveError::Truncated)
    }

    fn u16(&self, at: usize) -> Result<u16, ArchiveError> {
        let b = self.bytes(at, 2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&self, at: usize) -> Result<u32, ArchiveError> {
        let b = self.bytes(at, 4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// Reads every entry, checking structure and checksums.
pub fn read(bytes: &[u8]) -> Result<Vec<Entry>, ArchiveError> {
    let r = Reader(bytes);
    if bytes.len() < 22 || r.u32(0)? != LOCAL_HEADER {
        return Err(ArchiveError::NotZip);
    }
    let end = (0..=bytes.len() - 22)
        .rev()
        .take(65_557)
        .find(|&at| r.u32(at).ok() == Some(END_OF_DIRECTORY))
        .ok_or(ArchiveError::NoDirectory)?;
    let count = r.u16(end + 10)? as usize;
    let directory_size = r.u32(end + 12)? as usize;
    let mut at = r.u32(end + 16)? as usize;
    if r.u16(end + 8)? as usize != count || at.checked_add(directory_size) != Some(end) {
        return Err(ArchiveError::DirectoryMismatch);
    }
    let mut entries = Vec::with_capacity(count);
    let mut names = BTreeSet::new();
    let mut data_end = 0usize;
    for _ in 0..count {
        if r.u32(at)? != CENTRAL_HEADER {
            return Err(ArchiveError::DirectoryDamaged);
        }
        let flags = r.u16(at + 8)?;
        let method = r.u16(at + 10)?;
        let crc = r.u32(at + 16)?;
        let compressed = r.u32(at + 20)? as usize;
        let size = r.u32(at + 24)? as usize;
        let name_len = r.u16(at + 28)? as usize;
        let skip = r.u16(at + 30)? as usize + r.u16(at + 32)? as usize;
        let offset = r.u32(at + 42)? as usize;
        let name = std::str::from_utf8(r.bytes(at + 46, name_len)?).map_err(|_| ArchiveError::BadName)?.to_string();
        if flags & 0x0001 != 0 || method != 0 || compressed != size || size == u32::MAX as usize {
            return Err(ArchiveError::Unsupported(name));
        }
        if !names.insert(name.clone()) {
            return Err(ArchiveError::Duplicate(name));
        }
        // The local header must agree with the directory, and entries must not overlap.
        if offset < data_end || r.u32(offset)? != LOCAL_HEADER || r.u16(offset + 8)? != method {
            return Err(ArchiveError::Misplaced(name));
        }
        let local_name_len = r.u16(offset + 26)? as usize;
        let local_extra = r.u16(offset + 28)? as usize;
        if r.bytes(offset + 30, local_name_len)? != name.as_bytes() {
            return Err(ArchiveError::HeaderMismatch(name));
        }
        let start = offset + 30 + local_name_len + local_extra;
        let data = r.bytes(start, size)?;
        if start + size > end - directory_size {
            return Err(ArchiveError::Overlap(name));
        }
        if CRC.checksum(data) != crc {
            return Err(ArchiveError::ChecksumMismatch(name));
        }
        data_end = start + size;
        entries.push(Entry { path: name, bytes: data.to_vec() });
        at += 46 + name_len + skip;
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::{read, write, Entry};

    fn sample() -> Vec<Entry> {
        vec![
            Entry { path: "manifest.json".into(), bytes: br#"{"a":1}"#.to_vec() },
            Entry { path: "files/照片.jpg".into(), bytes: (0..=255u8).cycle().take(5000).collect() },
            Entry { path: "empty".into(), bytes: vec![] },
        ]
    }

    #[test]
    fn what_is_written_reads_back_and_writing_is_deterministic() {
        let bytes = write(&sample());
        assert_eq!(read(&bytes).unwrap(), sample());
        assert_eq!(write(&sample()), bytes);
        assert_eq!(read(&write(&[])).unwrap_err().to_string(), "不是导出的草稿文件（不是 ZIP 格式，或文件不完整）");
    }

    #[test]
    fn every_truncation_is_refused() {
        let bytes = write(&sample());
        for len in 0..bytes.len() {
            assert!(read(&bytes[..len]).is_err(), "truncated to {len} bytes was accepted");
        }
    }

    #[test]
    fn every_single_byte_change_in_a_file_or_name_is_refused() {
        let bytes = write(&sample());
        for at in 0..bytes.len() {
            let mut altered = bytes.clone();
            altered[at] ^= 0x5a;
            if let Ok(entries) = read(&altered) {
                // Only bytes that do not carry content (dates, attributes) may change unnoticed.
                assert_eq!(entries, sample(), "a change at byte {at} altered the content silently");
            }
        }
    }

    #[test]
    fn other_zip_features_and_garbage_are_refused_with_a_reason() {
        let mut compressed = write(&sample());
        compressed[8] = 8; // deflate, in the first local header
        assert!(read(&compressed).is_err());
        assert!(read(b"PK\x03\x04 but nothing else of a zip file").is_err());
        assert!(read("一封普通的文本文件".as_bytes()).is_err());
    }
}
