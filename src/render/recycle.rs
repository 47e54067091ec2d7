//! ArticleSummary values lent to page contexts and handed back once the page has rendered.
//!
//! Tera 1.x owns its context, so every listing page, related list and older/newer link needs
//! its own copy of each summary it shows: about 160,000 deep copies (and as many frees) for a
//! 10,000-briefing archive, the largest single cost of building contexts. A summary handed back
//! after rendering is kept by the rendering thread and lent again to the next page on that
//! thread that shows the same briefing, so each thread copies a summary about once.
//!
//! Values are tagged with the generation of the summaries they were copied from (see
//! [`next_generation`]); a thread's spares from another generation are dropped, never reused.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::Value;

static GENERATION: AtomicU64 = AtomicU64::new(1);

thread_local! {
    static SPARES: RefCell<Spares> = RefCell::new(Spares::default());
}

#[derive(Default)]
struct Spares {
    generation: u64,
    /// Article index → a copy of its summary, not in any context.
    values: HashMap<usize, Value>,
}

impl Spares {
    fn of(&mut self, generation: u64) -> &mut HashMap<usize, Value> {
        if self.generation != generation {
            self.values.clear();
            self.generation = generation;
        }
        &mut self.values
    }
}

/// A number no set of summaries has had yet: summaries get a new one whenever they change.
pub fn next_generation() -> u64 {
    GENERATION.fetch_add(1, Ordering::Relaxed)
}

/// A copy of the summary of article `i`: this thread's spare, or a fresh clone of `original`.
pub fn lend(generation: u64, i: usize, original: &Value) -> Value {
    SPARES
        .with_borrow_mut(|s| s.of(generation).remove(&i))
        .unwrap_or_else(|| original.clone())
}

/// Takes back the summary of article `i` after the page that showed it has rendered.
pub fn give_back(generation: u64, i: usize, value: Value) {
    if value.is_object() {
        SPARES.with_borrow_mut(|s| {
            s.of(generation).insert(i, value);
        });
    }
}

/// Drops this thread's spares (at the end of a build, so `serve` holds no copies between
/// rebuilds).
pub fn clear() {
    SPARES.with_borrow_mut(|s| *s = Spares::default());
}
