//! The vocabulary's files: words and their postings as base-64 varints, cut into shards of about
//! [`SHARD_CHARS`] characters (`search/w/<n>.js`), and the varint encoding the filters share.

use std::fmt::Write as _;

use rayon::prelude::*;

use super::{Postings, SHARD_CHARS};

/// Base-64 digits of the varints: the first 32 end a number, the last 32 continue it.
pub(super) const DIGITS: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `v` as a varint of 5-bit groups, most significant first.
pub(super) fn push_varint(out: &mut String, v: u32) {
    let mut groups = [0u8; 7];
    let mut n = 0;
    let mut v = v;
    loop {
        groups[n] = (v & 31) as u8;
        n += 1;
        v >>= 5;
        if v == 0 {
            break;
        }
    }
    for (k, &g) in groups[..n].iter().enumerate().rev() {
        let digit = if k == 0 { g } else { g + 32 };
        out.push(DIGITS[digit as usize] as char);
    }
}

/// Encodes postings as varints of `(gap - 1) << 4 | (impact - 1)`.
pub(super) fn encode_postings(postings: &[u32]) -> String {
    let mut out = String::with_capacity(postings.len() * 2);
    let mut prev: i64 = -1;
    for &p in postings {
        let doc = i64::from(p >> 4);
        let gap = (doc - prev - 1) as u32;
        push_varint(&mut out, gap << 4 | (p & 15));
        prev = doc;
    }
    out
}

/// Encodes a sorted list of document numbers as varints of `gap - 1`.
pub(super) fn encode_docs(docs: &[u32]) -> String {
    let mut out = String::new();
    let mut prev: i64 = -1;
    for &d in docs {
        push_varint(&mut out, (i64::from(d) - prev - 1) as u32);
        prev = i64::from(d);
    }
    out
}

/// One shard: consecutive words of the sorted vocabulary with their encoded postings.
pub(super) struct Shard {
    pub words: Vec<String>,
    pub postings: Vec<String>,
}

pub(super) fn shard(vocabulary: &[Postings]) -> Vec<Shard> {
    let encoded: Vec<String> = vocabulary
        .par_iter()
        .map(|(_, p)| encode_postings(p))
        .collect();
    let mut shards = Vec::new();
    let mut current = Shard {
        words: Vec::new(),
        postings: Vec::new(),
    };
    let mut size = 0;
    for ((word, _), postings) in vocabulary.iter().zip(encoded) {
        if size > 0 && size + postings.len() > SHARD_CHARS {
            shards.push(std::mem::replace(
                &mut current,
                Shard {
                    words: Vec::new(),
                    postings: Vec::new(),
                },
            ));
            size = 0;
        }
        size += postings.len() + word.len() + 6;
        current.words.push(word.to_string());
        current.postings.push(postings);
    }
    if !current.words.is_empty() || shards.is_empty() {
        shards.push(current);
    }
    shards
}

/// A JSON string literal, which is also a valid JavaScript one.
pub(super) fn js_string(s: &str) -> String {
    serde_json::to_string(s).expect("strings always serialize")
}

pub(super) fn shard_file(build: &str, n: usize, shard: &Shard) -> Vec<u8> {
    let size: usize = shard.postings.iter().map(|p| p.len() + 3).sum::<usize>()
        + shard.words.iter().map(|w| w.len() + 3).sum::<usize>();
    let mut out = String::with_capacity(size + 64);
    let _ = write!(out, "__briefgenSearch.words(\"{build}\",{n},[");
    for (k, w) in shard.words.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        out.push_str(&js_string(w));
    }
    out.push_str("],[");
    for (k, p) in shard.postings.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        // Postings use only base-64 digits: no escaping needed.
        out.push('"');
        out.push_str(p);
        out.push('"');
    }
    out.push_str("]);\n");
    out.into_bytes()
}
