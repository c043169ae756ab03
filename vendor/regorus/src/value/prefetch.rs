// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

//! Fetching the elements of a loop ahead of the loop.
//!
//! A loop over a large array of objects (every instance of a fleet) reads
//! the same few fields of each element, and every element lives on cache
//! lines of its own: once the array is larger than the cache, each first
//! read of a field waits on memory, and nothing in the access pattern lets
//! the hardware guess the next address. Field lookups note the positions
//! they read ([`touch`]); a loop over an array ([`ahead`]) asks for the
//! object of the element a few iterations ahead, then for the entries at
//! those positions, then for what those entries point to, each stage one
//! step nearer, so each fetch has landed by the time the next needs it.
//!
//! A prefetch is only a hint: it changes no value and no result, whatever
//! the positions noted (a nested object's lookups mark positions too, and
//! only cost a fetch that was not needed).

use crate::value::Value;

#[cfg(feature = "std")]
std::thread_local! {
    /// Bit i: entry i of some object was read since the innermost running
    /// loop began.
    static TOUCHED: core::cell::Cell<u64> = const { core::cell::Cell::new(0) };
}

/// Notes that a lookup found its key at entry `position`.
#[inline]
pub fn touch(position: usize) {
    #[cfg(feature = "std")]
    if position < 64 {
        TOUCHED.with(|t| t.set(t.get() | (1u64 << position)));
    }
    #[cfg(not(feature = "std"))]
    let _ = position;
}

#[inline]
fn touched() -> u64 {
    #[cfg(feature = "std")]
    return TOUCHED.with(|t| t.get());
    #[cfg(not(feature = "std"))]
    0
}

/// One loop's record of the positions it reads: an inner loop (over a
/// field's array, say) starts from nothing, and on its way out (however it
/// is left) what it read is added back to the enclosing loop's record.
pub struct Record(u64);

impl Record {
    #[inline]
    pub fn begin() -> Self {
        #[cfg(feature = "std")]
        return Self(TOUCHED.with(|t| t.replace(0)));
        #[cfg(not(feature = "std"))]
        Self(0)
    }
}

impl Drop for Record {
    #[inline]
    fn drop(&mut self) {
        #[cfg(feature = "std")]
        TOUCHED.with(|t| t.set(t.get() | self.0));
    }
}

/// Called by a loop over `items` as it reaches `idx`: the object header of
/// the element `FAR` ahead, the read entries of the one `NEAR` ahead, and
/// what those entries point to for the one `NEARER` ahead. The distances
/// cover a memory round trip with the work of a few iterations of the
/// simplest rule.
#[inline]
pub fn ahead(items: &[Value], idx: usize) {
    const FAR: usize = 8;
    const NEAR: usize = 4;
    const NEARER: usize = 2;
    if let Some(Value::Object(o)) = items.get(idx + FAR) {
        // The reference counts sit just before the object.
        let header: *const u8 = crate::Rc::as_ptr(o).cast();
        line(header);
        line(header.wrapping_sub(16));
    }
    let positions = touched();
    if positions == 0 {
        return;
    }
    if let Some(Value::Object(o)) = items.get(idx + NEAR) {
        o.prefetch_entries(positions);
    }
    if let Some(Value::Object(o)) = items.get(idx + NEARER) {
        o.prefetch_values(positions);
    }
}

/// The entries of `entries` at the bits of `positions`.
#[inline]
pub fn at<T>(entries: &[T], mut positions: u64) -> impl Iterator<Item = &T> {
    core::iter::from_fn(move || {
        if positions == 0 {
            return None;
        }
        let i = positions.trailing_zeros() as usize;
        positions &= positions - 1;
        entries.get(i)
    })
}

/// Asks the CPU to bring the cache line holding `p` into its caches.
///
/// The only unsafe code in the crate (see `lib.rs`): `_mm_prefetch` is an
/// `unsafe fn` in `core::arch`, though the instruction never faults and
/// never reads the memory into the program, whatever the address.
#[inline(always)]
#[allow(unsafe_code)]
pub fn line(p: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: PREFETCHT0 is a hint; it cannot fault or change any value,
    // for any address, valid or not.
    unsafe {
        core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>(p.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}
