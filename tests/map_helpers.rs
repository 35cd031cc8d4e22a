//! Projection constants, the path parser, view boxes, choropleth classes and
//! the generator on small synthetic inputs.
// The generator and the geometry helpers are host-only (never in the wasm).
#![cfg(not(target_arch = "wasm32"))]

use paix_base::map::generate::{encode_polygons, generate};
use paix_base::map::projection::{
    COS_MEAN_LAT, LAT_MAX, LAT_MIN, LON_MAX, LON_MIN, MARGIN, MEAN_LAT, SCALE,
};
use paix_base::map::{
    choropleth_class, legend_breaks, parse_path, point_in_path, project, region, region_view_box,
    unproject, REGIONS, VIEWBOX, VIEW_H, VIEW_W,
};

fn close(a: f64, b: f64, eps: f64) -> bool {
    (a - b).abs() <= eps
}

#[test]
fn projection_constants_are_consistent() {
    assert!(close(COS_MEAN_LAT, MEAN_LAT.to_radians().cos(), 1e-15));
    assert_eq!(VIEW_H, ((LAT_MAX - LAT_MIN) * SCALE + 2.0 * MARGIN).ceil());
    assert_eq!(VIEWBOX, format!("0 0 {VIEW_W} {VIEW_H}"));
    // The extent fills the width exactly and the height within a unit.
    let (x0, y0) = project(LON_MIN, LAT_MAX);
    let (x1, y1) = project(LON_MAX, LAT_MIN);
    assert!(close(x0, MARGIN, 1e-9) && close(x1, VIEW_W - MARGIN, 1e-9));
    assert!(y0 >= MARGIN && y1 <= VIEW_H - MARGIN && close(y0 + y1, VIEW_H, 1e-9));
    // North is up, east is right, shapes keep their look at 17.6° N.
    let (bx, by) = project(-8.0, 12.64);
    let (tx, ty) = project(-3.0, 16.77);
    assert!(tx > bx && ty < by);
    let (ax, ay) = project(0.0, 17.0);
    let (cx, cy) = project(1.0, 18.0);
    assert!(close((cx - ax) / (ay - cy), COS_MEAN_LAT, 1e-12));
}

#[test]
fn projection_extent_matches_the_data() {
    let mut ext = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/geo/regions.geojson");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for f in v["features"].as_array().unwrap() {
        for ring in f["geometry"]["coordinates"].as_array().unwrap() {
            for p in ring.as_array().unwrap() {
                let (lon, lat) = (p[0].as_f64().unwrap(), p[1].as_f64().unwrap());
                ext = (
                    ext.0.min(lon),
                    ext.1.min(lat),
                    ext.2.max(lon),
                    ext.3.max(lat),
                );
            }
        }
    }
    assert_eq!(ext, (LON_MIN, LAT_MIN, LON_MAX, LAT_MAX));
}

#[test]
fn unproject_inverts_project() {
    for (lon, lat) in [(-8.0, 12.64), (4.2447, 24.9995), (-17.44, 14.69)] {
        let (x, y) = project(lon, lat);
        let (lo, la) = unproject(x, y);
        assert!(close(lo, lon, 1e-9) && close(la, lat, 1e-9));
    }
}

#[test]
fn parse_path_reads_compact_relative_data() {
    // Glued numbers: `-5.5.5` is -5.5 then 0.5.
    let rings = parse_path("M1 2l3 4-5.5.5z");
    assert_eq!(rings, vec![vec![(1.0, 2.0), (4.0, 6.0), (-1.5, 6.5)]]);
    // A relative moveto after `z` starts from the closed subpath's start;
    // pairs after `m` are relative line-tos.
    let rings = parse_path("M10 10l10 0 0 10-10 0zm2 2 1 0 0 1z");
    assert_eq!(
        rings,
        vec![
            vec![(10.0, 10.0), (20.0, 10.0), (20.0, 20.0), (10.0, 20.0)],
            vec![(12.0, 12.0), (13.0, 12.0), (13.0, 13.0)],
        ]
    );
    // Absolute commands, commas, H/V, exponents, and a closing duplicate.
    let rings = parse_path("M 0,0 L 1e1,0 V 10 H 0 L 0 0 Z");
    assert_eq!(
        rings,
        vec![vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]]
    );
    // A leading relative moveto is absolute; implicit pairs after M are absolute.
    assert_eq!(parse_path("m5 5 1 0 0 1z"), parse_path("M5 5L6 5 6 6z"));
    // Garbage stops the parse without panicking.
    assert_eq!(
        parse_path("M1 2l3 4c1 1 2 2 3 3z"),
        vec![vec![(1.0, 2.0), (4.0, 6.0)]]
    );
    assert!(parse_path("").is_empty());
    assert!(parse_path("z--").is_empty());
}

#[test]
fn point_in_path_uses_even_odd() {
    // A square with a square hole, both wound the same way: even-odd still
    // leaves the hole out.
    let d = "M0 0l10 0 0 10-10 0zm2 2 6 0 0 6-6 0z";
    assert!(point_in_path(d, 1.0, 1.0));
    assert!(!point_in_path(d, 5.0, 5.0));
    assert!(!point_in_path(d, 11.0, 5.0));
}

#[test]
fn generated_rings_round_trip_through_the_parser() {
    let ring = |pts: &[(f64, f64)]| pts.to_vec();
    // Koulikoro-like: an outline with a hole, the hole wound the *same* way
    // as the outline (non-RFC input): the encoder must reverse it.
    let outer = ring(&[
        (-9.0, 12.0),
        (-7.0, 12.0),
        (-7.0, 14.0),
        (-9.0, 14.0),
        (-9.0, 12.0),
    ]);
    let hole = ring(&[
        (-8.5, 12.5),
        (-7.5, 12.5),
        (-7.5, 13.5),
        (-8.5, 13.5),
        (-8.5, 12.5),
    ]);
    // Whole units (large régions) and one decimal (small ones).
    for decimals in [0, 1] {
        let e = encode_polygons(&[vec![outer.clone(), hole.clone()]], decimals);
        assert_eq!(e.d.contains('.'), decimals == 1, "{}", e.d);
        let parsed = parse_path(&e.d);
        assert_eq!(parsed.len(), 2);
        for (a, b) in parsed.iter().zip(&e.rings) {
            assert_eq!(a.len(), b.len());
            for (p, q) in a.iter().zip(b) {
                assert!(close(p.0, q.0, 1e-6) && close(p.1, q.1, 1e-6));
            }
        }
        let area = |r: &[(f64, f64)]| paix_base::map::path::signed_area2(r);
        assert!(area(&parsed[0]) < 0.0 && area(&parsed[1]) > 0.0);
        // The label avoids the hole.
        let (lx, ly) = e.label;
        assert!(point_in_path(&e.d, lx, ly));
    }
}

#[test]
fn points_on_a_straight_run_are_dropped_and_a_spike_is_kept() {
    // A square (about 50 units a side) with a point in the middle of each
    // side, the ring starting in the middle of one, and a spike on top.
    let (x0, x1, xm) = (-9.0, -8.0, -8.5);
    let (y0, y1, ym) = (12.0, 13.0, 12.5);
    let ring = vec![(xm, y0), (x1, y0), (x1, ym), (x1, y1), (xm, y1), (xm, y1 + 0.5), (xm, y1), (x0, y1), (x0, ym), (x0, y0), (xm, y0)];
    let e = encode_polygons(&[vec![ring]], 0);
    // 4 corners, and the spike: its foot twice and its tip.
    assert_eq!(e.rings[0].len(), 7, "{}", e.d);
    let area = |d: &str| paix_base::map::path::signed_area2(&parse_path(d)[0]).abs();
    let square = encode_polygons(&[vec![vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]]], 0);
    assert_eq!(area(&e.d), area(&square.d), "the same outline");
}

#[test]
fn small_regions_keep_a_decimal_and_their_cercles_follow() {
    use paix_base::map::generate::{decimals, SMALL};
    assert_eq!(decimals(SMALL - 0.1), 1);
    assert_eq!(decimals(SMALL), 0);
    let region = |p: &str| paix_base::map::region(p).unwrap();
    // Bamako (about 10 units across) keeps its decimal; Ménaka does not.
    assert!(region("ML09").d.contains('.'));
    assert!(!region("ML10").d.contains('.'));
    assert!(paix_base::map::cercles_of("ML09").all(|c| c.d.contains('.')));
    assert!(paix_base::map::cercles_of("ML10").all(|c| !c.d.contains('.')));
}

#[test]
fn generator_handles_multipolygons_and_reports_errors() {
    let square = |x: f64, y: f64| {
        format!(
            "[[[{x},{y}],[{},{y}],[{},{}],[{x},{}],[{x},{y}]]]",
            x + 1.0,
            x + 1.0,
            y + 1.0,
            y + 1.0
        )
    };
    let regions = format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"name":"Île \"A\"","pcode":"ML01","in_scope":true}},"geometry":{{"type":"MultiPolygon","coordinates":[{},{}]}}}}]}}"#,
        square(-10.0, 12.0),
        square(-5.0, 15.0)
    );
    let cercles = format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"name":"A","pcode":"ML0101","region_pcode":"ML01"}},"geometry":{{"type":"Polygon","coordinates":{}}}}}]}}"#,
        square(-10.0, 12.0)
    );
    let out = generate(&regions, &cercles).unwrap();
    assert!(out.contains(r#"name: "Île \"A\"","#));
    let d = out
        .split("d: \"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert_eq!(parse_path(d).len(), 2);
    assert_eq!(d.matches('z').count(), 2);

    let orphan = cercles.replace(r#""region_pcode":"ML01""#, r#""region_pcode":"ML77""#);
    assert!(generate(&regions, &orphan).unwrap_err().contains("ML77"));
    let point = regions.replace("MultiPolygon", "Point");
    assert!(generate(&point, &cercles)
        .unwrap_err()
        .contains("unsupported geometry"));
    assert!(generate("{", &cercles).is_err());
}

#[test]
fn region_view_box_frames_the_region() {
    assert_eq!(region_view_box("ML99"), VIEWBOX);
    for r in REGIONS {
        let vb = region_view_box(r.pcode);
        let n: Vec<f64> = vb.split(' ').map(|s| s.parse().unwrap()).collect();
        assert_eq!(n.len(), 4, "{vb}");
        let (x0, y0, x1, y1) = r.bbox;
        assert!(
            n[0] < x0 && n[1] < y0 && n[0] + n[2] > x1 && n[1] + n[3] > y1,
            "{vb}"
        );
        let side = (x1 - x0).max(y1 - y0);
        assert!(n[2].max(n[3]) <= side * 1.11 + 2.1, "{vb}");
    }
    let bko = region("ML09").unwrap().bbox;
    assert!(bko.2 - bko.0 < 30.0, "Bamako is small: {bko:?}");
}

#[test]
fn choropleth_classes() {
    assert_eq!(choropleth_class(0, 0), 0);
    assert_eq!(choropleth_class(0, 7), 0);
    assert_eq!(choropleth_class(3, 0), 4);
    assert_eq!(choropleth_class(1, 1), 4);
    assert_eq!(choropleth_class(12, 10), 4);
    assert_eq!(choropleth_class(usize::MAX - 1, usize::MAX), 4);
    assert_eq!(choropleth_class(1, usize::MAX), 1);
    let classes: Vec<u8> = (0..=10).map(|c| choropleth_class(c, 10)).collect();
    assert_eq!(classes, [0, 1, 1, 2, 2, 2, 3, 3, 4, 4, 4]);
    assert_eq!(legend_breaks(10), [(1, 2), (3, 5), (6, 7), (8, 10)]);
    assert_eq!(legend_breaks(1), [(1, 1)]);
    assert_eq!(legend_breaks(3), [(1, 1), (2, 2), (3, 3)]);
    assert!(legend_breaks(0).is_empty());
}

#[test]
fn legend_agrees_with_classes() {
    for max in 1..=60 {
        let legend = legend_breaks(max);
        // Contiguous, covering 1..=max, classes strictly increasing, the last
        // one 4.
        assert_eq!(legend.first().unwrap().0, 1);
        assert_eq!(legend.last().unwrap().1, max);
        assert_eq!(choropleth_class(max, max), 4);
        let mut prev_class = 0;
        for (i, &(lo, hi)) in legend.iter().enumerate() {
            assert!(lo <= hi);
            if i > 0 {
                assert_eq!(lo, legend[i - 1].1 + 1);
            }
            let k = choropleth_class(lo, max);
            assert!(k > prev_class);
            prev_class = k;
            for c in lo..=hi {
                assert_eq!(choropleth_class(c, max), k, "count {c} max {max}");
            }
        }
        assert_eq!(legend.len(), max.min(4));
    }
}
