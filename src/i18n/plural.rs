//! CLDR plural categories for whole numbers ("1 briefing", "2 briefings", "21 материал",
//! "5 материалов"). The interface only counts things, so only the integer rules are needed;
//! they follow CLDR 45's `plurals.xml` for the languages briefgen ships and the ones sites most
//! often add. A language not listed gets English's rule, which `other` alone also satisfies.

/// A CLDR plural category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::Zero,
        Category::One,
        Category::Two,
        Category::Few,
        Category::Many,
        Category::Other,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Category::Zero => "zero",
            Category::One => "one",
            Category::Two => "two",
            Category::Few => "few",
            Category::Many => "many",
            Category::Other => "other",
        }
    }

    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// The category of the whole number `n` in language `code` (`ru`, `pt-BR`, `zh-Hant` …).
pub fn category(code: &str, n: u64) -> Category {
    use Category::*;
    let primary = code
        .split(['-', '_'])
        .next()
        .unwrap_or(code)
        .to_ascii_lowercase();
    let (n10, n100) = (n % 10, n % 100);
    let slavic_few = (2..=4).contains(&n10) && !(12..=14).contains(&n100);
    match primary.as_str() {
        // No grammatical number.
        "ja" | "ko" | "zh" | "vi" | "th" | "id" | "ms" | "my" | "km" | "lo" | "yue" | "bo" => Other,
        // 0 and 1 are singular; millions take `de` ("1 000 000 de notes"). Brazilian
        // Portuguese (plain `pt` in CLDR) counts 0 and 1 alike too; European Portuguese does not.
        "fr" => match n {
            0 | 1 => One,
            _ if n % 1_000_000 == 0 => Many,
            _ => Other,
        },
        "pt" if !code.eq_ignore_ascii_case("pt-PT") => match n {
            0 | 1 => One,
            _ if n % 1_000_000 == 0 => Many,
            _ => Other,
        },
        "es" | "it" | "ca" | "pt" => match n {
            1 => One,
            _ if n != 0 && n % 1_000_000 == 0 => Many,
            _ => Other,
        },
        "fa" | "hi" | "bn" | "gu" | "kn" | "mr" | "zu" | "am" => match n {
            0 | 1 => One,
            _ => Other,
        },
        "ru" | "uk" | "be" => match n {
            _ if n10 == 1 && n100 != 11 => One,
            _ if slavic_few => Few,
            _ => Many,
        },
        "pl" => match n {
            1 => One,
            _ if slavic_few => Few,
            _ => Many,
        },
        "cs" | "sk" => match n {
            1 => One,
            2..=4 => Few,
            _ => Other,
        },
        "ar" => match n {
            0 => Zero,
            1 => One,
            2 => Two,
            _ if (3..=10).contains(&n100) => Few,
            _ if (11..=99).contains(&n100) => Many,
            _ => Other,
        },
        "he" | "iw" => match n {
            1 => One,
            2 => Two,
            _ => Other,
        },
        _ => match n {
            1 => One,
            _ => Other,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::Category::*;
    use super::*;

    #[test]
    fn categories_follow_cldr() {
        let table: &[(&str, &[(u64, Category)])] = &[
            ("en", &[(0, Other), (1, One), (2, Other), (21, Other)]),
            ("de", &[(1, One), (11, Other)]),
            ("ja", &[(0, Other), (1, Other), (2, Other)]),
            ("zh-Hant", &[(1, Other)]),
            ("ko", &[(1, Other)]),
            ("fr", &[(0, One), (1, One), (2, Other), (1_000_000, Many)]),
            ("pt-BR", &[(0, One), (1, One), (2, Other)]),
            ("pt-PT", &[(0, Other), (1, One)]),
            (
                "ru",
                &[
                    (1, One),
                    (2, Few),
                    (4, Few),
                    (5, Many),
                    (11, Many),
                    (12, Many),
                    (21, One),
                    (22, Few),
                    (111, Many),
                    (0, Many),
                ],
            ),
            ("uk", &[(31, One), (33, Few), (35, Many)]),
            (
                "pl",
                &[(1, One), (2, Few), (5, Many), (21, Many), (22, Few)],
            ),
            (
                "ar",
                &[
                    (0, Zero),
                    (1, One),
                    (2, Two),
                    (3, Few),
                    (10, Few),
                    (11, Many),
                    (99, Many),
                    (100, Other),
                    (103, Few),
                ],
            ),
            ("he", &[(1, One), (2, Two), (3, Other)]),
            ("fa", &[(0, One), (1, One), (2, Other)]),
            ("xx", &[(1, One), (2, Other)]),
        ];
        for (code, cases) in table {
            for &(n, want) in *cases {
                assert_eq!(category(code, n), want, "{code} {n}");
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::from_name(c.name()), Some(c));
        }
        assert_eq!(Category::from_name("several"), None);
    }
}
