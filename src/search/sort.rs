//! Ordering the ranked keys: best first, ties in document order, only the best `limit`
//! when there is one; a radix sort (two halves at once) for keys already in figure
//! order. Knows only `u64` keys.

use super::par;

/// Best first, ties in document order. With a limit only the best `limit` are sorted.
/// Keys read in figure order need only a stable sort by rank; `scratch` is its buffer.
pub(super) fn sort_keys(
    keys: &mut Vec<u64>,
    scratch: &mut Vec<u64>,
    limit: Option<usize>,
    in_figure_order: bool,
) {
    if let Some(k) = limit {
        if k == 0 {
            keys.clear();
            return;
        }
        if k < keys.len() {
            keys.select_nth_unstable(k - 1);
            keys.truncate(k);
            keys.sort_unstable();
            return;
        }
    }
    if !in_figure_order || keys.len() < RADIX_MIN {
        keys.sort_unstable();
        return;
    }
    scratch.clear();
    scratch.resize(keys.len(), 0);
    if keys.len() < 2 * RADIX_MIN {
        if radix_sort_ranks(keys, scratch) {
            std::mem::swap(keys, scratch);
        }
        return;
    }
    // Two halves at once, then one merge: each half is still in figure order.
    let (total, mid) = (keys.len(), keys.len() / 2);
    let (k1, k2) = keys.split_at_mut(mid);
    let (s1, s2) = scratch.split_at_mut(mid);
    let (in_s1, in_s2) = par::join(|| radix_sort_ranks(k1, s1), || radix_sort_ranks(k2, s2));
    let left: &[u64] = if in_s1 { s1 } else { k1 };
    let right: &[u64] = if in_s2 { s2 } else { k2 };
    let mut merged = Vec::with_capacity(total);
    let (mut i, mut j) = (0, 0);
    while i < left.len() && j < right.len() {
        if left[i] < right[j] {
            merged.push(left[i]);
            i += 1;
        } else {
            merged.push(right[j]);
            j += 1;
        }
    }
    merged.extend_from_slice(&left[i..]);
    merged.extend_from_slice(&right[j..]);
    *keys = merged;
}

/// Below this many keys a comparison sort is as quick as radix passes.
const RADIX_MIN: usize = 1 << 15;

/// Stable LSD radix sort on the upper 32 bits (the rank), 11 bits a pass, skipping
/// passes whose digit all keys share: linear where a comparison sort of half a million
/// keys is not. `buf` is as long as `keys`; returns whether the result ended up there.
fn radix_sort_ranks(keys: &mut [u64], buf: &mut [u64]) -> bool {
    let mut in_buf = false;
    for shift in [32, 43, 54] {
        let (src, dst): (&[u64], &mut [u64]) = if in_buf {
            (&*buf, &mut *keys)
        } else {
            (&*keys, &mut *buf)
        };
        let mut counts = [0usize; 1 << 11];
        for &k in src {
            counts[(k >> shift) as usize & 0x7ff] += 1;
        }
        if counts.contains(&src.len()) {
            continue;
        }
        let mut sum = 0;
        for c in &mut counts {
            let here = *c;
            *c = sum;
            sum += here;
        }
        for &k in src {
            let d = (k >> shift) as usize & 0x7ff;
            dst[counts[d]] = k;
            counts[d] += 1;
        }
        in_buf = !in_buf;
    }
    in_buf
}
