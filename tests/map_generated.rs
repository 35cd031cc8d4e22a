//! `src/map/generated.rs` is the committed output of the map generator.
//!
//! `cargo test --no-default-features --test map_generated` checks it is up
//! to date; `UPDATE_MAP=1 cargo test --no-default-features --test
//! map_generated` rewrites it from `data/geo/*.geojson`.
// The generator and the geometry helpers are host-only (never in the wasm).
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use paix_base::map::generate::generate;
use paix_base::map::{CERCLES, REGIONS};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    let p = root().join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn fresh() -> String {
    generate(
        &read("data/geo/regions.geojson"),
        &read("data/geo/cercles.geojson"),
    )
    .expect("generator failed")
}

#[test]
fn committed_file_matches_the_generator() {
    let out = fresh();
    let target = root().join("src/map/generated.rs");
    if std::env::var("UPDATE_MAP").as_deref() == Ok("1") {
        std::fs::write(&target, &out).expect("write src/map/generated.rs");
        eprintln!("wrote {} ({} bytes)", target.display(), out.len());
        return;
    }
    let committed = read("src/map/generated.rs");
    assert!(
        committed == out,
        "src/map/generated.rs is stale: run \
         `UPDATE_MAP=1 cargo test --no-default-features --test map_generated`"
    );
}

#[test]
fn generator_is_deterministic() {
    assert_eq!(fresh(), fresh());
}

/// Raw bound on all `d` strings. The budget is 30 KB brotli for régions and
/// cercles together. At the time of writing the path data is 65.2 KB raw,
/// 14.1 KB with `brotli -q 11` and 19.2 KB with `gzip -9`: gzip keeps under
/// a third of the raw size, so 100 KB raw stays under 30 KB even by the
/// gzip upper bound, and a change of precision or simplification that blows
/// the budget fails here.
const RAW_D_BUDGET: usize = 100_000;

#[test]
fn path_data_stays_within_budget() {
    let regions: usize = REGIONS.iter().map(|r| r.d.len()).sum();
    let cercles: usize = CERCLES.iter().map(|c| c.d.len()).sum();
    let generated = read("src/map/generated.rs").len();
    println!(
        "map path data: régions {regions} B, cercles {cercles} B, total {} B raw",
        regions + cercles
    );
    println!("src/map/generated.rs: {generated} B");
    assert!(
        regions + cercles <= RAW_D_BUDGET,
        "path data {} B > {RAW_D_BUDGET} B",
        regions + cercles
    );
}
