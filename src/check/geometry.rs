//! Lines and zones: geometry from GeoJSON files (RFC 7946, WGS84 lon/lat,
//! read relative to the rule file) or written inline.

use std::collections::HashSet;
use std::path::PathBuf;

use geo::{Coord, LineString, MultiLineString, MultiPolygon, Polygon};
use geojson::{GeoJson, Value};

use super::Checker;
use super::err::{BadGeoJson, BadGeometry, OutOfRange, Problem, Range, UnitMismatch};
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
                Declaration::Doctrine(d) => (&d.name, Kind::Doctrine),
                Declaration::Pattern(d) => (&d.name, Kind::Pattern),
                Declaration::Element(d) => (&d.name, Kind::Element),
                Declaration::Diligence(d) => (&d.name, Kind::Diligence),
                Declaration::Category(d) => (&d.name, Kind::Category),
                Declaration::Quantity(d) => (&d.name, Kind::Quantity),
                Declaration::Ceiling(d) => (&d.name, Kind::Ceiling),
                Declaration::Reach(_)
                | Declaration::Area(_)
                | Declaration::Imputable(_)
                | Declaration::Standard(_)
                | Declaration::Import(_)
                | Declaration::Extension(_)
                | Declaration::Suspension(_)
                | Declaration::Change(_)
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
            let problem = UnitMismatch::Needed {
                text: q.span.text().to_owned(),
                found: Dimension::Duration,
                needed: Dimension::Length,
            };
            self.error(
                problem
                    .at(&q.span, "not a distance")
                    .help("use `m`, `km` or `mm`"),
            );
            return None;
        }
        if !(q.node.value.is_finite() && q.node.value >= 0.0) {
            let problem = OutOfRange::Distance {
                text: q.span.text().to_owned(),
            };
            self.error(problem.at(&q.span, "here"));
            return None;
        }
        Some(q.node.base())
    }

    /// Whether `(lon, lat)`, written at `span`, is a longitude and a
    /// latitude; reports it if not.
    pub(super) fn lon_lat(&mut self, span: &Span, lon: f64, lat: f64) -> bool {
        if (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat) {
            return true;
        }
        let problem = OutOfRange::Not {
            text: span.text().to_owned(),
            what: Range::Coordinates,
        };
        let help = "write `(lon, lat)`: longitude first (-180 to 180), then latitude (-90 to 90)";
        self.error(problem.at(span, "out of range").help(help));
        false
    }

    pub(super) fn shapes(&mut self, source: &GeometrySource, closed: bool) -> Option<Shapes> {
        match source {
            GeometrySource::Inline(points) => self.inline(points, closed),
            GeometrySource::GeoJson(file, feature) => self.geojson(file, feature.as_ref()),
        }
    }

    fn inline(&mut self, points: &[Spanned<(f64, f64)>], closed: bool) -> Option<Shapes> {
        let mut coords = Vec::with_capacity(points.len());
        for p in points {
            let (x, y) = p.node;
            if !self.lon_lat(&p.span, x, y) {
                return None;
            }
            coords.push(Coord { x, y });
        }
        let needed = if closed { 3 } else { 2 };
        if coords.len() < needed {
            let span = points[0].span.to(&points[points.len() - 1].span);
            let problem = BadGeometry::TooFewPoints {
                shape: if closed { "polygon" } else { "line" },
                needed,
            };
            self.error(problem.at(&span, "too few points"));
            return None;
        }
        let line = LineString::new(coords);
        Some(if closed {
            Shapes::Polygons(MultiPolygon::new(vec![Polygon::new(line, vec![])]))
        } else {
            Shapes::Lines(MultiLineString::new(vec![line]))
        })
    }

    /// A geometry file's text, read once however often it is named,
    /// confined to the folder tree of the rulebook being loaded, and hashed
    /// as read for the report's inputs.
    fn geometry_text(&mut self, path: &std::path::Path) -> Result<std::rc::Rc<str>, String> {
        if let Some(known) = self.geometry_texts.get(path) {
            return known.clone();
        }
        let origin = self.source.origin();
        let tree = origin.tree_of(std::path::Path::new(self.source.name()));
        let read = match origin.read_inside(&tree, path) {
            Ok((_, text)) => {
                let sha = crate::digest::of(text.as_bytes());
                self.geometry_files.push((path.to_path_buf(), sha));
                Ok(std::rc::Rc::from(text))
            }
            Err(why) => Err(why.to_string()),
        };
        self.geometry_texts.insert(path.to_path_buf(), read.clone());
        read
    }

    fn geojson(
        &mut self,
        file: &Spanned<String>,
        feature: Option<&Spanned<String>>,
    ) -> Option<Shapes> {
        let path = relative(&file.span.source, &file.node);
        let text = match self.geometry_text(&path) {
            Ok(t) => t,
            Err(why) => {
                let problem = BadGeoJson::Unreadable {
                    file: file.node.clone(),
                    why,
                };
                let help = "GeoJSON paths are relative to the rule file, and name regular files inside the folder tree of the rulebook being loaded";
                self.error(problem.at(&file.span, "this file").help(help));
                return None;
            }
        };
        let parsed = text
            .parse::<GeoJson>()
            .map_err(|e| Unusable::Other(e.to_string()));
        let wanted = feature.map(|f| f.node.as_str());
        match parsed.and_then(|g| collect(&g, wanted)) {
            Ok(shapes) => Some(shapes),
            Err(Unusable::Feature(names)) => {
                let f = feature.expect("only a named feature can be missing");
                let problem = BadGeoJson::NoFeature {
                    file: file.node.clone(),
                    feature: f.node.clone(),
                };
                let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
                let help = format!("its features are named {}", quoted.join(", "));
                self.error(problem.at(&f.span, "this feature").help(help));
                None
            }
            Err(Unusable::Mixed) => {
                let problem = BadGeoJson::Mixed {
                    file: file.node.clone(),
                };
                let help = "keep one kind per file, or select one feature by its `name` property: `from \"file.geojson\" feature \"name\"`";
                self.error(problem.at(&file.span, "this file").help(help));
                None
            }
            Err(Unusable::Other(reason)) => {
                let problem = BadGeoJson::Unusable {
                    file: file.node.clone(),
                    reason,
                };
                self.error(problem.at(&file.span, "this file"));
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
        GeometrySource::GeoJson(f, _) => f.span.clone(),
        GeometrySource::Inline(_) => fallback.clone(),
    }
}

/// Where a geometry is written: its file, or its list of points.
pub(super) fn written_span(source: &GeometrySource, fallback: &Span) -> Span {
    match source {
        GeometrySource::Inline(points) => match (points.first(), points.last()) {
            (Some(first), Some(last)) => first.span.to(&last.span),
            _ => fallback.clone(),
        },
        GeometrySource::GeoJson(..) => geometry_span(source, fallback),
    }
}

pub(super) fn origin(source: &GeometrySource) -> String {
    match source {
        GeometrySource::GeoJson(f, None) => f.node.clone(),
        GeometrySource::GeoJson(f, Some(name)) => format!("{}, feature \"{}\"", f.node, name.node),
        GeometrySource::Inline(_) => "inline coordinates".to_owned(),
    }
}

/// Why a GeoJSON document gave no shapes.
enum Unusable {
    /// No feature has the wanted name; these are the names there are.
    Feature(Vec<String>),
    /// Lines and polygons together, and no feature chosen.
    Mixed,
    Other(String),
}

impl From<String> for Unusable {
    fn from(reason: String) -> Self {
        Unusable::Other(reason)
    }
}

/// Gathers every line or every polygon of a GeoJSON document, or of its
/// features named `wanted`.
fn collect(doc: &GeoJson, wanted: Option<&str>) -> Result<Shapes, Unusable> {
    let features: Vec<&geojson::Feature> = match doc {
        GeoJson::Geometry(_) => Vec::new(),
        GeoJson::Feature(f) => vec![f],
        GeoJson::FeatureCollection(fc) => fc.features.iter().collect(),
    };
    let name = |f: &geojson::Feature| {
        f.property("name")
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    };
    let mut values = Vec::new();
    match (doc, wanted) {
        (GeoJson::Geometry(g), None) => values.push(&g.value),
        (_, None) => values.extend(
            features
                .iter()
                .filter_map(|f| f.geometry.as_ref().map(|g| &g.value)),
        ),
        (_, Some(w)) => {
            let chosen: Vec<&&geojson::Feature> = features
                .iter()
                .filter(|f| name(f).as_deref() == Some(w))
                .collect();
            if chosen.is_empty() {
                return Err(Unusable::Feature(
                    features.iter().filter_map(|f| name(f)).collect(),
                ));
            }
            values.extend(
                chosen
                    .iter()
                    .filter_map(|f| f.geometry.as_ref().map(|g| &g.value)),
            );
        }
    }
    let mut lines = Vec::new();
    let mut polygons = Vec::new();
    for value in values {
        match value {
            Value::LineString(l) => lines.push(at_least(line_string(l)?, 2, "a line")?),
            Value::MultiLineString(ls) => {
                for l in ls {
                    lines.push(at_least(line_string(l)?, 2, "a line")?);
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
        (false, false) => Err(Unusable::Mixed),
        (true, true) => Err(Unusable::Other("it holds no line and no polygon".into())),
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

/// RFC 7946: a line has at least two positions, a ring at least four.
fn at_least(l: LineString, n: usize, what: &str) -> Result<LineString, String> {
    if l.0.len() < n {
        return Err(format!(
            "{what} has {} position(s); it needs at least {n}",
            l.0.len()
        ));
    }
    Ok(l)
}

fn polygon(rings: &[Vec<Vec<f64>>]) -> Result<Polygon, String> {
    let mut rings = rings
        .iter()
        .map(|r| line_string(r).and_then(|l| at_least(l, 4, "a polygon ring")));
    let exterior = rings.next().ok_or("a polygon has no ring")??;
    let interiors = rings.collect::<Result<Vec<_>, _>>()?;
    Ok(Polygon::new(exterior, interiors))
}
