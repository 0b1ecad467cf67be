//! What the syntax tree tells the layout: where each item starts (a
//! declaration, a header item, a clause), which gaps are padded to a fixed
//! column, and which names are aligned with their neighbours'. Read from
//! the spans of the parsed rulebook, so a word that is a keyword in one
//! place and a name in another is never mistaken.

use std::collections::HashSet;

use crate::ast::{Agreement, ArticleClause, Declaration, Exception, HeaderItem, LineDecl};
use crate::span::{Span, Spanned};

/// The column (from the item's start) where a header item's value starts:
/// `source    "..."`, `in force  1953-07-27 ...`.
pub(super) const HEADER_COLUMN: usize = 10;
/// The column (from the clause's start) where an article clause's value
/// starts: `violation when  ...`, `responsible     ...`.
pub(super) const CLAUSE_COLUMN: usize = 16;

/// A gap padded so that the token after it starts at a column.
#[derive(Debug, Clone, Copy)]
pub(super) struct Pad {
    /// Where the item starts (its first keyword).
    pub head: usize,
    /// The token whose start is moved.
    pub value: usize,
    /// Its column, counted from the item's start.
    pub column: usize,
}

/// A one-line item whose name is aligned with the names of the items of
/// its kind on the lines around it: the gap after the name is padded.
#[derive(Debug, Clone, Copy)]
pub(super) struct Named {
    /// The kind of item: only items of one kind are aligned together.
    pub kind: &'static str,
    pub head: usize,
    /// The name's token.
    pub name: usize,
    /// Where the item ends, to tell whether it is on one line.
    pub end: usize,
}

/// Everything the layout needs from the tree.
#[derive(Debug, Default)]
pub(super) struct Marks {
    /// The starts of items: a line that starts with one is indented by
    /// its depth in braces; any other line continues the item above.
    pub heads: HashSet<usize>,
    pub pads: Vec<Pad>,
    pub named: Vec<Named>,
}

/// Where the file's tokens (comments left out) start and end, to step
/// back from a value to the keywords before it.
pub(super) struct Starts(pub Vec<(usize, usize)>);

impl Starts {
    /// The start of the token `n` tokens before the one at `offset`.
    fn before(&self, offset: usize, n: usize) -> Option<usize> {
        let i = self.0.partition_point(|&(s, _)| s < offset);
        i.checked_sub(n).map(|j| self.0[j].0)
    }

    /// The end of the last token that starts before `offset`: where an
    /// item whose span ends there really ends (a span may run on over the
    /// whitespace and comments after it).
    fn last_end(&self, offset: usize) -> usize {
        let i = self.0.partition_point(|&(s, _)| s < offset);
        i.checked_sub(1).map_or(offset, |j| self.0[j].1)
    }
}

pub(super) fn marks(
    agreement: Option<&Agreement>,
    declarations: &[Declaration],
    starts: &Starts,
) -> Marks {
    let mut m = Marks::default();
    if let Some(agreement) = agreement {
        m.heads.insert(agreement.span.range.start);
        for item in &agreement.items {
            header_item(&mut m, starts, item);
        }
    }
    for decl in declarations {
        declaration(&mut m, starts, decl);
    }
    m
}

fn header_item(m: &mut Marks, starts: &Starts, item: &HeaderItem) {
    // The value, and how many keywords stand before it.
    let (value, keywords, named) = match item {
        HeaderItem::Source(s) => (s.span.range.start, 1, None),
        HeaderItem::Signed(d) => (d.span.range.start, 1, None),
        HeaderItem::InForce(d) => (d.span.range.start, 2, None),
        HeaderItem::Party(p) | HeaderItem::Monitor(p) | HeaderItem::Mediator(p) => {
            (p.id.span.range.start, 1, Some((&p.id, &p.span)))
        }
        HeaderItem::Group(g) => (g.id.span.range.start, 1, Some((&g.id, &g.span))),
        HeaderItem::NonParty(n) => (n.id.span.range.start, 1, Some((&n.id, &n.span))),
    };
    let Some(head) = starts.before(value, keywords) else {
        return;
    };
    m.heads.insert(head);
    m.pads.push(Pad {
        head,
        value,
        column: HEADER_COLUMN,
    });
    if let Some((id, span)) = named {
        m.named.push(Named {
            kind: "party",
            head,
            name: id.span.range.start,
            end: starts.last_end(span.range.end),
        });
    }
}

fn declaration(m: &mut Marks, starts: &Starts, decl: &Declaration) {
    let span = decl_span(decl);
    m.heads.insert(span.range.start);
    if let Some((kind, name)) = aligned_name(decl) {
        m.named.push(Named {
            kind,
            head: span.range.start,
            name: name.range.start,
            end: starts.last_end(span.range.end),
        });
    }
    match decl {
        Declaration::Line(l) => line_holdings(m, l),
        Declaration::Diligence(d) => {
            m.heads
                .extend(d.items.iter().map(|(name, _)| name.span.range.start));
        }
        Declaration::Article(a) => {
            for clause in &a.clauses {
                article_clause(m, starts, clause);
            }
        }
        Declaration::Exception(e) => exception_parts(m, starts, e),
        Declaration::Import(_)
        | Declaration::Zone(_)
        | Declaration::Area(_)
        | Declaration::WeaponClass(_)
        | Declaration::ActClass(_)
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
        | Declaration::Category(_)
        | Declaration::Quantity(_)
        | Declaration::Ceiling(_) => {}
    }
}

fn line_holdings(m: &mut Marks, line: &LineDecl) {
    m.heads
        .extend(line.holdings.iter().map(|h| h.party.span.range.start));
}

/// An article clause starts at its keywords, before its value.
fn article_clause(m: &mut Marks, starts: &Starts, clause: &ArticleClause) {
    let (value, keywords) = match clause {
        ArticleClause::Violation(e) => (e.span.range.start, 2),
        ArticleClause::Responsible(r) => (r.span.range.start, 1),
        ArticleClause::Proof(i)
        | ArticleClause::Attribution(i)
        | ArticleClause::Severity(i)
        | ArticleClause::Duty(i)
        | ArticleClause::Diligence(i, _) => (i.span.range.start, 1),
        ArticleClause::Imputable(ids) => match ids.first() {
            Some(i) => (i.span.range.start, 1),
            None => return,
        },
    };
    if let Some(head) = starts.before(value, keywords) {
        m.heads.insert(head);
        m.pads.push(Pad {
            head,
            value,
            column: CLAUSE_COLUMN,
        });
    }
}

/// An exception's text, `proof` and `applies when` each start a line of
/// their own when written on several.
fn exception_parts(m: &mut Marks, starts: &Starts, e: &Exception) {
    if let Some(text) = &e.text {
        m.heads.insert(text.span.range.start);
    }
    if let Some(proof) = &e.proof {
        m.heads.extend(starts.before(proof.span.range.start, 1));
    }
    m.heads
        .extend(starts.before(e.condition.span.range.start, 2));
}

/// The kind and name of a declaration aligned with its neighbours (`act
/// fire       "..."` over `act deployment "..."`); articles, exceptions
/// and declarations without a name are not.
fn aligned_name(decl: &Declaration) -> Option<(&'static str, &Span)> {
    let (kind, name): (&'static str, &Spanned<String>) = match decl {
        Declaration::Line(d) => ("line", &d.name),
        Declaration::Zone(d) if d.locality => ("locality", &d.name),
        Declaration::Zone(d) => ("zone", &d.name),
        Declaration::Area(d) => ("area", &d.party),
        Declaration::WeaponClass(d) => ("weapon class", &d.name),
        Declaration::ActClass(d) => ("act class", &d.name),
        Declaration::Act(d) => ("act", &d.name),
        Declaration::Reach(d) => ("reach", &d.weapon_type),
        Declaration::Deadline(d) => ("deadline", &d.name),
        Declaration::Regime(d) => ("regime", &d.name),
        Declaration::Standard(d) => ("standard", &d.name),
        Declaration::Doctrine(d) => ("doctrine", &d.name),
        Declaration::Pattern(d) => ("pattern", &d.name),
        Declaration::Element(d) => ("element", &d.name),
        Declaration::Category(d) => ("category", &d.name),
        Declaration::Quantity(d) => ("quantity", &d.name),
        Declaration::Ceiling(d) => ("ceiling", &d.name),
        Declaration::Import(_)
        | Declaration::Extension(_)
        | Declaration::Suspension(_)
        | Declaration::Change(_)
        | Declaration::Imputable(_)
        | Declaration::Diligence(_)
        | Declaration::Article(_)
        | Declaration::Exception(_) => return None,
    };
    Some((kind, &name.span))
}

fn decl_span(decl: &Declaration) -> &Span {
    match decl {
        Declaration::Import(d) => &d.span,
        Declaration::Line(d) => &d.span,
        Declaration::Zone(d) => &d.span,
        Declaration::Area(d) => &d.span,
        Declaration::WeaponClass(d) => &d.span,
        Declaration::ActClass(d) => &d.span,
        Declaration::Act(d) => &d.span,
        Declaration::Reach(d) => &d.span,
        Declaration::Deadline(d) => &d.span,
        Declaration::Extension(d) => &d.span,
        Declaration::Suspension(d) => &d.span,
        Declaration::Regime(d) => &d.span,
        Declaration::Change(d) => &d.span,
        Declaration::Standard(d) => &d.span,
        Declaration::Doctrine(d) => &d.span,
        Declaration::Pattern(d) => &d.span,
        Declaration::Imputable(d) => &d.span,
        Declaration::Element(d) => &d.span,
        Declaration::Diligence(d) => &d.span,
        Declaration::Category(d) => &d.span,
        Declaration::Quantity(d) => &d.span,
        Declaration::Ceiling(d) => &d.span,
        Declaration::Article(d) => &d.span,
        Declaration::Exception(d) => &d.span,
    }
}
