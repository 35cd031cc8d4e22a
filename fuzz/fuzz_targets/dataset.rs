#![no_main]
//! Fuzz target `dataset`: the checks of `tests/fuzz/checks.rs`, shared with
//! the regression test that `cargo test` runs.
#[path = "../../tests/fuzz/checks.rs"]
#[allow(dead_code)]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::dataset(data));
