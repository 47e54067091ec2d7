use super::*;

fn parse(text: &str) -> Result<SiteConfig, Diagnostic> {
    SiteConfig::parse(text, Path::new("site.toml"))
}

#[test]
fn minimal_config_gets_defaults() {
    let c = parse("title = \"T\"\nbase_url = \"https://u.github.io/repo\"\n").unwrap();
    assert_eq!(c.base_url, "https://u.github.io/repo/");
    assert_eq!(c.base_path(), "/repo/");
    assert_eq!(c.paginate_by, 10);
    let names: Vec<_> = c.taxonomies.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["tags", "authors"]);
    assert_eq!(c.taxonomies[0].title(), "Tags");
    assert_eq!(c.markdown.raw_html, RawHtml::Sanitize);
}

#[test]
fn raw_html_mode_is_read_and_checked() {
    let base = "title = \"T\"\nbase_url = \"https://x.org\"\n[markdown]\n";
    let c = parse(&format!("{base}raw_html = \"trusted\"\n")).unwrap();
    assert_eq!(c.markdown.raw_html, RawHtml::Trusted);
    let c = parse(&format!("{base}raw_html = \"escape\"\n")).unwrap();
    assert_eq!(c.markdown.raw_html, RawHtml::Escape);
    let e = parse(&format!("{base}raw_html = \"unsafe\"\n")).unwrap_err();
    assert!(
        e.message.contains("unknown variant `unsafe`"),
        "{}",
        e.message
    );
    assert!(e.message.contains("sanitize"), "{}", e.message);
    assert_eq!(e.line, Some(4));
    let e = parse(&format!("{base}html = \"trusted\"\n")).unwrap_err();
    assert!(e.message.contains("unknown key `html`"), "{}", e.message);
}

#[test]
fn unknown_key_names_key_and_line() {
    let e = parse("title = \"T\"\nbase_url = \"https://x.org\"\ncolour = 1\n").unwrap_err();
    assert!(e.message.contains("unknown key `colour`"), "{}", e.message);
    assert_eq!(e.line, Some(3));
}

#[test]
fn missing_required_key_is_named() {
    let e = parse("title = \"T\"\n").unwrap_err();
    assert!(
        e.message.contains("missing required key `base_url`"),
        "{}",
        e.message
    );
}

#[test]
fn bad_base_url_points_at_the_key() {
    let e = parse("title = \"T\"\n\nbase_url = \"example.org\"\n").unwrap_err();
    assert!(e.message.contains("https://"), "{}", e.message);
    assert_eq!(e.line, Some(3));
}

#[test]
fn languages_are_read_and_checked() {
    let base = "title = \"T\"\nbase_url = \"https://x.org\"\nlanguage = \"EN\"\n";
    let c = parse(&format!(
        "{base}[languages.ja]\ntitle = \"黒潮\"\nmenu = [{{ name = \"概要\", url = \"ja/about/\" }}]\n[languages.ja.taxonomies]\ntags = \"タグ\"\n[languages.zh-hant]\n"
    ))
    .unwrap();
    assert_eq!(c.language, "en");
    assert_eq!(c.language_codes(), ["en", "ja", "zh-Hant"]);
    assert!(c.is_multilingual());
    assert_eq!(c.languages["ja"].title.as_deref(), Some("黒潮"));
    assert_eq!(c.languages["ja"].menu[0].url, "ja/about/");
    assert_eq!(c.language_prefix("ja"), "ja/");
    assert_eq!(c.language_prefix("zh-Hant"), "zh-hant/");
    assert_eq!(c.language_prefix("en"), "");
    assert_eq!(c.site_language(Some("JA")), "ja");
    assert_eq!(c.site_language(Some("ko")), "en");
    assert_eq!(c.site_language(None), "en");
    let single = parse(base).unwrap();
    assert!(!single.is_multilingual());
    // An entry for the default language alone does not make a second language.
    let own = parse(&format!("{base}[languages.en]\nmenu = []\n")).unwrap();
    assert!(!own.is_multilingual());

    let e = parse(&format!("{base}\n[languages.japanese]\n")).unwrap_err();
    assert!(e.message.contains("not a language code"), "{}", e.message);
    assert_eq!(e.line, Some(5));
    let e = parse(&format!(
        "{base}[languages.ja]\nmenu = [{{ name = \"x\", url = \"javascript:alert(1)\" }}]\n"
    ))
    .unwrap_err();
    assert!(e.message.contains("javascript:alert(1)"), "{}", e.message);
    let e = parse(&format!(
        "{base}[languages.ja.taxonomies]\ncolours = \"色\"\n"
    ))
    .unwrap_err();
    assert!(e.message.contains("`colours`"), "{}", e.message);
    assert_eq!(e.line, Some(5));
    let e = parse(&format!("{base}[languages.ja]\nheadline = \"x\"\n")).unwrap_err();
    assert!(
        e.message.contains("unknown key `headline`"),
        "{}",
        e.message
    );
}

#[test]
fn reserved_taxonomy_name_is_refused() {
    let e = parse("title = \"T\"\nbase_url = \"https://x.org\"\n[[taxonomies]]\nname = \"page\"\n")
        .unwrap_err();
    assert!(e.message.contains("reserved"), "{}", e.message);
}
