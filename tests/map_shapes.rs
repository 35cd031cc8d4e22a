//! The committed shapes: hit tests on real towns, completeness, labels,
//! windings.
// The generator and the geometry helpers are host-only (never in the wasm).
#![cfg(not(target_arch = "wasm32"))]

use paix_base::map::path::{parse_path, point_in_rings, signed_area2};
use paix_base::map::{
    cercle_at, cercles_of, point_in_path, project, region, region_at, CERCLES, REGIONS,
};

fn in_region(pcode: &str, lon: f64, lat: f64) -> bool {
    let (x, y) = project(lon, lat);
    point_in_path(region(pcode).unwrap().d, x, y)
}

#[test]
fn towns_fall_in_their_region() {
    // (lon, lat) of the town, expected région.
    let towns = [
        ("Bamako", -8.00, 12.64, "ML09"),
        ("Mopti", -4.20, 14.49, "ML05"),
        ("Ménaka", 2.40, 15.92, "ML10"),
        ("Kayes", -11.44, 14.45, "ML01"),
        ("Koulikoro", -7.56, 12.86, "ML02"),
        ("Sikasso", -5.67, 11.32, "ML03"),
        ("Ségou", -6.27, 13.45, "ML04"),
        ("Tombouctou", -3.00, 16.77, "ML06"),
        ("Gao", -0.04, 16.27, "ML07"),
        ("Kidal", 1.41, 18.44, "ML08"),
    ];
    for (town, lon, lat, pcode) in towns {
        let got = region_at(lon, lat).map(|r| r.pcode);
        assert_eq!(got, Some(pcode), "{town}");
        assert!(in_region(pcode, lon, lat), "{town}");
    }
}

#[test]
fn bamako_is_a_hole_in_koulikoro() {
    assert!(in_region("ML09", -8.00, 12.64));
    assert!(!in_region("ML02", -8.00, 12.64));
    // Koulikoro has exactly two subpaths: its outline and the hole.
    assert_eq!(parse_path(region("ML02").unwrap().d).len(), 2);
    // Kati, the cercle around Bamako, has the same hole.
    assert_eq!(cercle_at(-8.00, 12.64).map(|c| c.pcode), Some("ML0901"));
    assert_eq!(cercle_at(-8.05, 12.80).map(|c| c.pcode), Some("ML0204"));
}

#[test]
fn points_outside_mali_are_in_no_region() {
    for (place, lon, lat) in [
        ("Dakar", -17.44, 14.69),
        ("Niamey", 2.11, 13.51),
        ("Ouagadougou", -1.52, 12.37),
        ("Nouakchott", -15.98, 18.09),
        ("Tamanrasset", 5.52, 22.79),
    ] {
        assert_eq!(region_at(lon, lat).map(|r| r.pcode), None, "{place}");
        assert_eq!(cercle_at(lon, lat).map(|c| c.pcode), None, "{place}");
    }
}

#[test]
fn ten_regions_with_closed_paths() {
    let codes: Vec<_> = REGIONS.iter().map(|r| r.pcode).collect();
    assert_eq!(
        codes,
        ["ML01", "ML02", "ML03", "ML04", "ML05", "ML06", "ML07", "ML08", "ML09", "ML10"]
    );
    let greyed: Vec<_> = REGIONS
        .iter()
        .filter(|r| !r.in_scope)
        .map(|r| r.pcode)
        .collect();
    assert_eq!(greyed, ["ML08", "ML09"]);
    for r in REGIONS {
        assert_closed(r.pcode, r.d);
    }
    for c in CERCLES {
        assert_closed(c.pcode, c.d);
    }
}

/// Every subpath starts with a moveto and ends with `z`, and nothing else
/// than straight-line commands is used.
fn assert_closed(what: &str, d: &str) {
    assert!(d.starts_with('M'), "{what}: starts with {:?}", &d[..1]);
    assert!(d.ends_with('z'), "{what}: does not end with z");
    let cmds: String = d.chars().filter(|c| c.is_ascii_alphabetic()).collect();
    assert!(cmds.starts_with("Mlz"), "{what}: {cmds}");
    let rest = &cmds[3..];
    assert_eq!(rest.len() % 2, 0, "{what}: {cmds}");
    assert!(
        rest.as_bytes().chunks(2).all(|p| p == b"mz"),
        "{what}: commands {cmds}"
    );
    let rings = parse_path(d);
    assert_eq!(rings.len(), 1 + rest.len() / 2, "{what}");
    assert!(rings.iter().all(|r| r.len() >= 3), "{what}");
}

#[test]
fn all_53_cercles_belong_to_known_regions() {
    assert_eq!(CERCLES.len(), 53);
    for c in CERCLES {
        assert!(region(c.region_pcode).is_some(), "{}", c.pcode);
        assert!(c.pcode.starts_with(c.region_pcode), "{}", c.pcode);
    }
    let per_region: Vec<usize> = REGIONS
        .iter()
        .map(|r| cercles_of(r.pcode).count())
        .collect();
    assert_eq!(per_region, [7, 7, 7, 7, 8, 5, 3, 4, 1, 4]);
    let menaka: Vec<_> = cercles_of("ML10").map(|c| c.name).collect();
    assert_eq!(menaka, ["Ménaka", "Andéramboukane", "Inékar", "Tidermène"]);
    assert_eq!(cercles_of("ML99").count(), 0);
}

#[test]
fn labels_lie_inside_their_shapes() {
    for r in REGIONS {
        let (x, y) = r.label;
        assert!(point_in_path(r.d, x, y), "{} label outside", r.pcode);
        let (x0, y0, x1, y1) = r.bbox;
        assert!(x0 < x && x < x1 && y0 < y && y < y1, "{}", r.pcode);
    }
    for c in CERCLES {
        let (x, y) = c.label;
        assert!(
            point_in_path(c.d, x, y),
            "{} label outside its cercle",
            c.pcode
        );
        let r = region(c.region_pcode).unwrap();
        assert!(
            point_in_path(r.d, x, y),
            "{} label outside its région",
            c.pcode
        );
    }
}

#[test]
fn holes_wind_against_their_outline_for_nonzero_fill() {
    // Outer rings run one way (counter-clockwise on screen: negative
    // shoelace with y down), holes the other, so `fill-rule: nonzero`
    // leaves holes empty.
    for (what, d) in REGIONS
        .iter()
        .map(|r| (r.pcode, r.d))
        .chain(CERCLES.iter().map(|c| (c.pcode, c.d)))
    {
        let rings = parse_path(d);
        for (i, ring) in rings.iter().enumerate() {
            // A ring is a hole when its first point is inside another ring.
            let p = ring[0];
            let others: Vec<_> = rings
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, r)| r.clone())
                .collect();
            let hole = point_in_rings(&others, p.0, p.1);
            let a = signed_area2(ring);
            assert!(if hole { a > 0.0 } else { a < 0.0 }, "{what} ring {i}");
        }
    }
}

#[test]
fn cercles_tile_their_region() {
    // The cercles of a région cover it: areas agree (holes subtract).
    let area =
        |d: &str| -> f64 { parse_path(d).iter().map(|r| signed_area2(r)).sum::<f64>() / 2.0 };
    for r in REGIONS {
        let whole = area(r.d);
        let parts: f64 = cercles_of(r.pcode).map(|c| area(c.d)).sum();
        assert!(
            ((whole - parts) / whole).abs() < 1e-9,
            "{}: {whole} vs {parts}",
            r.pcode
        );
    }
}

#[test]
fn shapes_stay_inside_the_view_box() {
    use paix_base::map::{VIEW_H, VIEW_W};
    for r in REGIONS {
        let (x0, y0, x1, y1) = r.bbox;
        assert!(
            x0 >= 0.0 && y0 >= 0.0 && x1 <= VIEW_W && y1 <= VIEW_H,
            "{}",
            r.pcode
        );
        // Nothing globe-sized: the widest région (Tombouctou) is about half
        // the map's width.
        assert!(x1 - x0 < 0.6 * VIEW_W, "{}", r.pcode);
    }
    let x0 = REGIONS.iter().map(|r| r.bbox.0).fold(f64::MAX, f64::min);
    let x1 = REGIONS.iter().map(|r| r.bbox.2).fold(f64::MIN, f64::max);
    assert!(
        (x0 - 10.0).abs() < 0.1 && (x1 - 990.0).abs() < 0.1,
        "{x0} {x1}"
    );
}
