//! Splits a Markdown file into front matter and body, and parses TOML (`+++`) or YAML (`---`)
//! front matter into one format-neutral table, so the normaliser sees a single model.

use serde_json::{Map, Value};

use crate::diagnostics::line_col;

/// What a front-matter key means to briefgen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyRole {
    /// A field of the document (`title`, `date` …).
    Field,
    /// A taxonomy every site may use (`tags`, `authors`), accepted even when site.toml does not
    /// define it, so an archive can add the taxonomy later.
    DefaultTaxonomy,
    /// Not accepted in front matter, kept free for later meanings: no taxonomy may take it.
    Reserved,
}

/// Every front-matter key with a fixed meaning: the one table the normaliser (which keys a
/// file may use) and the site config (which names a taxonomy may not take) read.
pub const KEYS: &[(&str, KeyRole)] = &[
    ("title", KeyRole::Field),
    ("date", KeyRole::Field),
    ("updated", KeyRole::Field),
    ("summary", KeyRole::Field),
    ("description", KeyRole::Field),
    ("slug", KeyRole::Field),
    ("draft", KeyRole::Field),
    ("source", KeyRole::Field),
    ("review", KeyRole::Field),
    ("extra", KeyRole::Field),
    ("author_bio", KeyRole::Field),
    ("language", KeyRole::Field),
    ("translation_of", KeyRole::Field),
    ("pdf", KeyRole::Field),
    ("affiliation", KeyRole::Field),
    ("photo", KeyRole::Field),
    ("links", KeyRole::Field),
    ("authors", KeyRole::DefaultTaxonomy),
    ("tags", KeyRole::DefaultTaxonomy),
    ("template", KeyRole::Reserved),
    ("weight", KeyRole::Reserved),
];

fn role(key: &str) -> Option<KeyRole> {
    KEYS.iter().find(|(k, _)| *k == key).map(|(_, r)| *r)
}

/// Keys any document may use whatever the site's taxonomies.
pub fn known_keys() -> impl Iterator<Item = &'static str> {
    KEYS.iter()
        .filter(|(_, r)| *r != KeyRole::Reserved)
        .map(|(k, _)| *k)
}

/// Whether any document may use `key`, whatever the site's taxonomies.
pub fn is_known_key(key: &str) -> bool {
    role(key).is_some_and(|r| r != KeyRole::Reserved)
}

/// Whether `name` is kept from taxonomies: a field's name, or one reserved for later.
pub fn is_reserved_for_taxonomies(name: &str) -> bool {
    role(name).is_some_and(|r| r != KeyRole::DefaultTaxonomy)
}

/// The front-matter syntax a file used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Yaml,
}

/// A file cut at its front-matter fences.
#[derive(Debug)]
pub struct Split<'a> {
    pub format: Option<Format>,
    /// Front-matter text between the fences (empty when there is none).
    pub front: &'a str,
    /// 1-based line in the file where `front` starts.
    pub front_line: usize,
    pub body: &'a str,
    /// 1-based line in the file where `body` starts.
    pub body_line: usize,
}

/// A front-matter problem with its position in the whole file.
#[derive(Debug, PartialEq, Eq)]
pub struct FrontMatterError {
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub hint: &'static str,
}

/// Cuts `text` (BOM removed, LF line endings) at its front-matter fences.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let first_line = text.lines().next().unwrap_or("");
    let format = match first_line.trim_end() {
        "+++" => Format::Toml,
        "---" => Format::Yaml,
        _ => {
            return Ok(Split {
                format: None,
                front: "",
                front_line: 1,
                body: text,
                body_line: 1,
            })
        }
    };
    let fence = if format == Format::Toml { "+++" } else { "---" };
    let front_start = first_line.len() + 1;
    let rest = text.get(front_start..).unwrap_or("");
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == fence {
            let front = &rest[..offset];
            let body_start = (offset + line.len()).min(rest.len());
            return Ok(Split {
                format: Some(format),
                front,
                front_line: 2,
                body: &rest[body_start..],
                body_line: i + 3,
            });
        }
        offset += line.len();
    }
    Err(FrontMatterError {
        message: format!("front matter opened with `{fence}` on line 1 is never closed"),
        line: 1,
        column: 1,
        hint: "end the front matter with a line holding only the same fence",
    })
}

/// Parses front matter into a JSON-like table. Dates written as TOML date literals become
/// strings, so later stages treat both formats alike.
pub fn parse(split: &Split<'_>) -> Result<Map<String, Value>, FrontMatterError> {
    let value = match split.format {
        None => return Ok(Map::new()),
        Some(Format::Toml) => {
            let table: toml::Table = toml::from_str(split.front).map_err(|e| {
                let (line, column) = e.span().map_or((1, 1), |s| line_col(split.front, s.start));
                FrontMatterError {
                    message: format!("invalid TOML front matter: {}", e.message().trim()),
                    line: line + split.front_line - 1,
                    column,
                    hint:
                        "TOML front matter looks like `title = \"…\"`; strings need double quotes",
                }
            })?;
            toml_to_json(toml::Value::Table(table))
        }
        Some(Format::Yaml) => {
            if split.front.trim().is_empty() {
                return Ok(Map::new());
            }
            if let Some(offset) = yaml_flow_too_deep(split.front) {
                let (line, column) = line_col(split.front, offset);
                return Err(FrontMatterError {
                    message: format!(
                        "invalid YAML front matter: `[`/`{{` nest deeper than {YAML_MAX_FLOW_DEPTH} levels"
                    ),
                    line: line + split.front_line - 1,
                    column,
                    hint: "YAML front matter looks like `title: \"…\"`",
                });
            }
            let yaml: serde_yaml_ng::Value = serde_yaml_ng::from_str(split.front).map_err(|e| {
                let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
                let message = e.to_string();
                let message = message
                    .split(" at line ")
                    .next()
                    .unwrap_or(&message)
                    .to_string();
                FrontMatterError {
                    message: format!("invalid YAML front matter: {message}"),
                    line: line + split.front_line - 1,
                    column,
                    hint: "YAML front matter looks like `title: \"…\"`",
                }
            })?;
            yaml_to_json(yaml)
        }
    };
    match value {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        _ => Err(FrontMatterError {
            message: "front matter must be a table of `key = value` pairs".into(),
            line: split.front_line,
            column: 1,
            hint: "write one `key = value` (TOML) or `key: value` (YAML) per line",
        }),
    }
}

/// The YAML parser refuses deeper nesting anyway, but only after a scan that is quadratic in
/// the depth: 100,000 `[` took two minutes. Refused up front instead.
const YAML_MAX_FLOW_DEPTH: usize = 128;

/// Offset of the first `[` or `{` nested deeper than [`YAML_MAX_FLOW_DEPTH`], if any.
fn yaml_flow_too_deep(front: &str) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, b) in front.bytes().enumerate() {
        match (in_string, b) {
            (true, _) if escaped => escaped = false,
            (true, b'\\') => escaped = true,
            (true, b'"') => in_string = false,
            (true, _) => {}
            (false, b'"') => in_string = true,
            (false, b'[' | b'{') => {
                depth += 1;
                if depth > YAML_MAX_FLOW_DEPTH {
                    return Some(i);
                }
            }
            (false, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

fn yaml_to_json(v: serde_yaml_ng::Value) -> Value {
    use serde_yaml_ng::Value as Y;
    match v {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else {
                n.as_f64().map_or(Value::Null, Value::from)
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(s) => Value::Array(s.into_iter().map(yaml_to_json).collect()),
        Y::Mapping(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| {
                    let key = match k {
                        Y::String(s) => s,
                        other => serde_yaml_ng::to_string(&other)
                            .unwrap_or_default()
                            .trim()
                            .to_string(),
                    };
                    (key, yaml_to_json(v))
                })
                .collect(),
        ),
        Y::Tagged(t) => yaml_to_json(t.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_yaml_flow_nesting_is_refused_at_its_position() {
        let deep = format!("---\ntitle: A\nd: {}\n---\n", "[".repeat(100_000));
        let e = parse(&split(&deep).unwrap()).unwrap_err();
        assert!(e.message.contains("nest deeper than 128"), "{}", e.message);
        assert_eq!((e.line, e.column), (3, 4 + 128));
        // Brackets in double-quoted strings do not count; balanced nesting is fine.
        let quoted = format!(
            "---\ntitle: \"{}\"\nd: [[1], {{a: [2]}}]\n---\n",
            "[".repeat(500)
        );
        let m = parse(&split(&quoted).unwrap()).unwrap();
        assert_eq!(m["title"].as_str().unwrap().len(), 500);
    }

    #[test]
    fn toml_front_matter_and_body_lines() {
        let text = "+++\ntitle = \"A\"\ndate = 2024-11-20\n+++\n\nBody\n";
        let s = split(text).unwrap();
        assert_eq!(s.format, Some(Format::Toml));
        assert_eq!(s.body, "\nBody\n");
        assert_eq!(s.body_line, 5);
        let m = parse(&s).unwrap();
        assert_eq!(m["title"], "A");
        assert_eq!(m["date"], "2024-11-20");
    }

    #[test]
    fn yaml_front_matter_is_the_same_model() {
        let text = "---\ntitle: A\ntags: [x, y]\ndate: 2024-11-20\n---\nBody";
        let m = parse(&split(text).unwrap()).unwrap();
        assert_eq!(m["title"], "A");
        assert_eq!(m["tags"], serde_json::json!(["x", "y"]));
        assert_eq!(m["date"], "2024-11-20");
    }

    #[test]
    fn unterminated_front_matter_is_an_error() {
        let e = split("+++\ntitle = \"A\"\nBody\n").unwrap_err();
        assert!(e.message.contains("never closed"));
        assert_eq!(e.line, 1);
    }

    #[test]
    fn toml_syntax_error_has_file_line() {
        let text = "+++\ntitle = \"A\"\ndate = = 3\n+++\n";
        let e = parse(&split(text).unwrap()).unwrap_err();
        assert_eq!(e.line, 3, "{e:?}");
        assert!(e.message.starts_with("invalid TOML"));
    }

    #[test]
    fn yaml_syntax_error_has_file_line() {
        let text = "---\ntitle: A\ntags: [x, y\n---\n";
        let e = parse(&split(text).unwrap()).unwrap_err();
        assert!(e.line >= 3, "{e:?}");
        assert!(e.message.starts_with("invalid YAML"));
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let s = split("Just text\n").unwrap();
        assert_eq!(s.format, None);
        assert_eq!(s.body, "Just text\n");
    }
}
