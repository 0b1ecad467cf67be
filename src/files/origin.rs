//! Where a rulebook's files are read from: the disk, or a revision of a
//! git repository (`truce diff --rev`), so a rulebook read at a revision
//! has its imports and geometry read at that same revision, under the
//! same rule: inside the rulebook's folder tree, regular files only, up to
//! [`MAX_BYTES`](super::MAX_BYTES).

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::Refusal;
pub use super::revision::{Revision, RevisionError};

/// Where files named by a rulebook are read from.
#[derive(Debug, Clone, Default)]
pub enum Origin {
    /// The file system.
    #[default]
    Disk,
    /// One commit of a git repository.
    Revision(Arc<Revision>),
}

impl Origin {
    /// A path's real form, to compare and confine: on disk, symlinks
    /// resolved; at a revision, the path inside the repository's tree
    /// (made absolute under its root), `.` and `..` taken lexically.
    pub fn real(&self, path: &Path) -> std::io::Result<PathBuf> {
        match self {
            Origin::Disk => path.canonicalize(),
            Origin::Revision(r) => r.real(path),
        }
    }

    /// The folder tree a rulebook read from `root` may name files in.
    pub fn tree_of(&self, root: &Path) -> PathBuf {
        match self {
            Origin::Disk => super::tree_of(root),
            Origin::Revision(r) => {
                let folder = root.parent().unwrap_or(Path::new(""));
                r.real(folder).unwrap_or_else(|_| folder.to_path_buf())
            }
        }
    }

    /// Reads `path` under the rule, as [`read_inside`](super::read_inside).
    pub fn read_inside(&self, tree: &Path, path: &Path) -> Result<(PathBuf, String), Refusal> {
        match self {
            Origin::Disk => super::read_inside(tree, path),
            Origin::Revision(r) => r.read_inside(tree, path),
        }
    }
}

/// A path with `.` removed and `..` taken back where it can be, without
/// touching the file system.
pub fn lexical(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
