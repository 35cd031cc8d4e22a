#![no_main]
//! Fuzz target `server_request`: the checks of
//! `server/tests/fuzz/checks.rs`, shared with the regression test that
//! `cargo test -p paix-server` runs.
#[path = "../../server/tests/fuzz/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::request(data));
