//! The importer must never panic, whatever it is given: mangled copies of
//! the fixtures and arbitrary bytes either import or are refused.

use briefgen::import;

use std::path::Path;

/// A small deterministic generator, so failures can be reproduced.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn fixture_texts() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/dev");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

fn mangled(text: &str, rng: &mut Lcg) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = vec![
        lines.join(" "),
        lines.iter().rev().copied().collect::<Vec<_>>().join("\n"),
        lines
            .iter()
            .step_by(2)
            .copied()
            .collect::<Vec<_>>()
            .join("\n"),
        text.replace('.', "…\n"),
        text.replace(' ', "\u{a0}").replace('\n', "\r\n"),
        text.to_uppercase(),
    ];
    for _ in 0..4 {
        let n = lines.len().max(1);
        let a = rng.next() as usize % n;
        let b = a + rng.next() as usize % (n - a + 1);
        out.push(lines[a..b.min(lines.len())].join("\n"));
        let chars: Vec<char> = text.chars().collect();
        let cut = rng.next() as usize % (chars.len() + 1);
        out.push(chars[..cut].iter().collect());
    }
    out
}

#[test]
fn mangled_fixtures_never_panic() {
    let mut rng = Lcg(7);
    for text in fixture_texts() {
        for variant in mangled(&text, &mut rng) {
            let _ = import::import_text(&variant, &import::ImportOptions::default());
        }
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut rng = Lcg(11);
    for len in [0, 1, 2, 3, 7, 64, 513, 4096] {
        for _ in 0..20 {
            let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            if let Ok(text) = import::decode_input(&bytes) {
                let _ = import::import_text(&text, &import::ImportOptions::default());
            }
        }
    }
}
