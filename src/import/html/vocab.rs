//! The words page furniture is written in, in the languages briefings come
//! from: lowercased, matched against folded text (see `trim`).

/// True when `text` starts with one of `prefixes` as whole words (or the
/// prefix ends in punctuation, or the script has no spaces).
pub fn starts_with_any(text: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| {
        text.strip_prefix(p).is_some_and(|rest| {
            rest.is_empty()
                || !p.ends_with(|c: char| c.is_alphanumeric())
                || rest.starts_with(|c: char| !c.is_alphanumeric())
                || !p.chars().any(|c| c.is_ascii_alphabetic() || is_cased(c))
        })
    })
}

fn is_cased(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase()
}

/// A block that says only this is an advertisement's label.
#[rustfmt::skip]
pub const AD_LABELS: &[&str] = &[
    "advertisement", "skip advertisement", "advertisement continue reading below",
    "story continues below advertisement", "article continues below advertisement",
    "continue reading below", "scroll to continue with content", "sponsored", "ad",
    "anzeige", "werbung", "publicité", "publicidad", "publicidade", "pubblicità",
    "реклама", "广告", "廣告", "광고", "広告", "advertentie", "reklama", "mainos",
];

/// Openers of a line that points to another article.
#[rustfmt::skip]
pub const READ_ALSO: &[&str] = &[
    "read more:", "read more", "read also", "also read", "related:", "related story",
    "related article", "see also", "more:", "recommended:", "related reading",
    "you may also like", "you might also like", "don't miss", "don’t miss", "must read",
    "lire aussi", "à lire aussi", "a lire aussi", "voir aussi", "lire également",
    "lesen sie auch", "lesen sie mehr", "mehr zum thema", "auch interessant", "mehr dazu",
    "leia também", "leia mais", "veja também", "te puede interesar", "lee también",
    "lea también", "ver también", "leggi anche", "читайте также", "смотрите также",
    "читайте по теме", "関連記事", "あわせて読みたい", "相关阅读", "延伸阅读", "推荐阅读",
    "相關閱讀", "관련 기사", "관련기사", "함께 보면 좋은", "lees ook", "läs också", "czytaj też",
];

/// Openers of a photo or picture credit.
#[rustfmt::skip]
pub const CREDIT_PREFIXES: &[&str] = &[
    "photograph:", "photographs:", "photo:", "photos:", "photo by", "photo credit",
    "image:", "image credit", "images:", "credit:", "credits:", "picture:", "illustration:",
    "foto:", "fotos:", "bild:", "crédit", "crédits", "crédito", "créditos", "photo :",
    "图片来源", "图片来自", "图源", "사진=", "사진 =", "写真＝", "写真:", "фото:",
    "[photo", "[사진", "©",
];

/// Buttons and prompts that are a whole block by themselves.
#[rustfmt::skip]
pub const CTA_WORDS: &[&str] = &[
    "share", "subscribe", "sign up", "log in", "follow", "donate", "listen", "print",
    "compartilhar", "compartir", "partager", "teilen", "condividi", "поделиться",
    "分享", "シェア", "공유", "s’inscrire", "s'inscrire", "abonnieren", "suscríbete",
    "assine", "inscrever-se", "load more", "show more", "view comments", "comments",
];

/// Reading-time labels under a headline.
#[rustfmt::skip]
pub const READ_TIME: &[&str] = &[
    "min read", "minute read", "minutes read", "min. read", "mins read",
    "temps de lecture", "minutes de lecture", "lesezeit", "min. lesezeit", "min de leitura",
    "min de lectura", "minutos de lectura", "分で読めます", "분 읽기", "listen to this article",
];

/// Headings of the sections a page closes with, matched at their start.
#[rustfmt::skip]
pub const END_HEADINGS: &[&str] = &[
    "related", "read more", "read next", "more from", "more on", "more stories",
    "you may also", "you might also", "recommended", "about the author",
    "about the authors", "about this author", "the author", "explore more", "leave a",
    "join the conversation", "cite this", "how to cite", "most read", "most viewed",
    "most popular", "popular on", "trending", "sign up for", "subscribe to", "follow us",
    "share this", "written by", "weitere artikel", "mehr zum thema", "mehr aus",
    "das könnte sie auch", "lesen sie auch", "zum autor", "über den autor", "diskutieren sie",
    "à lire aussi", "lire aussi", "sur le même sujet", "dans la même rubrique", "les plus lus",
    "à propos de l'auteur", "artículos relacionados", "noticias relacionadas",
    "te puede interesar", "más leídas", "lo más leído", "sobre el autor", "leia também",
    "mais lidas", "notícias relacionadas", "sobre o autor", "читайте также", "похожие",
    "популярное", "об авторе", "関連記事", "関連ニュース", "この記事を書いた人", "相关阅读",
    "相关文章", "推荐阅读", "관련 기사", "관련기사", "많이 본",
];

/// Headings of closing sections that must be the whole heading ("Share",
/// "Comments (12)"), since the words also open ordinary section titles.
#[rustfmt::skip]
pub const END_HEADING_WORDS: &[&str] = &[
    "share", "tags", "topics", "comments", "comment", "responses", "newsletter", "follow",
    "subscribe", "popular", "authors", "author", "contributors", "keywords", "themen",
    "schlagworte", "kommentare", "mots-clés", "commentaires", "etiquetas", "comentarios",
    "comentários", "теги", "комментарии", "タグ", "标签", "评论", "댓글", "태그",
];

/// Headings of sections that belong to the article even at its end.
#[rustfmt::skip]
pub const KEEP_HEADINGS: &[&str] = &[
    "notes", "footnotes", "endnotes", "references", "sources", "bibliography",
    "methodology", "anmerkungen", "quellen", "références", "referencias", "notas",
    "примечания", "注", "参考",
];

/// Marks of a copyright or reprint line.
#[rustfmt::skip]
pub const RIGHTS: &[&str] = &[
    "©", "(c) ", "copyright", "all rights reserved", "tous droits réservés",
    "alle rechte vorbehalten", "todos los derechos", "todos os direitos",
    "tutti i diritti", "無断転載", "无断转载", "转载请注明", "版权所有", "저작권자",
    "무단 전재", "무단전재", "перепечатка", "все права защищены",
];

/// Openers of the notes and prompts an article closes with.
#[rustfmt::skip]
pub const TAIL_OPENERS: &[&str] = &[
    "the views expressed", "views expressed", "the opinions expressed", "this article was",
    "this story was", "a version of this", "an earlier version", "a previous version",
    "correction:", "reporting by", "(reporting by", "additional reporting", "editing by",
    "subscribe", "sign up", "follow us", "follow our", "download our app", "get the app",
    "join our", "support our", "donate", "if you enjoyed", "enjoyed this", "like this article",
    "thanks for reading", "thank you for reading", "share this", "tags:", "topics:",
    "filed under", "posted in", "this entry was posted", "originally published",
    "this article first appeared", "this story first appeared", "republished", "print this",
    "email to a friend", "back to top", "top of page", "abonnez-vous", "abonnieren sie",
    "suscríbete", "assine", "inscreva-se", "подписывайтесь", "点击", "关注我们", "扫码",
    "本文仅代表", "（本文", "(本文", "구독", "제보는", "※",
];
