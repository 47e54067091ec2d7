//! Word counts for reading times: every text event of every body passes through here, so the
//! ASCII case is counted 64 bytes at a time.
//!
//! A word is a whitespace-separated run holding a letter or digit outside CJK scripts; CJK
//! characters are counted one by one (they are read at another rate).

use crate::text::lang::is_cjk;

/// Words and CJK characters in `text`.
pub fn count(text: &str) -> (usize, usize) {
    if text.is_ascii() {
        return (ascii_words(text.as_bytes()), 0);
    }
    let (mut words, mut cjk_chars) = (0, 0);
    for word in text.split_whitespace() {
        let mut cjk = 0;
        let (mut non_cjk, mut alnum) = (false, false);
        for c in word.chars() {
            if c.is_ascii() {
                non_cjk = true;
                alnum |= c.is_ascii_alphanumeric();
            } else {
                if is_cjk(c) {
                    cjk += 1;
                } else {
                    non_cjk = true;
                }
                alnum |= c.is_alphanumeric();
            }
        }
        cjk_chars += cjk;
        words += usize::from(non_cjk && alnum);
    }
    (words, cjk_chars)
}

// The byte classes, for targets without SSE2 and for the tests' reference.
#[cfg(any(test, not(target_arch = "x86_64")))]
const SPACE: u8 = 1;
#[cfg(any(test, not(target_arch = "x86_64")))]
const ALNUM: u8 = 2;
#[cfg(any(test, not(target_arch = "x86_64")))]
const CLASS: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_whitespace() {
            table[b] = SPACE;
        } else if (b as u8).is_ascii_alphanumeric() {
            table[b] = ALNUM;
        }
        b += 1;
    }
    table
};

/// Words in ASCII text: runs between ASCII whitespace that hold a letter or digit.
fn ascii_words(bytes: &[u8]) -> usize {
    let mut blocks = bytes.chunks_exact(64);
    let (mut words, mut carry) = (0, 0u64);
    for block in &mut blocks {
        let (non_space, alnum) = masks(block);
        words += first_in_runs(non_space, alnum, &mut carry);
    }
    let rest = blocks.remainder();
    if !rest.is_empty() {
        // Padding is whitespace, which ends any run.
        let mut block = [b' '; 64];
        block[..rest.len()].copy_from_slice(rest);
        let (non_space, alnum) = masks(&block);
        words += first_in_runs(non_space, alnum, &mut carry);
    }
    words
}

/// How many runs of set bits in `non_space` start their first `alnum` bit in this block.
/// `carry` says the run reaching into the block already had one, and is updated for the next.
///
/// Adding `alnum` to `non_space` makes a carry at a run's first letter or digit that ripples
/// through the rest of the run and stops at the whitespace after it, so the letters and digits
/// that receive no carry are exactly the first of their run.
fn first_in_runs(non_space: u64, alnum: u64, carry: &mut u64) -> usize {
    let (sum, over1) = alnum.overflowing_add(non_space);
    let (sum, over2) = sum.overflowing_add(*carry);
    let carried = sum ^ alnum ^ non_space;
    *carry = u64::from(over1 | over2);
    (alnum & !carried).count_ones() as usize
}

/// Bit i of the first mask: `block[i]` is not whitespace; of the second: it is a letter or
/// digit.
#[cfg(target_arch = "x86_64")]
fn masks(block: &[u8]) -> (u64, u64) {
    use std::arch::x86_64::*;
    debug_assert_eq!(block.len(), 64);
    let (mut non_space, mut alnum) = (0u64, 0u64);
    for (k, lane) in block.chunks_exact(16).enumerate() {
        // SAFETY: SSE2 is part of x86_64; `lane` is 16 readable bytes (unaligned load).
        let (s, a) = unsafe {
            let v = _mm_loadu_si128(lane.as_ptr().cast());
            let eq = |b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
            // `u8::is_ascii_whitespace`: space, tab, line feed, form feed, carriage return.
            let space = _mm_or_si128(
                _mm_or_si128(eq(b' '), eq(b'\t')),
                _mm_or_si128(_mm_or_si128(eq(b'\n'), eq(0x0c)), eq(b'\r')),
            );
            // The input is ASCII, so signed comparisons order bytes as unsigned ones would.
            let within = |x: __m128i, lo: u8, hi: u8| {
                _mm_and_si128(
                    _mm_cmpgt_epi8(x, _mm_set1_epi8(lo as i8 - 1)),
                    _mm_cmplt_epi8(x, _mm_set1_epi8(hi as i8 + 1)),
                )
            };
            let lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
            let letter_or_digit = _mm_or_si128(within(lower, b'a', b'z'), within(v, b'0', b'9'));
            (
                _mm_movemask_epi8(space) as u16,
                _mm_movemask_epi8(letter_or_digit) as u16,
            )
        };
        non_space |= u64::from(!s) << (16 * k);
        alnum |= u64::from(a) << (16 * k);
    }
    (non_space, alnum)
}

#[cfg(not(target_arch = "x86_64"))]
fn masks(block: &[u8]) -> (u64, u64) {
    let (mut non_space, mut alnum) = (0u64, 0u64);
    for (i, &b) in block.iter().enumerate() {
        let class = CLASS[usize::from(b & 0x7f)];
        non_space |= u64::from(class != SPACE) << i;
        alnum |= u64::from(class == ALNUM) << i;
    }
    (non_space, alnum)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, one byte at a time.
    fn reference(text: &str) -> usize {
        text.split(|c: char| c.is_ascii_whitespace())
            .filter(|w| w.bytes().any(|b| CLASS[b as usize] == ALNUM))
            .count()
    }

    #[test]
    fn ascii_counts_match_the_definition_across_block_boundaries() {
        // A fixed pseudo-random stream over an alphabet heavy in boundaries: letters, digits,
        // every whitespace byte, punctuation that is neither, and the vertical tab (0x0b), which
        // `is_ascii_whitespace` does not count as whitespace.
        const ALPHABET: &[u8] = b"aZ09 \t\n\r\x0c\x0b-.,'@[`{/:~\x7f\x00";
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for len in (0..300).chain([511, 512, 513, 4096]) {
            for _ in 0..8 {
                let text: String = (0..len)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        ALPHABET[(state % ALPHABET.len() as u64) as usize] as char
                    })
                    .collect();
                assert_eq!(ascii_words(text.as_bytes()), reference(&text), "{text:?}");
            }
        }
        let long_word = "x".repeat(200);
        assert_eq!(ascii_words(long_word.as_bytes()), 1);
        let spaced = format!("{} a", " ".repeat(130));
        assert_eq!(ascii_words(spaced.as_bytes()), 1);
    }

    #[test]
    fn words_and_cjk_characters() {
        for (text, words, cjk) in [
            ("", 0, 0),
            ("  two  words ", 2, 0),
            ("a - b — c", 3, 0),
            ("€11.8 billion — about 44 per cent", 6, 0),
            ("Seoul\u{a0}and Tokyo", 3, 0),
            ("北京 and 東京", 1, 4),
            ("北a a北 。", 2, 2),
        ] {
            assert_eq!(count(text), (words, cjk), "{text:?}");
        }
    }
}
