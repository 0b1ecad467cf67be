//! The abstract syntax tree of a rule file, as written: names are not yet
//! resolved and kinds not yet checked (that is `check`'s job). Every node
//! carries a [`Span`](crate::span::Span).

mod decl;
mod expr;
mod relation;

pub use decl::*;
pub use expr::*;
pub use relation::Relation;
