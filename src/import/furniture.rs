//! Page furniture: the interface text, separators and section footers that a
//! copy of a web page carries around the article.

use super::text::{fold, word_count};
use regex::Regex;
use std::sync::LazyLock;

/// Whole-line interface strings, in the languages publishers' pages come in.
#[rustfmt::skip]
const UI_LINES: &[&str] = &[
    // English
    "you are not logged in", "you're not logged in", "you are not signed in", "log in", "login",
    "log out", "logout", "sign in", "sign out", "sign up", "register", "subscribe",
    "subscribe now", "subscribers only", "my account", "account", "menu", "main menu", "search",
    "home", "close", "open", "back", "next", "previous", "accept", "accept all", "accept cookies",
    "reject all", "decline", "agree", "i agree", "ok", "got it", "manage cookies",
    "cookie settings", "cookie policy", "privacy policy", "terms of use", "terms and conditions",
    "advertisement", "advertisment", "sponsored", "sponsored content", "print", "email", "e-mail",
    "facebook", "twitter", "x", "linkedin", "whatsapp", "telegram", "reddit", "copy link",
    "link copied", "listen", "listen to this article", "donate", "support us", "newsletter",
    "back to top", "loading", "loading...", "toggle navigation", "skip to content",
    "skip to main content", "follow", "follow us", "contact", "contact us", "about", "about us",
    "save", "bookmark", "download", "download pdf", "pdf", "more", "show more", "view all",
    "see all", "top stories", "trending", "latest", "latest news", "most read", "most popular",
    "popular", "breaking news", "free trial", "gift this article", "continue reading", "read the full article", "read full story", "comment", "comments",
    "view comments", "login / register",
    // French
    "vous n'êtes pas connecté", "vous n'êtes pas connectée", "vous n'êtes pas connecté(e)",
    "se connecter", "connexion", "déconnexion", "s'abonner", "abonnez-vous", "je m'abonne",
    "s'inscrire", "inscription", "mon compte", "accepter", "tout accepter", "refuser",
    "tout refuser", "partager", "imprimer", "rechercher", "fermer", "publicité",
    // German
    "sie sind nicht angemeldet", "nicht angemeldet", "anmelden", "abmelden", "einloggen",
    "registrieren", "abonnieren", "jetzt abonnieren", "mein konto", "akzeptieren",
    "alle akzeptieren", "ablehnen", "teilen", "drucken", "suche", "schließen", "anzeige",
    "werbung",
    // Spanish, Italian, Portuguese
    "no has iniciado sesión", "no ha iniciado sesión", "iniciar sesión", "cerrar sesión",
    "suscríbete", "suscribirse", "regístrate", "mi cuenta", "aceptar", "aceptar todo", "rechazar",
    "compartir", "imprimir", "buscar", "publicidad", "non sei connesso", "accedi", "esci",
    "abbonati", "iscriviti", "accetta", "accetta tutto", "rifiuta", "condividi", "entrar", "sair",
    "assine", "inscreva-se", "aceitar", "compartilhar",
    // Japanese, Chinese, Korean, Russian
    "ログイン", "ログアウト", "ログインしていません", "会員登録", "新規登録", "同意する", "シェア", "購読", "メニュー", "検索", "印刷", "登录",
    "注册", "您尚未登录", "分享", "로그인", "로그아웃", "회원가입", "공유", "войти", "выйти", "вы не авторизованы",
    "подписаться", "поделиться", "字号", "글자크기", "글자 크기", "文字サイズ", "전체메뉴",
    "다른기사 보기", "기사 더보기", "前の記事", "次の記事", "上一篇", "下一篇", "打印", "收藏",
    "комментарии", "читать далее", "подробнее",
];

/// Interface phrases that open a longer line ("Sign in to continue reading").
#[rustfmt::skip]
const UI_PREFIXES: &[&str] = &[
    "sign in to", "log in to", "login to", "subscribe to", "subscribe for", "sign up for",
    "sign up to", "already a subscriber", "already have an account", "don't have an account",
    "create an account", "create a free account", "register for free", "register to",
    "this content is", "this article is for subscribers", "you have reached", "you've reached",
    "follow us on", "share on", "share this", "share via", "skip to", "jump to",
    "download the pdf", "print this", "email this", "copyright ©", "copyright (c)",
    "copyright 1", "copyright 2", "©", "(c) ",
    "all rights reserved", "photo:", "photo credit", "photograph:", "image:", "image credit",
    "picture:", "credit:", "illustration:", "caption:", "(photo", "[photo", "photo by",
    "read more:", "read also:", "also read:", "see also:", "related:", "recommended:", "more:",
    "watch:", "listen:", "reading time", "estimated reading time", "listen to this",
    "advertisement", "tags:", "vous n'êtes pas", "connectez-vous", "abonnez-vous", "lire aussi",
    "à lire aussi", "sie sind nicht", "melden sie sich", "lesen sie auch", "no has iniciado",
    "inicia sesión", "lee también", "ログインして", "ログインすると", "会員登録して",
    "字号", "文字サイズ", "글자크기", "фото:", "foto:", "bild:", "写真：", "사진=",
];

/// Lines that close the article: what follows is the site's, not the author's.
#[rustfmt::skip]
const FOOTER_LINES: &[&str] = &[
    "related", "related articles", "related article", "related posts", "related content",
    "related stories", "related reading", "related topics", "read more", "read more:", "more from",
    "more from this author", "more by this author", "more on this topic", "more in",
    "more stories", "you may also like", "you might also like", "you may also be interested in",
    "recommended", "recommended for you", "recommended articles", "share", "share this",
    "share this article", "share this post", "share this page", "share this:", "share:",
    "leave a comment", "leave a reply", "add a comment", "join the conversation", "comments",
    "most read", "most popular", "popular posts", "recent posts", "latest articles",
    "similar articles", "also read", "see also", "what to read next", "keep reading",
    "articles connexes", "à lire aussi", "lire aussi", "sur le même sujet", "partager",
    "partager cet article", "ähnliche artikel", "weitere artikel", "mehr zum thema",
    "das könnte sie auch interessieren", "artikel teilen", "teilen", "artículos relacionados",
    "te puede interesar", "también te puede interesar", "compartir", "noticias relacionadas",
    "articoli correlati", "leggi anche", "artigos relacionados", "関連記事", "関連する記事", "おすすめ記事",
    "シェアする", "相关文章", "相关阅读", "관련 기사", "관련기사", "похожие статьи", "читайте также",
];

/// Short labels publishers print next to a headline to name its section.
#[rustfmt::skip]
const CATEGORY_LABELS: &[&str] = &[
    "commentary", "commentaries", "analysis", "analyses", "opinion", "opinions", "op-ed", "op-eds",
    "editorial", "editorials", "news", "news analysis", "feature", "features", "interview",
    "interviews", "essay", "essays", "perspective", "perspectives", "blog", "blog post",
    "briefing", "briefings", "brief", "policy brief", "policy briefs", "report", "reports",
    "explainer", "in depth", "in-depth", "column", "columns", "insight", "insights", "viewpoint",
    "viewpoints", "research", "q&a", "long read", "long reads", "review", "reviews",
    "expert comment", "expert commentary", "article", "articles", "spotlight", "podcast",
    "research paper", "working paper", "occasional paper", "backgrounder", "dispatch", "analyse",
    "tribune", "éditorial", "chronique", "entretien", "décryptage", "point de vue", "kommentar",
    "meinung", "gastbeitrag", "hintergrund", "opinión", "análisis", "entrevista", "tribuna",
    "commento", "analisi", "opinião", "análise", "論説", "解説", "コラム", "論考", "オピニオン", "評論", "论评",
    "분석", "칼럼", "комментарий", "аналитика", "мнение",
];

static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s*\-_=~#•·.+<>|/\\◆◇■□●○★☆※—–]{3,}$").expect("separator pattern")
});
static READING_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\d+\s*(?:min(?:ute)?s?|mins?)\.?\s*(?:read|lesezeit|de lecture|lectura)?|\d+\s+(?:comments?|views|shares|likes)|(?:comments?|views|shares|likes)\s*\(?\d+\)?|(?:lesezeit|lesedauer|reading time|temps de lecture|tiempo de lectura|tempo di lettura|время чтения|読了時間|阅读时间|阅读|읽는 시간)\s*:?\s*(?:约|約)?\s*\d+.*|(?:posted|updated|published)?\s*\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago|\d+\s*(?:分|時間|小时|分钟|天|日|시간|분|일)\s*(?:前|전))$")
        .expect("reading time pattern")
});
/// Words of consent banners; a short line with these and "cookie" is a banner.
static COOKIE_CONSENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:use[sd]?|using|utilis\w*|utiliz\w*|verwend\w*|nutz\w*|usamos|usa|consent\w*|accept\w*|akzept\w*|privacy|datenschutz|confidentialit\w*|browsing|experience|navigation|settings|einstellungen|paramètres|préférences|policy|richtlinie|política|allow|reject|refuse|decline|manage)\b|使用|利用|同意|사용|동의")
        .expect("cookie pattern")
});

/// Strips the icons and arrows that buttons and links carry.
fn bare(line: &str) -> String {
    let folded = fold(line);
    folded
        .trim_matches(|c: char| !c.is_alphanumeric() && !"'()©&".contains(c))
        .trim()
        .to_string()
}

/// True for separators such as `*****` or `---`.
pub fn is_separator(line: &str) -> bool {
    SEPARATOR.is_match(line.trim())
}

/// True for interface strings: login notices, cookie banners, share buttons,
/// navigation bars, reading times, photo credits.
pub fn is_ui(line: &str) -> bool {
    let b = bare(line);
    if b.is_empty() {
        return !line.trim().is_empty();
    }
    if !b.chars().any(char::is_alphabetic) {
        // Timestamps of audio players, counters, page numbers.
        return true;
    }
    let words = word_count(&b);
    if UI_LINES.contains(&b.as_str()) || READING_TIME.is_match(&b) {
        return true;
    }
    let folded = fold(line);
    if words <= 14
        && UI_PREFIXES
            .iter()
            .any(|p| folded.starts_with(p) || b.starts_with(p))
    {
        return true;
    }
    if words <= 80
        && (b.contains("cookie") || b.contains("クッキー") || b.contains("쿠키"))
        && COOKIE_CONSENT.is_match(&b)
    {
        return true;
    }
    is_nav_bar(line)
}

/// "Home | World | Asia" and the like: several very short items in a row.
fn is_nav_bar(line: &str) -> bool {
    let parts: Vec<&str> = line
        .split(['|', '·', '•', '›', '»', '>', '/'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() >= 3
        && parts
            .iter()
            .all(|p| word_count(p) <= 3 && !p.ends_with('.'))
}

/// True for a line that opens the site's own material after the article.
pub fn is_footer_marker(line: &str) -> bool {
    let b = bare(line);
    // "About the Lindqvist Institute", "About us": the site's blurb about itself.
    let about_site = [
        "about us",
        "about the ",
        "à propos de",
        "über uns",
        "quiénes somos",
    ]
    .iter()
    .any(|p| b.starts_with(p))
        && (b == "about us" || super::head::is_org_name(line.trim()));
    if about_site {
        return true;
    }
    // "Cite this commentary", "How to cite this article": the citation block that follows
    // repeats the head, it does not go on with the article.
    if word_count(&b) <= 6
        && [
            "cite this",
            "how to cite",
            "suggested citation",
            "citation:",
            "zitiervorschlag",
            "pour citer",
        ]
        .iter()
        .any(|p| b.starts_with(p))
    {
        return true;
    }
    FOOTER_LINES.contains(&b.as_str())
        || FOOTER_LINES.contains(&fold(line).trim_end_matches(':').trim())
}

/// The section label when the line is one ("Commentaries", "ANALYSIS", "Category: Opinion").
pub fn category_label(line: &str) -> Option<String> {
    let trimmed = line.trim();
    let value = [
        "category:",
        "section:",
        "catégorie :",
        "catégorie:",
        "rubrik:",
        "sección:",
    ]
    .iter()
    .find_map(|p| {
        // Labels are compared folded; slice only where the original agrees.
        let head = trimmed.get(..p.len())?;
        (fold(head) == *p).then(|| trimmed[p.len()..].trim())
    })
    .filter(|v| !v.is_empty() && word_count(v) <= 4);
    if let Some(v) = value {
        return Some(v.to_string());
    }
    let b = bare(trimmed);
    (word_count(&b) <= 3 && CATEGORY_LABELS.contains(&b.as_str())).then(|| {
        let label = trimmed.trim_matches(|c: char| !c.is_alphanumeric());
        if label.chars().any(|c| c.is_lowercase()) {
            label.to_string()
        } else {
            // "ANALYSIS" is styling; store the label as a word.
            let lower = label.to_lowercase();
            super::text::capitalise_first(&lower)
        }
    })
}

/// True when a line ends with a link to the full story ("… Read more »").
pub fn ends_with_read_more(line: &str) -> bool {
    let f = fold(line);
    let f = f.trim_end_matches(|c: char| !c.is_alphanumeric());
    [
        "read more",
        "continue reading",
        "read the full article",
        "lire la suite",
        "weiterlesen",
        "leer más",
        "続きを読む",
    ]
    .iter()
    .any(|s| f.ends_with(s))
        && word_count(line) > 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_ui_strings() {
        for line in [
            "Vous n'êtes pas connecté",
            "Vous n’êtes pas connecté",
            "You are not logged in",
            "Sie sind nicht angemeldet",
            "No has iniciado sesión",
            "ログイン",
            "Subscribe",
            "Sign in",
            "Sign in to continue reading",
            "We use cookies to improve your experience on our site.",
            "Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten.",
            "Accept all cookies",
            "Home | World | Asia | Opinion",
            "5 min read",
            "Photo: Reuters",
            "© 2024 Example Media",
            "Share on Facebook",
            "→",
            "00:00",
            "Comments (3)",
            "Read more: How the Quad lost its way",
        ] {
            assert!(is_ui(line), "{line}");
        }
        for line in [
            "North Korea fired a missile on Monday.",
            "Japan and the Quad",
            "Subscribers to the theory of deterrence often forget one thing about history.",
        ] {
            assert!(!is_ui(line), "{line}");
        }
    }

    #[test]
    fn recognises_structure() {
        assert!(is_separator("*****") && is_separator("---") && is_separator("* * *"));
        assert!(!is_separator("--> go"));
        assert!(
            is_footer_marker("Related Articles")
                && is_footer_marker("Share this:")
                && is_footer_marker("関連記事")
        );
        assert!(!is_footer_marker("Share prices fell sharply."));
        assert_eq!(
            category_label("Commentaries").as_deref(),
            Some("Commentaries")
        );
        assert_eq!(category_label("ANALYSIS").as_deref(), Some("Analysis"));
        assert_eq!(
            category_label("Category: Opinion").as_deref(),
            Some("Opinion")
        );
        assert_eq!(category_label("North Korea"), None);
        assert!(ends_with_read_more(
            "Tokyo weighs its options as tensions rise. Read more »"
        ));
    }
}
