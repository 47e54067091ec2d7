//! libFuzzer target; the checks live in `fuzz/harness`, shared with the regression tests.
#![no_main]

#[path = "../harness/mod.rs"]
#[allow(dead_code)]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::serve_path(data));
