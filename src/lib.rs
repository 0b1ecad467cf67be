pub mod ast;
pub mod check;
pub mod span;
pub mod syntax;
