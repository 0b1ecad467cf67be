//! The file-access rule for what a rulebook names (imports, GeoJSON): a
//! rule file may come from the other side's negotiators, so it may read
//! only regular files inside the folder tree of the rulebook being loaded,
//! after symlinks are resolved, and only up to [`MAX_BYTES`]. Devices,
//! pipes, `..` and absolute paths out of the tree, and symlinks that lead
//! out of it are refused before anything is read.

mod origin;
mod revision;

use std::io::Read;
use std::path::{Path, PathBuf};

pub use origin::{Origin, Revision, RevisionError, lexical};

/// The largest file a rulebook may name: 64 MiB, some fifty times the
/// shipped geometry together.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Why a named file was not read.
#[derive(Debug)]
pub enum Refusal {
    /// It does not exist, or its path cannot be resolved.
    Missing(std::io::Error),
    /// It resolves (symlinks followed) to a place outside the folder tree.
    Outside,
    /// It is a device, a pipe, a socket or a folder, not a regular file.
    NotRegular,
    /// It is larger than [`MAX_BYTES`].
    TooLarge(u64),
    /// It could not be read, or is not UTF-8.
    Unreadable(std::io::Error),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Missing(e) => write!(f, "cannot find it: {e}"),
            Refusal::Outside => {
                write!(f, "it lies outside the folder of the rulebook being loaded")
            }
            Refusal::NotRegular => write!(f, "it is not a regular file"),
            Refusal::TooLarge(n) => write!(
                f,
                "it is {n} bytes, more than the {MAX_BYTES} a rulebook may name"
            ),
            Refusal::Unreadable(e) => write!(f, "cannot read it: {e}"),
        }
    }
}

/// The folder tree a rulebook read from `root` may name files in.
pub fn tree_of(root: &Path) -> PathBuf {
    let folder = root
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    folder
        .canonicalize()
        .unwrap_or_else(|_| folder.to_path_buf())
}

/// Reads `path` under the rule: its real path (symlinks resolved), and the
/// text, or why not.
pub fn read_inside(tree: &Path, path: &Path) -> Result<(PathBuf, String), Refusal> {
    let real = path.canonicalize().map_err(Refusal::Missing)?;
    if !real.starts_with(tree) {
        return Err(Refusal::Outside);
    }
    let meta = std::fs::metadata(&real).map_err(Refusal::Unreadable)?;
    if !meta.is_file() {
        return Err(Refusal::NotRegular);
    }
    if meta.len() > MAX_BYTES {
        return Err(Refusal::TooLarge(meta.len()));
    }
    // Read no more than the limit, whatever the file grows to meanwhile.
    let file = std::fs::File::open(&real).map_err(Refusal::Unreadable)?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(Refusal::Unreadable)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(Refusal::TooLarge(bytes.len() as u64));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        Refusal::Unreadable(std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    })?;
    Ok((real, text))
}

/// Reads a file named on the command line (a rule file, a clause): any
/// path the user gives, a pipe too, but no more than [`MAX_BYTES`], since
/// it may come from the other side as much as what it names.
pub fn read_given(path: &Path) -> Result<String, Refusal> {
    let file = std::fs::File::open(path).map_err(Refusal::Missing)?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(Refusal::Unreadable)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(Refusal::TooLarge(bytes.len() as u64));
    }
    String::from_utf8(bytes)
        .map_err(|e| Refusal::Unreadable(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_given_file_is_read_only_up_to_the_limit() {
        // An endless device stands for a huge or growing file.
        assert!(matches!(
            read_given(Path::new("/dev/zero")),
            Err(Refusal::TooLarge(n)) if n == MAX_BYTES + 1
        ));
        assert!(matches!(
            read_given(Path::new("/no/such/rule/file.truce")),
            Err(Refusal::Missing(_))
        ));
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("truce-files-{}-{name}", std::process::id()));
        std::fs::create_dir_all(dir.join("rules")).unwrap();
        dir
    }

    #[test]
    fn a_file_inside_the_tree_is_read() {
        let dir = scratch("inside");
        std::fs::write(dir.join("rules/a.geojson"), "{}").unwrap();
        let tree = tree_of(&dir.join("rules/r.truce"));
        let (_, text) = read_inside(&tree, &dir.join("rules/a.geojson")).unwrap();
        assert_eq!(text, "{}");
    }

    #[test]
    fn parents_absolute_paths_symlinks_and_devices_are_refused() {
        let dir = scratch("outside");
        std::fs::write(dir.join("secret.json"), "{}").unwrap();
        let tree = tree_of(&dir.join("rules/r.truce"));
        let up = dir.join("rules/../secret.json");
        assert!(matches!(read_inside(&tree, &up), Err(Refusal::Outside)));
        assert!(matches!(
            read_inside(&tree, Path::new("/etc/hostname")),
            Err(Refusal::Outside | Refusal::Missing(_))
        ));
        #[cfg(unix)]
        {
            let link = dir.join("rules/link.json");
            let _ = std::fs::remove_file(&link);
            std::os::unix::fs::symlink(dir.join("secret.json"), &link).unwrap();
            assert!(matches!(read_inside(&tree, &link), Err(Refusal::Outside)));
            // A device inside the tree, reached by a symlink, is not read.
            let dev = dir.join("rules/zero.json");
            let _ = std::fs::remove_file(&dev);
            std::os::unix::fs::symlink("/dev/zero", &dev).unwrap();
            assert!(read_inside(&tree, &dev).is_err());
            // A folder is no file.
            std::fs::create_dir_all(dir.join("rules/sub")).unwrap();
            assert!(matches!(
                read_inside(&tree, &dir.join("rules/sub")),
                Err(Refusal::NotRegular)
            ));
        }
    }
}
