//! Lines and zones: geometry from GeoJSON files (RFC 7946, WGS84 lon/lat,
//! read relative to the rule file) or written inline.

use std::collections::HashSet;
use std::path::PathBuf;

use geo::{Coord, LineString, MultiLineString, MultiPolygon, Polygon};
use geojson::{GeoJson, Value};

use super::Checker;
use super::err::InvalidError;
use super::symbols::Kind;
use crate::ast::{self, Declaration, Dimension, GeometrySource};
use crate::span::{Span, Spanned};

/// Geometry read from a file or written inline, before it is typed.
pub(super) enum Shapes {
    Lines(MultiLineString),
    Polygons(MultiPolygon),
}

impl Checker {
    /// Declares every name first, so declarations may refer to later ones.
    pub(super) fn declare_all(&mut self, ast: &ast::Rulebook) {
        let mut declared = HashSet::new();
        for decl in &ast.declarations {
            let (name, kind) = match decl {
                Declaration::Line(d) => (&d.name, Kind::Line),
                Declaration::Zone(d) => (&d.name, Kind::Zone),
                Declaration::WeaponClass(d) => (&d.name, Kind::WeaponClass),
                Declaration::ActClass(d) => (&d.name, Kind::ActClass),
                Declaration::Act(d) => (&d.name, Kind::Act),
                Declaration::Deadline(d) => (&d.name, Kind::Deadline),
                Declaration::Regime(d) => (&d.name, Kind::Regime),
                Declaration::Reach(_)
                | Declaration::Import(_)
                | Declaration::Extension(_)
                | Declaration::Suspension(_)
                | Declaration::Article(_)
                | Declaration::Exception(_) => {
                    continue;
                }
            };
            match self.symbols.declare(&name.span, kind) {
                Ok(_) => {
                    declared.insert((name.span.source.id(), name.span.range.start));
                }
                Err(e) => self.error(e),
            }
        }
        self.declared = declared;
    }

    /// Whether a declaration's name was accepted (not a duplicate).
    pub(super) fn is_declared(&self, name: &Spanned<String>) -> bool {
        self.declared
            .contains(&(name.span.source.id(), name.span.range.start))
    }

    /// A distance in metres; reports a quantity of the wrong kind.
    pub(super) fn length(&mut self, q: &Spanned<ast::Quantity>) -> Option<f64> {
        if q.node.unit.dimension() != Dimension::Length {
            let message = format!(
                "`{}` is a duration, but a distance is needed here",
                q.span.text()
            );
            self.error(
                InvalidError::new(&q.span, message, "not a distance").help("use `m`, `km` or `mm`"),
            );
            return None;
        }
        if !(q.node.value.is_finite() && q.node.value >= 0.0) {
            let message = "a distance must be a finite number, 0 or more";
            self.error(InvalidError::new(&q.span, message, "here"));
            return None;
        }
        Some(q.node.base())
    }

    pub(super) fn shapes(&mut self, source: &GeometrySource, closed: bool) -> Option<Shapes> {
        match source {
            GeometrySource::Inline(points) => self.inline(points, closed),
            GeometrySource::GeoJson(file) => self.geojson(file),
        }
    }

    fn inline(&mut self, points: &[Spanned<(f64, f64)>], closed: bool) -> Option<Shapes> {
        let mut coords = Vec::with_capacity(points.len());
        for p in points {
            let (x, y) = p.node;
            if !(-180.0..=180.0).contains(&x) || !(-90.0..=90.0).contains(&y) {
                let message = format!("`{}` is not a longitude and latitude", p.span.text());
                let help =
                    "write `(lon, lat)`: longitude first (-180 to 180), then latitude (-90 to 90)";
                self.error(InvalidError::new(&p.span, message, "out of range").help(help));
                return None;
            }
            coords.push(Coord { x, y });
        }
        let needed = if closed { 3 } else { 2 };
        if coords.len() < needed {
            let span = points[0].span.to(&points[points.len() - 1].span);
            let message = format!(
                "a {} needs at least {needed} points",
                if closed { "polygon" } else { "line" }
            );
            self.error(InvalidError::new(&span, message, "too few points"));
            return None;
        }
        let line = LineString::new(coords);
        Some(if closed {
            Shapes::Polygons(MultiPolygon::new(vec![Polygon::new(line, vec![])]))
        } else {
            Shapes::Lines(MultiLineString::new(vec![line]))
        })
    }

    fn geojson(&mut self, file: &Spanned<String>) -> Option<Shapes> {
        let path = relative(&file.span.source, &file.node);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                let message = format!("cannot read `{}`: {e}", path.display());
                let help = "GeoJSON paths are relative to the rule file";
                self.error(InvalidError::new(&file.span, message, "this file").help(help));
                return None;
            }
        };
        if !self.geometry_files.contains(&path) {
            self.geometry_files.push(path.clone());
        }
        let parsed = text.parse::<GeoJson>().map_err(|e| e.to_string());
        match parsed.and_then(|g| collect(&g)) {
            Ok(shapes) => Some(shapes),
            Err(reason) => {
                let message = format!("`{}` is not usable GeoJSON: {reason}", file.node);
                self.error(InvalidError::new(&file.span, message, "this file"));
                None
            }
        }
    }
}

/// A path written in a rule file, relative to that file (an imported
/// declaration reads its geometry beside its own file).
fn relative(source: &crate::span::Source, file: &str) -> PathBuf {
    let base = std::path::Path::new(source.name()).parent();
    base.map_or_else(|| PathBuf::from(file), |b| b.join(file))
}

pub(super) fn geometry_span(source: &GeometrySource, fallback: &Span) -> Span {
    match source {
        GeometrySource::GeoJson(f) => f.span.clone(),
        GeometrySource::Inline(_) => fallback.clone(),
    }
}

pub(super) fn origin(source: &GeometrySource) -> String {
    match source {
        GeometrySource::GeoJson(f) => f.node.clone(),
        GeometrySource::Inline(_) => "inline coordinates".to_owned(),
    }
}

/// Gathers every line or every polygon of a GeoJSON document.
fn collect(doc: &GeoJson) -> Result<Shapes, String> {
    let mut values = Vec::new();
    match doc {
        GeoJson::Geometry(g) => values.push(&g.value),
        GeoJson::Feature(f) => values.extend(f.geometry.as_ref().map(|g| &g.value)),
        GeoJson::FeatureCollection(fc) => values.extend(
            fc.features
                .iter()
                .filter_map(|f| f.geometry.as_ref().map(|g| &g.value)),
        ),
    }
    let mut lines = Vec::new();
    let mut polygons = Vec::new();
    for value in values {
        match value {
            Value::LineString(l) => lines.push(line_string(l)?),
            Value::MultiLineString(ls) => {
                for l in ls {
                    lines.push(line_string(l)?);
                }
            }
            Value::Polygon(rings) => polygons.push(polygon(rings)?),
            Value::MultiPolygon(ps) => {
                for rings in ps {
                    polygons.push(polygon(rings)?);
                }
            }
            _ => {}
        }
    }
    match (lines.is_empty(), polygons.is_empty()) {
        (false, true) => Ok(Shapes::Lines(MultiLineString::new(lines))),
        (true, false) => Ok(Shapes::Polygons(MultiPolygon::new(polygons))),
        (false, false) => Err("it mixes lines and polygons; keep one kind per file".into()),
        (true, true) => Err("it holds no line and no polygon".into()),
    }
}

fn line_string(positions: &[Vec<f64>]) -> Result<LineString, String> {
    let coords = positions
        .iter()
        .map(|p| match p.as_slice() {
            [x, y, ..] if (-180.0..=180.0).contains(x) && (-90.0..=90.0).contains(y) => {
                Ok(Coord { x: *x, y: *y })
            }
            _ => Err(format!("position {p:?} is not a longitude and latitude")),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(LineString::new(coords))
}

fn polygon(rings: &[Vec<Vec<f64>>]) -> Result<Polygon, String> {
    let mut rings = rings.iter().map(|r| line_string(r));
    let exterior = rings.next().ok_or("a polygon has no ring")??;
    let interiors = rings.collect::<Result<Vec<_>, _>>()?;
    Ok(Polygon::new(exterior, interiors))
}
