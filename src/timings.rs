//! Stage timings for profiling builds: set `BRIEFGEN_TIMINGS=1` (or pass `--verbose`) to print
//! them to stderr.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Set once by `--verbose`, before any work starts.
static ASKED: AtomicBool = AtomicBool::new(false);

/// Turns timings on for the rest of the process, as `BRIEFGEN_TIMINGS=1` does.
pub fn enable() {
    ASKED.store(true, Ordering::Relaxed);
}

/// Prints the time since the previous lap, when enabled.
pub struct Laps {
    enabled: bool,
    last: Instant,
}

impl Laps {
    pub fn from_env() -> Laps {
        Laps {
            enabled: enabled(),
            last: Instant::now(),
        }
    }

    pub fn lap(&mut self, stage: &str) {
        if self.enabled {
            let now = Instant::now();
            eprintln!(
                "timing: {stage:<16} {:>8.1} ms",
                (now - self.last).as_secs_f64() * 1000.0
            );
            self.last = now;
        }
    }
}

/// Whether `--verbose` or `BRIEFGEN_TIMINGS` asks for timings.
pub fn enabled() -> bool {
    ASKED.load(Ordering::Relaxed) || std::env::var_os("BRIEFGEN_TIMINGS").is_some_and(|v| v != "0")
}
