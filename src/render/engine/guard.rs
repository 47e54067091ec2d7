//! Keeps a site's templates from hanging or crashing a build, and from reading anything but
//! the values handed to them.
//!
//! Tera 1.x has no time limit and recurses natively, so an endless loop hangs the build and a
//! self-calling macro or include overflows the stack, which aborts the process. Threads cannot
//! be killed safely, so instead the parsed templates are rewritten once at load time: every
//! `for` body starts with a hidden tick that checks the page's deadline, and every macro and
//! template body is bracketed by hidden calls that count nesting depth. Any unbounded render
//! has to pass through one of them, so it stops with an ordinary template error, the staging
//! folder is dropped and the previous output stays. Include cycles, which can never end, are
//! rejected before anything renders.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::{Duration, Instant};

use tera::ast::{Block, Expr, ExprVal, FunctionCall, MacroDefinition, Node, WS};
use tera::{Tera, Value};

/// Default for `render_time_limit` in site.toml.
pub const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(10);
/// Deepest nesting of macro calls and includes; the built-in table of contents needs 7.
/// A debug build fits about 55 levels of a macro with a loop, a condition and a filter section
/// in the 2 MiB stack of a worker thread; main() also gives rendering threads 8 MiB.
pub const MAX_DEPTH: usize = 32;
/// Most numbers `range()` may produce; Tera's own would try to allocate any size and abort.
pub const MAX_RANGE: usize = 100_000;

const TICK: &str = "__briefgen_tick";
const ENTER: &str = "__briefgen_enter";
const EXIT: &str = "__briefgen_exit";

thread_local! {
    static DEADLINE: Cell<Option<(Instant, Duration)>> = const { Cell::new(None) };
    static DEPTH: Cell<usize> = const { Cell::new(0) };
    static PAGE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Registers the guard functions, replaces `range` and `get_env`, and rewrites every parsed
/// template so loops, macros and includes check in with the guard.
pub fn install(tera: &mut Tera) {
    tera.register_function(TICK, |_: &HashMap<String, Value>| tick());
    tera.register_function(ENTER, |_: &HashMap<String, Value>| {
        tick()?;
        let depth = DEPTH.get() + 1;
        if depth > MAX_DEPTH {
            return Err(tera::Error::msg(format!(
                "stopped rendering {}: macro calls and includes nest deeper than {MAX_DEPTH} \
                 levels; a macro or include probably calls itself without end",
                page()
            )));
        }
        DEPTH.set(depth);
        Ok(Value::String(String::new()))
    });
    tera.register_function(EXIT, |_: &HashMap<String, Value>| {
        DEPTH.set(DEPTH.get().saturating_sub(1));
        Ok(Value::String(String::new()))
    });
    tera.register_function("range", range);
    tera.register_function("get_env", |_: &HashMap<String, Value>| {
        Err::<Value, _>(tera::Error::msg(
            "`get_env` is disabled: templates cannot read environment variables; \
             put site-wide values under [extra] in site.toml and use site.extra",
        ))
    });
    for template in tera.templates.values_mut() {
        guard_body(&mut template.ast);
        for m in template.macros.values_mut() {
            guard_macro(m);
        }
        for block in template.blocks.values_mut() {
            guard_nodes(&mut block.body);
        }
        for defs in template.blocks_definitions.values_mut() {
            for (_, block) in defs {
                guard_nodes(&mut block.body);
            }
        }
    }
}

/// Runs one render of `page` (named in errors) under the guard: `limit` from now, nesting
/// depth from zero.
pub fn run<T>(limit: Duration, page: &str, render: impl FnOnce() -> T) -> T {
    let saved = (DEADLINE.get(), DEPTH.get());
    let saved_page = PAGE.replace(page.to_string());
    DEADLINE.set(Some((Instant::now() + limit, limit)));
    DEPTH.set(0);
    let result = render();
    DEADLINE.set(saved.0);
    DEPTH.set(saved.1);
    PAGE.set(saved_page);
    result
}

fn page() -> String {
    PAGE.with_borrow(|p| {
        if p.is_empty() {
            "the page".into()
        } else {
            format!("page `{p}`")
        }
    })
}

fn tick() -> tera::Result<Value> {
    if let Some((deadline, limit)) = DEADLINE.get() {
        if Instant::now() > deadline {
            return Err(tera::Error::msg(format!(
                "stopped rendering {} after {} s (render_time_limit): a loop in the template \
                 runs too long or never ends",
                page(),
                limit.as_secs_f64()
            )));
        }
    }
    Ok(Value::String(String::new()))
}

fn call(name: &str) -> Node {
    Node::VariableBlock(
        WS::default(),
        Expr::new(ExprVal::FunctionCall(FunctionCall {
            name: name.to_string(),
            args: HashMap::new(),
        })),
    )
}

/// A template or macro body: counted on the way in and out, loops inside ticked.
fn guard_body(body: &mut Vec<Node>) {
    guard_nodes(body);
    body.insert(0, call(ENTER));
    body.push(call(EXIT));
}

fn guard_macro(m: &mut MacroDefinition) {
    guard_body(&mut m.body);
}

fn guard_nodes(nodes: &mut [Node]) {
    for node in nodes {
        match node {
            Node::Forloop(_, f, _) => {
                guard_nodes(&mut f.body);
                f.body.insert(0, call(TICK));
                if let Some(empty) = &mut f.empty_body {
                    guard_nodes(empty);
                }
            }
            Node::If(i, _) => {
                for (_, _, body) in &mut i.conditions {
                    guard_nodes(body);
                }
                if let Some((_, body)) = &mut i.otherwise {
                    guard_nodes(body);
                }
            }
            Node::Block(_, Block { body, .. }, _) => guard_nodes(body),
            Node::FilterSection(_, f, _) => guard_nodes(&mut f.body),
            Node::MacroDefinition(_, m, _) => guard_macro(m),
            _ => {}
        }
    }
}

/// Deepest nesting of `{% if %}`/`{% for %}`… tags, and of brackets in one expression, that a
/// template may use. Tera's parser recurses per level and overflows the stack at about 1,000
/// nested `if`s or 5,000 parentheses (debug build), aborting the process.
pub const MAX_NESTING: usize = 100;

/// Checks a template's source, before Tera parses it, for nesting deep enough to overflow the
/// parser's stack. On failure: the byte offset of the tag that goes too deep, and a message.
pub fn check_nesting(source: &str) -> Result<(), (usize, String)> {
    let mut blocks = 0usize;
    let mut rest = 0;
    while let Some(found) = source[rest..].find('{') {
        let start = rest + found;
        let close = match source.as_bytes().get(start + 1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            _ => {
                rest = start + 1;
                continue;
            }
        };
        let inner_start = start + 2;
        let Some(len) = source[inner_start..].find(close) else {
            return Ok(()); // unterminated: Tera reports it
        };
        let inner = &source[inner_start..inner_start + len];
        rest = inner_start + len + 2;
        if close == "#}" {
            continue;
        }
        let mut brackets = 0usize;
        let mut quote: Option<char> = None;
        for c in inner.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'' | '`') => quote = Some(c),
                (None, '(' | '[') => {
                    brackets += 1;
                    if brackets > MAX_NESTING {
                        return Err((
                            start,
                            format!("brackets nest deeper than {MAX_NESTING} levels"),
                        ));
                    }
                }
                (None, ')' | ']') => brackets = brackets.saturating_sub(1),
                _ => {}
            }
        }
        if close != "%}" {
            continue;
        }
        let word = inner
            .trim_start_matches('-')
            .split_whitespace()
            .next()
            .unwrap_or("");
        match word {
            "if" | "for" | "macro" | "block" | "filter" => {
                blocks += 1;
                if blocks > MAX_NESTING {
                    return Err((
                        start,
                        format!("`{{% {word} %}}` tags nest deeper than {MAX_NESTING} levels"),
                    ));
                }
            }
            "raw" => match source[rest..].find("endraw") {
                Some(end) => rest += end,
                None => return Ok(()),
            },
            w if w.starts_with("end") => blocks = blocks.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Tera's `range`, refusing to make more than [`MAX_RANGE`] numbers.
fn range(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let arg = |name: &str, default: Option<u64>| -> tera::Result<u64> {
        match args.get(name) {
            Some(v) => v.as_u64().ok_or_else(|| {
                tera::Error::msg(format!(
                    "`range` received {name}={v} but `{name}` must be a whole number ≥ 0"
                ))
            }),
            None => default
                .ok_or_else(|| tera::Error::msg(format!("`range` needs an `{name}` argument"))),
        }
    };
    let (start, end, step) = (
        arg("start", Some(0))?,
        arg("end", None)?,
        arg("step_by", Some(1))?,
    );
    if step == 0 {
        return Err(tera::Error::msg("`range` received step_by=0"));
    }
    if start > end {
        return Err(tera::Error::msg(format!(
            "`range` received start={start} greater than end={end}"
        )));
    }
    let count = (end - start).div_ceil(step);
    if count > MAX_RANGE as u64 {
        return Err(tera::Error::msg(format!(
            "`range` would make {count} numbers; at most {MAX_RANGE} are allowed"
        )));
    }
    Ok(Value::Array(
        (start..end)
            .step_by(step as usize)
            .map(Value::from)
            .collect(),
    ))
}

/// Every include cycle among `tera`'s templates, each as the names along it, first repeated
/// at the end. Includes inside macros count: a macro renders in its caller.
pub fn include_cycles(tera: &Tera) -> Vec<Vec<String>> {
    let mut edges: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (name, t) in &tera.templates {
        let out = edges.entry(name.as_str()).or_default();
        collect_includes(&t.ast, out);
        for m in t.macros.values() {
            collect_includes(&m.body, out);
        }
    }
    let mut cycles = Vec::new();
    let mut seen_in_cycle: BTreeSet<String> = BTreeSet::new();
    let mut done: BTreeSet<&str> = BTreeSet::new();
    for &start in edges.keys() {
        // Iterative depth-first search, so a long include chain cannot overflow the stack.
        let mut path: Vec<&str> = vec![start];
        let mut stack: Vec<Vec<&str>> = vec![next(&edges, start)];
        while let Some(children) = stack.last_mut() {
            let Some(child) = children.pop() else {
                done.insert(path.pop().expect("path and stack move together"));
                stack.pop();
                continue;
            };
            if let Some(pos) = path.iter().position(|&p| p == child) {
                let cycle: Vec<String> = path[pos..]
                    .iter()
                    .chain(std::iter::once(&child))
                    .map(|s| s.to_string())
                    .collect();
                if !cycle.iter().all(|n| seen_in_cycle.contains(n)) {
                    seen_in_cycle.extend(cycle.iter().cloned());
                    cycles.push(cycle);
                }
                continue;
            }
            if done.contains(child) {
                continue;
            }
            path.push(child);
            stack.push(next(&edges, child));
        }
    }
    cycles
}

fn next<'a>(edges: &'a BTreeMap<&'a str, BTreeSet<String>>, name: &str) -> Vec<&'a str> {
    edges.get(name).map_or_else(Vec::new, |s| {
        s.iter()
            .filter_map(|n| edges.get_key_value(n.as_str()).map(|(k, _)| *k))
            .rev()
            .collect()
    })
}

fn collect_includes(nodes: &[Node], out: &mut BTreeSet<String>) {
    for node in nodes {
        match node {
            Node::Include(_, names, _) => out.extend(names.iter().cloned()),
            Node::Forloop(_, f, _) => {
                collect_includes(&f.body, out);
                if let Some(empty) = &f.empty_body {
                    collect_includes(empty, out);
                }
            }
            Node::If(i, _) => {
                for (_, _, body) in &i.conditions {
                    collect_includes(body, out);
                }
                if let Some((_, body)) = &i.otherwise {
                    collect_includes(body, out);
                }
            }
            Node::Block(_, b, _) => collect_includes(&b.body, out),
            Node::FilterSection(_, f, _) => collect_includes(&f.body, out),
            Node::MacroDefinition(_, m, _) => collect_includes(&m.body, out),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(templates: &[(&str, &str)]) -> Tera {
        let mut t = Tera::default();
        t.add_raw_templates(templates.to_vec()).unwrap();
        install(&mut t);
        t
    }

    #[test]
    fn include_cycles_are_found_with_their_path() {
        let t = tera(&[
            ("a.html", "{% include \"b.html\" %}"),
            ("b.html", "{% if x %}{% include \"c.html\" %}{% endif %}"),
            ("c.html", "{% include \"a.html\" %}"),
            ("d.html", "{% include \"d.html\" %}"),
            ("e.html", "{% include \"b.html\" %}"),
        ]);
        let cycles = include_cycles(&t);
        assert_eq!(
            cycles,
            vec![
                vec!["a.html", "b.html", "c.html", "a.html"],
                vec!["d.html", "d.html"]
            ]
        );
    }

    #[test]
    fn loops_past_the_deadline_stop_with_an_error() {
        let t = tera(&[(
            "x.html",
            "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}",
        )]);
        let err = run(Duration::from_millis(50), "x/", || {
            t.render("x.html", &tera::Context::new())
        })
        .unwrap_err();
        let chain = format!("{:?}", err);
        assert!(chain.contains("render_time_limit"), "{chain}");
        assert!(chain.contains("page `x/`"), "{chain}");
    }

    #[test]
    fn bounded_recursion_renders_and_endless_recursion_errors() {
        let t = tera(&[(
            "x.html",
            "{% macro down(n) %}{% if n > 0 %}{{ n }}{{ self::down(n=n-1) }}{% endif %}{% endmacro %}{{ self::down(n=n) }}",
        )]);
        let render = |n: usize| {
            let mut ctx = tera::Context::new();
            ctx.insert("n", &n);
            run(DEFAULT_TIME_LIMIT, "x/", || t.render("x.html", &ctx))
        };
        assert_eq!(render(3).unwrap(), "321");
        // The template itself is one level; its 25 nested calls fit.
        assert!(render(25).is_ok());
        let err = render(1_000_000).unwrap_err();
        assert!(
            format!("{err:?}").contains("nest deeper than 32"),
            "{err:?}"
        );
    }

    #[test]
    fn deep_nesting_is_found_before_tera_parses_it() {
        let ifs = |n: usize| "{% if x %}".repeat(n) + &"{% endif %}".repeat(n);
        assert!(check_nesting(&ifs(MAX_NESTING)).is_ok());
        let deep = format!("<p>\n{}", ifs(1_000));
        let (offset, message) = check_nesting(&deep).unwrap_err();
        assert_eq!(offset, 4 + MAX_NESTING * "{% if x %}".len());
        assert!(
            message.contains("`{% if %}` tags nest deeper than 100"),
            "{message}"
        );
        // Siblings do not add up, and brackets in strings or comments do not count.
        let siblings = "{% for a in b %}{% endfor %}".repeat(1_000);
        assert!(check_nesting(&siblings).is_ok());
        let quoted = format!(
            "{{{{ \"{}\" }}}}{{# {} #}}",
            "(".repeat(500),
            "[".repeat(500)
        );
        assert!(check_nesting(&quoted).is_ok());
        let parens = format!("{{{{ {}1{} }}}}", "(".repeat(5_000), ")".repeat(5_000));
        assert!(check_nesting(&parens).unwrap_err().1.contains("brackets"));
    }

    #[test]
    fn range_is_capped_and_get_env_is_gone() {
        let t = tera(&[
            ("r.html", "{{ range(end=1000000000000) | length }}"),
            (
                "ok.html",
                "{{ range(start=2, end=10, step_by=3) | join(sep=\",\") }}",
            ),
            ("e.html", "{{ get_env(name=\"HOME\") }}"),
        ]);
        let ctx = tera::Context::new();
        assert_eq!(t.render("ok.html", &ctx).unwrap(), "2,5,8");
        assert!(format!("{:?}", t.render("r.html", &ctx).unwrap_err()).contains("at most"));
        assert!(format!("{:?}", t.render("e.html", &ctx).unwrap_err()).contains("disabled"));
    }
}
