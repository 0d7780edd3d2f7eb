//! Free space on the disk that holds the data folder, as the free-disk reserve reads it. The
//! receiver takes the reading as a function, so tests can simulate a small or full disk.

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

/// Reads the bytes an unprivileged process may still write on the filesystem of a path.
pub type FreeSpace = std::sync::Arc<dyn Fn(&Path) -> std::io::Result<u64> + Send + Sync>;

/// The bytes available to unprivileged users on the filesystem holding `path` (`statvfs`).
pub fn available_bytes(path: &Path) -> std::io::Result<u64> {
    let c_path = CString::new(path.as_os_str().as_bytes())?;
    // SAFETY: `c_path` is a valid NUL-terminated string, and `stat` is plain data that statvfs
    // fills in; nothing is kept after the call.
    let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
    let result = unsafe { libc::statvfs(c_path.as_ptr(), &mut stat) };
    if result != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(stat.f_bavail as u64 * stat.f_frsize as u64)
}

/// The real reading.
pub fn system() -> FreeSpace {
    std::sync::Arc::new(available_bytes)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_data_folders_disk_has_some_free_space() {
        let free = super::available_bytes(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        assert!(free > 0);
        assert!(super::available_bytes(std::path::Path::new("/no/such/folder")).is_err());
    }
}
