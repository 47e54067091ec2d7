use super::shards::{encode_postings, DIGITS};
use super::*;

fn doc(path: &str, title: &str, date: Option<&str>, body: &str) -> SearchDoc<'static> {
    let mut filters = BTreeMap::new();
    if let Some(d) = date {
        filters.insert("year".to_string(), vec![d[..4].to_string()]);
    }
    SearchDoc {
        path: path.into(),
        title: title.into(),
        date: date.map(String::from),
        date_display: None,
        authors: vec!["Mina Park".into()],
        filters,
        html: body.to_string().into(),
    }
}

fn corpus() -> Vec<SearchDoc<'static>> {
    let mut a = doc(
        "briefings/kursk/",
        "Moscow and Pyongyang after the Kursk deployment",
        Some("2024-11-20"),
        "<p>North Korean troops in <em>Kursk</em>. Sanctions enforcement is weak.</p>",
    );
    a.filters.insert(
        "tags".into(),
        vec!["Sanctions".into(), "North Korea".into()],
    );
    let mut b = doc(
        "briefings/budget/",
        "Japan's defence budget",
        Some("2023-03-01"),
        "<p>The defence budget grows; missiles and missile defence.</p>",
    );
    b.filters.insert("tags".into(), vec!["Japan".into()]);
    let c = doc(
        "briefings/undated/",
        "Undated note",
        None,
        "<p>Sanctioned entities &amp; more.</p>",
    );
    vec![b, c, a]
}

/// Reads the JSON argument list of a `__briefgenSearch.<name>(…);` file.
fn call_args(bytes: &[u8], name: &str) -> Vec<serde_json::Value> {
    let s = std::str::from_utf8(bytes).unwrap();
    let prefix = format!("__briefgenSearch.{name}(");
    let inner = s
        .strip_prefix(&prefix)
        .unwrap()
        .strip_suffix(");\n")
        .unwrap();
    serde_json::from_str(&format!("[{inner}]")).unwrap()
}

fn file<'a>(files: &'a [(String, Vec<u8>)], name: &str) -> &'a [u8] {
    &files
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .1
}

/// Record `n` of the document store with its `text`, decoded as `search.js` does: the pack
/// holding it, its byte range of the inflated texts.
fn doc_record(files: &[(String, Vec<u8>)], n: usize) -> serde_json::Value {
    use base64::Engine as _;
    use std::io::Read as _;
    let manifest = &call_args(file(files, "search/index.js"), "manifest")[0];
    let per_pack = manifest["docsPerPack"].as_u64().unwrap() as usize;
    let args = call_args(
        file(files, &format!("search/d/{}.js", n / per_pack)),
        "docs",
    );
    assert_eq!(args[0], manifest["build"]);
    assert_eq!(args[1], n / per_pack);
    let packed = base64::engine::general_purpose::STANDARD
        .decode(args[4].as_str().unwrap())
        .unwrap();
    let mut texts = Vec::new();
    flate2::read::DeflateDecoder::new(&packed[..])
        .read_to_end(&mut texts)
        .unwrap();
    let lengths: Vec<usize> = args[3]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_u64().unwrap() as usize)
        .collect();
    assert_eq!(lengths.iter().sum::<usize>(), texts.len());
    let k = n % per_pack;
    let start: usize = lengths[..k].iter().sum();
    let mut record = args[2][k].clone();
    record["text"] = String::from_utf8(texts[start..start + lengths[k]].to_vec())
        .unwrap()
        .into();
    record
}

/// The browser's decoder (`postings` in search.js), for checking the encoder.
fn decode_postings(s: &str) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let (mut prev, mut v) = (-1i64, 0u64);
    for b in s.bytes() {
        let g = DIGITS.iter().position(|&d| d == b).unwrap() as u64;
        if g >= 32 {
            v = v * 32 + (g - 32);
        } else {
            v = v * 32 + g;
            prev += (v / 16) as i64 + 1;
            out.push((prev as u32, (v % 16) as u32 + 1));
            v = 0;
        }
    }
    out
}

/// All words and their decoded postings, across shards.
fn vocabulary(files: &[(String, Vec<u8>)]) -> BTreeMap<String, Vec<(u32, u32)>> {
    let manifest = &call_args(file(files, "search/index.js"), "manifest")[0];
    let shards = manifest["shards"].as_array().unwrap().len();
    let mut out = BTreeMap::new();
    for n in 0..shards {
        let args = call_args(file(files, &format!("search/w/{n}.js")), "words");
        assert_eq!(args[0], manifest["build"]);
        let words = args[2].as_array().unwrap();
        let postings = args[3].as_array().unwrap();
        assert_eq!(
            words.first().map(|w| w.as_str().unwrap()),
            manifest["shards"][n].as_str()
        );
        for (w, p) in words.iter().zip(postings) {
            out.insert(
                w.as_str().unwrap().to_string(),
                decode_postings(p.as_str().unwrap()),
            );
        }
    }
    out
}

#[test]
fn varints_round_trip() {
    let postings: Vec<u32> = [(0, 1), (1, 16), (5, 3), (40, 8), (100_000, 2), (100_001, 1)]
        .iter()
        .map(|&(d, i)| d << 4 | (i - 1))
        .collect();
    let decoded = decode_postings(&encode_postings(&postings));
    let expected: Vec<(u32, u32)> = postings.iter().map(|p| (p >> 4, (p & 15) + 1)).collect();
    assert_eq!(decoded, expected);
}

#[test]
fn writes_every_file_and_numbers_documents_newest_first() {
    let files = build_index(&corpus(), "en").unwrap();
    for name in [
        "search/index.js",
        "search/filters.js",
        "search/search.js",
        "search/d/0.js",
    ] {
        file(&files, name);
    }
    assert!(files.iter().all(|(n, _)| n.starts_with("search/")));
    let manifest = &call_args(file(&files, "search/index.js"), "manifest")[0];
    assert_eq!(manifest["format"], FORMAT);
    assert_eq!(manifest["docs"], 3);
    assert_eq!(manifest["language"], "en");
    let paths: Vec<String> = (0..3)
        .map(|n| doc_record(&files, n)["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        paths,
        [
            "briefings/kursk/",
            "briefings/budget/",
            "briefings/undated/"
        ]
    );
    let d0 = &doc_record(&files, 0);
    assert_eq!(d0["date"], "2024-11-20");
    assert_eq!(d0["authors"][0], "Mina Park");
    assert_eq!(
        d0["text"],
        "North Korean troops in Kursk. Sanctions enforcement is weak."
    );
}

#[test]
fn postings_find_the_right_documents() {
    let vocab = vocabulary(&build_index(&corpus(), "en").unwrap());
    let docs = |w: &str| -> Vec<u32> { vocab[w].iter().map(|p| p.0).collect() };
    assert_eq!(docs("kursk"), [0]);
    assert_eq!(docs("budget"), [1]);
    assert_eq!(docs("defence"), [1]);
    assert_eq!(docs("sanctioned"), [2]);
    assert_eq!(docs("mina"), [0, 1, 2], "authors are searchable");
    assert_eq!(docs("korea"), [0], "filter values are searchable");
    assert!(!vocab.contains_key("s"), "lone letters are dropped");
    // Sorted as JavaScript compares strings.
    let words: Vec<&String> = vocab.keys().collect();
    assert!(words
        .windows(2)
        .all(|w| w[0].encode_utf16().cmp(w[1].encode_utf16()).is_lt()));
}

#[test]
fn title_words_outrank_body_words() {
    let vocab = vocabulary(&build_index(&corpus(), "en").unwrap());
    // "kursk" is in doc 0's title and body; "troops" only in its body.
    let title = vocab["kursk"][0].1;
    let body = vocab["troops"][0].1;
    assert!(title > body, "{title} vs {body}");
    assert_eq!(impact(0, true, 100, 100.0), impact(0, true, 5, 100.0));
    // Any body frequency in any document stays below the title threshold.
    assert!(impact(1_000_000, false, 1, 1000.0) < title_impact());
    assert!(impact(0, true, 10_000, 1.0) >= title_impact());
    assert!(
        impact(3, false, 50, 100.0) > impact(3, false, 400, 100.0),
        "shorter documents weigh more"
    );
}

#[test]
fn filters_list_values_and_documents() {
    let files = build_index(&corpus(), "en").unwrap();
    let manifest = &call_args(file(&files, "search/index.js"), "manifest")[0];
    let filters = manifest["filters"].as_array().unwrap();
    let tags = filters.iter().find(|f| f["name"] == "tags").unwrap();
    assert_eq!(
        tags["values"],
        serde_json::json!([["Japan", 1], ["North Korea", 1], ["Sanctions", 1]])
    );
    let years = filters.iter().find(|f| f["name"] == "year").unwrap();
    assert_eq!(
        years["values"],
        serde_json::json!([["2024", 1], ["2023", 1]]),
        "newest year first"
    );
    let data = &call_args(file(&files, "search/filters.js"), "filters")[1];
    let japan = data["tags"][0].as_str().unwrap();
    assert_eq!(decode_postings(japan).len(), 1);
}

#[test]
fn output_does_not_depend_on_input_order() {
    let mut docs = corpus();
    let a = build_index(&docs, "en").unwrap();
    docs.reverse();
    let b = build_index(&docs, "en").unwrap();
    assert_eq!(a, b);
}

#[test]
fn build_id_changes_with_content() {
    let mut docs = corpus();
    let manifest = |docs: &[SearchDoc]| {
        let files = build_index(docs, "en").unwrap();
        call_args(file(&files, "search/index.js"), "manifest")[0]["build"].clone()
    };
    let before = manifest(&docs);
    docs[0]
        .html
        .to_mut()
        .push_str("<p>Another paragraph about tariffs.</p>");
    let edited = manifest(&docs);
    assert_ne!(before, edited);
    // Whatever a document file or a posting shows counts, not only the body.
    docs[1].authors.push("A. N. Other".into());
    let with_author = manifest(&docs);
    assert_ne!(edited, with_author);
    docs[1].date_display = Some("1 April 2024".into());
    assert_ne!(with_author, manifest(&docs));
}

#[test]
fn empty_archive_builds() {
    let files = build_index(&[], "en").unwrap();
    let manifest = &call_args(file(&files, "search/index.js"), "manifest")[0];
    assert_eq!(manifest["docs"], 0);
    assert_eq!(manifest["shards"], serde_json::json!([""]));
    file(&files, "search/w/0.js");
}

#[test]
fn long_texts_are_cut_for_snippets_and_escaped() {
    let mut d = doc("x/", "Long \"quoted\" title", Some("2020-01-01"), "");
    d.html = format!(
        "<p>{}</p><p>back\\slash \u{1}</p>",
        "word ".repeat(store::MAX_TEXT_CHARS)
    )
    .into();
    let files = build_index(&[d], "en").unwrap();
    let record = &doc_record(&files, 0);
    assert_eq!(record["title"], "Long \"quoted\" title");
    assert_eq!(
        record["text"].as_str().unwrap().chars().count(),
        store::MAX_TEXT_CHARS
    );
    let mut short = doc("y/", "t", None, "<p>back\\slash \u{1} \"q\"</p>");
    short.date = None;
    let files = build_index(&[short], "en").unwrap();
    let record = &doc_record(&files, 0);
    assert_eq!(record["text"], "back\\slash \u{1} \"q\"");
}

#[test]
fn packs_hold_every_document_with_the_text_snippets_are_cut_from() {
    // Eleven documents: two full packs and a short one, texts with quotes, control characters,
    // accents and CJK, so byte lengths and character counts differ.
    let docs: Vec<SearchDoc> = (0..11)
        .map(|i| {
            let mut d = doc(
                &format!("briefings/n{i:02}/"),
                &format!("Note {i} \"quoted\""),
                Some(&format!("20{:02}-01-{:02}", 10 + i, 1 + i)),
                &format!(
                    "<p>Élysée talks {i}, 北朝鮮 \\ \u{1} and <em>sanctions</em>.</p>{}",
                    "<p>More words here.</p>".repeat(i * 50)
                ),
            );
            d.authors.push(format!("Author {i}"));
            d.date_display = Some(format!("{} January", 1 + i));
            d
        })
        .collect();
    let files = build_index(&docs, "en").unwrap();
    let packs = files
        .iter()
        .filter(|(n, _)| n.starts_with("search/d/"))
        .count();
    assert_eq!(packs, 11usize.div_ceil(store::DOCS_PER_PACK));
    for n in 0..11 {
        // Newest first: document n is the one dated 20(20-n).
        let source = &docs[10 - n];
        let record = doc_record(&files, n);
        let mut text = String::new();
        html_to_text(&source.html, &mut text);
        assert_eq!(record["path"], source.path.as_str());
        assert_eq!(record["title"], source.title.as_str());
        assert_eq!(record["date"], source.date.as_deref().unwrap());
        assert_eq!(
            record["dateDisplay"],
            source.date_display.as_deref().unwrap()
        );
        assert_eq!(record["authors"], serde_json::json!(source.authors));
        assert_eq!(record["text"], text.as_str(), "document {n}");
    }
}
