//! AST → checked rulebook.
//!
//! The checker resolves every name (parties, acts, classes, lines, zones,
//! articles, relations), checks the kind of every operand, loads geometry,
//! and reports every problem of a file in one pass.

mod changes;
mod cond;
mod counterparts;
mod doctrines;
mod duties;
mod enclosed;
pub mod err;
mod expr;
mod facts;
mod fields;
mod geometry;
mod header;
mod index;
mod lines;
pub mod overlay;
mod patterns;
mod provisions;
mod quantities;
mod reads;
mod related;
mod rulebook;
pub mod sides;
mod simple;
mod spatial;
mod symbols;
mod time;
mod zones;

pub use cond::*;
pub use enclosed::is_closed;
pub use err::{CheckError, CheckWarning, DegenerateError, OverlapError};
pub use index::SegmentIndex;
pub use reads::Reads;
pub use rulebook::*;
pub use simple::rings_meet;
pub use time::day_span;

use crate::ast;
use crate::span::{self, Source};
use symbols::Symbols;

/// A checked rulebook and the warnings it raised.
#[derive(Debug)]
pub struct Checked {
    pub rulebook: Rulebook,
    pub warnings: Vec<CheckWarning>,
}

/// Every problem found in a rulebook, in source order.
#[derive(Debug)]
pub struct CheckErrors {
    pub errors: Vec<CheckError>,
    pub warnings: Vec<CheckWarning>,
}

/// Checks a parsed rulebook. Geometry files are read relative to the rule file.
pub fn check(ast: &ast::Rulebook, source: &Source) -> Result<Checked, CheckErrors> {
    let mut cx = Checker::new(source);
    let rulebook = cx.rulebook(ast);
    let Checker {
        mut errors,
        mut warnings,
        ..
    } = cx;
    errors.sort_by_key(CheckError::offset);
    warnings.sort_by_key(CheckWarning::offset);
    match rulebook {
        Some(rulebook) if errors.is_empty() => Ok(Checked { rulebook, warnings }),
        _ => Err(CheckErrors { errors, warnings }),
    }
}

/// The checker's state: what is declared so far and what went wrong.
pub(crate) struct Checker {
    source: Source,
    symbols: Symbols,
    /// Declaration names accepted by `declare_all`, by file and start offset
    /// (imported declarations come from other files).
    declared: std::collections::HashSet<(usize, usize)>,
    /// Members of each act class checked so far, by class index.
    act_class_members: Vec<ActSet>,
    /// The role of every id the header declares: only a party can be held
    /// responsible or suspend the agreement.
    roles: std::collections::HashMap<String, Role>,
    /// Geometry files read so far, for the report's list of inputs.
    geometry_files: Vec<(std::path::PathBuf, String)>,
    /// Each geometry file's text, or why it was refused, by the path the
    /// rule file names it by: a file named many times is read once, so
    /// neither the size limit nor the hash can be sidestepped by naming it
    /// again.
    geometry_texts: std::collections::HashMap<std::path::PathBuf, Result<std::rc::Rc<str>, String>>,
    /// Lines, once checked: zones and tests of sides read them.
    lines: Vec<Line>,
    /// Deadlines, once checked: conditions compare times with them.
    deadlines: Vec<Deadline>,
    /// Standards of proof, once checked: articles name them.
    standards: Vec<Standard>,
    /// Doctrines, once checked: conditions and suspensions test them.
    doctrines: Vec<Doctrine>,
    /// Extensions that name who agreed them, by deadline and place in its
    /// schedule: checked against the `change` declarations once read.
    extension_bys: Vec<(usize, usize, span::Spanned<ast::Changer>)>,
    /// Who may change what, once checked: extensions and suspensions the
    /// rulebook declares are checked against them.
    change_rules: Vec<ChangeRule>,
    /// Article numbers, in rulebook order, for messages about changes.
    article_numbers: Vec<String>,
    /// Names of the patterns declared, in order: `attack in barrage`.
    pattern_names: Vec<String>,
    /// Elements declared, with whether each is about another event too,
    /// once checked: conditions test them.
    elements: Vec<(String, bool)>,
    /// The rulebook's `imputable` capacities, once read: articles default to them.
    imputable: CapacitySet,
    /// Facts of the rulebook's own, once checked: conditions read them.
    categories: Vec<Category>,
    quantities: Vec<Quantity>,
    errors: Vec<CheckError>,
    warnings: Vec<CheckWarning>,
}

impl Checker {
    fn new(source: &Source) -> Self {
        Checker {
            source: source.clone(),
            symbols: Symbols::default(),
            declared: Default::default(),
            act_class_members: Vec::new(),
            geometry_files: Vec::new(),
            geometry_texts: Default::default(),
            lines: Vec::new(),
            deadlines: Vec::new(),
            standards: Vec::new(),
            doctrines: Vec::new(),
            extension_bys: Vec::new(),
            change_rules: Vec::new(),
            article_numbers: Vec::new(),
            pattern_names: Vec::new(),
            elements: Vec::new(),
            imputable: CapacitySet::OFFICIAL,
            categories: Vec::new(),
            quantities: Vec::new(),
            roles: Default::default(),
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn error(&mut self, error: impl Into<CheckError>) {
        self.errors.push(error.into());
    }

    /// Records an item that may be given once (`source` in the header,
    /// `proof` in an article); a second one is reported.
    fn once<T>(
        &mut self,
        slot: &mut Option<T>,
        at: &span::Span,
        owner: &str,
        word: &str,
        value: T,
    ) {
        if slot.is_some() {
            use err::Problem;
            let problem = err::Repeated::Clause {
                owner: owner.to_owned(),
                word: word.to_owned(),
            };
            self.error(problem.at(at, "again here").help("keep one"));
        } else {
            *slot = Some(value);
        }
    }

    fn rulebook(&mut self, ast: &ast::Rulebook) -> Option<Rulebook> {
        let header = self.header(&ast.agreement);
        let counterparts = header
            .as_ref()
            .map(|h| self.counterparts(ast, &h.parties))
            .unwrap_or_default();
        self.declare_all(ast);
        let acts = self.acts(ast);
        self.categories = self.categories(ast);
        self.quantities = self.quantities(ast);
        let act_classes = self.act_classes(ast);
        self.lines = self.lines(ast);
        let mut zones = self.zones(ast);
        let areas = self.areas(ast, &mut zones);
        self.zone_sizes(&zones);
        if self.errors.is_empty() {
            for i in 0..zones.len() {
                zones[i].overlay = overlay::overlay(&zones, i);
            }
        }
        let weapon_classes = self.weapon_classes(ast);
        let reaches = self.reaches(ast);
        let mut regimes = self.regimes(ast);
        let in_force = header.as_ref().map(|h| &h.in_force);
        self.deadlines = self.deadlines(ast, in_force, &regimes);
        self.standards = self.standards(ast);
        self.doctrines = self.doctrines(ast);
        self.pattern_names = ast
            .declarations
            .iter()
            .filter_map(|d| match d {
                ast::Declaration::Pattern(p) if self.is_declared(&p.name) => {
                    Some(p.name.node.clone())
                }
                _ => None,
            })
            .collect();
        self.imputable = self.imputable_default(ast);
        let elements = self.elements(ast);
        self.elements = elements
            .iter()
            .map(|e| (e.name.to_string(), e.param.is_some()))
            .collect();
        let patterns = self.patterns(ast);
        let ceilings = self.ceilings(ast);
        let diligences = self.diligences(ast);
        let imputable = self.imputable;
        let articles = self.articles(ast);
        let exceptions = self.exceptions(ast, &articles);
        self.change_rules = self.change_rules(ast, &articles);
        self.check_extension_bys();
        let suspensions = self.suspensions(ast, &articles);
        regimes.sort_by_key(|r| r.from.at);
        self.unused_warnings();
        let header = header?;
        Some(Rulebook {
            title: header.title,
            provenance: header.provenance,
            file: self.source.clone(),
            geometry_files: std::mem::take(&mut self.geometry_files),
            imported_files: Vec::new(),
            sha256: None,
            signed: header.signed,
            in_force: header.in_force,
            parties: header.parties,
            counterparts,
            acts,
            act_classes,
            weapon_classes,
            lines: std::mem::take(&mut self.lines),
            zones,
            areas,
            reaches,
            deadlines: std::mem::take(&mut self.deadlines),
            suspensions,
            regimes,
            changes: std::mem::take(&mut self.change_rules),
            standards: std::mem::take(&mut self.standards),
            doctrines: std::mem::take(&mut self.doctrines),
            patterns,
            elements,
            diligences,
            categories: std::mem::take(&mut self.categories),
            quantities: std::mem::take(&mut self.quantities),
            ceilings,
            imputable,
            articles,
            exceptions,
        })
    }
}
