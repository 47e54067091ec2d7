//! A fast hash for maps probed in hot loops, whose keys come from the site itself (words,
//! article numbers, term names) rather than from an adversary: SipHash, std's default, guards
//! against hash flooding at several times the cost. In the search index SipHash was a third of
//! the indexing time.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash (rustc's multiply-rotate hash).
#[derive(Default)]
pub struct FxHasher(pub u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, v: u64) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        // The tail in one step (overlapping reads, as wyhash does): most words are shorter
        // than 8 bytes, and a byte-at-a-time loop would dominate.
        let r = chunks.remainder();
        let n = r.len();
        if n >= 4 {
            let lo = u32::from_le_bytes(r[..4].try_into().expect("4 bytes"));
            let hi = u32::from_le_bytes(r[n - 4..].try_into().expect("4 bytes"));
            self.add(u64::from(lo) | u64::from(hi) << 32);
        } else if n > 0 {
            self.add(u64::from(r[0]) | u64::from(r[n / 2]) << 8 | u64::from(r[n - 1]) << 16);
        }
        self.add(bytes.len() as u64);
    }
    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
