//! Every input a fuzz target once found a problem with, replayed by the
//! target's own checks (`tests/fuzz/checks.rs`). `make fuzz` prints where to
//! put a new one: `tests/fuzz/regressions/<target>/<name>`.
#[path = "fuzz/checks.rs"]
mod checks;

use std::path::Path;

#[test]
fn every_input_that_once_found_a_problem_passes_now() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/regressions");
    let mut n = 0;
    for (name, check) in checks::TARGETS {
        let Ok(dir) = std::fs::read_dir(root.join(name)) else { continue };
        for entry in dir.flatten() {
            let bytes = std::fs::read(entry.path()).unwrap();
            check(&bytes);
            n += 1;
        }
    }
    // The seeds run too: they are the shapes the targets start from.
    for (name, check) in checks::TARGETS {
        for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds").join(name)).unwrap().flatten() {
            check(&std::fs::read(entry.path()).unwrap());
            n += 1;
        }
    }
    assert!(n >= 3, "the seeds at least");
}
