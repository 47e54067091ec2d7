//! Evidence that a line is the site's furniture rather than the author's text: the
//! vocabulary of copyright notices, sign-ups, share rows, credits, disclaimers and leaked
//! markup, in the languages publishers' pages come in. Each match is kept as a reason, so
//! `import --explain` can say why a line went.

use super::text::{fold, word_count};
use regex::Regex;
use std::sync::LazyLock;

/// Phrases that mark a line as furniture wherever they stand in it (matched on the folded
/// line). Kept to phrases an author's sentence about policy does not use.
#[rustfmt::skip]
const FURNITURE_PHRASES: &[&str] = &[
    // Rights, citation, standards
    "all rights reserved", "copyright ©", "copyright (c)", "© ", "this material may not be",
    "may not be published, broadcast", "how to cite", "cite this", "suggested citation",
    "our standards", "trust principles", "reuse this content", "reprints and permissions",
    // Credits of the desk rather than the author
    "reporting by", "editing by", "writing by", "additional reporting", "compiled by",
    "责任编辑", "编辑：", "記者：",
    // Sign-ups, newsletters, paywalls
    "unsubscribe", "update preferences", "manage preferences", "you are receiving this",
    "view this email", "view in browser", "forwarded this email", "thanks for reading",
    "subscribe for free", "subscribe here", "subscribe to", "sign up to", "sign up for",
    "get our latest", "in your inbox", "enter your email", "email address", "newsletter abonnieren",
    "s'abonner", "abonnez-vous", "subscribe to continue", "get unlimited access",
    "already a subscriber",
    // Disclaimers and blurbs about the site
    "disclaimer", "views expressed", "do not necessarily reflect", "views are the author",
    "this series brings", "does not endorse", "welcomes letters", "write to us",
    "was prepared by", "for information only", "does not constitute",
    // Share, comment and reaction rows
    "share this", "leave a comment", "leave a reply", "post comment", "like loading",
    "your email address will not", "required fields are marked", "log in to comment",
    "please log in", "restack",
    "この記事をシェア", "シェアする", "分享到", "공유하기", "많이 본", "좋아요", "поделиться",
    "artikel teilen", "partagez", "partager cet", "compartir", "condividi",
    // Browser and script noise, spam
    "browser is not supported", "upgrade to a modern browser", "enable javascript",
    "window.", "function(", "datalayer", "<div", "</", "click here", "free shipping",
    "working from home", "find out how",
];

static MARKUP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[{};]\s*$|^\s*<[a-z/!]|=\s*\w+\s*\|\|").expect("markup pattern"));
static HASHTAGS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:#\w+\s*){2,}$").expect("hashtag pattern"));
/// Reasons the line is furniture; empty when none were found.
pub fn furniture_reasons(line: &str) -> Vec<String> {
    let folded = fold(line);
    let mut reasons: Vec<String> = FURNITURE_PHRASES
        .iter()
        .filter(|p| folded.contains(*p))
        .map(|p| format!("furniture phrase {:?}", p.trim()))
        .collect();
    if MARKUP.is_match(line) {
        reasons.push("markup or script".into());
    }
    if HASHTAGS.is_match(line.trim()) {
        reasons.push("hashtags".into());
    }
    reasons
}

/// True when the line is furniture by its own vocabulary: a matching phrase in a line no
/// longer than a notice, or two of them in a longer one.
pub fn is_furniture(line: &str) -> bool {
    let reasons = furniture_reasons(line);
    !reasons.is_empty() && (word_count(line) <= 25 || reasons.len() >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_furniture() {
        for line in [
            "Copyright 2024 Coastline Press. All rights reserved.",
            "Reporting by Diego Ferrer; Editing by Hannah Cole",
            "You are receiving this because you subscribed to The Harbour Brief.",
            "The views expressed are those of the author and do not necessarily reflect those of the institute.",
            "window.dataLayer = window.dataLayer || [];",
            "#inflation #housing #jobs",
            "この記事をシェアする",
            "分享到：微信 微博",
            "Make $500 a day working from home — find out how",
        ] {
            assert!(is_furniture(line), "{line}");
        }
        for line in [
            "The ministry said the reporting rules would change next year.",
            "Officials said a new line would be completed next year.",
            "Freight rates, which doubled during the disruption, have eased.",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }
}
