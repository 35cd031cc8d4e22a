//! Every input the `server_request` fuzz target once found a problem with,
//! and its seeds, replayed by its checks (`tests/fuzz/checks.rs`).
#[path = "fuzz/checks.rs"]
mod checks;

use std::path::Path;

#[test]
fn every_request_that_once_found_a_problem_passes_now() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for dir in [root.join("tests/fuzz/regressions/request"), root.join("../fuzz/seeds/server_request")] {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            checks::request(&std::fs::read(entry.path()).unwrap());
            n += 1;
        }
    }
    assert!(n >= 4, "the seeds at least");
}
