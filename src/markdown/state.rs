//! What one pass over a body's events learns on the way: words, headings and their ids,
//! anchors, the first paragraph.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, Tag};

use super::words;
use crate::model::{RenderedBody, TocEntry};

/// Ids the templates use themselves; headings never take them.
const RESERVED_IDS: &[&str] = &["main", "top", "contents", "site-nav", "footnotes", "skip"];

const WORDS_PER_MINUTE: usize = 220;
const CJK_CHARS_PER_MINUTE: usize = 500;

#[derive(Default)]
pub(super) struct State {
    pub(super) words: usize,
    cjk_chars: usize,
    pub(super) headings: Vec<(u8, String, String)>,
    pub(super) used_ids: HashSet<String>,
    /// Per base id, the next suffix to try, so n equal headings cost O(n), not O(n²).
    next_suffix: HashMap<String, usize>,
    pub(super) anchors: Vec<String>,
    pub(super) container_depth: usize,
    in_first_paragraph: bool,
    first_paragraph_done: bool,
    first_paragraph: String,
}

impl State {
    pub(super) fn unique_id(&mut self, base: String) -> String {
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        let mut id = base.clone();
        let n = self.next_suffix.entry(base.clone()).or_insert(1);
        if self.used_ids.contains(&id) || RESERVED_IDS.contains(&id.as_str()) {
            loop {
                id = format!("{base}-{n}");
                *n += 1;
                if !self.used_ids.contains(&id) && !RESERVED_IDS.contains(&id.as_str()) {
                    break;
                }
            }
        }
        self.used_ids.insert(id.clone());
        id
    }

    /// Gives each footnote name an id before any heading takes one, so the two never collide:
    /// the written name when it is free, else the name with a number.
    pub(super) fn footnote_ids(
        &mut self,
        events: &[(Event<'_>, std::ops::Range<usize>)],
    ) -> HashMap<String, String> {
        let mut ids = HashMap::new();
        for (e, _) in events {
            if let Event::Start(Tag::FootnoteDefinition(name)) = e {
                if !ids.contains_key(name.as_ref()) {
                    let id = self.unique_id(name.to_string());
                    ids.insert(name.to_string(), id);
                }
            }
        }
        ids
    }

    pub(super) fn count_words(&mut self, text: &str) {
        let (words, cjk_chars) = words::count(text);
        self.words += words;
        self.cjk_chars += cjk_chars;
    }

    pub(super) fn text(&mut self, text: &str) {
        self.count_words(text);
        if self.in_first_paragraph {
            self.first_paragraph.push_str(text);
        }
    }

    pub(super) fn paragraph_depth_start(&mut self) {
        if !self.first_paragraph_done && self.container_depth == 0 {
            self.in_first_paragraph = true;
        }
    }

    pub(super) fn paragraph_end(&mut self) {
        if self.in_first_paragraph {
            self.in_first_paragraph = false;
            self.first_paragraph_done = !self.first_paragraph.trim().is_empty();
        }
    }

    /// The finished body: `html` with what this pass learned, media anchors first after
    /// footnotes' so ids keep the order they were taken in.
    pub(super) fn into_body(
        self,
        html: String,
        media_anchors: Vec<String>,
        dropped: Vec<crate::model::Dropped>,
    ) -> RenderedBody {
        let reading_time = (self.words * 60 / WORDS_PER_MINUTE
            + self.cjk_chars * 60 / CJK_CHARS_PER_MINUTE)
            .div_ceil(60);
        let mut anchors = self.anchors;
        anchors.extend(media_anchors);
        anchors.extend(self.headings.iter().map(|(_, id, _)| id.clone()));
        RenderedBody {
            html,
            toc: build_toc(&self.headings),
            first_paragraph: self
                .first_paragraph
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            word_count: self.words + self.cjk_chars,
            reading_time: reading_time.max(1),
            anchors,
            dropped,
        }
    }
}

/// Nests a flat list of headings (level ≥ 2) into a tree.
fn build_toc(headings: &[(u8, String, String)]) -> Vec<TocEntry> {
    fn insert(list: &mut Vec<TocEntry>, entry: TocEntry) {
        match list.last_mut() {
            Some(last) if last.level < entry.level => insert(&mut last.children, entry),
            _ => list.push(entry),
        }
    }
    let mut toc = Vec::new();
    for (level, id, title) in headings.iter().filter(|(l, _, _)| *l >= 2) {
        insert(
            &mut toc,
            TocEntry {
                level: *level,
                id: id.clone(),
                title: title.clone(),
                children: Vec::new(),
            },
        );
    }
    toc
}
