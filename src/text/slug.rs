//! URL slugs: ASCII, lowercase, words joined by `-`.

/// Makes a URL-safe slug; non-Latin text is transliterated to ASCII so the slug is stable.
pub fn slugify(text: &str) -> String {
    // deunicode drops tabs, newlines and other control characters in text that is not pure
    // ASCII, which would glue words together ("鮮 a\tb" → "xian-ab"); they separate words.
    let spaced: String;
    let text = if text.is_ascii() {
        text
    } else {
        spaced = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        &spaced
    };
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '\u{2019}' {
            // "Japan's" → "japans", as readers type it.
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// Whether a slug written by hand is usable as one URL segment.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_' || c == '.'
        })
        && !slug.starts_with(['.', '-'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_table() {
        let cases = [
            ("North Korea", "north-korea"),
            ("north korea", "north-korea"),
            ("North-Korea", "north-korea"),
            ("  Japan’s defence posture ", "japans-defence-posture"),
            ("AUKUS: Pillar II", "aukus-pillar-ii"),
            ("Ümlaut & Ça va", "umlaut-ca-va"),
            ("Россия и КНДР", "rossiia-i-kndr"),
            ("北朝鮮", "bei-zhao-xian"),
            ("a---b", "a-b"),
            ("!!!", ""),
            ("北 a\tb", "bei-a-b"),
            ("Ça\nva", "ca-va"),
        ];
        for (input, want) in cases {
            assert_eq!(slugify(input), want, "{input}");
        }
    }

    #[test]
    fn slugify_is_idempotent() {
        for s in ["North Korea", "北朝鮮", "x--y", "A.B.C"] {
            let once = slugify(s);
            assert_eq!(slugify(&once), once);
        }
    }

    #[test]
    fn valid_slugs() {
        assert!(is_valid_slug("japan-2024"));
        assert!(!is_valid_slug("Japan"));
        assert!(!is_valid_slug("a/b"));
        assert!(!is_valid_slug(""));
        assert!(!is_valid_slug("../x"));
    }
}
