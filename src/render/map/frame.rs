//! The map's frame: an equirectangular projection whose longitudes are
//! scaled by the cosine of the middle latitude, so that near that latitude
//! a kilometre is as long east–west as north–south; fitted to a box of
//! longitudes and latitudes.

use crate::render::figure::n;

/// Metres in a degree of latitude (a sphere of radius 6,371 km).
pub const METRES_PER_DEGREE: f64 = 6_371_000.0 * std::f64::consts::PI / 180.0;

/// The plot's width in pixels, and the range its height may take.
pub const WIDTH: f64 = 900.0;
const MIN_HEIGHT: f64 = 380.0;
const MAX_HEIGHT: f64 = 720.0;
/// The plot starts below the title.
pub const TOP: f64 = 30.0;
/// The smallest span drawn, in metres: events within a few metres of each
/// other still get a readable map around them.
const MIN_SPAN_M: f64 = 4_000.0;

/// A box of longitudes and latitudes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl Bounds {
    pub fn point(lon: f64, lat: f64) -> Bounds {
        Bounds {
            west: lon,
            south: lat,
            east: lon,
            north: lat,
        }
    }

    /// The box around a point, `metres` out in every direction.
    pub fn around(lon: f64, lat: f64, metres: f64) -> Bounds {
        let dlat = metres / METRES_PER_DEGREE;
        let dlon = dlat / lat.to_radians().cos().max(0.01);
        Bounds {
            west: lon - dlon,
            south: lat - dlat,
            east: lon + dlon,
            north: lat + dlat,
        }
    }

    pub fn union(self, o: Bounds) -> Bounds {
        Bounds {
            west: self.west.min(o.west),
            south: self.south.min(o.south),
            east: self.east.max(o.east),
            north: self.north.max(o.north),
        }
    }

    pub fn intersection(self, o: Bounds) -> Option<Bounds> {
        let b = Bounds {
            west: self.west.max(o.west),
            south: self.south.max(o.south),
            east: self.east.min(o.east),
            north: self.north.min(o.north),
        };
        (b.west <= b.east && b.south <= b.north).then_some(b)
    }

    pub fn grow(self, metres: f64) -> Bounds {
        let mid = (self.south + self.north) / 2.0;
        let a = Bounds::around(0.0, mid, metres);
        Bounds {
            west: self.west + a.west,
            south: (self.south + a.south - mid).max(-89.0),
            east: self.east + a.east,
            north: (self.north + a.north - mid).min(89.0),
        }
    }

    pub fn of_rect(r: geo::Rect) -> Bounds {
        Bounds {
            west: r.min().x,
            south: r.min().y,
            east: r.max().x,
            north: r.max().y,
        }
    }

    pub fn centre(self) -> (f64, f64) {
        (
            (self.west + self.east) / 2.0,
            (self.south + self.north) / 2.0,
        )
    }
}

/// Where the map's longitudes and latitudes land in the figure.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub bounds: Bounds,
    /// The cosine of the middle latitude, scaling longitudes.
    pub cos: f64,
    /// Pixels per degree of latitude.
    pub k: f64,
    pub height: f64,
}

impl Frame {
    /// A frame showing `b` with a margin, widened along one axis so the
    /// plot keeps a readable shape.
    pub fn fit(b: Bounds) -> Frame {
        let (lon, lat) = b.centre();
        let span_m = ((b.north - b.south) * METRES_PER_DEGREE)
            .max((b.east - b.west) * METRES_PER_DEGREE * lat.to_radians().cos());
        let b = b.grow((span_m * 0.12).max(MIN_SPAN_M / 2.0));
        let cos = lat.to_radians().cos().max(0.01);
        let (mut w, mut h) = ((b.east - b.west) * cos, b.north - b.south);
        // Widen whichever side is short so that height / width stays in range.
        if h / w > MAX_HEIGHT / WIDTH {
            w = h * WIDTH / MAX_HEIGHT;
        } else if h / w < MIN_HEIGHT / WIDTH {
            h = w * MIN_HEIGHT / WIDTH;
        }
        let bounds = Bounds {
            west: lon - w / cos / 2.0,
            east: lon + w / cos / 2.0,
            south: lat - h / 2.0,
            north: lat + h / 2.0,
        };
        let k = WIDTH / w;
        Frame {
            bounds,
            cos,
            k,
            height: h * k,
        }
    }

    /// The pixel `(x, y)` of a longitude and latitude.
    pub fn px(&self, lon: f64, lat: f64) -> (f64, f64) {
        (
            (lon - self.bounds.west) * self.cos * self.k,
            TOP + (self.bounds.north - lat) * self.k,
        )
    }

    /// `M x y` or `L x y` for a path.
    pub fn step(&self, first: bool, lon: f64, lat: f64) -> String {
        let (x, y) = self.px(lon, lat);
        format!("{}{} {}", if first { 'M' } else { 'L' }, n(x), n(y))
    }

    /// Pixels in `metres` on the ground (near the middle latitude).
    pub fn metres(&self, metres: f64) -> f64 {
        metres / METRES_PER_DEGREE * self.k
    }

    /// Kilometres across the plot.
    pub fn width_km(&self) -> f64 {
        WIDTH / self.k * METRES_PER_DEGREE / 1000.0
    }

    /// The middle latitude, for the note on the projection.
    pub fn mid_latitude(&self) -> f64 {
        (self.bounds.south + self.bounds.north) / 2.0
    }
}

/// The longest round length (1, 2 or 5 times a power of ten kilometres)
/// at most a fifth of the plot's width: the scale bar.
pub fn scale_km(frame: &Frame) -> f64 {
    let target = frame.width_km() / 5.0;
    let power = 10f64.powf(target.log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * power)
        .find(|l| *l <= target)
        .unwrap_or(power)
}

/// `2 km`, `500 m`, `0.5 m`: a scale bar's length.
pub fn length_words(km: f64) -> String {
    if km >= 1.0 {
        format!("{km:.0} km")
    } else if km >= 0.001 {
        format!("{:.0} m", km * 1000.0)
    } else {
        format!("{:.1} m", km * 1000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kilometre_is_as_long_east_west_as_north_south() {
        let f = Frame::fit(Bounds::around(126.86, 38.08, 5_000.0));
        let (x0, y0) = f.px(126.86, 38.08);
        let north = f.px(126.86, 38.08 + 1000.0 / METRES_PER_DEGREE);
        let east_lon = 126.86 + 1000.0 / METRES_PER_DEGREE / 38.08f64.to_radians().cos();
        let east = f.px(east_lon, 38.08);
        let (dn, de) = (y0 - north.1, east.0 - x0);
        assert!((dn - de).abs() / dn < 0.01, "{dn} vs {de}");
        assert!((f.metres(1000.0) - dn).abs() < 1e-9);
    }

    #[test]
    fn the_fitted_plot_keeps_a_readable_shape() {
        // A thin east–west strip is given height; a tall strip width.
        for b in [
            Bounds {
                west: 30.0,
                south: 48.0,
                east: 40.0,
                north: 48.01,
            },
            Bounds {
                west: 30.0,
                south: 40.0,
                east: 30.01,
                north: 50.0,
            },
        ] {
            let f = Frame::fit(b);
            assert!(
                (MIN_HEIGHT - 0.01..=MAX_HEIGHT + 0.01).contains(&f.height),
                "{}",
                f.height
            );
            let (x, y) = f.px(b.west, b.north);
            assert!(x >= 0.0 && y >= TOP, "{x} {y}");
            let (x, y) = f.px(b.east, b.south);
            assert!(x <= WIDTH && y <= TOP + f.height, "{x} {y}");
        }
    }

    #[test]
    fn the_scale_bar_is_a_round_length() {
        let f = Frame::fit(Bounds::around(126.86, 38.08, 5_000.0));
        let km = scale_km(&f);
        assert!(
            [1.0, 2.0, 5.0]
                .iter()
                .any(|m| (km / 10f64.powf(km.log10().floor()) - m).abs() < 1e-9)
        );
        assert!(km <= f.width_km() / 5.0);
        assert_eq!(length_words(0.5), "500 m");
        assert_eq!(length_words(20.0), "20 km");
    }
}
