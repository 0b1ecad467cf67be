//! Spatial evaluation: where an event is, read against the rulebook's
//! geometry.
//!
//! `conds.rs` evaluates the spatial conditions (zones, sides, distances,
//! crossings) for an event; `zone.rs` decides zone membership part by part;
//! `space.rs` measures distances, sides and crossings on the sphere;
//! `discs.rs` reads an uncertain position as discs; `whole.rs` decides a
//! combined zone, or a test on an area, cell by cell; `area.rs` reads a
//! position known only as an area; `control.rs` says whose area a place
//! lies in.

pub(super) mod area;
mod conds;
pub(super) mod control;
pub(super) mod discs;
pub(super) mod space;
pub(super) mod whole;
pub(super) mod zone;
