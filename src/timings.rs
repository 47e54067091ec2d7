//! Stage timings for profiling builds: set `BRIEFGEN_TIMINGS=1` to print them to stderr.

use std::time::Instant;

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

/// Whether `BRIEFGEN_TIMINGS` asks for timings.
pub fn enabled() -> bool {
    std::env::var_os("BRIEFGEN_TIMINGS").is_some_and(|v| v != "0")
}
