//! Deterministic benchmark corpus for briefgen (and, with `--hugo`, the same corpus as a Hugo
//! site, for comparison).
//!
//! ```text
//! cargo run --release --example gen_corpus -- --n 10000 --seed 1 --out /dev/shm/corpus \
//!     [--hugo /dev/shm/hugo-corpus] [--hugo-layouts bench/hugo/layouts]
//! ```
//!
//! Briefing `i` depends only on `(seed, i)`: its text comes from a PRNG seeded with both, and the
//! briefings it links to (always earlier ones, `j < i`) have titles and slugs that depend only on
//! `(seed, j)`. So `--n 100` writes exactly the first 100 files of `--n 10000`, byte for byte.
//!
//! The text is assembled from phrase lists in the vocabulary of security-policy writing, with the
//! Markdown features real briefings use: `##`/`###` headings, bullet and numbered lists, a
//! blockquote, tables, footnotes, fenced code and `@/` links between briefings. Tags and authors
//! follow a Zipf-like spread. About 12 KB of Markdown per briefing on average.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "\
usage: gen_corpus --n N --out DIR [--seed S] [--hugo DIR2] [--hugo-layouts DIR3]

  --n N              number of briefings (files 00000-… to N-1)
  --seed S           PRNG seed (default 1); briefing i depends only on (S, i)
  --out DIR          write a briefgen site: DIR/site.toml and DIR/content/briefings/*.md
  --hugo DIR2        also write the same corpus as a Hugo site (hugo.toml, content/, layouts/,
                     static/ from beside the layouts)
  --hugo-layouts D   Hugo templates to copy into DIR2/layouts (default: bench/hugo/layouts)

DIR and DIR2 must be empty, missing, or earlier output of this generator (which is replaced).";

/// Written into every output folder so a later run knows it may replace it.
const MARKER: &str = ".gen_corpus";

// ---------------------------------------------------------------------------------------------
// PRNG

/// SplitMix64 finaliser: a good 64-bit mixer.
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Independent streams per briefing, so the title of briefing j can be recomputed without
/// generating its body.
const STREAM_TITLE: u64 = 1;
const STREAM_BODY: u64 = 2;

/// SplitMix64 generator seeded from (seed, index, stream).
struct Rng(u64);

impl Rng {
    fn new(seed: u64, index: u64, stream: u64) -> Rng {
        let s = mix64(seed ^ 0x005e_ed0f_b21e_f9e0)
            ^ mix64(index.wrapping_add(0x9e37_79b9_7f4a_7c15))
            ^ mix64(stream.wrapping_mul(0xd1b5_4a32_d192_ed03));
        Rng(mix64(s))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix64(self.0)
    }

    /// Uniform in `0..n` (n > 0), by multiply-shift.
    fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// Samples ranks `0..n` with probability proportional to `1 / (rank + 1)^s`.
struct Zipf {
    cdf: Vec<f64>,
}

impl Zipf {
    fn new(n: usize, s: f64) -> Zipf {
        let mut acc = 0.0;
        let mut cdf: Vec<f64> = (0..n)
            .map(|k| {
                acc += 1.0 / ((k + 1) as f64).powf(s);
                acc
            })
            .collect();
        for c in &mut cdf {
            *c /= acc;
        }
        Zipf { cdf }
    }

    fn sample(&self, rng: &mut Rng) -> usize {
        let u = rng.unit();
        self.cdf
            .partition_point(|&c| c <= u)
            .min(self.cdf.len() - 1)
    }

    /// `k` distinct ranks, in the order drawn.
    fn sample_distinct(&self, rng: &mut Rng, k: usize) -> Vec<usize> {
        let mut out = Vec::with_capacity(k);
        while out.len() < k {
            let r = self.sample(rng);
            if !out.contains(&r) {
                out.push(r);
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const FIRST_NAMES: [&str; 40] = [
    "Mina", "Julian", "Priya", "Kenji", "Seo-yeon", "Tomás", "Eleanor", "Daniel", "Hana", "Marcus",
    "Aiko", "Rahul", "Sophie", "Min-jun", "Olena", "Lars", "Amara", "Wei", "Gabriel", "Ingrid",
    "Farid", "Yuki", "Nadia", "Oliver", "Ji-ho", "Camille", "Arjun", "Leila", "Mateus", "Astrid",
    "Tariq", "Hiroshi", "Clara", "Dmitri", "Anjali", "Felix", "Mariana", "Sung-min", "Fatima",
    "Henrik",
];

const LAST_NAMES: [&str; 50] = [
    "Park",
    "Ashdown",
    "Raghunathan",
    "Morimoto",
    "Han",
    "Ibarra",
    "Whitcombe",
    "Okafor",
    "Kurosawa",
    "Feld",
    "Tanaka",
    "Kim",
    "Lefèvre",
    "Nguyen",
    "Kowalski",
    "Haddad",
    "Sato",
    "Lindqvist",
    "Mensah",
    "Chen",
    "Oliveira",
    "Novak",
    "Rahman",
    "Watanabe",
    "Müller",
    "Costa",
    "Choi",
    "Petrenko",
    "Gupta",
    "Bauer",
    "Santos",
    "Yamamoto",
    "Byrne",
    "Al-Masri",
    "Fischer",
    "Lee",
    "Andersen",
    "Suzuki",
    "Moreau",
    "Iyer",
    "Kang",
    "Dubois",
    "Hoang",
    "Schmidt",
    "Abe",
    "Jovanović",
    "Reyes",
    "O'Connell",
    "Takahashi",
    "Varga",
];

/// Number of distinct authors. `(k % 40, 17k % 50)` is unique for k < lcm(40, 50) = 200.
const AUTHORS: usize = 200;

fn author_name(k: usize) -> String {
    format!(
        "{} {}",
        FIRST_NAMES[k % FIRST_NAMES.len()],
        LAST_NAMES[(k * 17) % LAST_NAMES.len()]
    )
}

const TAGS: &[&str] = &[
    "North Korea",
    "China",
    "Japan",
    "South Korea",
    "Russia",
    "Taiwan",
    "United States",
    "Sanctions",
    "Alliances",
    "Maritime security",
    "Nuclear deterrence",
    "Indo-Pacific",
    "Extended deterrence",
    "Missile defence",
    "Export controls",
    "Economic security",
    "Defence budgets",
    "Australia",
    "Korean Peninsula",
    "South China Sea",
    "Arms control",
    "Non-proliferation",
    "Semiconductors",
    "Grey-zone coercion",
    "India",
    "Philippines",
    "Defence industry",
    "Supply chains",
    "Critical minerals",
    "Cybersecurity",
    "NATO",
    "European Union",
    "ASEAN",
    "Ukraine",
    "East China Sea",
    "Coast guards",
    "Undersea cables",
    "Space security",
    "Hypersonic weapons",
    "Artificial intelligence",
    "Autonomous systems",
    "Shipbuilding",
    "Munitions",
    "Arms transfers",
    "AUKUS",
    "Quad",
    "Trilateral cooperation",
    "Host-nation support",
    "Burden sharing",
    "Intelligence sharing",
    "Crisis management",
    "Confidence-building measures",
    "Diplomacy",
    "Summitry",
    "Public opinion",
    "Elections",
    "Domestic politics",
    "Constitutional reform",
    "Civil-military relations",
    "Military exercises",
    "Force posture",
    "Basing",
    "Okinawa",
    "Logistics",
    "Command and control",
    "Interoperability",
    "Procurement",
    "Long-range strike",
    "Counterstrike",
    "Air defence",
    "Submarines",
    "Naval power",
    "Air power",
    "Land forces",
    "Information operations",
    "Disinformation",
    "Foreign interference",
    "Energy security",
    "Food security",
    "Climate security",
    "Humanitarian assistance",
    "Disaster relief",
    "Human rights",
    "Law of the sea",
    "Freedom of navigation",
    "UN Security Council",
    "Panel of experts",
    "Ship-to-ship transfers",
    "Cryptocurrency theft",
    "Financial sanctions",
    "Secondary sanctions",
    "Technology transfer",
    "Dual-use goods",
    "Satellites",
    "Nuclear energy",
    "Nuclear testing",
    "ICBMs",
    "SLBMs",
    "Tactical nuclear weapons",
    "Strategic stability",
    "Deterrence by denial",
    "Escalation",
    "Wargaming",
    "Taiwan Strait",
    "Senkaku Islands",
    "Second Thomas Shoal",
    "Scarborough Shoal",
    "Kuril Islands",
    "Yellow Sea",
    "Malacca Strait",
    "Ports",
    "Infrastructure",
    "Belt and Road",
    "Development finance",
    "Trade policy",
    "Investment screening",
    "Research security",
    "Biosecurity",
    "Terrorism",
    "Drones",
    "Electronic warfare",
    "Quantum technology",
    "Data security",
    "Telecommunications",
    "Defence exports",
    "Industrial policy",
    "Stockpiles",
    "Mobilisation",
    "Conscription",
    "Demography",
    "Peacekeeping",
    "Inter-Korean relations",
    "Russia–North Korea",
    "China–Russia",
    "US–China",
    "Japan–Korea",
    "Mutual defence",
    "Strategic communication",
    "Vietnam",
    "Indonesia",
    "Pacific Islands",
    "Iran",
    "Mongolia",
    "Singapore",
    "United Kingdom",
    "France",
    "Germany",
    "Canada",
    "Arctic",
    "Middle East",
    "Central Asia",
    "Pakistan",
];

const ACTORS: &[&str] = &[
    "Washington",
    "Beijing",
    "Tokyo",
    "Seoul",
    "Pyongyang",
    "Moscow",
    "Canberra",
    "New Delhi",
    "Taipei",
    "Manila",
    "Hanoi",
    "Jakarta",
    "Brussels",
    "London",
    "Paris",
    "Berlin",
    "Kyiv",
    "Ottawa",
    "Wellington",
    "Singapore",
    "NATO",
    "the European Union",
    "ASEAN",
    "the Quad",
    "the G7",
    "the alliance",
    "the administration",
    "the defence ministry",
    "the foreign ministry",
    "Congress",
    "the National Diet",
    "the National Assembly",
    "the Kremlin",
    "the People's Liberation Army",
    "the Joint Staff",
    "the coast guard",
    "the regional caucus",
    "the coalition government",
    "the export-control agency",
    "the intelligence community",
    "the treasury",
    "the defence planning staff",
    "industry",
    "the shipbuilding sector",
    "the insurance market",
    "the opposition",
    "the new government",
    "the UN Security Council",
];

const CAPITALS: &[&str] = &[
    "Washington",
    "Beijing",
    "Tokyo",
    "Seoul",
    "Pyongyang",
    "Moscow",
    "Canberra",
    "New Delhi",
    "Taipei",
    "Manila",
    "Hanoi",
    "Jakarta",
    "Brussels",
    "London",
    "Singapore",
    "Kuala Lumpur",
];

const VERBS: &[&str] = &[
    "has underestimated",
    "continues to prioritise",
    "is quietly reassessing",
    "has yet to fund",
    "cannot afford to ignore",
    "has begun to codify",
    "is unlikely to abandon",
    "should revisit",
    "will need to reconcile",
    "has consistently downplayed",
    "is investing heavily in",
    "remains ambivalent about",
    "has tried to internationalise",
    "is testing the limits of",
    "has largely outsourced",
    "now treats as essential",
    "must stop relying on",
    "has made incremental progress on",
    "publicly endorses but privately resists",
    "is poorly placed to lead on",
    "has quietly expanded",
    "is still debating",
    "has tied its credibility to",
    "underinvested for a decade in",
];

const VERBS_BASE: &[&str] = &[
    "scales back",
    "doubles down on",
    "formalises",
    "abandons",
    "delays",
    "expands",
    "underfunds",
    "politicises",
    "renegotiates",
    "accelerates",
    "reframes",
    "multilateralises",
];

const OBJECTS: &[&str] = &[
    "extended deterrence",
    "integrated air and missile defence",
    "export controls on advanced semiconductors",
    "sanctions enforcement",
    "maritime domain awareness",
    "grey-zone coercion",
    "nuclear command and control",
    "freedom of navigation",
    "critical-minerals supply chains",
    "defence-industrial capacity",
    "long-range strike",
    "counter-space capabilities",
    "undersea infrastructure protection",
    "ship-to-ship transfers",
    "cyber resilience",
    "crisis communication channels",
    "arms-control verification",
    "burden sharing",
    "host-nation support",
    "the interoperability agenda",
    "munitions stockpiles",
    "dual-use technology transfers",
    "the non-proliferation regime",
    "economic security legislation",
    "information operations",
    "coast guard cooperation",
    "the trilateral framework",
    "missile-warning data sharing",
    "forward basing",
    "the defence budget",
    "procurement reform",
    "space situational awareness",
    "hypersonic defence",
    "energy security",
    "confidence-building measures",
    "the sanctions regime",
    "submarine production",
    "investment screening",
    "research security",
    "port access",
    "civil defence",
    "reserve mobilisation",
    "intelligence sharing",
    "the arms trade",
];

const QUALIFIERS: &[&str] = &[
    "at a time of rising tension",
    "without a clear theory of victory",
    "in the absence of a formal treaty",
    "despite repeated assurances",
    "under growing domestic pressure",
    "faster than most analysts expected",
    "with little public debate",
    "for the first time in a generation",
    "as budgets tighten",
    "on a scale not seen since the Cold War",
    "within existing legal authorities",
    "while avoiding open confrontation",
    "even as trade ties deepen",
    "ahead of the next election cycle",
    "in close coordination with allies",
    "at considerable fiscal cost",
    "largely out of public view",
    "with mixed results so far",
    "on terms set largely by others",
    "in ways that are hard to reverse",
];

const CONNECTIVES: &[&str] = &[
    "In practice,",
    "At the same time,",
    "More importantly,",
    "By contrast,",
    "Taken together,",
    "For now,",
    "Put simply,",
    "In the near term,",
    "Over the longer term,",
    "Crucially,",
    "Equally,",
    "Nonetheless,",
    "As a result,",
    "Historically,",
    "Since 2022,",
    "Officially,",
    "On paper,",
    "In private,",
    "Even so,",
    "Seen from the region,",
];

const NOUNS: &[&str] = &[
    "credibility",
    "cost",
    "durability",
    "legal basis",
    "political logic",
    "sequencing",
    "industrial base",
    "verification",
    "public case",
    "budgetary arithmetic",
    "command structure",
    "legitimacy",
];

const FRAMES: &[&str] = &[
    "economic security",
    "alliance management",
    "sovereignty",
    "domestic politics",
    "industrial policy",
    "legal obligation",
    "regional stability",
    "national prestige",
    "deterrence",
    "risk reduction",
    "technological leadership",
    "burden sharing",
];

const OUTCOMES: &[&str] = &[
    "deliver measurable results",
    "survive a change of government",
    "reach full operating capability",
    "attract a second partner",
    "change Pyongyang's calculus",
    "hold up under legal challenge",
    "clear the legislature",
    "reassure smaller neighbours",
    "outlast the current crisis",
];

const CONDITIONS: &[&str] = &[
    "the initial funding runs out",
    "attention shifts elsewhere",
    "the next crisis arrives",
    "a new government takes office",
    "the sanctions committee loses its panel",
    "industrial bottlenecks bite",
    "public support softens",
    "the technology matures",
];

const CONSEQUENCES: &[&str] = &[
    "read it as a signal of weakness",
    "hedge more openly",
    "fill the gap on its own terms",
    "face pressure to follow suit",
    "quietly adjust its own posture",
    "raise the cost of entry",
    "seek assurances in writing",
    "exploit the ambiguity",
];

const REPORTS: &[&str] = &[
    "latest defence white paper",
    "national security strategy",
    "UN panel's final report",
    "parliamentary inquiry",
    "joint statement",
    "audit office's review",
    "annual threat assessment",
    "summit communiqué",
    "budget request",
    "independent review",
];

const STATUSES: &[&str] = &[
    "remains underfunded",
    "is behind schedule",
    "has exceeded early expectations",
    "lacks a clear owner",
    "depends on a single supplier",
    "has not been tested at scale",
    "is more fragile than it looks",
    "has quietly become a priority",
];

const VERBS_IMPERATIVE: &[&str] = &[
    "Fund",
    "Codify",
    "Expand",
    "Review",
    "Publish a plan for",
    "Protect",
    "Prioritise",
    "Harmonise",
    "Stress-test",
    "Establish a standing mechanism for",
    "Clarify",
    "Share data on",
    "Invest in",
    "Audit",
    "Set milestones for",
    "Consult partners on",
];

const HEADINGS: &[&str] = &[
    "Background",
    "What has changed",
    "Why it matters",
    "Costs and trade-offs",
    "Legal constraints",
    "Industrial capacity",
    "Risks",
    "Outlook",
    "Indicators to watch",
    "The regional picture",
    "Competing explanations",
    "Policy options",
    "Timeline",
    "What the numbers show",
    "The domestic debate",
    "Lessons from earlier crises",
    "Where the analysis could be wrong",
    "Second-order effects",
];

const SOURCES: &[&str] = &[
    "Congressional Research Service",
    "UN Panel of Experts",
    "Stockholm International Peace Research Institute",
    "International Institute for Strategic Studies",
    "Ministry of Defense",
    "Ministry of National Defense",
    "Office of the Secretary of Defense",
    "European Council",
    "Department of the Treasury",
    "Australian National Audit Office",
    "Korea Institute for Defense Analyses",
    "National Institute for Defense Studies",
];

const DOC_TITLES: &[&str] = &[
    "Annual Report to Congress",
    "Defense of Japan",
    "Military Balance",
    "Final Report",
    "Defence Strategic Review",
    "Sanctions Implementation Review",
    "Strategic Survey",
    "Arms Transfers Database",
    "White Paper",
    "Budget Overview",
];

const QUOTE_SPEAKERS: &[&str] = &[
    "a senior defence official",
    "a former ambassador",
    "the foreign minister",
    "a retired admiral",
    "a member of the panel of experts",
    "the prime minister",
    "a treasury official",
    "the chief of staff",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const FLAGS: &[&str] = &["TG", "SL", "PA", "KM", "MN", "CM", "PW", "BZ"];

// ---------------------------------------------------------------------------------------------
// Titles and slugs (depend only on (seed, i))

struct Meta {
    title: String,
    stem: String,
}

fn meta(seed: u64, i: usize) -> Meta {
    let mut r = Rng::new(seed, i as u64, STREAM_TITLE);
    let obj = r.pick(OBJECTS);
    let cap = r.pick(CAPITALS);
    let cap2 = r.pick(CAPITALS);
    let year = 2015 + r.below(11);
    let title = match r.below(9) {
        0 => format!("{}: what {cap} should ask for", capitalise(obj)),
        1 => format!("{cap} and {cap2} on {obj}"),
        2 => format!("The case for rethinking {obj}"),
        3 => format!(
            "{} after {year}: {} lessons",
            capitalise(obj),
            r.range(3, 7)
        ),
        4 => format!("Why {cap} keeps returning to {obj}"),
        5 => format!("{} and the limits of {}", capitalise(obj), r.pick(FRAMES)),
        6 => format!("Reading {cap}'s {}", r.pick(REPORTS)),
        7 => format!(
            "{}: {} questions for {year}",
            capitalise(obj),
            r.range(3, 5)
        ),
        _ => format!("Counting the cost of {obj} in {cap}"),
    };
    let mut slug = String::new();
    for word in slug_words(&title).take(7) {
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word);
    }
    Meta {
        stem: format!("{i:05}-{slug}"),
        title,
    }
}

/// Lowercase ASCII words of `text` ("Beijing's" → "beijings").
fn slug_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '\''))
        .map(|w| {
            w.chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
}

fn capitalise(s: &str) -> String {
    let mut out = s.to_string();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Dates

/// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// 2015-01-01 and 2025-12-31 as days since the epoch.
const FIRST_DAY: i64 = 16_436;
const LAST_DAY: i64 = 20_453;

// ---------------------------------------------------------------------------------------------
// Briefing bodies

/// Shared, read-only inputs for every briefing.
struct Corpus {
    seed: u64,
    metas: Vec<Meta>,
    tags: Zipf,
    authors: Zipf,
    author_names: Vec<String>,
}

/// One generated briefing: TOML front matter (without the `+++` fences, the same for briefgen
/// and Hugo) and the Markdown body, with `@/` links (rewritten by [`hugo_links`] for Hugo).
struct Briefing {
    front: String,
    body: String,
}

/// Builds one body: the PRNG stream, the text so far, its approximate word count, and the
/// footnote definitions to append at the end.
struct Writer<'a> {
    rng: Rng,
    out: String,
    words: usize,
    corpus: &'a Corpus,
    footnotes: Vec<String>,
}

/// `write!` into a `String`, which cannot fail.
macro_rules! w {
    ($dst:expr, $($arg:tt)*) => {{
        let _ = write!($dst, $($arg)*);
    }};
}

impl Writer<'_> {
    /// One sentence of prose, starting with a capital letter, ending with a full stop.
    fn sentence(&mut self) {
        let start = self.out.len();
        let r = &mut self.rng;
        let o = &mut self.out;
        match r.below(16) {
            0..=2 => w!(
                o,
                "{} {} {} {} {}.",
                r.pick(CONNECTIVES),
                r.pick(ACTORS),
                r.pick(VERBS),
                r.pick(OBJECTS),
                r.pick(QUALIFIERS)
            ),
            3 | 4 => w!(
                o,
                "{} {} {} {}.",
                r.pick(ACTORS),
                r.pick(VERBS),
                r.pick(OBJECTS),
                r.pick(QUALIFIERS)
            ),
            5 => w!(
                o,
                "The {} of {} depends less on declaratory policy than on {}.",
                r.pick(NOUNS),
                r.pick(OBJECTS),
                r.pick(OBJECTS)
            ),
            6 => {
                let (share, verb) = [
                    ("one of which", "looks"),
                    ("at least one of which", "looks"),
                    ("most of which", "look"),
                ][r.below(3)];
                w!(
                    o,
                    "{}'s approach to {} rests on {} assumptions, {share} now {verb} doubtful.",
                    r.pick(CAPITALS),
                    r.pick(OBJECTS),
                    ["two", "three", "four"][r.below(3)]
                )
            }
            7 => w!(
                o,
                "Few officials in {} expect {} to {} before {}.",
                r.pick(CAPITALS),
                r.pick(OBJECTS),
                r.pick(OUTCOMES),
                2016 + r.below(14)
            ),
            8 => w!(
                o,
                "If {} {} {}, {} will {}.",
                r.pick(CAPITALS),
                r.pick(VERBS_BASE),
                r.pick(OBJECTS),
                r.pick(ACTORS),
                r.pick(CONSEQUENCES)
            ),
            9 => w!(
                o,
                "Figures published in {} put the cost at {}{}.{} billion, roughly {} per cent above earlier estimates.",
                2015 + r.below(11),
                ["US$", "A$", "¥", "€", "₩"][r.below(5)],
                r.range(1, 90),
                r.below(10),
                r.range(4, 60)
            ),
            10 => w!(
                o,
                "That is not an argument against {}; it is an argument for {}.",
                r.pick(OBJECTS),
                r.pick(OBJECTS)
            ),
            11 => w!(
                o,
                "{} has framed {} as a question of {}, not {}.",
                r.pick(ACTORS),
                r.pick(OBJECTS),
                r.pick(FRAMES),
                r.pick(FRAMES)
            ),
            12 => w!(
                o,
                "The {} noted that {} {}.",
                r.pick(REPORTS),
                r.pick(OBJECTS),
                r.pick(STATUSES)
            ),
            13 => w!(
                o,
                "What matters is whether {} can sustain {} once {}.",
                r.pick(ACTORS),
                r.pick(OBJECTS),
                r.pick(CONDITIONS)
            ),
            14 => w!(
                o,
                "{} {} *{}* {}, and {} {}.",
                r.pick(CONNECTIVES),
                r.pick(ACTORS),
                ["says little about", "is silent on", "has no answer on"][r.below(3)],
                r.pick(OBJECTS),
                r.pick(OBJECTS),
                r.pick(STATUSES)
            ),
            _ => w!(
                o,
                "Between {} and {}, **{}** {} in {} of {} recorded cases.",
                2015 + r.below(5),
                2020 + r.below(6),
                r.pick(OBJECTS),
                ["was cited", "featured", "proved decisive"][r.below(3)],
                r.range(3, 40),
                r.range(41, 120)
            ),
        }
        if let Some(first) = self.out.get_mut(start..start + 1) {
            first.make_ascii_uppercase();
        }
        self.words += count_words(&self.out[start..]);
    }

    /// An `@/` link to an earlier briefing, as one sentence.
    fn link_sentence(&mut self, index: usize) {
        let j = if self.rng.chance(0.5) {
            index - 1 - self.rng.below(index.min(200))
        } else {
            self.rng.below(index)
        };
        let m = &self.corpus.metas[j];
        let start = self.out.len();
        match self.rng.below(3) {
            0 => w!(
                self.out,
                "We set out the background in [{}](@/briefings/{}.md).",
                m.title,
                m.stem
            ),
            1 => w!(
                self.out,
                "As [an earlier briefing](@/briefings/{}.md) argued, {} {}.",
                m.stem,
                self.rng.pick(OBJECTS),
                self.rng.pick(STATUSES)
            ),
            _ => w!(
                self.out,
                "The parallels with [{}](@/briefings/{}.md) are instructive.",
                m.title,
                m.stem
            ),
        }
        self.words += count_words(&self.out[start..]);
    }

    fn footnote_ref(&mut self) {
        let n = self.footnotes.len() + 1;
        let r = &mut self.rng;
        let text = format!(
            "{}, *{} {}*, {} {}, p. {}.",
            r.pick(SOURCES),
            r.pick(DOC_TITLES),
            2015 + r.below(11),
            MONTHS[r.below(12)],
            2015 + r.below(11),
            r.range(3, 420)
        );
        self.footnotes.push(text);
        w!(self.out, "[^{n}]");
    }

    fn paragraph(&mut self, links: &mut usize, footnotes: &mut usize, index: usize) {
        let n = self.rng.range(3, 7);
        for k in 0..n {
            if k > 0 {
                self.out.push(' ');
            }
            if k == 1 && *links > 0 {
                *links -= 1;
                self.link_sentence(index);
                self.out.push(' ');
            }
            self.sentence();
            if k == n - 1 && *footnotes > 0 {
                *footnotes -= 1;
                self.footnote_ref();
            }
        }
        self.out.push_str("\n\n");
    }

    fn bullet_list(&mut self) {
        for _ in 0..self.rng.range(3, 6) {
            if self.rng.chance(0.5) {
                let obj = self.rng.pick(OBJECTS);
                w!(self.out, "- **{}.** ", capitalise(obj));
            } else {
                self.out.push_str("- ");
            }
            self.sentence();
            self.out.push('\n');
        }
        self.out.push('\n');
    }

    fn numbered_list(&mut self) {
        for k in 1..=self.rng.range(3, 6) {
            let start = self.out.len();
            let r = &mut self.rng;
            w!(
                self.out,
                "{k}. {} {} {}. ",
                r.pick(VERBS_IMPERATIVE),
                r.pick(OBJECTS),
                r.pick(QUALIFIERS)
            );
            self.words += count_words(&self.out[start..]);
            self.sentence();
            self.out.push('\n');
        }
        self.out.push('\n');
    }

    fn blockquote(&mut self) {
        self.out.push_str("> ");
        self.sentence();
        self.out.push(' ');
        self.sentence();
        let r = &mut self.rng;
        w!(
            self.out,
            "\n>\n> — {}, {} {}\n\n",
            r.pick(QUOTE_SPEAKERS),
            MONTHS[r.below(12)],
            2015 + r.below(11)
        );
    }

    fn table(&mut self) {
        let r = &mut self.rng;
        let y0 = 2015 + r.below(8);
        w!(
            self.out,
            "| {} | {} | {} | {} | Change |\n| --- | ---: | ---: | ---: | --- |\n",
            ["Country", "Programme", "Indicator", "Partner"][r.below(4)],
            y0,
            y0 + 1,
            y0 + 2
        );
        for _ in 0..r.range(4, 8) {
            let a = r.range(5, 900);
            let b = a + r.below(120);
            let c = b.saturating_sub(r.below(60)) + r.below(40);
            let names = if r.chance(0.5) { CAPITALS } else { OBJECTS };
            w!(
                self.out,
                "| {} | {a} | {b} | {c} | {} |\n",
                capitalise(r.pick(names)),
                ["rising", "flat", "falling", "volatile", "n/a"][r.below(5)]
            );
        }
        self.out.push('\n');
        self.words += 40;
    }

    fn code(&mut self) {
        let r = &mut self.rng;
        match r.below(3) {
            0 => w!(
                self.out,
                "```python\nimport csv\nfrom collections import Counter\n\n\n\
def count_transfers(path, flag_state=\"{}\", min_tonnage={}):\n    \
\"\"\"Count reported ship-to-ship transfers per month for one flag state.\"\"\"\n    \
counts = Counter()\n    with open(path, newline=\"\") as f:\n        \
for row in csv.DictReader(f):\n            \
if row[\"flag\"] == flag_state and float(row[\"tonnage\"]) >= min_tonnage:\n                \
counts[row[\"month\"]] += 1\n    return counts\n\n\n\
if __name__ == \"__main__\":\n    for month, n in sorted(count_transfers(\"transfers-{}.csv\").items()):\n        \
print(f\"{{month}}: {{n}}\")\n```\n\n",
                r.pick(FLAGS),
                r.range(5, 60) * 100,
                2015 + r.below(11)
            ),
            1 => w!(
                self.out,
                "```json\n{{\n  \"incident_id\": \"{}-{}-{:04}\",\n  \"date\": \"{}-{:02}-{:02}\",\n  \
\"location\": {{ \"lat\": {}.{:02}, \"lon\": {}.{:02} }},\n  \
\"vessels\": [\"coast guard cutter\", \"{}\"],\n  \"classification\": \"{}\",\n  \
\"confidence\": 0.{},\n  \"sources\": [\"AIS\", \"satellite imagery\", \"press reports\"]\n}}\n```\n\n",
                ["ECS", "SCS", "YS", "SOJ"][r.below(4)],
                2015 + r.below(11),
                r.below(10_000),
                2015 + r.below(11),
                r.range(1, 12),
                r.range(1, 28),
                r.range(5, 40),
                r.below(100),
                r.range(110, 140),
                r.below(100),
                ["fishing vessel", "maritime militia trawler", "survey ship", "tanker"][r.below(4)],
                ["grey-zone", "routine", "escalatory", "unclear"][r.below(4)],
                r.range(3, 9)
            ),
            _ => w!(
                self.out,
                "```toml\n[dataset]\nname = \"{}\"\nupdated = {}-{:02}-{:02}\n\
sources = [\"OFAC\", \"EU\", \"UK OFSI\", \"UN 1718 Committee\"]\n\n[filters]\n\
min_confidence = 0.{}\nregions = [\"{}\"]\ninclude_vessels = {}\n```\n\n",
                ["sanctions-designations", "export-licences", "incident-log", "arms-transfers"]
                    [r.below(4)],
                2015 + r.below(11),
                r.range(1, 12),
                r.range(1, 28),
                r.range(5, 9),
                r.pick(&["Northeast Asia", "Southeast Asia", "South Asia", "Pacific"]),
                r.chance(0.5)
            ),
        }
        self.words += 25;
    }
}

fn count_words(s: &str) -> usize {
    s.split_ascii_whitespace().count()
}

/// Generates briefing `i` (depends only on (seed, i) and the titles of earlier briefings).
fn briefing(corpus: &Corpus, i: usize) -> Briefing {
    let mut rng = Rng::new(corpus.seed, i as u64, STREAM_BODY);
    let m = &corpus.metas[i];

    // Front matter.
    let (y, mo, d) =
        civil_from_days(FIRST_DAY + rng.below((LAST_DAY - FIRST_DAY + 1) as usize) as i64);
    let n_authors = match rng.below(10) {
        0..=5 => 1,
        6..=8 => 2,
        _ => 3,
    };
    let authors = corpus.authors.sample_distinct(&mut rng, n_authors);
    let n_tags = rng.range(2, 6);
    let tags = corpus.tags.sample_distinct(&mut rng, n_tags);
    let has_summary = rng.chance(0.7);

    let mut front = String::with_capacity(512);
    w!(
        front,
        "title = \"{}\"\ndate = {y:04}-{mo:02}-{d:02}\nauthors = [",
        m.title
    );
    for (k, a) in authors.iter().enumerate() {
        let sep = if k == 0 { "" } else { ", " };
        w!(front, "{sep}\"{}\"", corpus.author_names[*a]);
    }
    front.push_str("]\ntags = [");
    for (k, t) in tags.iter().enumerate() {
        let sep = if k == 0 { "" } else { ", " };
        w!(front, "{sep}\"{}\"", TAGS[*t]);
    }
    front.push_str("]\n");

    // Body plan. Word targets lean towards the long end; with lists, quotes and the closing
    // recommendations, bodies come out at 600–2,500 words, about 1,700 on average.
    let target = 560 + (1640.0 * rng.unit().powf(0.66)) as usize;
    let sections = (target / 260).clamp(3, 9);
    let quote_at = rng.below(sections);
    let table_at = rng.chance(0.25).then(|| rng.below(sections));
    let code_at = rng.chance(0.10).then(|| rng.below(sections));
    let numbered_at = rng.chance(0.6).then(|| sections - 1);
    let bullets_at = rng.below(sections);
    let mut links = if i > 0 { rng.below(6) } else { 0 };
    let mut footnotes = if rng.chance(0.35) { rng.range(1, 4) } else { 0 };

    let mut wr = Writer {
        rng,
        out: String::with_capacity(16 * 1024),
        words: 0,
        corpus,
        footnotes: Vec::new(),
    };

    if has_summary {
        let start = wr.out.len();
        wr.sentence();
        if wr.rng.chance(0.5) {
            wr.out.push(' ');
            wr.sentence();
        }
        let summary = wr.out.split_off(start);
        wr.words = 0;
        w!(front, "summary = \"{summary}\"\n");
    }

    // Opening paragraphs, before the first heading.
    let mut no_links = 0;
    let mut no_notes = 0;
    wr.paragraph(&mut no_links, &mut no_notes, i);
    let mut heads: Vec<&str> = Vec::with_capacity(sections);
    for s in 0..sections {
        let heading = if s == sections - 1 && numbered_at.is_some() {
            "Recommendations"
        } else {
            // Prefer headings not used yet; repeats are legal (ids get -1, -2).
            let mut h = wr.rng.pick(HEADINGS);
            if heads.contains(&h) {
                h = wr.rng.pick(HEADINGS);
            }
            h
        };
        heads.push(heading);
        w!(wr.out, "## {heading}\n\n");
        let section_start = wr.words;
        // Cumulative budget, so over-runs in one section shorten the next.
        let mut section_end = target * (s + 1) / sections;
        if numbered_at == Some(s) {
            // Leave room for the recommendations list and the paragraph after it.
            section_end = section_end.saturating_sub(150);
        }
        let section_len = section_end.saturating_sub(section_start);
        let subsections = wr.rng.chance(0.3);
        let spread = (sections - s).max(1);
        let mut sec_links = links.div_ceil(spread);
        links -= sec_links;
        let mut sec_notes = footnotes.div_ceil(spread);
        footnotes -= sec_notes;
        wr.paragraph(&mut sec_links, &mut sec_notes, i);
        if s == quote_at {
            wr.blockquote();
        }
        if s == bullets_at {
            wr.bullet_list();
        }
        if table_at == Some(s) {
            wr.table();
        }
        if code_at == Some(s) {
            wr.paragraph(&mut sec_links, &mut sec_notes, i);
            wr.code();
        }
        let mut sub = 0;
        while wr.words < section_end {
            if subsections && sub < 2 && wr.words - section_start > section_len * (sub + 1) / 3 {
                sub += 1;
                let r = &mut wr.rng;
                w!(
                    wr.out,
                    "### {} and {}\n\n",
                    capitalise(r.pick(OBJECTS)),
                    r.pick(OBJECTS)
                );
            }
            wr.paragraph(&mut sec_links, &mut sec_notes, i);
        }
        if numbered_at == Some(s) {
            wr.numbered_list();
            wr.paragraph(&mut sec_links, &mut sec_notes, i);
        }
    }
    if !wr.footnotes.is_empty() {
        for (k, note) in wr.footnotes.iter().enumerate() {
            w!(wr.out, "[^{}]: {}\n", k + 1, note);
        }
    }
    while wr.out.ends_with('\n') {
        wr.out.pop();
    }
    wr.out.push('\n');

    Briefing {
        front,
        body: wr.out,
    }
}

/// Rewrites `(@/briefings/STEM.md)` links to Hugo's plain `(/briefings/STEM/)`.
fn hugo_links(body: &str) -> String {
    const FROM: &str = "(@/briefings/";
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(p) = rest.find(FROM) {
        out.push_str(&rest[..p]);
        rest = &rest[p + FROM.len()..];
        let end = rest.find(".md)").expect("every @/ link ends in .md)");
        out.push_str("(/briefings/");
        out.push_str(&rest[..end]);
        out.push_str("/)");
        rest = &rest[end + 4..];
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------------------------
// Site files

const SITE_TOML: &str = r#"# Generated by examples/gen_corpus.rs (briefgen benchmark corpus).
title = "Briefgen Benchmark Archive"
description = "A synthetic archive of security-policy briefings used to benchmark briefgen."
base_url = "https://bench.example.org/"
language = "en"
default_author = "Desk Staff"
paginate_by = 10
highlight_theme = "InspiredGitHub"

[feed]
enabled = true
limit = 20
full_content = true

[[taxonomies]]
name = "tags"
title = "Tags"

[[taxonomies]]
name = "authors"
title = "Authors"
"#;

const SECTION_INDEX: &str = r#"+++
title = "Briefings"
description = "Every briefing in the benchmark archive, newest first."
+++

A synthetic archive generated for benchmarks: the text is assembled from phrase lists, so read it for its shape rather than its arguments.
"#;

const HUGO_TOML: &str = r#"# Generated by examples/gen_corpus.rs (Hugo twin of the briefgen benchmark corpus).
baseURL = "https://bench.example.org/"
title = "Briefgen Benchmark Archive"
languageCode = "en"
paginate = 10
enableRobotsTXT = true
disableKinds = []

[params]
description = "A synthetic archive of security-policy briefings used to benchmark briefgen."

[taxonomies]
tag = "tags"
author = "authors"

# Like briefgen: a site feed and one feed per term; no feeds for sections or taxonomy lists.
[outputs]
home = ["HTML", "RSS"]
section = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML", "RSS"]
page = ["HTML"]

[services.rss]
limit = 20

[markup.highlight]
noClasses = false

[markup.tableOfContents]
startLevel = 2
endLevel = 6

[markup.goldmark.renderer]
unsafe = true
"#;

/// Makes `dir` an empty folder for the generator, refusing folders it did not create.
fn prepare(dir: &Path) -> io::Result<()> {
    if dir.exists() {
        let mut entries = fs::read_dir(dir)?;
        let empty = entries.next().is_none();
        if !empty {
            if !dir.join(MARKER).exists() {
                return Err(io::Error::other(format!(
                    "{} is not empty and was not written by gen_corpus; refusing to replace it",
                    dir.display()
                )));
            }
            fs::remove_dir_all(dir)?;
        }
    }
    fs::create_dir_all(dir)?;
    fs::write(
        dir.join(MARKER),
        "written by examples/gen_corpus.rs; safe to delete\n",
    )
}

fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

struct Options {
    n: usize,
    seed: u64,
    out: PathBuf,
    hugo: Option<PathBuf>,
    hugo_layouts: PathBuf,
}

fn parse_args() -> Result<Options, String> {
    let mut n = None;
    let mut seed = 1;
    let mut out = None;
    let mut hugo = None;
    let mut hugo_layouts =
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/bench/hugo/layouts"));
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--n" => n = Some(value("--n")?.parse().map_err(|e| format!("--n: {e}"))?),
            "--seed" => {
                seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--hugo" => hugo = Some(PathBuf::from(value("--hugo")?)),
            "--hugo-layouts" => hugo_layouts = PathBuf::from(value("--hugo-layouts")?),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Options {
        n: n.ok_or("--n is required")?,
        seed,
        out: out.ok_or("--out is required")?,
        hugo,
        hugo_layouts,
    })
}

fn run(opts: &Options) -> io::Result<()> {
    let started = Instant::now();
    let corpus = Corpus {
        seed: opts.seed,
        metas: (0..opts.n).map(|i| meta(opts.seed, i)).collect(),
        tags: Zipf::new(TAGS.len(), 0.78),
        authors: Zipf::new(AUTHORS, 0.7),
        author_names: (0..AUTHORS).map(author_name).collect(),
    };

    prepare(&opts.out)?;
    let dir = opts.out.join("content/briefings");
    fs::create_dir_all(&dir)?;
    fs::write(opts.out.join("site.toml"), SITE_TOML)?;
    fs::write(dir.join("_index.md"), SECTION_INDEX)?;
    let hugo_dir = match &opts.hugo {
        Some(h) => {
            if !opts.hugo_layouts.is_dir() {
                return Err(io::Error::other(format!(
                    "Hugo layouts not found at {} (use --hugo-layouts)",
                    opts.hugo_layouts.display()
                )));
            }
            prepare(h)?;
            let d = h.join("content/briefings");
            fs::create_dir_all(&d)?;
            fs::write(h.join("hugo.toml"), HUGO_TOML)?;
            fs::write(d.join("_index.md"), SECTION_INDEX)?;
            copy_tree(&opts.hugo_layouts, &h.join("layouts"))?;
            // bench/hugo/static (placeholder style sheets), beside the layouts, if present.
            if let Some(static_dir) = opts.hugo_layouts.parent().map(|p| p.join("static")) {
                if static_dir.is_dir() {
                    copy_tree(&static_dir, &h.join("static"))?;
                }
            }
            Some(d)
        }
        None => None,
    };

    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let bytes: io::Result<u64> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let (corpus, dir, hugo_dir) = (&corpus, &dir, &hugo_dir);
                scope.spawn(move || -> io::Result<u64> {
                    let mut total = 0;
                    let mut file = String::with_capacity(32 * 1024);
                    for i in (t..corpus.metas.len()).step_by(threads) {
                        let b = briefing(corpus, i);
                        let name = format!("{}.md", corpus.metas[i].stem);
                        file.clear();
                        file.push_str("+++\n");
                        file.push_str(&b.front);
                        file.push_str("+++\n\n");
                        file.push_str(&b.body);
                        fs::write(dir.join(&name), &file)?;
                        total += file.len() as u64;
                        if let Some(hd) = hugo_dir {
                            file.clear();
                            file.push_str("+++\n");
                            file.push_str(&b.front);
                            file.push_str("+++\n\n");
                            file.push_str(&hugo_links(&b.body));
                            fs::write(hd.join(&name), &file)?;
                        }
                    }
                    Ok(total)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("worker panicked"))
            .sum()
    });
    let bytes = bytes?;
    eprintln!(
        "gen_corpus: {} briefings, {:.1} MB of Markdown (avg {:.1} KB) in {:.2} s → {}{}",
        opts.n,
        bytes as f64 / 1e6,
        bytes as f64 / 1e3 / opts.n.max(1) as f64,
        started.elapsed().as_secs_f64(),
        opts.out.display(),
        opts.hugo
            .as_ref()
            .map_or(String::new(), |h| format!(" and {}", h.display()))
    );
    Ok(())
}

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("gen_corpus: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(seed: u64, n: usize) -> Corpus {
        Corpus {
            seed,
            metas: (0..n).map(|i| meta(seed, i)).collect(),
            tags: Zipf::new(TAGS.len(), 0.78),
            authors: Zipf::new(AUTHORS, 0.7),
            author_names: (0..AUTHORS).map(author_name).collect(),
        }
    }

    #[test]
    fn prefix_stable() {
        let small = corpus(7, 20);
        let big = corpus(7, 200);
        for i in 0..20 {
            let (a, b) = (briefing(&small, i), briefing(&big, i));
            assert_eq!(a.front, b.front);
            assert_eq!(a.body, b.body);
        }
    }

    #[test]
    fn author_names_unique() {
        let mut names: Vec<_> = (0..AUTHORS).map(author_name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), AUTHORS);
    }

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(FIRST_DAY), (2015, 1, 1));
        assert_eq!(civil_from_days(LAST_DAY), (2025, 12, 31));
    }

    #[test]
    fn hugo_link_rewrite() {
        assert_eq!(
            hugo_links("see [x](@/briefings/00001-a-b.md) and [y](@/briefings/00002-c.md)."),
            "see [x](/briefings/00001-a-b/) and [y](/briefings/00002-c/)."
        );
    }
}
