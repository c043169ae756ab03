//! Adaptive pacing per (product, action, region): the request rate each
//! API limit allows, learned from the throttling it answers with.
//!
//! Alibaba Cloud limits per API, per region and per account, over windows
//! of a second or a minute whose sizes are not published for the read APIs
//! (alibaba-api.md §4.3). So a lane starts unpaced; at its first throttle it
//! takes the answers accepted in the trailing second (else the trailing
//! minute) as the limit, and from then on spaces requests evenly at
//! [`MARGIN`] of it, none before the oldest of those answers has left the
//! trailing second. Throttled again while keeping that pace, it cuts the
//! rate back to [`MARGIN`] of what the trailing second took, by [`CUT`] at
//! the most (and at most once a second, so one full window counts once);
//! throttled after a second with nothing accepted (a per-minute limit
//! spent), it paces to what the trailing minute accepted. Every accepted
//! answer probes upward by [`PROBE`] of the last cut rate per second
//! (AIMD), so a rate learned too low climbs back. Throttling that the pace
//! does not explain (fewer answers than it allows: another client spending
//! the same limit, a passing fault) changes nothing, or every such fault
//! would halve the pace for good.
//!
//! All tasks calling one (product, action, region) share its lane: one
//! caller at a time waits for the next slot (a fair queue), so nested lists
//! of many scaling groups take turns instead of all being throttled. The
//! client's jittered backoff stays the fallback when a paced retry is
//! throttled again. The arithmetic is in [`Pacer`], with the time passed in,
//! so it is tested without clocks.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The window whose accepted answers estimate the limit at the first throttle.
const SHORT: Duration = Duration::from_secs(1);
/// The longest window considered: a per-minute limit.
const LONG: Duration = Duration::from_secs(60);
/// Share of the learned rate paced at: room for timing jitter.
pub const MARGIN: f64 = 0.95;
/// Multiplicative decrease on throttling while paced.
pub const CUT: f64 = 0.9;
/// Additive increase: this share of the last cut rate, per second.
pub const PROBE: f64 = 0.01;
/// Never slower than one request a minute.
const MIN_RATE: f64 = 1.0 / 60.0;

/// One lane's pacing state. Times are passed in.
#[derive(Debug, Default)]
pub struct Pacer {
    /// Requests per second; None until the first throttle.
    rate: Option<f64>,
    /// The rate set at the last learn or cut: what the probe adds to.
    base: f64,
    /// The earliest time the next request may go.
    next: Option<Instant>,
    /// When answers were accepted, over the last [`LONG`].
    accepted: VecDeque<Instant>,
    /// The first accepted answer.
    first: Option<Instant>,
    /// Refusals since the last accepted answer: when the first came, how many.
    refused: Option<(Instant, u32)>,
    last_cut: Option<Instant>,
}

fn interval(rate: f64) -> Duration {
    Duration::from_secs_f64(1.0 / rate)
}

impl Pacer {
    /// The paced rate, when one is known.
    pub fn rate(&self) -> Option<f64> {
        self.rate
    }

    /// Takes the slot at `now` (None: go) or says how long to wait first.
    pub fn take(&mut self, now: Instant) -> Option<Duration> {
        if let Some(next) = self.next {
            if next > now {
                return Some(next - now);
            }
        }
        if let Some(rate) = self.rate {
            let step = interval(rate);
            // From the slot that was due (a late wake-up does not slow the
            // pace), but never from long ago (an idle lane does not burst).
            let from = match self.next {
                Some(n) if now.saturating_duration_since(n) < step => n,
                _ => now,
            };
            self.next = Some(from + step);
        }
        None
    }

    fn trim(&mut self, now: Instant) {
        while self
            .accepted
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= LONG)
        {
            self.accepted.pop_front();
        }
    }

    /// Answers accepted in the trailing `window` at `now`, and the oldest.
    fn within(&self, now: Instant, window: Duration) -> (usize, Option<Instant>) {
        let mut n = 0;
        let mut oldest = None;
        for t in self.accepted.iter().rev() {
            if now.saturating_duration_since(*t) >= window {
                break;
            }
            n += 1;
            oldest = Some(*t);
        }
        (n, oldest)
    }

    /// An answer that was not throttling came at `now`.
    pub fn answered(&mut self, now: Instant) {
        self.trim(now);
        self.accepted.push_back(now);
        self.first.get_or_insert(now);
        self.refused = None;
        if let Some(rate) = self.rate {
            // `rate` answers a second, each adding PROBE * base / rate.
            self.rate = Some(rate + PROBE * self.base / rate);
        }
    }

    /// A throttling answer came at `now`. Returns whether the lane knows
    /// when to go next (false: the caller backs off).
    pub fn throttled(&mut self, now: Instant) -> bool {
        self.trim(now);
        let (since, refusals) = self.refused.get_or_insert((now, 0));
        *refusals += 1;
        // Refused again and again for a second with nothing accepted: a
        // longer window (a minute) is spent. One refusal after a quiet
        // second may be a passing fault, or the pace's own hold.
        let long_spent = *refusals >= 3 && now.saturating_duration_since(*since) >= SHORT;
        let (short, oldest) = self.within(now, SHORT);
        let long = self.within(now, LONG).0 as f64 / LONG.as_secs_f64();
        let rate = match self.rate {
            None => {
                let a_second_seen = self
                    .first
                    .is_some_and(|f| now.saturating_duration_since(f) >= SHORT);
                let estimate = if short > 0 && a_second_seen {
                    short as f64 / SHORT.as_secs_f64()
                } else if short == 0 && long_spent {
                    long
                } else {
                    // No rate to learn (less than a second of answers: a
                    // fault, or a burst into a window), but the window those
                    // answers fill frees when the oldest leaves it.
                    let Some(o) = oldest else { return false };
                    let free = o + SHORT;
                    self.next = Some(self.next.map_or(free, |n| n.max(free)));
                    return true;
                };
                if estimate == 0.0 {
                    return false;
                }
                self.last_cut = Some(now);
                estimate * MARGIN
            }
            Some(rate) => {
                let cut_due = self
                    .last_cut
                    .is_none_or(|c| now.saturating_duration_since(c) >= SHORT);
                if !cut_due {
                    rate
                } else if short as f64 >= CUT * rate * SHORT.as_secs_f64() {
                    // Throttled while keeping the pace: the limit is below
                    // it, about what the trailing second took. Back under
                    // that, by CUT at the most.
                    self.last_cut = Some(now);
                    (short as f64 / SHORT.as_secs_f64() * MARGIN)
                        .min(rate)
                        .max(rate * CUT)
                } else if short == 0 && long_spent && long * MARGIN < rate {
                    // Pace to what the trailing minute accepted.
                    self.last_cut = Some(now);
                    long * MARGIN
                } else {
                    // Throttled below the pace (another client spending the
                    // same limit, a passing fault): the backoff covers it.
                    rate
                }
            }
        }
        .max(MIN_RATE);
        if self.last_cut == Some(now) {
            self.base = rate;
        }
        self.rate = Some(rate);
        // Nothing goes before the window frees: the oldest answer of the
        // trailing second has aged out, and a step has passed.
        let mut next = now + interval(rate);
        if let Some(o) = oldest {
            next = next.max(o + SHORT);
        }
        self.next = Some(self.next.map_or(next, |n| n.max(next)));
        true
    }
}

/// One (product, action, region): a fair queue for the slot and its pacer.
#[derive(Default)]
pub struct Lane {
    turn: tokio::sync::Mutex<()>,
    pacer: Mutex<Pacer>,
}

impl Lane {
    /// Waits for this lane's next slot; returns how long it waited.
    pub async fn wait_turn(&self) -> Duration {
        let started = Instant::now();
        // Fair (FIFO): callers go in the order they came.
        let _turn = self.turn.lock().await;
        loop {
            // A throttle seen while sleeping moves the slot: asked anew.
            let wait = self.pacer().take(Instant::now());
            match wait {
                None => break,
                Some(d) => tokio::time::sleep(d).await,
            }
        }
        started.elapsed()
    }

    pub fn answered(&self) {
        self.pacer().answered(Instant::now());
    }

    /// See [`Pacer::throttled`].
    pub fn throttled(&self) -> bool {
        self.pacer().throttled(Instant::now())
    }

    fn pacer(&self) -> std::sync::MutexGuard<'_, Pacer> {
        // A panic while holding it leaves plain numbers: still usable.
        self.pacer.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// (product code, action, region).
type LaneKey = (&'static str, String, String);

/// Every lane of a client.
#[derive(Default)]
pub struct Pacing {
    lanes: Mutex<HashMap<LaneKey, Arc<Lane>>>,
}

impl Pacing {
    pub fn lane(&self, product: &'static str, action: &str, region: &str) -> Arc<Lane> {
        let mut lanes = self.lanes.lock().unwrap_or_else(|e| e.into_inner());
        lanes
            .entry((product, action.to_string(), region.to_string()))
            .or_default()
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn unpaced_until_throttled_then_learns_the_trailing_second() {
        let t0 = Instant::now();
        let mut p = Pacer::default();
        for i in 0..10 {
            assert_eq!(p.take(t0 + ms(i * 10)), None, "no limit known yet");
            p.answered(t0 + ms(i * 10 + 5));
        }
        // A tenth of a second of answers tells no rate, but the window
        // those answers fill frees when the oldest (5 ms) leaves it.
        assert!(p.throttled(t0 + ms(100)));
        assert_eq!(p.rate(), None);
        assert_eq!(p.take(t0 + ms(100)), Some(ms(905)));
        for i in 0..10 {
            assert_eq!(p.take(t0 + ms(1005 + i * 10)), None);
            p.answered(t0 + ms(1010 + i * 10));
        }
        // A second of answers: 10 in the trailing one, paced at MARGIN of it.
        assert!(p.throttled(t0 + ms(1101)));
        assert!((p.rate().unwrap() - 10.0 * MARGIN).abs() < 1e-9);
        assert_eq!(p.take(t0 + ms(1101)), Some(ms(909)));
        assert_eq!(p.take(t0 + ms(2010)), None);
        // Then evenly spaced at the paced rate.
        let step = interval(10.0 * MARGIN);
        assert_eq!(p.take(t0 + ms(2011)), Some(step - ms(1)));
    }

    #[test]
    fn a_throttle_with_nothing_accepted_in_the_second_learns_the_minute() {
        let t0 = Instant::now();
        let mut p = Pacer::default();
        for i in 0..120 {
            p.answered(t0 + ms(i * 10));
        }
        // 120 answered in the first 1.2 s, then refused from 10 s on: one
        // refusal after a quiet second tells nothing (the caller backs off),
        // three over a second tell a spent minute.
        assert!(!p.throttled(t0 + Duration::from_secs(10)));
        assert!(!p.throttled(t0 + ms(10_500)));
        assert_eq!(p.rate(), None);
        assert!(p.throttled(t0 + Duration::from_secs(11)));
        assert!((p.rate().unwrap() - 2.0 * MARGIN).abs() < 1e-9);
        // No answer at all: nothing learned, the caller backs off.
        let mut fresh = Pacer::default();
        assert!(!fresh.throttled(t0));
        assert_eq!(fresh.rate(), None);
        assert_eq!(fresh.take(t0), None);
    }

    #[test]
    fn throttled_at_its_pace_it_cuts_once_a_second_and_answers_probe_upward() {
        let t0 = Instant::now();
        let mut p = Pacer::default();
        for i in 0..20 {
            p.answered(t0 + ms(i * 50));
        }
        // The answer at 0 has left the trailing second: 19 in it.
        p.throttled(t0 + ms(1000));
        let learned = p.rate().unwrap();
        assert!((learned - 19.0 * MARGIN).abs() < 1e-9);
        // Throttled again within the second: the same full window.
        p.throttled(t0 + ms(1500));
        assert_eq!(p.rate(), Some(learned));
        // A second at the pace, each answer probing upward, then throttled.
        for i in 0..19 {
            p.answered(t0 + ms(1001 + i * 52));
        }
        // Each answer adds PROBE * learned / rate: about PROBE * 19 in all.
        let probed = p.rate().unwrap();
        let added = probed - learned;
        assert!(
            added < 19.0 * PROBE && added > 19.0 * PROBE * 0.98,
            "{added}"
        );
        // Throttled at the pace: back to MARGIN of the 19 the second took.
        p.throttled(t0 + ms(2000));
        let cut = p.rate().unwrap();
        assert!((cut - 19.0 * MARGIN).abs() < 1e-9);
        assert!(cut >= probed * CUT);
        // Throttled with fewer answers than the pace allows: not the pace.
        for i in 0..5 {
            p.answered(t0 + ms(3100 + i * 100));
        }
        p.throttled(t0 + ms(3600));
        let after_probe = cut + 5.0 * PROBE * cut / cut;
        assert!((p.rate().unwrap() - after_probe).abs() < 0.01);
    }

    #[test]
    fn throttled_after_a_silent_second_it_paces_to_the_trailing_minute() {
        let t0 = Instant::now();
        let mut p = Pacer::default();
        // 600 answered in 6 s, then a per-minute limit is spent.
        for i in 0..600 {
            p.answered(t0 + ms(i * 10));
        }
        p.throttled(t0 + ms(6000));
        assert!(p.rate().unwrap() > 90.0, "learned from the burst");
        let learned = p.rate();
        p.throttled(t0 + ms(7500));
        assert_eq!(p.rate(), learned, "two refusals may be faults");
        p.throttled(t0 + ms(8000));
        assert!((p.rate().unwrap() - 10.0 * MARGIN).abs() < 1e-9);
        // Never below one request a minute.
        let mut slow = Pacer::default();
        slow.answered(t0);
        slow.throttled(t0 + ms(10));
        for s in 2..200 {
            slow.throttled(t0 + Duration::from_secs(s));
        }
        assert!((slow.rate().unwrap() - MIN_RATE).abs() < 1e-12);
    }

    #[test]
    fn throttling_the_pace_does_not_explain_does_not_wear_it_down() {
        // 200 answers a second for two seconds, then every third request
        // throttled whatever the pace, for a minute.
        let t0 = Instant::now();
        let mut p = Pacer::default();
        let mut at = t0;
        let mut n = 0;
        while at < t0 + LONG {
            match p.take(at) {
                Some(wait) => at += wait,
                None => {
                    n += 1;
                    at += ms(5);
                    if at > t0 + ms(2000) && n % 3 == 0 {
                        p.throttled(at);
                    } else {
                        p.answered(at);
                    }
                }
            }
        }
        // Learned at the first fault (200 in the second), never cut.
        assert!(p.rate().unwrap() >= 200.0 * MARGIN, "{:?}", p.rate());
    }

    /// How a server limits: `limit` answers per `window`, sliding or in
    /// fixed windows from time zero.
    struct Limit {
        limit: usize,
        window: Duration,
        sliding: bool,
        seen: VecDeque<Duration>,
    }

    impl Limit {
        fn accept(&mut self, at: Duration) -> bool {
            let w = self.window.as_nanos();
            let window_start = Duration::from_nanos((at.as_nanos() / w * w) as u64);
            while self.seen.front().is_some_and(|t| {
                if self.sliding {
                    at - *t >= self.window
                } else {
                    *t < window_start
                }
            }) {
                self.seen.pop_front();
            }
            if self.seen.len() >= self.limit {
                return false;
            }
            self.seen.push_back(at);
            true
        }
    }

    /// `callers` sequential walks of `pages` pages each against `limit`,
    /// every request taking `latency`, paced by one lane and backing off as
    /// the client does (the pacer's slot on a first throttle, the jittered
    /// backoff at its midpoint on repeated ones). Returns (when the last
    /// page was answered, throttled answers).
    fn simulate(
        limit: &mut Limit,
        callers: usize,
        pages: usize,
        latency: Duration,
    ) -> (Duration, usize) {
        let policy = crate::collect::client::RetryPolicy::default();
        let t0 = Instant::now();
        let mut p = Pacer::default();
        // (time the caller is ready, pages left, throttles in a row)
        let mut walkers: Vec<(Duration, usize, u32)> = vec![(Duration::ZERO, pages, 0); callers];
        let mut throttled = 0;
        let mut done = Duration::ZERO;
        // The fair queue: the caller ready first goes first.
        while let Some(w) = (0..callers)
            .filter(|&i| walkers[i].1 > 0)
            .min_by_key(|&i| walkers[i].0)
        {
            let (at, _, _) = walkers[w];
            if let Some(wait) = p.take(t0 + at) {
                walkers[w].0 = at + wait;
                continue;
            }
            let answer = at + latency;
            if limit.accept(at) {
                p.answered(t0 + answer);
                walkers[w] = (answer, walkers[w].1 - 1, 0);
                done = done.max(answer);
            } else {
                throttled += 1;
                let paced = p.throttled(t0 + answer);
                let row = walkers[w].2 + 1;
                let backoff = if row >= 2 || !paced {
                    policy.delay_with(row.saturating_sub(1).max(1), true, 0.5)
                } else {
                    Duration::ZERO
                };
                walkers[w] = (answer + backoff, walkers[w].1, row);
            }
            assert!(at < Duration::from_secs(3600), "the simulation ends");
        }
        (done, throttled)
    }

    #[test]
    fn a_walk_against_a_sliding_second_runs_near_its_floor() {
        for (rate, pages) in [(5usize, 100usize), (10, 400), (20, 1000), (50, 1000)] {
            let mut limit = Limit {
                limit: rate,
                window: SHORT,
                sliding: true,
                seen: VecDeque::new(),
            };
            let (took, throttled) = simulate(&mut limit, 1, pages, ms(3));
            let floor = pages as f64 / rate as f64;
            let ratio = took.as_secs_f64() / floor;
            assert!(ratio < 1.1, "{rate}/s, {pages} pages: {ratio:.3}");
            // A throttle starts pacing, then about one per probe cycle.
            assert!(
                throttled <= 2 + (floor / 5.0) as usize,
                "{rate}/s: {throttled} throttled"
            );
        }
    }

    #[test]
    fn many_callers_share_a_lane_and_take_turns() {
        // 20 scaling groups' one-page lists against 5 a second.
        let mut limit = Limit {
            limit: 5,
            window: SHORT,
            sliding: true,
            seen: VecDeque::new(),
        };
        let (took, throttled) = simulate(&mut limit, 20, 1, ms(3));
        // 5 at once, then 15 paced at 4.75 a second after the window frees.
        assert!(took < Duration::from_millis(4300), "{took:?}");
        assert!(throttled <= 16, "{throttled}");
    }

    #[test]
    fn a_per_minute_limit_is_used_whole_and_the_pace_comes_down_to_it() {
        // 600 a minute in fixed minutes (ECS: "throttled at minute T,
        // callable again at T+1"): 3000 pages are a five-minute floor.
        let mut limit = Limit {
            limit: 600,
            window: LONG,
            sliding: false,
            seen: VecDeque::new(),
        };
        let (took, throttled) = simulate(&mut limit, 1, 3000, ms(3));
        // At the floor (pages over 10 a second), and throttled about once
        // a backoff step while each minute's quota is spent.
        assert!(took < Duration::from_secs(310), "{took:?}");
        assert!(throttled < 60, "{throttled}");
    }
}
