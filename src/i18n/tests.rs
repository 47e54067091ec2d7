use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

use super::load::{self, BUILTIN};
use super::*;

fn site_with(files: &[(&str, &str)]) -> (tempfile::TempDir, Result<Catalog, Vec<Diagnostic>>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("i18n")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join("i18n").join(name), text).unwrap();
    }
    let catalog = Catalog::load(dir.path(), "en");
    (dir, catalog)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn every_builtin_language_translates_every_english_key() {
    let catalog = Catalog::builtin("en");
    for (code, _) in BUILTIN {
        assert!(
            catalog.missing_keys(code).is_empty(),
            "{code} lacks {:?}",
            catalog.missing_keys(code)
        );
        let english = &catalog.languages["en"].strings;
        let own = &catalog.languages[*code].strings;
        let extra: Vec<_> = own.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(extra.is_empty(), "{code} has keys English lacks: {extra:?}");
    }
}

#[test]
fn builtin_translations_use_only_the_placeholders_english_passes() {
    let catalog = Catalog::builtin("en");
    let english = &catalog.languages["en"].strings;
    for (code, _) in BUILTIN {
        for (key, message) in &catalog.languages[*code].strings {
            let known: BTreeSet<&str> = english[key]
                .texts()
                .into_iter()
                .flat_map(format::placeholders)
                .collect();
            for text in message.texts() {
                for p in format::placeholders(text) {
                    assert!(known.contains(p), "{code} `{key}` uses {{{p}}}");
                }
            }
            // A plural message's forms are the categories the language has.
            if let Message::Plural(forms) = message {
                let used: BTreeSet<_> = (0..200).map(|n| plural::category(code, n)).collect();
                for c in forms.keys() {
                    assert!(
                        used.contains(c) || *c == plural::Category::Other,
                        "{code} `{key}` has a `{}` form the language never uses",
                        c.name()
                    );
                }
            }
        }
    }
}

#[test]
fn builtin_translations_differ_from_english() {
    // A translation that copies English by mistake would pass the key checks above.
    let catalog = Catalog::builtin("en");
    let en = catalog.language("en");
    for code in ["ja", "ko", "zh-Hans", "zh-Hant", "ru"] {
        let lang = catalog.language(code);
        for key in [
            "published",
            "min_read",
            "contents",
            "search_label",
            "archive",
        ] {
            let args = [("n", Arg::Count(4))];
            assert_ne!(
                lang.t(key, &args).unwrap(),
                en.t(key, &args).unwrap(),
                "{code} {key}"
            );
        }
    }
}

#[test]
fn dates_are_written_each_language_s_way() {
    let catalog = Catalog::builtin("en");
    let d = date(2024, 2, 20);
    let table = [
        ("en", "20 February 2024", "20 Feb", "February 2024"),
        ("ja", "2024年2月20日", "2月20日", "2024年2月"),
        ("ko", "2024년 2월 20일", "2월 20일", "2024년 2월"),
        ("zh", "2024年2月20日", "2月20日", "2024年2月"),
        ("zh-TW", "2024年2月20日", "2月20日", "2024年2月"),
        ("fr", "20 février 2024", "20 févr.", "février 2024"),
        ("de", "20. Februar 2024", "20. Feb.", "Februar 2024"),
        ("ru", "20 февраля 2024 г.", "20 февр.", "Февраль 2024 г."),
        // No file covers Swahili: English patterns.
        ("sw", "20 February 2024", "20 Feb", "February 2024"),
    ];
    for (code, long, short, month_year) in table {
        let lang = catalog.language(code);
        assert_eq!(lang.date(d, DateStyle::Long), long, "{code}");
        assert_eq!(lang.date(d, DateStyle::Short), short, "{code}");
        assert_eq!(lang.date(d, DateStyle::MonthYear), month_year, "{code}");
    }
    assert_eq!(catalog.language("fr").month(8), "Août");
    assert_eq!(catalog.language("ru").month(5), "Май");
    assert_eq!(catalog.language("ja").month(12), "12月");
    assert_eq!(catalog.language("en").month(1), "January");
}

#[test]
fn plurals_and_placeholders_fill_reading_time_and_series_parts() {
    let catalog = Catalog::builtin("en");
    let t =
        |code: &str, key: &str, args: &[(&str, Arg)]| catalog.language(code).t(key, args).unwrap();
    let n = |k: i64| [("n", Arg::Count(k))];
    assert_eq!(t("en", "min_read", &n(4)), "4 min read");
    assert_eq!(t("ja", "min_read", &n(4)), "約4分で読めます");
    assert_eq!(t("ru", "min_read", &n(1)), "1 минута чтения");
    assert_eq!(t("ru", "min_read", &n(3)), "3 минуты чтения");
    assert_eq!(t("ru", "min_read", &n(11)), "11 минут чтения");
    assert_eq!(t("ru", "min_read", &n(21)), "21 минута чтения");
    assert_eq!(t("de", "min_read", &n(1)), "1 Minute Lesezeit");
    assert_eq!(t("en", "briefing_count", &n(1)), "1 briefing");
    assert_eq!(t("en", "briefing_count", &n(1234)), "1,234 briefings");
    assert_eq!(t("fr", "briefing_count", &n(0)), "0 note");
    assert_eq!(t("fr", "briefing_count", &n(2000)), "2\u{202F}000 notes");
    assert_eq!(t("ja", "briefing_count", &n(12)), "12件");
    let part = [("part", Arg::Text("2")), ("total", Arg::Text("3"))];
    assert_eq!(
        t("en", "series_part_before", &part),
        "Part 2 of 3 in the series "
    );
    assert_eq!(
        t("ja", "series_part_before", &part),
        "連載（全3回中の第2回）："
    );
    assert_eq!(
        t("en", "not_found_browse", &[("taxonomy", Arg::Text("Tags"))]),
        "Browse by tags"
    );
    assert_eq!(
        t(
            "de",
            "not_found_browse",
            &[("taxonomy", Arg::Text("Schlagwörter"))]
        ),
        "Nach Schlagwörter stöbern"
    );
}

#[test]
fn template_mistakes_are_errors_naming_the_key() {
    let catalog = Catalog::builtin("en");
    let en = catalog.language("en");
    assert!(en
        .t("no_such_key", &[])
        .unwrap_err()
        .contains("`no_such_key`"));
    assert!(en.t("min_read", &[]).unwrap_err().contains("n=…"));
    let e = en
        .t("page_n_of_total", &[("n", Arg::Count(1))])
        .unwrap_err();
    assert!(e.contains("{total}"), "{e}");
}

#[test]
fn languages_fall_back_to_their_script_then_primary_then_english() {
    let catalog = Catalog::builtin("en");
    assert_eq!(catalog.language("zh-TW").t("search", &[]).unwrap(), "搜尋");
    assert_eq!(
        catalog.language("zh-Hant-HK").t("search", &[]).unwrap(),
        "搜尋"
    );
    assert_eq!(catalog.language("zh-CN").t("search", &[]).unwrap(), "搜索");
    assert_eq!(catalog.language("zh").t("search", &[]).unwrap(), "搜索");
    assert_eq!(
        catalog.language("fr-CA").t("archive", &[]).unwrap(),
        "Archives"
    );
    assert_eq!(
        catalog.language("JA").t("archive", &[]).unwrap(),
        "アーカイブ"
    );
    let swahili = catalog.language("sw");
    assert_eq!(swahili.t("archive", &[]).unwrap(), "Archive");
    assert!(!swahili.translates("archive"));
    assert!(catalog.missing_keys("sw").is_empty());
    assert!(catalog.language("ja").translates("archive"));
}

#[test]
fn language_names_and_endonyms() {
    let catalog = Catalog::builtin("en");
    assert_eq!(catalog.language("ja").endonym(), "日本語");
    assert_eq!(catalog.language("en").endonym(), "English");
    assert_eq!(catalog.language("sw").endonym(), "sw");
    assert_eq!(catalog.language("ja").language_name("en"), "英語");
    assert_eq!(catalog.language("fr").language_name("ja"), "japonais");
    assert_eq!(
        catalog.language("en").language_name("zh-TW"),
        "Chinese (Traditional)"
    );
    // Not in the Japanese file: English's list, then the built-in table of names.
    assert_eq!(catalog.language("ja").language_name("tr"), "Turkish");
}

#[test]
fn right_to_left_languages() {
    for code in ["ar", "fa", "he", "ur", "ar-EG", "fa_IR", "az-Arab", "iw"] {
        assert!(is_rtl(code), "{code}");
    }
    for code in ["en", "ja", "az", "az-Latn", "tr", "ru"] {
        assert!(!is_rtl(code), "{code}");
    }
    let catalog = Catalog::builtin("en");
    assert_eq!(catalog.language("ar").dir(), Direction::Rtl);
    assert_eq!(catalog.language("he").dir().as_str(), "rtl");
    assert_eq!(catalog.language("ja").dir(), Direction::Ltr);
}

#[test]
fn site_files_override_keys_and_add_languages() {
    let (_dir, catalog) = site_with(&[
        ("en.toml", "[strings]\nnav_briefings = \"Analysis\"\n"),
        (
            "ar.toml",
            "[language]\nname = \"العربية\"\n\n[date]\nlong = \"{day} {month} {year}\"\nmonths = [\"يناير\", \"فبراير\", \"مارس\", \"أبريل\", \"مايو\", \"يونيو\", \"يوليو\", \"أغسطس\", \"سبتمبر\", \"أكتوبر\", \"نوفمبر\", \"ديسمبر\"]\n\n[strings]\npublished = \"نُشر\"\nbriefing_count = { zero = \"لا تقارير\", one = \"تقرير واحد\", two = \"تقريران\", few = \"{n} تقارير\", many = \"{n} تقريرًا\", other = \"{n} تقرير\" }\n",
        ),
    ]);
    let catalog = catalog.unwrap();
    assert_eq!(
        catalog.language("en").t("nav_briefings", &[]).unwrap(),
        "Analysis"
    );
    // Unchanged keys keep the built-in text.
    assert_eq!(catalog.language("en").t("archive", &[]).unwrap(), "Archive");
    let ar = catalog.language("ar");
    assert_eq!(ar.t("published", &[]).unwrap(), "نُشر");
    assert_eq!(ar.endonym(), "العربية");
    assert_eq!(ar.dir(), Direction::Rtl);
    assert_eq!(
        ar.t("briefing_count", &[("n", Arg::Count(0))]).unwrap(),
        "لا تقارير"
    );
    assert_eq!(
        ar.t("briefing_count", &[("n", Arg::Count(2))]).unwrap(),
        "تقريران"
    );
    assert_eq!(
        ar.t("briefing_count", &[("n", Arg::Count(5))]).unwrap(),
        "5 تقارير"
    );
    assert_eq!(
        ar.date(date(2024, 2, 20), DateStyle::Long),
        "20 فبراير 2024"
    );
    // Everything else falls back to English, and check lists it.
    assert_eq!(ar.t("archive", &[]).unwrap(), "Archive");
    let missing = catalog.missing_keys("ar");
    assert!(missing.contains(&"archive") && !missing.contains(&"published"));
    let langs: BTreeSet<String> = ["en", "ar"].map(String::from).into();
    let warnings = catalog.warnings(&langs);
    let w = warnings
        .iter()
        .find(|d| d.code == "i18n-missing")
        .expect("a missing-keys warning");
    assert!(
        w.message.contains("`ar`") && w.message.contains("archive"),
        "{}",
        w.message
    );
    assert!(w.file.as_ref().unwrap().ends_with("i18n/ar.toml"));
    assert!(!w.is_error());
}

#[test]
fn check_warns_about_unknown_keys_placeholders_and_uncovered_languages() {
    let (_dir, catalog) = site_with(&[(
        "ja.toml",
        "[strings]\npublishd = \"公開日\"\nmin_read = \"{minutes}分\"\n",
    )]);
    let catalog = catalog.unwrap();
    let langs: BTreeSet<String> = ["ja", "sw"].map(String::from).into();
    let warnings = catalog.warnings(&langs);
    let find = |code: &str| {
        warnings
            .iter()
            .find(|d| d.code == code)
            .unwrap_or_else(|| panic!("no {code} in {warnings:?}"))
    };
    let unknown = find("i18n-unknown");
    assert!(unknown.message.contains("`publishd`"));
    assert_eq!(unknown.line, Some(2));
    let placeholder = find("i18n-placeholder");
    assert!(placeholder.message.contains("{minutes}"));
    assert_eq!(placeholder.line, Some(3));
    assert!(placeholder.hint.as_ref().unwrap().contains("{n}"));
    let uncovered = find("i18n-missing");
    assert!(uncovered.message.contains("`sw`"), "{}", uncovered.message);
}

#[test]
fn bad_site_files_are_errors_at_their_line() {
    let cases: &[(&str, &str, usize, &str)] = &[
        ("ja.toml", "[strings]\npublished = 3\n", 2, "plural forms"),
        (
            "ja.toml",
            "[strings]\nx = { one = \"a\" }\n",
            2,
            "no `other`",
        ),
        (
            "ja.toml",
            "[strings]\nx = { several = \"a\", other = \"b\" }\n",
            2,
            "not a CLDR category",
        ),
        (
            "ja.toml",
            "[strings]\n\nx = \"{Name}\"\n",
            3,
            "not a placeholder",
        ),
        ("ja.toml", "[date]\nmonths = [\"1月\"]\n", 2, "12 months"),
        (
            "ja.toml",
            "[date]\nlong = \"{weekday}\"\n",
            2,
            "`{weekday}`",
        ),
        ("ja.toml", "[colours]\nx = 1\n", 1, "unknown field"),
        ("ja.toml", "[strings\n", 1, "invalid"),
    ];
    for (name, text, line, needle) in cases {
        let (_dir, catalog) = site_with(&[(name, text)]);
        let errors = catalog.unwrap_err();
        let e = &errors[0];
        assert!(e.message.contains(needle), "{text:?}: {}", e.message);
        assert_eq!(e.line, Some(*line), "{text:?}: {}", e.message);
        assert!(e.file.as_ref().unwrap().ends_with(name));
        assert!(e.is_error());
    }
    let (_dir, catalog) = site_with(&[("japanese.toml", "")]);
    assert!(catalog.unwrap_err()[0]
        .message
        .contains("not a language code"));
}

#[test]
fn the_template_function_uses_the_page_language() {
    let mut tera = tera::Tera::default();
    tera.add_raw_template(
        "t.html",
        "{{ t(key=\"published\") }}|{{ t(key=\"min_read\", n=n) }}|{{ t(key=\"read_in\", lang=\"ja\", language=\"日本語\") }}|{{ t(key=\"page_n_of_total\", n=2, total=3) }}",
    )
    .unwrap();
    tera.add_raw_template(
        "json.html",
        "{{ t(key=\"search_found\", format=\"json\") | safe }}",
    )
    .unwrap();
    tera.add_raw_template("bad.html", "{{ t(key=\"nope\") }}")
        .unwrap();
    register(&mut tera, Arc::new(Catalog::builtin("en")));
    let mut ctx = tera::Context::new();
    ctx.insert("n", &7);
    let en = tera.render("t.html", &ctx).unwrap();
    assert_eq!(
        en,
        "Published|7 min read|このページを日本語で読む|Page 2 of 3"
    );
    let ja = with_language("ja", || tera.render("t.html", &ctx).unwrap());
    assert_eq!(
        ja,
        "公開|約7分で読めます|このページを日本語で読む|2／3ページ"
    );
    assert_eq!(
        current_language(),
        None,
        "the page language is reset afterwards"
    );
    let ru = with_language("ru", || tera.render("json.html", &ctx).unwrap());
    let forms: serde_json::Value = serde_json::from_str(&ru).unwrap();
    assert_eq!(forms["many"], "Найдено {n} материалов{what}{shown}.");
    let err = tera.render("bad.html", &ctx).unwrap_err();
    let chain = format!("{err:?}");
    assert!(chain.contains("`nope`"), "{chain}");
}

#[test]
fn json_strings_cannot_close_a_script_element() {
    let (_dir, catalog) = site_with(&[("en.toml", "[strings]\nsearch_more = \"</script><b>&\"\n")]);
    let json = catalog.unwrap().language("en").json("search_more").unwrap();
    assert!(!json.contains('<') && !json.contains('&'), "{json}");
    let back: String = serde_json::from_str(&json).unwrap();
    assert_eq!(back, "</script><b>&");
}

#[test]
fn codes_are_canonicalised() {
    assert_eq!(canonical_code("ZH-hant-tw"), "zh-Hant-TW");
    assert_eq!(canonical_code("pt_br"), "pt-BR");
    assert_eq!(canonical_code("ja"), "ja");
    assert_eq!(
        candidates("zh-TW"),
        ["zh-TW", "zh-Hant", "zh"].map(String::from)
    );
    assert_eq!(candidates("pt-BR"), ["pt-BR", "pt"].map(String::from));
}

#[test]
fn builtin_files_parse_through_the_site_loader_too() {
    for (code, text) in BUILTIN {
        load::parse(text, Path::new(code)).unwrap();
    }
}
