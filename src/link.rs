//! AST + imports → one AST: `import mdl, dmz from "kaa.truce"` brings the
//! named declarations of another rulebook, with everything they refer to,
//! into the importing one.
//!
//! Imports resolve only inside the folder tree of the rulebook being
//! loaded, so a rulebook cannot reach into arbitrary files; an import cycle
//! is a diagnostic. Imported declarations keep their spans in their own
//! file, so later diagnostics point there, and their geometry is read
//! beside their own file. A line keeps the sides held by parties that the
//! importing agreement also declares, or declares as its own parties'
//! counterparts (`party ROK "..." under UNC in "Korean Armistice
//! Agreement"`: the side the UNC holds is the ROK's); compass sides always
//! work.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use miette::Diagnostic;
use thiserror::Error;

use crate::ast::{self, Declaration, Expr, LineSource, SExpr};
use crate::files::lexical;
use crate::span::{Source, Span, Spanned};
use crate::suggest::did_you_mean;
use crate::syntax::{self, SyntaxError};

mod err;

use crate::located::Problem as _;
pub use err::{Import, ImportError};

/// A problem with an `import`.
#[derive(Debug, Error, Diagnostic)]
pub enum LinkError {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Syntax(#[from] SyntaxError),
}

/// A rulebook with its imports resolved, and the files they were read from.
pub struct Linked {
    pub ast: ast::Rulebook,
    /// Imported rule files, as shown to the user, in the order first read.
    pub files: Vec<(PathBuf, String)>,
}

/// Resolves every import of `root`, read from the file `source`, in place.
pub fn link(root: ast::Rulebook, source: &Source) -> Result<Linked, Vec<LinkError>> {
    let file = Path::new(source.name());
    let folder = file
        .parent()
        .map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        })
        .unwrap_or(Path::new("."));
    let parties = root
        .agreement
        .items
        .iter()
        .filter_map(|i| match i {
            ast::HeaderItem::Party(p) => Some(p.id.node.clone()),
            _ => None,
        })
        .collect();
    let counterparts = root
        .agreement
        .items
        .iter()
        .filter_map(|i| match i {
            ast::HeaderItem::Party(p) => Some(p),
            _ => None,
        })
        .flat_map(|p| {
            p.counterparts.iter().map(|c| Counterpart {
                instrument: c.instrument.node.clone(),
                theirs: c.party.node.clone(),
                ours: p.id.node.clone(),
            })
        })
        .collect();
    let origin = source.origin().clone();
    let mut linker = Linker {
        folder: origin.real(folder).unwrap_or_else(|_| folder.to_path_buf()),
        stack: vec![(canonical(&origin, file), file.to_path_buf())],
        origin,
        parties,
        counterparts,
        files: Vec::new(),
        agreements: Vec::new(),
        linked: Default::default(),
        errors: Vec::new(),
    };
    let mut ast = linker.resolve(root);
    ast.imported = std::mem::take(&mut linker.agreements);
    if linker.errors.is_empty() {
        Ok(Linked {
            ast,
            files: linker.files,
        })
    } else {
        Err(linker.errors)
    }
}

struct Linker {
    /// Where files are read from: the disk, or the root's git revision.
    origin: crate::files::Origin,
    /// The folder of the rulebook being loaded: imports stay inside it.
    folder: PathBuf,
    /// The files being imported, innermost last, to find cycles: each as a
    /// canonical path, and as shown to the user (relative as they gave the
    /// root, so reports do not depend on where the repository lies).
    stack: Vec<(PathBuf, PathBuf)>,
    /// The importing agreement's parties: sides held by others are dropped.
    parties: HashSet<String>,
    /// Its parties' counterparts in other instruments: a side held by one
    /// of them is its party's.
    counterparts: Vec<Counterpart>,
    /// Every file imported, as shown, once each.
    files: Vec<(PathBuf, String)>,
    /// The header of every agreement imported from, once each.
    agreements: Vec<ast::Agreement>,
    /// Every file linked so far, by real path, with its imports resolved:
    /// a file imported again (a diamond, or twice by one file) is read and
    /// linked once, not once per path to it.
    linked: std::collections::HashMap<PathBuf, ast::Rulebook>,
    errors: Vec<LinkError>,
}

/// A party of the importing agreement (`ours`) and its counterpart
/// (`theirs`) in the agreement titled `instrument`.
struct Counterpart {
    instrument: String,
    theirs: String,
    ours: String,
}

impl Linker {
    fn resolve(&mut self, mut book: ast::Rulebook) -> ast::Rulebook {
        let declarations = std::mem::take(&mut book.declarations);
        // A declaration reached by two imports (a diamond) is one declaration.
        let mut spliced: HashSet<(String, usize)> = HashSet::new();
        for decl in declarations {
            match decl {
                Declaration::Import(i) => {
                    for d in self.import(&i) {
                        let origin = d
                            .name()
                            .map(|n| (n.span.source.name().to_owned(), n.span.range.start));
                        if origin.is_none_or(|o| spliced.insert(o)) {
                            book.declarations.push(d);
                        }
                    }
                }
                other => book.declarations.push(other),
            }
        }
        book
    }

    fn import(&mut self, i: &ast::ImportDecl) -> Vec<Declaration> {
        if let Some(linked) = self.already_linked(&i.file) {
            return self.select(&linked, &i.names, &i.file.node);
        }
        let Some((path, shown, source)) = self.read(&i.file) else {
            return Vec::new();
        };
        let parsed = match syntax::parse_rulebook_all(&source) {
            Ok(ast) => ast,
            Err(all) => {
                self.errors
                    .extend(all.errors.into_iter().map(LinkError::from));
                return Vec::new();
            }
        };
        let title = &parsed.agreement.title.node;
        if !self.agreements.iter().any(|a| a.title.node == *title) {
            self.agreements.push(parsed.agreement.clone());
        }
        self.stack.push((path.clone(), shown));
        let linked = self.resolve(parsed);
        self.stack.pop();
        let selected = self.select(&linked, &i.names, &i.file.node);
        self.linked.insert(path, linked);
        selected
    }

    /// A file already linked, named again: its linked declarations. Its
    /// problems were reported the first time. A file on the import stack
    /// is not yet linked, so a cycle is still found by `read`.
    fn already_linked(&self, file: &Spanned<String>) -> Option<ast::Rulebook> {
        let (importer, _) = self.stack.last()?;
        let path = importer.parent().unwrap_or(Path::new(".")).join(&file.node);
        let real = self.origin.real(&path).ok()?;
        self.linked.get(&real).cloned()
    }

    /// Reads an imported file, refusing files outside the folder tree and cycles.
    fn read(&mut self, file: &Spanned<String>) -> Option<(PathBuf, PathBuf, Source)> {
        let (importer, importer_shown) = self.stack.last().expect("the root is on the stack");
        let path = importer.parent().unwrap_or(Path::new(".")).join(&file.node);
        let shown = lexical(
            &importer_shown
                .parent()
                .unwrap_or(Path::new(""))
                .join(&file.node),
        );
        let Ok(real) = self.origin.real(&path) else {
            let problem = Import::Unreadable {
                file: file.node.clone(),
            };
            let help = "imports are relative to the importing rule file (for a clause added by `truce diff --add`, the rulebook it amends)".to_owned();
            self.fail(&file.span, problem, "this file", Some(help));
            return None;
        };
        if !real.starts_with(&self.folder) {
            let root = &self.stack[0].1;
            let folder = root.parent().filter(|p| !p.as_os_str().is_empty());
            let problem = Import::Outside {
                file: file.node.clone(),
                folder: folder.map_or(".".into(), |f| f.display().to_string()),
            };
            let help = "imports resolve only inside the folder tree of the rulebook being loaded; copy the declarations, or move the rulebooks together".to_owned();
            self.fail(&file.span, problem, "outside", Some(help));
            return None;
        }
        if let Some(at) = self.stack.iter().position(|(p, _)| *p == real) {
            let mut chain: Vec<String> = self.stack[at..]
                .iter()
                .map(|(_, shown)| shown.display().to_string())
                .collect();
            chain.push(shown.display().to_string());
            let problem = Import::Cycle { chain };
            let help =
                "move the shared declarations into a rulebook that imports nothing".to_owned();
            self.fail(&file.span, problem, "imported again here", Some(help));
            return None;
        }
        let text = match self.origin.read_inside(&self.folder, &real) {
            Ok((_, t)) => t,
            Err(why) => {
                let problem = Import::Unusable {
                    file: file.node.clone(),
                    why: why.to_string(),
                };
                self.fail(&file.span, problem, "this file", None);
                return None;
            }
        };
        // Hashed as the file's bytes, byte-order mark and all.
        let sha256 = crate::digest::of(text.as_bytes());
        let text = text
            .strip_prefix('\u{feff}')
            .map(str::to_owned)
            .unwrap_or(text);
        if !self.files.iter().any(|(f, _)| *f == shown) {
            self.files.push((shown.clone(), sha256));
        }
        let source = Source::with_origin(shown.display().to_string(), text, self.origin.clone());
        Some((real, shown, source))
    }

    /// The named declarations of `book` and everything they refer to, in
    /// the imported file's order.
    fn select(
        &mut self,
        book: &ast::Rulebook,
        names: &[ast::Ident],
        file: &str,
    ) -> Vec<Declaration> {
        let mut wanted: HashSet<String> = HashSet::new();
        let mut queue: Vec<String> = Vec::new();
        for name in names {
            let found = book
                .declarations
                .iter()
                .find(|d| d.name().is_some_and(|n| n.node == name.node));
            match found {
                Some(d) if importable(d) => queue.push(name.node.clone()),
                Some(d) => {
                    let problem = Import::NotImportable {
                        name: name.node.clone(),
                        kind: kind(d),
                    };
                    let help = "import lines, zones, acts, act classes, weapon classes and reaches; deadlines, regimes, articles and exceptions belong to their own agreement".to_owned();
                    self.fail(&name.span, problem, "here", Some(help));
                }
                None => {
                    let declared: Vec<&str> = book
                        .declarations
                        .iter()
                        .filter(|d| importable(d))
                        .filter_map(|d| d.name().map(|n| n.node.as_str()))
                        .collect();
                    let problem = Import::NotDeclared {
                        name: name.node.clone(),
                        file: file.to_owned(),
                    };
                    let help =
                        did_you_mean(&name.node, &declared).map(|b| format!("did you mean `{b}`?"));
                    self.fail(&name.span, problem, "not found", help);
                }
            }
        }
        while let Some(name) = queue.pop() {
            if !wanted.insert(name.clone()) {
                continue;
            }
            let decl = book
                .declarations
                .iter()
                .find(|d| d.name().is_some_and(|n| n.node == name));
            if let Some(d) = decl.filter(|d| importable(d)) {
                queue.extend(references(d));
            }
        }
        let title = &book.agreement.title.node;
        book.declarations
            .iter()
            .filter(|d| importable(d) && d.name().is_some_and(|n| wanted.contains(&n.node)))
            .cloned()
            .map(|d| self.own_holdings(d, title))
            .collect()
    }

    /// Keeps the sides held by parties of the importing agreement, and
    /// gives it those held by its parties' counterparts in the agreement
    /// imported from (titled `title`); drops the others.
    fn own_holdings(&self, d: Declaration, title: &str) -> Declaration {
        match d {
            Declaration::Line(mut l) => {
                l.holdings.retain_mut(|h| {
                    if self.parties.contains(&h.party.node) {
                        return true;
                    }
                    match self.ours(title, &h.party.node) {
                        Some(ours) => {
                            h.party.node = ours.to_owned();
                            true
                        }
                        None => false,
                    }
                });
                Declaration::Line(l)
            }
            other => other,
        }
    }

    /// The one party of the importing agreement whose counterpart in
    /// `title` is `theirs`; none when several are under it (the side is
    /// then no single party's).
    fn ours(&self, title: &str, theirs: &str) -> Option<&str> {
        let mut found = self
            .counterparts
            .iter()
            .filter(|c| c.instrument == title && c.theirs == theirs)
            .map(|c| c.ours.as_str());
        let first = found.next()?;
        found.all(|o| o == first).then_some(first)
    }

    fn fail(&mut self, at: &Span, problem: Import, label: &'static str, help: Option<String>) {
        let located = problem.at(at, label);
        let located = match help {
            Some(help) => located.help(help),
            None => located,
        };
        self.errors.push(located.into());
    }
}

/// What a declaration is, in the rule language's words.
fn kind(d: &Declaration) -> &'static str {
    match d {
        Declaration::Deadline(_) => "a deadline",
        Declaration::Regime(_) => "a regime",
        Declaration::Exception(_) => "an exception",
        Declaration::Article(_) => "an article",
        Declaration::Import(_)
        | Declaration::Line(_)
        | Declaration::Zone(_)
        | Declaration::Area(_)
        | Declaration::WeaponClass(_)
        | Declaration::ActClass(_)
        | Declaration::Act(_)
        | Declaration::Reach(_)
        | Declaration::Extension(_)
        | Declaration::Suspension(_)
        | Declaration::Change(_)
        | Declaration::Standard(_)
        | Declaration::Doctrine(_)
        | Declaration::Pattern(_)
        | Declaration::Imputable(_)
        | Declaration::Element(_)
        | Declaration::Diligence(_)
        | Declaration::Category(_)
        | Declaration::Quantity(_)
        | Declaration::Ceiling(_) => "a declaration",
    }
}

fn importable(d: &Declaration) -> bool {
    matches!(
        d,
        Declaration::Line(_)
            | Declaration::Zone(_)
            | Declaration::Act(_)
            | Declaration::ActClass(_)
            | Declaration::WeaponClass(_)
            | Declaration::Reach(_)
            | Declaration::Category(_)
            | Declaration::Quantity(_)
    )
}

/// The names a declaration refers to.
fn references(d: &Declaration) -> Vec<String> {
    let mut out = Vec::new();
    match d {
        Declaration::Zone(z) => names_in(&z.shape, &mut out),
        Declaration::ActClass(c) => c.members.iter().for_each(|m| names_in(m, &mut out)),
        Declaration::Line(l) => match &l.geometry {
            LineSource::PerParty(pairs) => {
                out.extend(pairs.iter().map(|(line, _)| line.node.clone()));
            }
            LineSource::Edge(zone) => out.push(zone.node.clone()),
            LineSource::Drawn(_) => {}
        },
        // Only the importable declarations above refer to others.
        Declaration::Import(_)
        | Declaration::Area(_)
        | Declaration::WeaponClass(_)
        | Declaration::Act(_)
        | Declaration::Reach(_)
        | Declaration::Deadline(_)
        | Declaration::Extension(_)
        | Declaration::Suspension(_)
        | Declaration::Regime(_)
        | Declaration::Change(_)
        | Declaration::Standard(_)
        | Declaration::Doctrine(_)
        | Declaration::Pattern(_)
        | Declaration::Imputable(_)
        | Declaration::Element(_)
        | Declaration::Diligence(_)
        | Declaration::Category(_)
        | Declaration::Quantity(_)
        | Declaration::Ceiling(_)
        | Declaration::Article(_)
        | Declaration::Exception(_) => {}
    }
    out
}

fn names_in(e: &SExpr, out: &mut Vec<String>) {
    match &e.node {
        Expr::Path(p) if p.segments.len() == 1 => out.push(p.segments[0].node.clone()),
        Expr::Not(inner) => names_in(inner, out),
        Expr::Binary { lhs, rhs, .. } => {
            names_in(lhs, out);
            names_in(rhs, out);
        }
        Expr::Buffer { reference, .. } => names_in(reference, out),
        Expr::Between { first, second } => {
            out.push(first.node.clone());
            out.push(second.node.clone());
        }
        Expr::Inside(line) => out.push(line.node.clone()),
        // A zone's shape names nothing else.
        Expr::Path(_)
        | Expr::Bool(_)
        | Expr::Number(_)
        | Expr::Quantity(_)
        | Expr::Text(_)
        | Expr::DateTime(_)
        | Expr::List(_)
        | Expr::Some { .. }
        | Expr::InScope(_)
        | Expr::Doctrine(_)
        | Expr::Coordinate(_)
        | Expr::Crosses { .. }
        | Expr::Within { .. }
        | Expr::OnSide { .. }
        | Expr::Polygon(_)
        | Expr::InArea { .. }
        | Expr::Over { .. }
        | Expr::WeaponSum { .. }
        | Expr::Holdings { .. }
        | Expr::Directed { .. } => {}
    }
}

fn canonical(origin: &crate::files::Origin, p: &Path) -> PathBuf {
    origin.real(p).unwrap_or_else(|_| p.to_path_buf())
}
