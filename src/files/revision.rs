//! Files read from one commit of a git repository, by running `git`
//! (`rev-parse` to find the repository and the commit, `ls-tree` to see a
//! file's kind and size before reading it, `show REV:PATH` to read it).
//! A revision names only files inside the repository: symlinks (whose
//! target git stores as text) and folders are refused, as a rulebook on
//! disk may not name them either.

use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use miette::Diagnostic;
use thiserror::Error;

use super::origin::lexical;
use super::{MAX_BYTES, Refusal};

/// One commit of a repository, and where the user stands in it.
#[derive(Debug)]
pub struct Revision {
    /// The repository's root (`git rev-parse --show-toplevel`).
    root: PathBuf,
    /// The commit, as a full hash: fixed once, so every file is read at
    /// the same commit whatever the branch does meanwhile.
    commit: String,
    /// The revision as the user wrote it.
    pub name: String,
    /// The current folder, from the root: relative paths start there.
    prefix: PathBuf,
}

/// A revision that cannot be read.
#[derive(Debug, Error, Diagnostic)]
pub enum RevisionError {
    #[error("cannot run `git`: {0}")]
    #[diagnostic(
        code(truce::diff::git),
        help(
            "`truce diff --rev` reads rule files from git; install git, or compare two files with `--rules-new`"
        )
    )]
    Git(String),
    #[error("the current folder is not inside a git repository")]
    #[diagnostic(code(truce::diff::not_a_repository))]
    NotARepository,
    #[error("`{rev}` is not a commit of the repository")]
    #[diagnostic(
        code(truce::diff::no_revision),
        help("name a commit, branch or tag, such as `HEAD~1` or `v1.2`")
    )]
    NoRevision { rev: String },
}

impl Revision {
    /// The commit `rev` names in the repository holding the current
    /// folder.
    pub fn open(rev: &str) -> Result<Revision, RevisionError> {
        let here = std::env::current_dir().map_err(|e| RevisionError::Git(e.to_string()))?;
        let root = match git(&here, &["rev-parse", "--show-toplevel"]) {
            Ok(Some(root)) => root,
            Ok(None) => return Err(RevisionError::NotARepository),
            Err(e) => return Err(RevisionError::Git(e.to_string())),
        };
        let prefix = git(&here, &["rev-parse", "--show-prefix"])
            .ok()
            .flatten()
            .unwrap_or_default();
        let no_revision = || RevisionError::NoRevision {
            rev: rev.to_owned(),
        };
        // A revision is never one of git's options.
        if rev.starts_with('-') || rev.is_empty() {
            return Err(no_revision());
        }
        let spec = format!("{rev}^{{commit}}");
        let args = [
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ];
        let commit = git(&here, &args).ok().flatten().ok_or_else(no_revision)?;
        Ok(Revision {
            root: PathBuf::from(root),
            commit,
            name: rev.to_owned(),
            prefix: PathBuf::from(prefix),
        })
    }

    /// The path inside the repository's tree, made absolute under its
    /// root; an error for a path that leaves the repository.
    pub fn real(&self, path: &Path) -> std::io::Result<PathBuf> {
        let inside = if path.is_absolute() {
            lexical(path)
                .strip_prefix(&self.root)
                .map(Path::to_path_buf)
                .map_err(|_| outside())?
        } else {
            lexical(&self.prefix.join(path))
        };
        if inside
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
        {
            return Err(outside());
        }
        Ok(self.root.join(inside))
    }

    /// Reads `path` at the commit, if it lies inside `tree` and is a
    /// regular file no larger than the limit.
    pub fn read_inside(&self, tree: &Path, path: &Path) -> Result<(PathBuf, String), Refusal> {
        let real = self.real(path).map_err(Refusal::Missing)?;
        if !real.starts_with(tree) {
            return Err(Refusal::Outside);
        }
        let inside = real
            .strip_prefix(&self.root)
            .map_err(|_| Refusal::Outside)?
            .to_string_lossy()
            .into_owned();
        let args = ["ls-tree", "-l", "--full-tree", &self.commit, "--", &inside];
        let listed = git(&self.root, &args)
            .map_err(Refusal::Unreadable)?
            .unwrap_or_default();
        // `MODE TYPE OBJECT SIZE\tPATH`
        let mut fields = listed.split_whitespace();
        let (Some(mode), Some(kind), Some(_), Some(size)) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            let why = format!("it is not in revision `{}`", self.name);
            return Err(Refusal::Missing(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                why,
            )));
        };
        if kind != "blob" || !mode.starts_with("100") {
            return Err(Refusal::NotRegular);
        }
        let size: u64 = size.parse().unwrap_or(u64::MAX);
        if size > MAX_BYTES {
            return Err(Refusal::TooLarge(size));
        }
        let text = self.show(&inside).map_err(Refusal::Unreadable)?;
        Ok((real, text))
    }

    /// `git show COMMIT:PATH`, read up to the limit.
    fn show(&self, inside: &str) -> std::io::Result<String> {
        let mut child = Command::new("git")
            .arg("-C")
            .arg(&self.root)
            .args(["show", &format!("{}:{inside}", self.commit)])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let mut bytes = Vec::new();
        child
            .stdout
            .take()
            .expect("stdout is piped")
            .take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)?;
        let status = child.wait()?;
        if !status.success() || bytes.len() as u64 > MAX_BYTES {
            return Err(std::io::Error::other(format!(
                "`git show` could not read it at revision `{}`",
                self.name
            )));
        }
        String::from_utf8(bytes)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }
}

fn outside() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::NotFound,
        "it lies outside the repository",
    )
}

/// A git command's output, trimmed: `None` when git refuses, an error
/// when git cannot be run.
fn git(dir: &Path, args: &[&str]) -> std::io::Result<Option<String>> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()?;
    if !out.status.success() {
        return Ok(None);
    }
    let Ok(text) = String::from_utf8(out.stdout) else {
        return Ok(None);
    };
    Ok(Some(text.trim_end_matches(['\n', '\r']).to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_documented() {
        let documented = include_str!("../../docs/diagnostics.md");
        let errors = [
            RevisionError::Git(String::new()),
            RevisionError::NotARepository,
            RevisionError::NoRevision { rev: "x".into() },
        ];
        for e in errors {
            let code = e.code().expect("a code").to_string();
            assert!(documented.contains(&format!("`{code}`")), "{code}");
        }
    }

    #[test]
    fn a_path_out_of_the_repository_is_refused() {
        let r = Revision {
            root: PathBuf::from("/repo"),
            commit: "0".repeat(40),
            name: "HEAD".into(),
            prefix: PathBuf::from("rules"),
        };
        assert_eq!(
            r.real(Path::new("geo/a.geojson")).unwrap(),
            Path::new("/repo/rules/geo/a.geojson")
        );
        assert!(r.real(Path::new("../../etc/passwd")).is_err());
        assert!(r.real(Path::new("/etc/passwd")).is_err());
    }
}
