//! JSON-LD blocks: the article node among `@graph`s, arrays and nested
//! objects, with `{"@id": …}` references resolved against the other nodes.

use serde_json::{Map, Value};

/// Schema.org types that describe an article's own text.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "Report",
    "ScholarlyArticle",
    "OpinionNewsArticle",
    "AnalysisNewsArticle",
    "ReportageNewsArticle",
    "BackgroundNewsArticle",
    "BlogPosting",
    "SocialMediaPosting",
    "TechArticle",
    "LiveBlogPosting",
];

/// Every node found in the page's JSON-LD scripts, flattened.
#[derive(Debug, Default)]
pub struct Graph {
    nodes: Vec<Map<String, Value>>,
}

impl Graph {
    /// Reads the text of each `<script type="application/ld+json">`; a block
    /// that is not valid JSON is skipped (pages often carry broken ones).
    pub fn parse<'a>(scripts: impl Iterator<Item = &'a str>) -> Graph {
        let mut graph = Graph::default();
        for script in scripts {
            let cleaned = script
                .trim()
                .trim_start_matches("<!--")
                .trim_end_matches("-->")
                .trim();
            if let Ok(value) = serde_json::from_str::<Value>(cleaned) {
                graph.collect(value);
            }
        }
        graph
    }

    fn collect(&mut self, value: Value) {
        match value {
            Value::Array(items) => items.into_iter().for_each(|v| self.collect(v)),
            Value::Object(mut map) => {
                if let Some(inner) = map.remove("@graph") {
                    self.collect(inner);
                }
                if map.contains_key("@type") {
                    self.nodes.push(map);
                }
            }
            _ => {}
        }
    }

    /// The article node: the first of an article type, preferring one with a
    /// headline (a page's graph may also list related articles without one).
    pub fn article(&self) -> Option<&Map<String, Value>> {
        let articles: Vec<&Map<String, Value>> = self
            .nodes
            .iter()
            .filter(|n| types(n).iter().any(|t| ARTICLE_TYPES.contains(&t.as_str())))
            .collect();
        articles
            .iter()
            .find(|n| n.contains_key("headline"))
            .or(articles.first())
            .copied()
    }

    /// Whether the page declares itself a listing (collection, search results).
    pub fn is_listing(&self) -> bool {
        self.nodes.iter().any(|n| {
            types(n)
                .iter()
                .any(|t| matches!(t.as_str(), "CollectionPage" | "SearchResultsPage"))
        })
    }

    /// The node with this `@id`.
    pub fn node(&self, id: &str) -> Option<&Map<String, Value>> {
        self.nodes
            .iter()
            .find(|n| n.get("@id").and_then(Value::as_str) == Some(id))
    }

    /// The name of a person or organisation value: a string, an object with
    /// `name`, or a reference to a node with one.
    pub fn name_of(&self, value: &Value) -> Option<String> {
        match value {
            Value::String(s) => Some(s.clone()),
            Value::Object(map) => {
                let name = map.get("name").and_then(Value::as_str).or_else(|| {
                    let id = map.get("@id").and_then(Value::as_str)?;
                    self.node(id)?.get("name").and_then(Value::as_str)
                })?;
                Some(name.to_string())
            }
            _ => None,
        }
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
    }

    /// The `@type` of a referenced or inline node.
    pub fn type_of(&self, value: &Value) -> Vec<String> {
        match value.as_object() {
            Some(map) if map.contains_key("@type") => types(map),
            Some(map) => map
                .get("@id")
                .and_then(Value::as_str)
                .and_then(|id| self.node(id))
                .map(types)
                .unwrap_or_default(),
            None => Vec::new(),
        }
    }

    /// The site's name from a `WebSite` node.
    pub fn website_name(&self) -> Option<String> {
        self.nodes
            .iter()
            .find(|n| types(n).iter().any(|t| t == "WebSite"))
            .and_then(|n| n.get("name"))
            .and_then(|v| self.name_of(v))
    }
}

fn types(node: &Map<String, Value>) -> Vec<String> {
    match node.get("@type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// A string field, or the first string of an array field.
pub fn text(node: &Map<String, Value>, key: &str) -> Option<String> {
    let value = node.get(key)?;
    let s = match value {
        Value::String(s) => s.as_str(),
        Value::Array(a) => a.iter().find_map(Value::as_str)?,
        Value::Object(m) => m.get("@value").and_then(Value::as_str)?,
        _ => return None,
    };
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// A field that may hold one value or a list of them.
pub fn list<'a>(node: &'a Map<String, Value>, key: &str) -> Vec<&'a Value> {
    match node.get(key) {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(other) => vec![other],
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_article_in_a_graph_and_resolves_authors() {
        let script = r##"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","@id":"https://ex.org/#site","name":"Harbour Review"},
            {"@type":["Article","NewsArticle"],"headline":"Tides of trade",
             "author":{"@id":"https://ex.org/#p1"}},
            {"@type":"Person","@id":"https://ex.org/#p1","name":"  Ada  Quill "}]}"##;
        let graph = Graph::parse([script].into_iter());
        let article = graph.article().expect("article node");
        assert_eq!(text(article, "headline").as_deref(), Some("Tides of trade"));
        let authors: Vec<String> = list(article, "author")
            .into_iter()
            .filter_map(|a| graph.name_of(a))
            .collect();
        assert_eq!(authors, ["Ada Quill"]);
        assert_eq!(graph.website_name().as_deref(), Some("Harbour Review"));
    }

    #[test]
    fn skips_broken_blocks() {
        let graph = Graph::parse(["{not json", r#"[{"@type":"Report","name":"R"}]"#].into_iter());
        assert!(graph.article().is_some());
    }
}
