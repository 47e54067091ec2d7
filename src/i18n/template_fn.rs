//! `t`, the one template function for interface strings, and the page language it reads.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use serde_json::Value;

use super::{Arg, Catalog};

thread_local! {
    /// The language of the page this thread is rendering, read by the `t` template function.
    static PAGE_LANGUAGE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `render` with `code` as the language `t` uses when a template passes none. Rendering
/// a page happens on one thread from start to end, so the language cannot leak into another
/// page rendered in parallel.
pub fn with_language<R>(code: &str, render: impl FnOnce() -> R) -> R {
    let previous = PAGE_LANGUAGE.with(|l| l.replace(Some(code.to_string())));
    struct Restore(Option<String>);
    impl Drop for Restore {
        fn drop(&mut self) {
            PAGE_LANGUAGE.with(|l| *l.borrow_mut() = self.0.take());
        }
    }
    let _restore = Restore(previous);
    render()
}

/// The language set by [`with_language`] on this thread, if any.
pub fn current_language() -> Option<String> {
    PAGE_LANGUAGE.with(|l| l.borrow().clone())
}

/// Registers `t` with Tera:
///
/// - `t(key="published")` — the string in the page's language;
/// - `t(key="min_read", n=page.reading_time)` — `n` picks the plural form and fills `{n}`;
/// - `t(key="series_part_before", part=2, total=3)` — any other argument fills its placeholder;
/// - `t(key="read_in", lang="ja", language=…)` — in another language than the page's;
/// - `t(key="search_found", format="json")` — the string (or its plural forms) as JSON, and
///   `format="raw"` the string with its placeholders unfilled, for scripts.
pub fn register(tera: &mut tera::Tera, catalog: Arc<Catalog>) {
    tera.register_function("t", move |args: &HashMap<String, Value>| {
        call_t(&catalog, args).map_err(tera::Error::msg)
    });
}

fn call_t(catalog: &Catalog, args: &HashMap<String, Value>) -> Result<Value, String> {
    let key = args
        .get("key")
        .and_then(Value::as_str)
        .ok_or("`t` needs a key: t(key=\"published\")")?;
    if args.len() == 1 {
        let plain = PAGE_LANGUAGE.with(|l| {
            let code = l.borrow();
            catalog.plain(code.as_deref().unwrap_or(&catalog.default_language), key)
        });
        if let Some(text) = plain {
            return Ok(Value::String(text));
        }
    }
    let code = match args.get("lang").and_then(Value::as_str) {
        Some(code) if !code.is_empty() => code.to_string(),
        _ => current_language().unwrap_or_else(|| catalog.default_language.clone()),
    };
    let lang = catalog.language(&code);
    match args.get("format").and_then(Value::as_str) {
        Some("json") => return lang.json(key).map(Value::String),
        Some("raw") => return lang.raw(key).map(Value::String),
        Some(other) => {
            return Err(format!(
                "`t(key=\"{key}\")`: unknown format `{other}` (json and raw exist)"
            ))
        }
        None => {}
    }
    let texts: Vec<(&str, String)> = args
        .iter()
        .filter(|(name, _)| !matches!(name.as_str(), "key" | "lang" | "format" | "n"))
        .map(|(name, value)| {
            let text = match value {
                Value::String(s) => s.clone(),
                // Only `n` is a count to group (`1,234 briefings`); other numbers are years,
                // parts and page numbers, printed as they are.
                Value::Number(n) => n.to_string(),
                Value::Null => String::new(),
                other => other.to_string(),
            };
            (name.as_str(), text)
        })
        .collect();
    let mut list: Vec<(&str, Arg)> = texts.iter().map(|(n, t)| (*n, Arg::Text(t))).collect();
    if let Some(n) = args.get("n") {
        let n = n
            .as_i64()
            .or_else(|| n.as_f64().map(|f| f.round() as i64))
            .ok_or_else(|| format!("`t(key=\"{key}\")`: n must be a number, found {n}"))?;
        list.push(("n", Arg::Count(n)));
    }
    lang.t(key, &list).map(Value::String)
}
