//! MGRS grid references, as military observers report positions: `37U DP
//! 12 34` is a 1 km square, `37U DP 123 456` a 100 m square. A reference
//! names the square whose south-west corner it gives, not a point.
//!
//! The Military Grid Reference System (NGA.SIG.0012_2.0.0_UTMUPS, 2014)
//! labels the UTM grid on the WGS84 ellipsoid: a zone (1–60, 6° of
//! longitude), a latitude band (C–X, 8°, X 12°), two letters for a 100 km
//! square, then an easting and a northing of equal length (0 to 5 digits
//! each: 100 km down to 1 m). The polar zones (UPS, bands A, B, Y, Z) are
//! not read. Conversion uses Snyder's inverse transverse Mercator series
//! (USGS Professional Paper 1395, 1987, pp. 60–64), good to well under a
//! metre within a zone.

use geo::{Coord, LineString, Polygon};

/// WGS84.
const A: f64 = 6_378_137.0;
const F: f64 = 1.0 / 298.257_223_563;
const K0: f64 = 0.9996;

/// Latitude bands from 80° S, 8° each (X is 12°).
const BANDS: &str = "CDEFGHJKLMNPQRSTUVWX";
/// Row letters of the 100 km squares, repeating every 2,000 km of northing.
const ROWS: &str = "ABCDEFGHJKLMNPQRSTUV";
/// Column letters, by zone modulo 3.
const COLUMNS: [&str; 3] = ["ABCDEFGH", "JKLMNPQR", "STUVWXYZ"];
/// Points along each side of a square, so the polygon follows the grid's
/// slight curve in longitude and latitude.
const PER_SIDE: usize = 8;

/// A grid square: its reference as written (normalised), its side, and
/// its corners as a polygon in longitude and latitude.
#[derive(Debug, Clone, PartialEq)]
pub struct Square {
    pub reference: String,
    pub metres: f64,
    pub polygon: Polygon,
}

/// Reads a reference (`37U DP 12 34`, `37UDP1234`; spaces and case are
/// free), or says what is wrong with it.
pub fn square(written: &str) -> Result<Square, String> {
    // Written apart, the easting and northing are two groups of digits of
    // one length: `07 32 99` is not a reference, nor is `073 29`.
    let groups: Vec<&str> = written
        .split_whitespace()
        .rev()
        .take_while(|t| t.chars().all(|c| c.is_ascii_digit()))
        .collect();
    if groups.len() > 2 || (groups.len() == 2 && groups[0].len() != groups[1].len()) {
        return Err("the easting and northing must be digits of equal length, 0 to 5 each".into());
    }
    let compact: String = written
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let digits = compact.chars().take_while(char::is_ascii_digit).count();
    let zone: u32 = compact[..digits]
        .parse()
        .ok()
        .filter(|z| (1..=60).contains(z))
        .ok_or("it must start with a zone number, 1 to 60")?;
    let rest: Vec<char> = compact[digits..].chars().collect();
    let (&band, rest) = rest
        .split_first()
        .ok_or("a latitude band letter must follow the zone")?;
    if matches!(band, 'A' | 'B' | 'Y' | 'Z') {
        return Err("polar references (UPS, bands A, B, Y and Z) are not read".into());
    }
    let band_index = BANDS
        .find(band)
        .ok_or_else(|| format!("`{band}` is not a latitude band (C to X, without I and O)"))?;
    let [column, row, numbers @ ..] = rest else {
        return Err("two letters naming a 100 km square must follow the band".into());
    };
    let numbers: String = numbers.iter().collect();
    if !numbers.chars().all(|c| c.is_ascii_digit()) || numbers.len() % 2 == 1 || numbers.len() > 10
    {
        return Err("the easting and northing must be digits of equal length, 0 to 5 each".into());
    }
    let set = COLUMNS[((zone - 1) % 3) as usize];
    let col = set.find(*column).ok_or_else(|| {
        format!("`{column}` is not a column letter of zone {zone} (it uses {set})")
    })?;
    let row_index = ROWS
        .find(*row)
        .ok_or_else(|| format!("`{row}` is not a row letter (A to V, without I and O)"))?;
    let n = numbers.len() / 2;
    let metres = 10f64.powi(5 - n as i32);
    let read = |s: &str| s.parse::<f64>().unwrap_or(0.0) * metres;
    let east = (col + 1) as f64 * 100_000.0 + read(&numbers[..n]);
    // Even zones letter their rows from F.
    let shift = if zone.is_multiple_of(2) { 5 } else { 0 };
    let row_100k = ((row_index + 20 - shift) % 20) as f64 * 100_000.0;
    let south = band_index < 10;
    let floor = MIN_NORTHING[band_index];
    let mut north = row_100k;
    while north < floor {
        north += 2_000_000.0;
    }
    north += read(&numbers[n..]);
    let corner = |de: f64, dn: f64| to_lon_lat(zone, south, east + de, north + dn);
    let mut ring = Vec::with_capacity(4 * PER_SIDE + 1);
    for k in 0..PER_SIDE {
        ring.push(corner(metres * k as f64 / PER_SIDE as f64, 0.0));
    }
    for k in 0..PER_SIDE {
        ring.push(corner(metres, metres * k as f64 / PER_SIDE as f64));
    }
    for k in 0..PER_SIDE {
        ring.push(corner(
            metres * (PER_SIDE - k) as f64 / PER_SIDE as f64,
            metres,
        ));
    }
    for k in 0..PER_SIDE {
        ring.push(corner(
            0.0,
            metres * (PER_SIDE - k) as f64 / PER_SIDE as f64,
        ));
    }
    ring.push(ring[0]);
    // The square must lie in the band it names (a reference such as
    // `37U DA` names a square kilometres away from band U).
    let centre = corner(metres / 2.0, metres / 2.0);
    let (low, high) = band_latitudes(band_index);
    if !(low - 0.5..=high + 0.5).contains(&centre.y) {
        return Err(format!(
            "square {column}{row} lies at {:.1}°, outside band {band} ({low}° to {high}°)",
            centre.y
        ));
    }
    let split = |s: &str| {
        if s.is_empty() {
            String::new()
        } else {
            format!(" {} {}", &s[..n], &s[n..])
        }
    };
    Ok(Square {
        reference: format!("{zone}{band} {column}{row}{}", split(&numbers)),
        metres,
        polygon: Polygon::new(LineString::new(ring), vec![]),
    })
}

/// The least northing of each band (southern bands with the false
/// northing of 10,000 km), rounded down to 100 km: the northing of the
/// band's southern parallel on the zone's central meridian, where it is
/// least.
const MIN_NORTHING: [f64; 20] = [
    1_100_000.0,
    2_000_000.0,
    2_800_000.0,
    3_700_000.0,
    4_600_000.0,
    5_500_000.0,
    6_400_000.0,
    7_300_000.0,
    8_200_000.0,
    9_100_000.0,
    0.0,
    800_000.0,
    1_700_000.0,
    2_600_000.0,
    3_500_000.0,
    4_400_000.0,
    5_300_000.0,
    6_200_000.0,
    7_000_000.0,
    7_900_000.0,
];

fn band_latitudes(index: usize) -> (f64, f64) {
    let low = -80.0 + 8.0 * index as f64;
    let high = if index == BANDS.len() - 1 {
        84.0
    } else {
        low + 8.0
    };
    (low, high)
}

/// UTM easting and northing in zone `zone` to longitude and latitude.
fn to_lon_lat(zone: u32, south: bool, easting: f64, northing: f64) -> Coord {
    let e2 = F * (2.0 - F);
    let ep2 = e2 / (1.0 - e2);
    let x = easting - 500_000.0;
    let y = if south {
        northing - 10_000_000.0
    } else {
        northing
    };
    let m = y / K0;
    let mu = m / (A * (1.0 - e2 / 4.0 - 3.0 * e2 * e2 / 64.0 - 5.0 * e2.powi(3) / 256.0));
    let e1 = (1.0 - (1.0 - e2).sqrt()) / (1.0 + (1.0 - e2).sqrt());
    let phi1 = mu
        + (3.0 * e1 / 2.0 - 27.0 * e1.powi(3) / 32.0) * (2.0 * mu).sin()
        + (21.0 * e1 * e1 / 16.0 - 55.0 * e1.powi(4) / 32.0) * (4.0 * mu).sin()
        + (151.0 * e1.powi(3) / 96.0) * (6.0 * mu).sin()
        + (1097.0 * e1.powi(4) / 512.0) * (8.0 * mu).sin();
    let (sin, cos, tan) = (phi1.sin(), phi1.cos(), phi1.tan());
    let n1 = A / (1.0 - e2 * sin * sin).sqrt();
    let t1 = tan * tan;
    let c1 = ep2 * cos * cos;
    let r1 = A * (1.0 - e2) / (1.0 - e2 * sin * sin).powf(1.5);
    let d = x / (n1 * K0);
    let lat = phi1
        - (n1 * tan / r1)
            * (d * d / 2.0
                - (5.0 + 3.0 * t1 + 10.0 * c1 - 4.0 * c1 * c1 - 9.0 * ep2) * d.powi(4) / 24.0
                + (61.0 + 90.0 * t1 + 298.0 * c1 + 45.0 * t1 * t1 - 252.0 * ep2 - 3.0 * c1 * c1)
                    * d.powi(6)
                    / 720.0);
    let central = (f64::from(zone) - 1.0) * 6.0 - 180.0 + 3.0;
    let lon = central
        + ((d - (1.0 + 2.0 * t1 + c1) * d.powi(3) / 6.0
            + (5.0 - 2.0 * c1 + 28.0 * t1 - 3.0 * c1 * c1 + 8.0 * ep2 + 24.0 * t1 * t1)
                * d.powi(5)
                / 120.0)
            / cos)
            .to_degrees();
    Coord {
        x: lon,
        y: lat.to_degrees(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Contains, Distance, Haversine, Point};

    /// Snyder's forward transverse Mercator (Professional Paper 1395,
    /// pp. 61–62), written apart from the inverse it checks.
    fn forward(lat: f64, lon: f64, zone: u32) -> (f64, f64) {
        let e2 = F * (2.0 - F);
        let ep2 = e2 / (1.0 - e2);
        let phi = lat.to_radians();
        let lam0 = ((f64::from(zone) - 1.0) * 6.0 - 177.0).to_radians();
        let n = A / (1.0 - e2 * phi.sin().powi(2)).sqrt();
        let t = phi.tan().powi(2);
        let c = ep2 * phi.cos().powi(2);
        let a = phi.cos() * (lon.to_radians() - lam0);
        let m = A
            * ((1.0 - e2 / 4.0 - 3.0 * e2 * e2 / 64.0 - 5.0 * e2.powi(3) / 256.0) * phi
                - (3.0 * e2 / 8.0 + 3.0 * e2 * e2 / 32.0 + 45.0 * e2.powi(3) / 1024.0)
                    * (2.0 * phi).sin()
                + (15.0 * e2 * e2 / 256.0 + 45.0 * e2.powi(3) / 1024.0) * (4.0 * phi).sin()
                - (35.0 * e2.powi(3) / 3072.0) * (6.0 * phi).sin());
        let x = K0
            * n
            * (a + (1.0 - t + c) * a.powi(3) / 6.0
                + (5.0 - 18.0 * t + t * t + 72.0 * c - 58.0 * ep2) * a.powi(5) / 120.0)
            + 500_000.0;
        let y = K0
            * (m + n
                * phi.tan()
                * (a * a / 2.0
                    + (5.0 - t + 9.0 * c + 4.0 * c * c) * a.powi(4) / 24.0
                    + (61.0 - 58.0 * t + t * t + 600.0 * c - 330.0 * ep2) * a.powi(6) / 720.0));
        (x, if lat < 0.0 { y + 10_000_000.0 } else { y })
    }

    #[test]
    fn the_inverse_undoes_the_forward_projection_to_a_metre() {
        // Town centres across their zones, east and west of the central
        // meridian, north and south.
        for (lat, lon, zone) in [
            (48.14, 37.75, 37),       // Avdiivka
            (37.9559, 126.6773, 52),  // Panmunjom
            (35.1759, 33.3611, 36),   // Ledra Street, Nicosia
            (-33.8688, 151.2093, 56), // Sydney
            (21.3069, -157.8583, 4),  // Honolulu
        ] {
            let (e, n) = forward(lat, lon, zone);
            let back = to_lon_lat(zone, lat < 0.0, e, n);
            let d = Haversine.distance(Point(back), Point::new(lon, lat));
            assert!(d < 1.0, "({lat}, {lon}): {d} m");
        }
    }

    #[test]
    fn honolulu_lies_in_4qfj15() {
        // "the square that contains Honolulu, if we use 10 km resolution,
        // would be written 4QFJ15" (the MGRS article's example).
        let s = square("4qfj15").unwrap();
        assert_eq!(s.metres, 10_000.0);
        assert_eq!(s.reference, "4Q FJ 1 5");
        assert!(s.polygon.contains(&Point::new(-157.8583, 21.3069)));
        assert!(!s.polygon.contains(&Point::new(-157.70, 21.3069)));
    }

    #[test]
    fn kilometre_squares_hold_the_towns_they_are_read_for() {
        // From the forward projection above: Avdiivka at 407,009 E,
        // 5,332,616 N in zone 37; Seoul City Hall at 321,424 E, 4,159,641 N
        // in zone 52; Sydney at 334,369 E, 6,250,948 N in zone 56 (south).
        for (reference, lat, lon) in [
            ("37U DP 07 32", 48.14, 37.75),
            ("52SCG2159", 37.5665, 126.9780),
            ("56H LH 34 50", -33.8688, 151.2093),
        ] {
            let s = square(reference).unwrap();
            assert_eq!(s.metres, 1_000.0);
            assert!(s.polygon.contains(&Point::new(lon, lat)), "{reference}");
            let side = Haversine.distance(
                Point(s.polygon.exterior().0[0]),
                Point(s.polygon.exterior().0[PER_SIDE]),
            );
            // On the sphere truce measures with, within the ellipsoid's 0.5 %.
            assert!((side - 1_000.0).abs() < 5.0, "{reference}: {side}");
        }
        // The next square east does not hold Avdiivka.
        let next = square("37U DP 08 32").unwrap();
        assert!(!next.polygon.contains(&Point::new(37.75, 48.14)));
    }

    #[test]
    fn malformed_references_are_refused_with_the_reason() {
        let e = |s: &str| square(s).unwrap_err();
        assert!(
            e("61U DP 12 34").contains("zone number"),
            "{}",
            e("61U DP 12 34")
        );
        assert!(e("37I DP 12 34").contains("not a latitude band"));
        assert!(e("37U DP 123 45").contains("equal length"));
        // Three groups of digits are not an easting and a northing, though
        // run together they would be.
        assert!(e("37U DP 07 32 99").contains("equal length"));
        assert!(square("37U DP 073299").is_ok());
        assert!(e("37U JP 12 34").contains("not a column letter of zone 37"));
        assert!(e("37U DW 12 34").contains("not a row letter"));
        assert!(e("37U").contains("two letters"));
        assert!(e("37Z DP").contains("polar"));
        // A row letter that puts the square far from its band.
        assert!(
            e("37U DL 12 34").contains("outside band U"),
            "{}",
            e("37U DL 12 34")
        );
    }
}
