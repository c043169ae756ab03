//! gen_fleet: writes synthetic ecsguard snapshots (schema v1).
//!
//! ```text
//! cargo run --release --example gen_fleet -- --instances 10000 [--seed 7] [--out /tmp/fleet-10k.json]
//! cargo run --release --example gen_fleet -- --demo --out examples/fleet.json
//! ```
//!
//! Bench mode scales a fleet with the proportions of rego-performance.md §2:
//! N instances over 2–4 regions, N/20 scaling groups holding about 60 % of the
//! instances, N/50 images (about 45 % older than 180 days), N/10 ECI container
//! groups, and everything the instances reference (instance types, vSwitches,
//! deployment sets, Cloud Assistant, patch states, spot prices, a few events).
//! By default it writes the fields rules and §2 use (about 2.6 KB per instance,
//! pretty-printed); `--full` adds every other API field the demo carries (about
//! 4.2 KB per instance).
//!
//! Demo mode writes the hand-tuned fleet behind `examples/fleet.json`: two
//! regions, 54 instances, 6 scaling groups and 7 container groups in which every
//! starter rule both passes and fails at least once, plus one collection error.
//!
//! Output is deterministic: the same arguments give byte-identical output. It
//! is written by a small pretty-printer (2-space indent, the layout of
//! `serde_json::to_string_pretty`) so keys keep the order written here: ids
//! and `RegionId` first, as a reader expects.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::time::Instant;

const USAGE: &str = "\
usage: gen_fleet --instances N [--seed S] [--full] [--out PATH]
       gen_fleet --demo [--out PATH]

  --instances N  bench fleet of N instances (2-4 regions, N/20 scaling groups,
                 N/50 images, N/10 container groups, ...)
  --seed S       PRNG seed for bench mode (default 20261120)
  --full         bench mode: write every API field the demo has (about 4 KB
                 per instance instead of about 2 KB)
  --demo         the hand-tuned demo fleet (examples/fleet.json)
  --out PATH     write there instead of stdout";

const DEFAULT_SEED: u64 = 20261120;
const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;

// ---------------------------------------------------------------------------
// Command line

struct Args {
    full: bool,
    instances: Option<usize>,
    seed: Option<u64>,
    demo: bool,
    out: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        full: false,
        instances: None,
        seed: None,
        demo: false,
        out: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or(format!("{name} needs a value"))
        };
        match flag.as_str() {
            "--instances" | "-n" => {
                let v = value("--instances")?;
                let n: usize = v
                    .replace('_', "")
                    .parse()
                    .map_err(|_| format!("--instances: not a number: {v}"))?;
                if n == 0 {
                    return Err("--instances must be at least 1".into());
                }
                args.instances = Some(n);
            }
            "--seed" => {
                let v = value("--seed")?;
                args.seed = Some(
                    v.parse()
                        .map_err(|_| format!("--seed: not a number: {v}"))?,
                );
            }
            "--out" | "-o" => args.out = Some(value("--out")?),
            "--demo" => args.demo = true,
            "--full" => args.full = true,
            "--help" | "-h" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument: {other}")),
        }
    }
    match (args.demo, args.instances) {
        (true, Some(_)) => Err("--demo and --instances exclude each other".into()),
        (true, None) if args.seed.is_some() || args.full => {
            Err("--seed and --full apply to --instances; the demo is always full".into())
        }
        (false, None) => Err("give --instances N or --demo".into()),
        _ => Ok(args),
    }
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gen_fleet: {e}\n{USAGE}");
            std::process::exit(2);
        }
    };
    let started = Instant::now();
    let fleet = match args.instances {
        Some(n) => bench(n, args.seed.unwrap_or(DEFAULT_SEED), args.full),
        None => demo(),
    };
    let result = match &args.out {
        Some(path) => File::create(path).and_then(|file| {
            let mut w = BufWriter::with_capacity(1 << 20, file);
            emit(&fleet, &mut w)?;
            w.flush()
        }),
        None => {
            let mut w = BufWriter::with_capacity(1 << 20, io::stdout().lock());
            emit(&fleet, &mut w).and_then(|_| w.flush())
        }
    };
    if let Err(e) = result {
        eprintln!(
            "gen_fleet: cannot write {}: {e}",
            args.out.as_deref().unwrap_or("stdout")
        );
        std::process::exit(1);
    }
    eprintln!(
        "gen_fleet: {} instances, {} scaling groups, {} images, {} container groups in {} region(s) -> {} ({:.2}s)",
        fleet.insts.len(),
        fleet.groups.len(),
        fleet.images.len(),
        fleet.cgs.len(),
        fleet.regions.len(),
        args.out.as_deref().unwrap_or("stdout"),
        started.elapsed().as_secs_f64()
    );
}

// ---------------------------------------------------------------------------
// Deterministic randomness and ids

/// splitmix64's finalizer: a bijection on u64.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// splitmix64.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(mix(seed ^ 0x5DEE_CE66_D1CE_F00D))
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }
    /// Uniform in lo..=hi.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    /// Index drawn with the given weights.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut x = self.below(total as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

const B36: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
const B62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// `prefix` + region code + 16 base-36 characters. Distinct `n` give distinct
/// ids: the first 13 characters encode a bijection of `n`.
fn make_id(prefix: &str, code: &str, salt: u64, n: u64) -> String {
    let a = mix(n.wrapping_add(salt.wrapping_mul(0x9E37_79B9_7F4A_7C15)));
    let mut s = String::with_capacity(prefix.len() + code.len() + 16);
    s.push_str(prefix);
    s.push_str(code);
    let mut x = a;
    for _ in 0..13 {
        s.push(B36[(x % 36) as usize] as char);
        x /= 36;
    }
    let mut y = mix(a ^ 0xA5A5_A5A5);
    for _ in 0..3 {
        s.push(B36[(y % 36) as usize] as char);
        y /= 36;
    }
    s
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    })
}

// ---------------------------------------------------------------------------
// Time

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Seconds since the epoch for a UTC date and time.
fn at(y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64) -> i64 {
    days_from_civil(y, mo, d) * DAY + h * HOUR + mi * 60 + s
}

/// RFC 3339 UTC with seconds.
fn ts(t: i64) -> String {
    let (y, m, d) = civil_from_days(t.div_euclid(DAY));
    let s = t.rem_euclid(DAY);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / HOUR,
        s % HOUR / 60,
        s % 60
    )
}

fn yyyymmdd(t: i64) -> String {
    let (y, m, d) = civil_from_days(t.div_euclid(DAY));
    format!("{y:04}{m:02}{d:02}")
}

/// The snapshot time of both modes: 2026-11-20T06:00:00Z.
fn collected_at() -> i64 {
    at(2026, 11, 20, 6, 0, 0)
}

// ---------------------------------------------------------------------------
// JSON: an ordered value and a pretty-printer

/// A JSON value whose strings borrow from the fleet where they can.
enum J<'a> {
    Bool(bool),
    Int(i64),
    Num(f64),
    Str(Cow<'a, str>),
    Arr(Vec<J<'a>>),
    Obj(Vec<(&'static str, J<'a>)>),
}

/// Object builder; keys stay in insertion order.
struct O<'a>(Vec<(&'static str, J<'a>)>);

impl<'a> O<'a> {
    fn new() -> O<'a> {
        O(Vec::with_capacity(24))
    }
    fn s(mut self, k: &'static str, v: impl Into<Cow<'a, str>>) -> O<'a> {
        self.0.push((k, J::Str(v.into())));
        self
    }
    fn i(mut self, k: &'static str, v: i64) -> O<'a> {
        self.0.push((k, J::Int(v)));
        self
    }
    fn f(mut self, k: &'static str, v: f64) -> O<'a> {
        self.0.push((k, J::Num(v)));
        self
    }
    fn b(mut self, k: &'static str, v: bool) -> O<'a> {
        self.0.push((k, J::Bool(v)));
        self
    }
    fn t(self, k: &'static str, v: i64) -> O<'a> {
        self.s(k, ts(v))
    }
    fn j(mut self, k: &'static str, v: J<'a>) -> O<'a> {
        self.0.push((k, v));
        self
    }
    fn os(self, k: &'static str, v: Option<impl Into<Cow<'a, str>>>) -> O<'a> {
        match v {
            Some(v) => self.s(k, v),
            None => self,
        }
    }
    fn oi(self, k: &'static str, v: Option<i64>) -> O<'a> {
        match v {
            Some(v) => self.i(k, v),
            None => self,
        }
    }
    fn of(self, k: &'static str, v: Option<f64>) -> O<'a> {
        match v {
            Some(v) => self.f(k, v),
            None => self,
        }
    }
    fn ob(self, k: &'static str, v: Option<bool>) -> O<'a> {
        match v {
            Some(v) => self.b(k, v),
            None => self,
        }
    }
    fn ot(self, k: &'static str, v: Option<i64>) -> O<'a> {
        match v {
            Some(v) => self.t(k, v),
            None => self,
        }
    }
    /// Fields only written in full mode.
    fn x(self, on: bool, more: impl FnOnce(O<'a>) -> O<'a>) -> O<'a> {
        if on {
            more(self)
        } else {
            self
        }
    }
    fn done(self) -> J<'a> {
        J::Obj(self.0)
    }
}

fn strs<'a, S: Into<Cow<'a, str>>>(items: impl IntoIterator<Item = S>) -> J<'a> {
    J::Arr(items.into_iter().map(|s| J::Str(s.into())).collect())
}

fn tags_j(tags: &[(String, String)]) -> J<'static> {
    J::Arr(
        tags.iter()
            .map(|(k, v)| O::new().s("Key", k.clone()).s("Value", v.clone()).done())
            .collect(),
    )
}

fn indent<W: Write>(w: &mut W, depth: usize) -> io::Result<()> {
    const SPACES: &[u8] = b"\n                                                                ";
    let n = 1 + 2 * depth;
    if n <= SPACES.len() {
        w.write_all(&SPACES[..n])
    } else {
        w.write_all(b"\n")?;
        (0..depth).try_for_each(|_| w.write_all(b"  "))
    }
}

fn write_str<W: Write>(w: &mut W, s: &str) -> io::Result<()> {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        w.write_all(b"\"")?;
        w.write_all(s.as_bytes())?;
        w.write_all(b"\"")
    } else {
        serde_json::to_writer(&mut *w, s).map_err(io::Error::from)
    }
}

fn write_j<W: Write>(w: &mut W, v: &J, depth: usize) -> io::Result<()> {
    match v {
        J::Bool(b) => w.write_all(if *b { b"true" } else { b"false" }),
        J::Int(i) => write!(w, "{i}"),
        J::Num(x) => serde_json::to_writer(&mut *w, x).map_err(io::Error::from),
        J::Str(s) => write_str(w, s),
        J::Arr(items) => {
            if items.is_empty() {
                return w.write_all(b"[]");
            }
            w.write_all(b"[")?;
            for (k, item) in items.iter().enumerate() {
                if k > 0 {
                    w.write_all(b",")?;
                }
                indent(w, depth + 1)?;
                write_j(w, item, depth + 1)?;
            }
            indent(w, depth)?;
            w.write_all(b"]")
        }
        J::Obj(entries) => {
            if entries.is_empty() {
                return w.write_all(b"{}");
            }
            w.write_all(b"{")?;
            for (k, (key, value)) in entries.iter().enumerate() {
                if k > 0 {
                    w.write_all(b",")?;
                }
                indent(w, depth + 1)?;
                write_str(w, key)?;
                w.write_all(b": ")?;
                write_j(w, value, depth + 1)?;
            }
            indent(w, depth)?;
            w.write_all(b"}")
        }
    }
}

/// Writes the top-level object one entry at a time, so a collection is
/// streamed element by element instead of held as one value.
struct Top<'w, W: Write> {
    w: &'w mut W,
    first: bool,
}

impl<W: Write> Top<'_, W> {
    fn key(&mut self, k: &str) -> io::Result<()> {
        self.w
            .write_all(if self.first { b"{\n  " } else { b",\n  " })?;
        self.first = false;
        write_str(self.w, k)?;
        self.w.write_all(b": ")
    }
    fn value(&mut self, k: &str, v: &J) -> io::Result<()> {
        self.key(k)?;
        write_j(self.w, v, 1)
    }
    fn list<'a>(&mut self, k: &str, items: impl Iterator<Item = J<'a>>) -> io::Result<()> {
        self.key(k)?;
        let mut any = false;
        for item in items {
            self.w
                .write_all(if any { b",\n    " } else { b"[\n    " })?;
            write_j(self.w, &item, 2)?;
            any = true;
        }
        self.w.write_all(if any { b"\n  ]" } else { b"[]" })
    }
    fn end(self) -> io::Result<()> {
        self.w
            .write_all(if self.first { b"{}\n" } else { b"\n}\n" })
    }
}

// ---------------------------------------------------------------------------
// Catalogs

struct RegionSpec {
    id: &'static str,
    /// The id infix Alibaba uses for the region (`i-bp1…` in Hangzhou).
    code: &'static str,
    /// Short code used in names and Cloud Assistant ids.
    short: &'static str,
    zones: &'static [&'static str],
    weight: u32,
    /// First two octets of the region's public addresses.
    ip: (u8, u8),
}

const REGIONS: &[RegionSpec] = &[
    RegionSpec {
        id: "cn-hangzhou",
        code: "bp1",
        short: "hz",
        zones: &[
            "cn-hangzhou-h",
            "cn-hangzhou-i",
            "cn-hangzhou-j",
            "cn-hangzhou-k",
        ],
        weight: 40,
        ip: (47, 96),
    },
    RegionSpec {
        id: "cn-shanghai",
        code: "uf6",
        short: "sh",
        zones: &[
            "cn-shanghai-e",
            "cn-shanghai-f",
            "cn-shanghai-g",
            "cn-shanghai-l",
        ],
        weight: 30,
        ip: (47, 100),
    },
    RegionSpec {
        id: "cn-beijing",
        code: "2ze",
        short: "bj",
        zones: &[
            "cn-beijing-g",
            "cn-beijing-h",
            "cn-beijing-i",
            "cn-beijing-k",
        ],
        weight: 20,
        ip: (39, 105),
    },
    RegionSpec {
        id: "cn-shenzhen",
        code: "wz9",
        short: "sz",
        zones: &[
            "cn-shenzhen-c",
            "cn-shenzhen-d",
            "cn-shenzhen-e",
            "cn-shenzhen-f",
        ],
        weight: 10,
        ip: (120, 78),
    },
];

struct TypeSpec {
    id: &'static str,
    family: &'static str,
    generation: &'static str,
    level: &'static str,
    category: &'static str,
    cpu: i64,
    mem_gib: f64,
    gpu: i64,
    gpu_spec: &'static str,
    /// Pay-as-you-go price, CNY per hour (order of magnitude only).
    price: f64,
}

macro_rules! ty {
    ($id:literal, $fam:literal, $gen:literal, $level:literal, $cat:literal, $cpu:literal, $mem:literal, $gpu:literal, $gspec:literal, $price:literal) => {
        TypeSpec {
            id: $id,
            family: $fam,
            generation: $gen,
            level: $level,
            category: $cat,
            cpu: $cpu,
            mem_gib: $mem,
            gpu: $gpu,
            gpu_spec: $gspec,
            price: $price,
        }
    };
}

const TYPES: &[TypeSpec] = &[
    ty!(
        "ecs.g7.large",
        "ecs.g7",
        "ecs-6",
        "EnterpriseLevel",
        "General-purpose",
        2,
        8.0,
        0,
        "",
        0.621
    ),
    ty!(
        "ecs.g7.xlarge",
        "ecs.g7",
        "ecs-6",
        "EnterpriseLevel",
        "General-purpose",
        4,
        16.0,
        0,
        "",
        1.242
    ),
    ty!(
        "ecs.g7.2xlarge",
        "ecs.g7",
        "ecs-6",
        "EnterpriseLevel",
        "General-purpose",
        8,
        32.0,
        0,
        "",
        2.484
    ),
    ty!(
        "ecs.c7.large",
        "ecs.c7",
        "ecs-6",
        "EnterpriseLevel",
        "Compute-optimized",
        2,
        4.0,
        0,
        "",
        0.462
    ),
    ty!(
        "ecs.c7.xlarge",
        "ecs.c7",
        "ecs-6",
        "EnterpriseLevel",
        "Compute-optimized",
        4,
        8.0,
        0,
        "",
        0.924
    ),
    ty!(
        "ecs.c7.2xlarge",
        "ecs.c7",
        "ecs-6",
        "EnterpriseLevel",
        "Compute-optimized",
        8,
        16.0,
        0,
        "",
        1.848
    ),
    ty!(
        "ecs.c7.4xlarge",
        "ecs.c7",
        "ecs-6",
        "EnterpriseLevel",
        "Compute-optimized",
        16,
        32.0,
        0,
        "",
        3.696
    ),
    ty!(
        "ecs.r7.large",
        "ecs.r7",
        "ecs-6",
        "EnterpriseLevel",
        "Memory-optimized",
        2,
        16.0,
        0,
        "",
        0.803
    ),
    ty!(
        "ecs.r7.xlarge",
        "ecs.r7",
        "ecs-6",
        "EnterpriseLevel",
        "Memory-optimized",
        4,
        32.0,
        0,
        "",
        1.606
    ),
    ty!(
        "ecs.r7.2xlarge",
        "ecs.r7",
        "ecs-6",
        "EnterpriseLevel",
        "Memory-optimized",
        8,
        64.0,
        0,
        "",
        3.212
    ),
    ty!(
        "ecs.g6.large",
        "ecs.g6",
        "ecs-5",
        "EnterpriseLevel",
        "General-purpose",
        2,
        8.0,
        0,
        "",
        0.592
    ),
    ty!(
        "ecs.g6.xlarge",
        "ecs.g6",
        "ecs-5",
        "EnterpriseLevel",
        "General-purpose",
        4,
        16.0,
        0,
        "",
        1.184
    ),
    ty!(
        "ecs.c6.large",
        "ecs.c6",
        "ecs-5",
        "EnterpriseLevel",
        "Compute-optimized",
        2,
        4.0,
        0,
        "",
        0.441
    ),
    ty!(
        "ecs.c6.2xlarge",
        "ecs.c6",
        "ecs-5",
        "EnterpriseLevel",
        "Compute-optimized",
        8,
        16.0,
        0,
        "",
        1.764
    ),
    ty!(
        "ecs.g5.large",
        "ecs.g5",
        "ecs-4",
        "EnterpriseLevel",
        "General-purpose",
        2,
        8.0,
        0,
        "",
        0.703
    ),
    ty!(
        "ecs.t6-c1m2.large",
        "ecs.t6",
        "ecs-5",
        "CreditEntryLevel",
        "Shared",
        2,
        4.0,
        0,
        "",
        0.118
    ),
    ty!(
        "ecs.gn7i-c8g1.2xlarge",
        "ecs.gn7i",
        "ecs-6",
        "EnterpriseLevel",
        "GPU-accelerated",
        8,
        30.0,
        1,
        "NVIDIA A10",
        9.317
    ),
    // Generation I, retired: only the demo's legacy instance runs it.
    ty!(
        "ecs.n1.medium",
        "ecs.n1",
        "ecs-1",
        "EntryLevel",
        "Shared",
        1,
        2.0,
        0,
        "",
        0.302
    ),
];

fn ty(id: &str) -> usize {
    TYPES
        .iter()
        .position(|t| t.id == id)
        .unwrap_or_else(|| panic!("unknown instance type {id}"))
}

struct OsSpec {
    name: &'static str,
    name_en: &'static str,
    os_type: &'static str,
    platform: &'static str,
    /// Cloud Assistant's OSType spelling.
    ca_os: &'static str,
    /// OOS patch baseline OperationSystem.
    patch_os: &'static str,
    /// System image id stem; the date follows.
    stem: &'static str,
    size: i64,
}

const OSES: &[OsSpec] = &[
    OsSpec {
        name: "Alibaba Cloud Linux 3.2104 LTS 64 bit",
        name_en: "Alibaba Cloud Linux 3.2104 LTS 64 bit",
        os_type: "linux",
        platform: "Aliyun",
        ca_os: "Linux",
        patch_os: "AliyunLinux",
        stem: "aliyun_3_x64_20G_alibase_",
        size: 20,
    },
    OsSpec {
        name: "Ubuntu 22.04 64 bit",
        name_en: "Ubuntu 22.04 64 bit",
        os_type: "linux",
        platform: "Ubuntu",
        ca_os: "Linux",
        patch_os: "Ubuntu",
        stem: "ubuntu_22_04_x64_20G_alibase_",
        size: 20,
    },
    OsSpec {
        name: "CentOS 7.9 64 bit",
        name_en: "CentOS 7.9 64 bit",
        os_type: "linux",
        platform: "CentOS",
        ca_os: "Linux",
        patch_os: "CentOS",
        stem: "centos_7_9_x64_20G_alibase_",
        size: 20,
    },
    OsSpec {
        name: "Windows Server 2022 Data Center Edition 64bit English Edition",
        name_en: "Windows Server 2022 Data Center Edition 64bit English Edition",
        os_type: "windows",
        platform: "Windows Server 2022",
        ca_os: "Windows",
        patch_os: "Windows",
        stem: "win2022_21H2_x64_dtc_en-us_40G_alibase_",
        size: 40,
    },
];
const ALINUX: usize = 0;
const UBUNTU: usize = 1;
const CENTOS: usize = 2;
const WINDOWS: usize = 3;

const ENVS: &[&str] = &["prod", "staging", "dev"];
const PROD: usize = 0;
const STAGING: usize = 1;

/// Bench roles: name, weight, instance types, whether scaling groups run it.
const ROLES: &[(&str, u32, &[&str], bool)] = &[
    (
        "web",
        24,
        &[
            "ecs.g7.large",
            "ecs.g7.xlarge",
            "ecs.c7.large",
            "ecs.g6.large",
        ],
        true,
    ),
    (
        "api",
        24,
        &[
            "ecs.c7.xlarge",
            "ecs.g7.xlarge",
            "ecs.c6.large",
            "ecs.g6.xlarge",
        ],
        true,
    ),
    (
        "worker",
        14,
        &["ecs.c7.2xlarge", "ecs.c6.2xlarge", "ecs.g7.2xlarge"],
        true,
    ),
    (
        "batch",
        12,
        &[
            "ecs.c7.2xlarge",
            "ecs.c7.4xlarge",
            "ecs.c6.2xlarge",
            "ecs.g7.2xlarge",
        ],
        true,
    ),
    (
        "db",
        6,
        &["ecs.r7.xlarge", "ecs.r7.2xlarge", "ecs.g7.2xlarge"],
        false,
    ),
    ("cache", 5, &["ecs.r7.large", "ecs.r7.xlarge"], false),
    (
        "etl",
        6,
        &["ecs.g7.xlarge", "ecs.c7.xlarge", "ecs.g5.large"],
        true,
    ),
    ("gateway", 4, &["ecs.c7.large", "ecs.c6.large"], true),
    ("ml", 2, &["ecs.gn7i-c8g1.2xlarge"], false),
    ("bastion", 3, &["ecs.t6-c1m2.large"], false),
];

fn team_of(role: &str) -> (&'static str, &'static str) {
    match role {
        "web" => ("frontend", "cc-1001"),
        "api" | "gateway" => ("platform", "cc-1002"),
        "worker" | "cache" => ("platform", "cc-1003"),
        "batch" | "etl" => ("data", "cc-2001"),
        "ml" => ("ml", "cc-2002"),
        "db" => ("dba", "cc-3001"),
        "bastion" => ("sre", "cc-4001"),
        _ => ("misc", "cc-9001"),
    }
}

/// Security group slot of a role: base, app, data, edge, eci.
fn sg_slot(role: &str) -> usize {
    match role {
        "db" | "cache" => 2,
        "bastion" | "gateway" => 3,
        _ => 1,
    }
}

// ---------------------------------------------------------------------------
// The fleet, as plain records

struct Region {
    spec: &'static RegionSpec,
    zones: Vec<&'static str>,
    vpc: String,
    /// base, app, data, edge, eci.
    sgs: Vec<String>,
    public_next: u32,
    vsws: Vec<usize>,
    images: Vec<usize>,
}

struct VSw {
    id: String,
    region: usize,
    zone: &'static str,
    name: String,
    /// Index within the region, which places its /20.
    k: u32,
    used: u32,
    created: i64,
    /// Prefix length of the CIDR block (20 unless the demo shrinks one).
    prefix: u32,
}

impl VSw {
    fn cidr(&self) -> String {
        format!(
            "10.{}.{}.0/{}",
            self.k / 16,
            (self.k % 16) * 16,
            self.prefix
        )
    }
    fn next_ip(&mut self) -> String {
        let host = 4 + self.used % 4000;
        self.used += 1;
        let third = (self.k % 16) * 16 + host / 256;
        format!("10.{}.{}.{}", self.k / 16, third, host % 256)
    }
}

struct Img {
    id: String,
    region: usize,
    name: String,
    family: String,
    version: String,
    owner: &'static str,
    created: i64,
    os: usize,
    status: &'static str,
    copied: bool,
    description: String,
    tags: Vec<(String, String)>,
}

struct Ds {
    id: String,
    region: usize,
    name: String,
    strategy: &'static str,
    group_count: i64,
    created: i64,
    members: Vec<usize>,
    /// Instances allowed per zone, when not the strategy's default.
    zone_cap: Option<i64>,
}

struct Ca {
    ok: bool,
    version: &'static str,
    heartbeat: i64,
    invoked: i64,
    invocations: i64,
}

struct Patch {
    baseline: usize,
    installed: i64,
    other: i64,
    pending_reboot: i64,
    missing: i64,
    failed: i64,
    operation: &'static str,
    start: i64,
}

struct Inst {
    id: String,
    region: usize,
    vsw: usize,
    name: String,
    host: String,
    status: &'static str,
    ty: usize,
    image: String,
    os: usize,
    charge: &'static str,
    spot: &'static str,
    spot_limit: f64,
    spot_duration: i64,
    ds: Option<usize>,
    ds_group: i64,
    private_ip: String,
    public_ip: Option<String>,
    eip: Option<(String, String, i64)>,
    role: String,
    env: usize,
    app: String,
    spot_handler: bool,
    created: i64,
    expires: Option<i64>,
    auto_release: Option<i64>,
    recycling: bool,
    tokens: &'static str,
    deletion_protection: bool,
    group: Option<usize>,
    serial: String,
    ca: Option<Ca>,
    patch: Option<Patch>,
    /// Demo oddities: classic network, StoppedMode KeepCharging while
    /// stopped, metadata hop limit, no key pair, no owner tags.
    classic: bool,
    keep_charging: bool,
    hop_limit: i64,
    no_key_pair: bool,
    no_owner_tags: bool,
}

/// What an instance is created from; `add_inst` fills in the rest.
struct Spec {
    name: String,
    region: usize,
    vsw: usize,
    ty: usize,
    image: String,
    os: usize,
    role: String,
    env: usize,
    app: String,
    spot: &'static str,
    status: &'static str,
    prepaid: bool,
    created: i64,
    /// 0: private, 1: public IP, 2: EIP.
    public: u8,
    tokens: &'static str,
    ds: Option<usize>,
    recycling: bool,
    deletion_protection: bool,
    spot_handler: bool,
    auto_release: Option<i64>,
}

struct Cfg {
    id: String,
    name: String,
    active: bool,
    image: String,
    os: usize,
    types: Vec<usize>,
    spot: &'static str,
    tokens: &'static str,
    ds: Option<usize>,
    bandwidth_out: i64,
    encrypted: bool,
    created: i64,
}

struct Rule {
    id: String,
    name: String,
    kind: &'static str,
    adjustment: (&'static str, i64),
    cooldown: Option<i64>,
    metric: Option<&'static str>,
    target: Option<f64>,
    min_magnitude: Option<i64>,
}

impl Rule {
    fn ari(&self, region: &str, account: &str) -> String {
        format!("ari:acs:ess:{region}:{account}:scalingrule/{}", self.id)
    }
}

struct Task {
    id: String,
    name: String,
    description: &'static str,
    launch: i64,
    recurrence: (&'static str, &'static str),
    enabled: bool,
    /// Index of the rule the task runs, or (min, max, desired).
    action: Result<usize, (i64, i64, i64)>,
}

struct Hook {
    id: String,
    name: String,
    transition: &'static str,
    default_result: &'static str,
    timeout: i64,
    active: bool,
    mns: bool,
}

struct Alarm {
    id: String,
    name: String,
    high: bool,
    threshold: f64,
    evaluations: i64,
    period: i64,
    state: &'static str,
    /// Index of the rule it runs.
    rule: usize,
}

struct Member {
    inst: usize,
    cfg: usize,
    state: &'static str,
    attached: bool,
}

struct Group {
    id: String,
    region: usize,
    name: String,
    role: String,
    env: usize,
    active: bool,
    health: &'static str,
    vsws: Vec<usize>,
    multi_az: &'static str,
    on_demand_base: i64,
    on_demand_pct: i64,
    spot_pools: i64,
    spot_remedy: bool,
    compensate: bool,
    policy: &'static str,
    max_lifetime: Option<i64>,
    deletion_protection: bool,
    lbs: Vec<String>,
    dbs: Vec<String>,
    created: i64,
    cfgs: Vec<Cfg>,
    rules: Vec<Rule>,
    tasks: Vec<Task>,
    hooks: Vec<Hook>,
    notify: bool,
    alarms: Vec<Alarm>,
    members: Vec<Member>,
}

impl Group {
    fn active_cfg(&self) -> usize {
        self.cfgs.iter().position(|c| c.active).unwrap_or(0)
    }
}

struct Container {
    name: String,
    image: String,
    cpu: f64,
    memory: f64,
    restarts: i64,
}

struct Cg {
    id: String,
    region: usize,
    name: String,
    vsw: usize,
    status: &'static str,
    cpu: f64,
    memory: f64,
    ty: Option<usize>,
    spot: &'static str,
    spot_limit: f64,
    restart: Option<&'static str>,
    created: i64,
    ip: String,
    internet_ip: String,
    eni: String,
    env: usize,
    app: String,
    containers: Vec<Container>,
}

struct Event {
    id: String,
    inst: usize,
    kind: (i64, &'static str),
    cycle: (i64, &'static str),
    published: i64,
    not_before: i64,
    finished: Option<i64>,
    reason: &'static str,
}

struct Target {
    inst: usize,
    ok: bool,
    error: (&'static str, &'static str),
    start: i64,
}

struct Inv {
    id: String,
    region: usize,
    command_id: String,
    command: &'static str,
    command_type: &'static str,
    repeat: &'static str,
    frequency: &'static str,
    created: i64,
    targets: Vec<Target>,
}

struct Baseline {
    name: String,
    region: usize,
    id: String,
    os: &'static str,
    description: String,
    default: bool,
    non_security: bool,
    created: i64,
    updated: i64,
}

struct CollErr {
    product: &'static str,
    action: &'static str,
    region: &'static str,
    code: &'static str,
    message: &'static str,
    request_id: String,
    http_status: i64,
}

struct Fleet {
    /// Emit every API field (demo, `--full`) or only what rules and §2 use.
    full: bool,
    salt: u64,
    next_id: u64,
    account: String,
    collected: i64,
    regions: Vec<Region>,
    /// Resource group per env.
    rgs: Vec<String>,
    vsws: Vec<VSw>,
    images: Vec<Img>,
    dss: Vec<Ds>,
    insts: Vec<Inst>,
    groups: Vec<Group>,
    cgs: Vec<Cg>,
    events: Vec<Event>,
    invs: Vec<Inv>,
    baselines: Vec<Baseline>,
    errors: Vec<CollErr>,
    /// (zone, instance type) pairs whose spot price has climbed near the
    /// pay-as-you-go price (demo only).
    spot_spike: Vec<(&'static str, &'static str)>,
}

impl Fleet {
    fn new(salt: u64, account: &str) -> Fleet {
        let mut f = Fleet {
            full: true,
            salt,
            next_id: 1,
            account: account.to_string(),
            collected: collected_at(),
            regions: Vec::new(),
            rgs: Vec::new(),
            vsws: Vec::new(),
            images: Vec::new(),
            dss: Vec::new(),
            insts: Vec::new(),
            groups: Vec::new(),
            cgs: Vec::new(),
            events: Vec::new(),
            invs: Vec::new(),
            baselines: Vec::new(),
            errors: Vec::new(),
            spot_spike: Vec::new(),
        };
        f.rgs = (0..ENVS.len()).map(|_| f.id("rg-acfm", "")).collect();
        f
    }

    fn id(&mut self, prefix: &str, code: &str) -> String {
        let n = self.next_id;
        self.next_id += 1;
        make_id(prefix, code, self.salt, n)
    }

    fn rid(&mut self, prefix: &str, region: usize) -> String {
        let code = self.regions[region].spec.code;
        self.id(prefix, code)
    }

    /// 8-4-4-4-12 hex.
    fn uuid(&mut self, upper: bool) -> String {
        let n = self.next_id;
        self.next_id += 1;
        let a = mix(n ^ self.salt.rotate_left(17));
        let b = mix(a ^ 0x1234_5678);
        let s = format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            0x4000 | (a & 0x0fff),
            0x8000 | (b >> 48 & 0x3fff),
            b & 0xffff_ffff_ffff
        );
        if upper {
            s.to_uppercase()
        } else {
            s
        }
    }

    /// ESS scheduled task ids are 20 mixed-case characters.
    fn task_id(&mut self) -> String {
        let n = self.next_id;
        self.next_id += 1;
        let mut x = mix(n.wrapping_add(self.salt));
        let mut y = mix(x);
        (0..20)
            .map(|k| {
                let src = if k < 10 { &mut x } else { &mut y };
                let c = B62[(*src % 62) as usize] as char;
                *src /= 62;
                c
            })
            .collect()
    }

    fn add_region(&mut self, spec: &'static RegionSpec, zones: Vec<&'static str>) -> usize {
        let r = self.regions.len();
        self.regions.push(Region {
            spec,
            zones,
            vpc: String::new(),
            sgs: Vec::new(),
            public_next: 0,
            vsws: Vec::new(),
            images: Vec::new(),
        });
        self.regions[r].vpc = self.rid("vpc-", r);
        self.regions[r].sgs = (0..5).map(|_| self.rid("sg-", r)).collect();
        r
    }

    fn add_vsw(&mut self, region: usize, zone: &'static str, name: String, created: i64) -> usize {
        let id = self.rid("vsw-", region);
        let k = self.regions[region].vsws.len() as u32;
        self.vsws.push(VSw {
            id,
            region,
            zone,
            name,
            k,
            used: 0,
            created,
            prefix: 20,
        });
        self.regions[region].vsws.push(self.vsws.len() - 1);
        self.vsws.len() - 1
    }

    fn public_ip(&mut self, region: usize) -> String {
        let r = &mut self.regions[region];
        let c = r.public_next;
        r.public_next += 1;
        let (a, b) = r.spec.ip;
        format!(
            "{a}.{}.{}.{}",
            b as u32 + c / 64_770,
            c / 254 % 255,
            c % 254 + 1
        )
    }

    fn add_image(&mut self, mut img: Img) -> String {
        if img.id.is_empty() {
            img.id = self.rid("m-", img.region);
        }
        let id = img.id.clone();
        self.regions[img.region].images.push(self.images.len());
        self.images.push(img);
        id
    }

    fn add_inst(&mut self, s: Spec) -> usize {
        let id = self.rid("i-", s.region);
        let private_ip = self.vsws[s.vsw].next_ip();
        let (public_ip, eip) = match s.public {
            1 => (Some(self.public_ip(s.region)), None),
            2 => {
                let alloc = self.rid("eip-", s.region);
                let ip = self.public_ip(s.region);
                (None, Some((alloc, ip, 5 + 5 * (self.next_id as i64 % 4))))
            }
            _ => (None, None),
        };
        let serial = self.uuid(false);
        let expires = if s.prepaid {
            // Subscriptions run for whole months from creation.
            let months = 1 + ((self.collected - s.created) / (30 * DAY)) + 1;
            Some((s.created + months * 30 * DAY) / DAY * DAY + 16 * HOUR)
        } else {
            None
        };
        let spot_limit = match s.spot {
            "SpotWithPriceLimit" => round3(TYPES[s.ty].price * 0.6),
            _ => 0.0,
        };
        self.insts.push(Inst {
            id,
            region: s.region,
            vsw: s.vsw,
            host: s.name.clone(),
            name: s.name,
            status: s.status,
            ty: s.ty,
            image: s.image,
            os: s.os,
            charge: if s.prepaid { "PrePaid" } else { "PostPaid" },
            spot: s.spot,
            spot_limit,
            spot_duration: if s.spot == "NoSpot" { 0 } else { 1 },
            ds: s.ds,
            ds_group: 0,
            private_ip,
            public_ip,
            eip,
            role: s.role,
            env: s.env,
            app: s.app,
            spot_handler: s.spot_handler,
            created: s.created,
            expires,
            auto_release: s.auto_release,
            recycling: s.recycling,
            tokens: s.tokens,
            deletion_protection: s.deletion_protection,
            group: None,
            serial,
            ca: None,
            patch: None,
            classic: false,
            keep_charging: false,
            hop_limit: 1,
            no_key_pair: false,
            no_owner_tags: false,
        });
        let i = self.insts.len() - 1;
        if let Some(d) = s.ds {
            let ds = &mut self.dss[d];
            ds.members.push(i);
            if ds.strategy == "AvailabilityGroup" {
                self.insts[i].ds_group = 1 + (ds.members.len() as i64 - 1) % ds.group_count;
            }
        }
        i
    }

    fn add_member(
        &mut self,
        g: usize,
        inst: usize,
        cfg: usize,
        state: &'static str,
        attached: bool,
    ) {
        self.insts[inst].group = Some(g);
        self.groups[g].members.push(Member {
            inst,
            cfg,
            state,
            attached,
        });
    }

    /// Patch baselines of a region: the OOS defaults, one per OS.
    fn add_default_baselines(&mut self, region: usize) {
        for os in [ALINUX, UBUNTU, CENTOS, WINDOWS] {
            let p = OSES[os].patch_os;
            let id = self.id("pb-", "");
            self.baselines.push(Baseline {
                name: format!("ACS-{p}-DefaultPatchBaseline"),
                region,
                id,
                os: p,
                description: format!("Default patch baseline for {p}: approves security updates of Critical and Important severity"),
                default: true,
                non_security: false,
                created: at(2021, 8, 20, 2, 0, 0),
                updated: at(2025, 3, 11, 8, 30, 0),
            });
        }
    }

    fn baseline_for(&self, region: usize, os: usize) -> usize {
        let p = OSES[os].patch_os;
        self.baselines
            .iter()
            .position(|b| b.region == region && b.os == p && b.default)
            .expect("default baselines are added before patch states")
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn round4(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

fn new_ca(rng: &mut Rng, collected: i64, ok: bool) -> Ca {
    let heartbeat = if ok {
        collected - rng.range(5, 290)
    } else {
        collected - rng.range(2 * DAY, 40 * DAY)
    };
    Ca {
        ok,
        version: ["2.2.3.857", "2.2.3.754", "2.4.3.612", "2.5.3.460"][rng.below(4)],
        heartbeat,
        invoked: heartbeat - rng.range(HOUR, 20 * DAY),
        invocations: rng.range(0, 240),
    }
}

fn new_patch(rng: &mut Rng, collected: i64, baseline: usize) -> Patch {
    let missing = if rng.chance(0.35) {
        0
    } else {
        rng.range(1, 14)
    };
    Patch {
        baseline,
        installed: rng.range(180, 640),
        other: rng.range(0, 24),
        pending_reboot: if rng.chance(0.8) { 0 } else { rng.range(1, 3) },
        missing,
        failed: if rng.chance(0.95) { 0 } else { rng.range(1, 2) },
        operation: if rng.chance(0.8) { "Scan" } else { "Install" },
        start: collected - rng.range(HOUR, 7 * DAY),
    }
}

// ---------------------------------------------------------------------------
// Scaling groups: shared construction for bench and demo

enum RuleKind {
    Add,
    Remove,
    Target(f64),
    Step,
}

enum TaskKind {
    MorningOut,
    NightIn,
    WeekendIn,
}

struct GroupSpec {
    region: usize,
    name: String,
    role: String,
    env: usize,
    active: bool,
    health: &'static str,
    vsws: Vec<usize>,
    spot_mix: bool,
    created: i64,
    cfgs: Vec<Cfg>,
    rules: Vec<RuleKind>,
    tasks: Vec<TaskKind>,
    /// (transition, active)
    hooks: Vec<(&'static str, bool)>,
    notify: bool,
    /// Alarms, high (true) or low, each wired to a rule.
    alarms: Vec<bool>,
    max_lifetime: Option<i64>,
    deletion_protection: bool,
    policy: &'static str,
    multi_az: &'static str,
    lb: bool,
    db: bool,
}

fn add_group(f: &mut Fleet, rng: &mut Rng, s: GroupSpec) -> usize {
    let r = s.region;
    let id = f.rid("asg-", r);
    let rules: Vec<Rule> = s
        .rules
        .iter()
        .map(|k| {
            let id = f.rid("asr-", r);
            let (name, kind, adjustment, cooldown, metric, target, min_magnitude) = match k {
                RuleKind::Add => (
                    "add-1-instance",
                    "SimpleScalingRule",
                    ("QuantityChangeInCapacity", 1),
                    Some(300),
                    None,
                    None,
                    None,
                ),
                RuleKind::Remove => (
                    "remove-1-instance",
                    "SimpleScalingRule",
                    ("QuantityChangeInCapacity", -1),
                    Some(600),
                    None,
                    None,
                    None,
                ),
                RuleKind::Target(v) => (
                    "cpu-target-tracking",
                    "TargetTrackingScalingRule",
                    ("TotalCapacity", 0),
                    None,
                    Some("CpuUtilization"),
                    Some(*v),
                    None,
                ),
                RuleKind::Step => (
                    "step-scale-out",
                    "StepScalingRule",
                    ("PercentChangeInCapacity", 20),
                    None,
                    Some("CpuUtilization"),
                    None,
                    Some(1),
                ),
            };
            Rule {
                id,
                name: format!("{}-{name}", s.name),
                kind,
                adjustment,
                cooldown,
                metric,
                target,
                min_magnitude,
            }
        })
        .collect();
    let tomorrow = (f.collected / DAY + 1) * DAY;
    let add_rule = rules
        .iter()
        .position(|x| x.adjustment.1 > 0 && x.kind == "SimpleScalingRule");
    let tasks = s
        .tasks
        .iter()
        .map(|k| {
            let id = f.task_id();
            let (name, description, launch, recurrence, action) = match k {
                TaskKind::MorningOut => (
                    "morning-scale-out",
                    "Scale out before business hours (08:30 CST)",
                    tomorrow + 30 * 60,
                    ("Daily", "1"),
                    add_rule.ok_or((4, 20, 6)),
                ),
                TaskKind::NightIn => (
                    "night-scale-in",
                    "Shrink after 22:00 CST",
                    tomorrow + 14 * HOUR,
                    ("Daily", "1"),
                    Err((1, 10, 2)),
                ),
                TaskKind::WeekendIn => (
                    "weekend-scale-in",
                    "Minimal capacity on weekends",
                    tomorrow + 16 * HOUR,
                    ("Weekly", "0,6"),
                    Err((0, 4, 1)),
                ),
            };
            Task {
                id,
                name: name.to_string(),
                description,
                launch,
                recurrence,
                enabled: rng.chance(0.9),
                action,
            }
        })
        .collect();
    let hooks = s
        .hooks
        .iter()
        .map(|&(transition, active)| {
            let id = f.rid("ash-", r);
            let (name, default_result, timeout) = match transition {
                "SCALE_IN" => ("drain-before-release", "CONTINUE", 300),
                _ => ("bootstrap-check", "ABANDON", 600),
            };
            Hook {
                id,
                name: name.to_string(),
                transition,
                default_result,
                timeout,
                active,
                mns: rng.chance(0.7),
            }
        })
        .collect();
    let alarms = s
        .alarms
        .iter()
        .map(|&high| {
            let uuid = f.uuid(false);
            let rule = rules
                .iter()
                .position(|x| {
                    if high {
                        x.adjustment.1 > 0
                    } else {
                        x.adjustment.1 < 0
                    }
                })
                .unwrap_or(0);
            let (name, threshold, evaluations, period) =
                match rules.get(rule).and_then(|x| x.target) {
                    Some(target) => (
                        format!(
                            "TargetTracking-{}-Alarm{}-{uuid}",
                            rules[rule].id,
                            if high { "High" } else { "Low" }
                        ),
                        if high { target } else { (target * 0.9).round() },
                        if high { 3 } else { 15 },
                        60,
                    ),
                    None => (
                        format!("{}-cpu-{}", s.name, if high { "high" } else { "low" }),
                        if high { 80.0 } else { 20.0 },
                        3,
                        300,
                    ),
                };
            let state = *rng.pick(&["OK", "OK", "OK", "ALARM", "INSUFFICIENT_DATA"]);
            Alarm {
                id: format!("{id}_{uuid}"),
                name,
                high,
                threshold,
                evaluations,
                period,
                state,
                rule,
            }
        })
        .collect();
    let lbs = if s.lb {
        vec![f.rid("lb-", r)]
    } else {
        Vec::new()
    };
    let dbs = if s.db {
        vec![f.rid("rm-", r)]
    } else {
        Vec::new()
    };
    let (on_demand_base, on_demand_pct, spot_pools, spot_remedy, compensate) = if s.spot_mix {
        (
            rng.range(0, 2),
            *rng.pick(&[0, 10, 20, 30]),
            rng.range(2, 3),
            rng.chance(0.8),
            rng.chance(0.7),
        )
    } else {
        (0, 100, 0, false, false)
    };
    f.groups.push(Group {
        id,
        region: r,
        name: s.name,
        role: s.role,
        env: s.env,
        active: s.active,
        health: s.health,
        vsws: s.vsws,
        multi_az: s.multi_az,
        on_demand_base,
        on_demand_pct,
        spot_pools,
        spot_remedy,
        compensate,
        policy: s.policy,
        max_lifetime: s.max_lifetime,
        deletion_protection: s.deletion_protection,
        lbs,
        dbs,
        created: s.created,
        cfgs: s.cfgs,
        rules,
        tasks,
        hooks,
        notify: s.notify,
        alarms,
        members: Vec::new(),
    });
    f.groups.len() - 1
}

// ---------------------------------------------------------------------------
// Bench mode

fn bench(n: usize, seed: u64, full: bool) -> Fleet {
    let mut rng = Rng::new(seed);
    let mut f = Fleet::new(mix(seed), "1592468351739102");
    f.full = full;
    let now = f.collected;

    // Regions, each with 2-3 zones in use.
    let nreg = if n < 100 {
        2
    } else if n < 2000 {
        3
    } else {
        4
    };
    for spec in &REGIONS[..nreg] {
        let nz = 2 + rng.below(2);
        let off = rng.below(spec.zones.len());
        let mut zones: Vec<&'static str> = (0..nz)
            .map(|k| spec.zones[(off + k) % spec.zones.len()])
            .collect();
        zones.sort_unstable();
        f.add_region(spec, zones);
    }
    let weights: Vec<u32> = f.regions.iter().map(|r| r.spec.weight).collect();
    let wsum: usize = weights.iter().sum::<u32>() as usize;
    let share = |total: usize, r: usize, min: usize| (total * weights[r] as usize / wsum).max(min);

    // vSwitches: max(12, N/100) in all.
    let nvsw = (n / 100).max(12);
    for r in 0..nreg {
        for k in 0..share(nvsw, r, 3) {
            let zone = f.regions[r].zones[k % f.regions[r].zones.len()];
            let env = ENVS[k % 3];
            let name = format!(
                "vsw-{env}-{}-{k:03}",
                zone.rsplit('-').next().unwrap_or("z")
            );
            let created = now - rng.range(200 * DAY, 1500 * DAY);
            f.add_vsw(r, zone, name, created);
        }
    }

    // Images: max(4 per region, N/50); two system images per region, the
    // rest custom; about 45 % older than 180 days; some Deprecated.
    let nimg = (n / 50).max(4 * nreg);
    for r in 0..nreg {
        for k in 0..share(nimg, r, 4) {
            let img = if k < 2 {
                let os = [ALINUX, UBUNTU][k];
                let age = [30, 200][k] + 11 * r as i64;
                let created = (now - age * DAY) / DAY * DAY + 2 * HOUR;
                system_image(r, os, created)
            } else {
                let role = ROLES[rng.weighted(&ROLES.iter().map(|x| x.1).collect::<Vec<_>>())].0;
                let env = if rng.chance(0.6) { PROD } else { STAGING };
                let old = rng.chance(0.45);
                let age = if old {
                    rng.range(181, 1100)
                } else {
                    rng.range(2, 179)
                };
                let created = now - age * DAY - rng.range(0, DAY - 1);
                let os = [
                    ALINUX, ALINUX, ALINUX, ALINUX, ALINUX, ALINUX, ALINUX, UBUNTU, UBUNTU, CENTOS,
                ][rng.below(10)];
                let status = if old && rng.chance(0.12) {
                    "Deprecated"
                } else {
                    "Available"
                };
                custom_image(r, role, ENVS[env], os, created, status, rng.chance(0.05))
            };
            f.add_image(img);
        }
    }

    // Deployment sets.
    let nds = (n / 100).max(2 * nreg);
    for k in 0..nds {
        let r = k % nreg;
        let id = f.rid("ds-", r);
        let (strategy, group_count) = match rng.weighted(&[70, 20, 10]) {
            0 => ("Availability", 1),
            1 => ("AvailabilityGroup", rng.range(2, 7)),
            _ => ("LowLatency", 1),
        };
        let role = ROLES[rng.below(ROLES.len())].0;
        f.dss.push(Ds {
            id,
            region: r,
            name: format!("ds-{role}-{k:04}"),
            strategy,
            group_count,
            created: now - rng.range(30 * DAY, 900 * DAY),
            members: Vec::new(),
            zone_cap: None,
        });
    }
    let spread_sets: Vec<Vec<usize>> = (0..nreg)
        .map(|r| {
            (0..f.dss.len())
                .filter(|&d| f.dss[d].region == r && f.dss[d].strategy != "LowLatency")
                .collect()
        })
        .collect();
    let pick_ds = |rng: &mut Rng, r: usize| -> Option<usize> {
        let sets = &spread_sets[r];
        if sets.is_empty() {
            None
        } else {
            Some(*rng.pick(sets))
        }
    };

    // Scaling groups: N/20.
    let group_roles: Vec<usize> = (0..ROLES.len()).filter(|&k| ROLES[k].3).collect();
    let ngroups = (n / 20).max(1);
    let mut groups_in: Vec<Vec<usize>> = vec![Vec::new(); nreg];
    for k in 0..ngroups {
        let r = rng.weighted(&weights);
        let role_k = *rng.pick(&group_roles);
        let role = ROLES[role_k].0;
        let env = [PROD, PROD, PROD, STAGING, STAGING, 2][rng.below(6)];
        let name = format!("{role}-{}-{}-{k:04}", ENVS[env], f.regions[r].spec.short);
        let region_vsws = f.regions[r].vsws.clone();
        // Most multi-vSwitch groups span zones; some put two vSwitches in one zone.
        let nv = (1 + rng.weighted(&[10, 50, 40])).min(region_vsws.len());
        let spread = rng.chance(0.9);
        let mut vsws: Vec<usize> = Vec::with_capacity(nv);
        for _ in 0..64 {
            if vsws.len() == nv {
                break;
            }
            let v = *rng.pick(&region_vsws);
            let zone_taken = vsws.iter().any(|&u| f.vsws[u].zone == f.vsws[v].zone);
            if !vsws.contains(&v) && (!spread || !zone_taken) {
                vsws.push(v);
            }
        }
        let spot = rng.chance(0.45);
        let created = now - rng.range(20 * DAY, 900 * DAY);
        let ncfg = 1 + rng.below(2);
        let region_images = f.regions[r].images.clone();
        let mut cfgs = Vec::with_capacity(ncfg);
        for c in 0..ncfg {
            let active = c == ncfg - 1;
            let spot_strategy = if (active && spot) || (!active && rng.chance(0.3)) {
                if rng.chance(0.7) {
                    "SpotAsPriceGo"
                } else {
                    "SpotWithPriceLimit"
                }
            } else {
                "NoSpot"
            };
            let types = ROLES[role_k].2;
            let first = ty(types[rng.below(types.len())]);
            let mut tys = vec![first];
            if spot_strategy != "NoSpot" && types.len() > 1 {
                let second = ty(types[rng.below(types.len())]);
                if second != first {
                    tys.push(second);
                }
            }
            let img = &f.images[*rng.pick(&region_images)];
            let (image, os) = (img.id.clone(), img.os);
            let cid = f.rid("asc-", r);
            let ds = if rng.chance(0.3) {
                pick_ds(&mut rng, r)
            } else {
                None
            };
            cfgs.push(Cfg {
                id: cid,
                name: format!("{name}-v{}", c + 1),
                active,
                image,
                os,
                types: tys,
                spot: spot_strategy,
                tokens: if rng.chance(0.65) {
                    "required"
                } else {
                    "optional"
                },
                ds,
                bandwidth_out: if role == "gateway" { 10 } else { 0 },
                encrypted: rng.chance(0.6),
                created: created + (c as i64 + 1) * rng.range(DAY, 10 * DAY),
            });
        }
        let mut rules = vec![if rng.chance(0.5) {
            RuleKind::Target(*rng.pick(&[50.0, 60.0, 70.0]))
        } else {
            RuleKind::Add
        }];
        let nr = 1 + rng.below(3);
        if nr >= 2 {
            rules.push(RuleKind::Remove);
        }
        if nr >= 3 {
            rules.push(RuleKind::Step);
        }
        let tasks = match rng.below(3) {
            0 => vec![],
            1 => vec![TaskKind::MorningOut],
            _ => vec![
                TaskKind::MorningOut,
                if rng.chance(0.5) {
                    TaskKind::NightIn
                } else {
                    TaskKind::WeekendIn
                },
            ],
        };
        let nh = rng.below(3);
        let scale_in_first = rng.chance(if spot { 0.6 } else { 0.4 });
        let mut hooks = Vec::new();
        if nh >= 1 {
            hooks.push((
                if scale_in_first {
                    "SCALE_IN"
                } else {
                    "SCALE_OUT"
                },
                rng.chance(0.9),
            ));
        }
        if nh >= 2 {
            hooks.push((
                if scale_in_first {
                    "SCALE_OUT"
                } else {
                    "SCALE_IN"
                },
                rng.chance(0.9),
            ));
        }
        let alarms = match rng.below(3) {
            0 => vec![],
            1 => vec![true],
            _ => vec![true, false],
        };
        let health = ["NONE", "ECS", "LOAD_BALANCER"][rng.weighted(&[12, 58, 30])];
        let active = rng.chance(0.96);
        let spec = GroupSpec {
            region: r,
            name,
            role: role.to_string(),
            env,
            active,
            health,
            vsws,
            spot_mix: spot,
            created,
            cfgs,
            rules,
            tasks,
            hooks,
            notify: rng.chance(0.5),
            alarms,
            max_lifetime: if role == "batch" && rng.chance(0.5) {
                Some(7 * DAY)
            } else {
                None
            },
            deletion_protection: env == PROD && rng.chance(0.7),
            policy: if rng.chance(0.85) {
                "release"
            } else {
                "recycle"
            },
            multi_az: match (spot, rng.chance(0.65)) {
                (true, true) => "COST_OPTIMIZED",
                (false, true) => "PRIORITY",
                _ => "BALANCE",
            },
            lb: health == "LOAD_BALANCER" || (role == "web" && rng.chance(0.5)),
            db: role == "api" && rng.chance(0.2),
        };
        let g = add_group(&mut f, &mut rng, spec);
        if active {
            groups_in[r].push(g);
        }
    }

    // Instances.
    let role_weights: Vec<u32> = ROLES.iter().map(|x| x.1).collect();
    for i in 0..n {
        let r = rng.weighted(&weights);
        let status = ["Running", "Stopped", "Starting", "Stopping", "Pending"]
            [rng.weighted(&[900, 60, 15, 10, 15])];
        let public = match rng.weighted(&[88, 8, 4]) {
            1 => 1,
            2 => 2,
            _ => 0,
        };
        let member = if !groups_in[r].is_empty() && rng.chance(0.6) {
            Some(*rng.pick(&groups_in[r]))
        } else {
            None
        };
        let spec = match member {
            Some(g) => {
                let grp = &f.groups[g];
                let mut c = grp.active_cfg();
                if grp.cfgs.len() > 1 && rng.chance(0.15) {
                    c = rng.below(grp.cfgs.len());
                }
                let cfg = &grp.cfgs[c];
                let vsw = *rng.pick(&grp.vsws);
                let tyi = *rng.pick(&cfg.types);
                let image = cfg.image.clone();
                let os = cfg.os;
                // ESS keeps the first OnDemandBaseCapacity instances on demand,
                // and OnDemandPercentageAboveBaseCapacity percent of the rest.
                let on_demand = grp.on_demand_base as usize > grp.members.len()
                    || rng.chance(grp.on_demand_pct as f64 / 100.0);
                let spot = if on_demand { "NoSpot" } else { cfg.spot };
                let ord = grp.members.len() + 1;
                Spec {
                    name: format!("{}-{ord:03}", grp.name),
                    region: r,
                    vsw,
                    ty: tyi,
                    image,
                    os,
                    role: grp.role.clone(),
                    env: grp.env,
                    app: format!("{}-svc", grp.role),
                    spot,
                    status,
                    prepaid: false,
                    created: (now - rng.range(HOUR, 90 * DAY)).max(cfg.created + HOUR),
                    public,
                    tokens: cfg.tokens,
                    ds: cfg.ds,
                    recycling: false,
                    deletion_protection: false,
                    spot_handler: spot != "NoSpot" && rng.chance(0.7),
                    auto_release: None,
                }
            }
            None => {
                let singleton = rng.chance(0.05);
                let role_k = rng.weighted(&role_weights);
                let role = if singleton {
                    format!("svc-{i}")
                } else {
                    ROLES[role_k].0.to_string()
                };
                let env = [PROD, PROD, PROD, STAGING, STAGING, 2][rng.below(6)];
                let vsw = *rng.pick(&f.regions[r].vsws);
                let tyi = ty(ROLES[role_k].2[rng.below(ROLES[role_k].2.len())]);
                let region_images = &f.regions[r].images;
                let (image, os) = if rng.chance(0.02) {
                    // An image deleted since the instance was created.
                    (
                        make_id("m-", f.regions[r].spec.code, f.salt ^ 0xdead, i as u64),
                        ALINUX,
                    )
                } else {
                    let m = &f.images[*rng.pick(region_images)];
                    (m.id.clone(), m.os)
                };
                let spot = if rng.chance(0.1) {
                    if rng.chance(0.7) {
                        "SpotAsPriceGo"
                    } else {
                        "SpotWithPriceLimit"
                    }
                } else {
                    "NoSpot"
                };
                let prepaid = spot == "NoSpot" && rng.chance(0.35);
                let ds = if rng.chance(0.4) {
                    pick_ds(&mut rng, r)
                } else {
                    None
                };
                Spec {
                    name: format!("{role}-{}-{}-{i:06}", ENVS[env], f.regions[r].spec.short),
                    region: r,
                    vsw,
                    ty: tyi,
                    image,
                    os,
                    app: format!("{role}-svc"),
                    role,
                    env,
                    spot,
                    status,
                    prepaid,
                    created: now - rng.range(DAY, 3 * 365 * DAY),
                    public,
                    tokens: if rng.chance(0.6) {
                        "required"
                    } else {
                        "optional"
                    },
                    ds,
                    recycling: spot != "NoSpot" && status == "Running" && rng.chance(0.03),
                    deletion_protection: env == PROD && rng.chance(0.4),
                    spot_handler: spot != "NoSpot" && rng.chance(0.6),
                    auto_release: if spot == "NoSpot" && env == 2 && rng.chance(0.3) {
                        Some(now + rng.range(HOUR, 30 * DAY))
                    } else {
                        None
                    },
                }
            }
        };
        let spot = spec.spot;
        let idx = f.add_inst(spec);
        if rng.chance(0.3) {
            f.insts[idx].host = format!("iZ{}Z", &f.insts[idx].id[2..]);
        }
        if let Some(g) = member {
            let c = f.groups[g]
                .cfgs
                .iter()
                .position(|c| c.image == f.insts[idx].image && (c.spot == spot || spot == "NoSpot"))
                .unwrap_or(0);
            let state = match status {
                "Running" => [
                    "InService",
                    "InService",
                    "InService",
                    "InService",
                    "InService",
                    "InService",
                    "InService",
                    "InService",
                    "Protected",
                    "Standby",
                ][rng.below(10)],
                "Pending" | "Starting" => "Pending",
                "Stopped" => "Stopped",
                _ => "Removing",
            };
            f.add_member(g, idx, c, state, rng.chance(0.1));
        }
    }

    // Cloud Assistant for ~95 %, patch states for most of those.
    f.add_baselines_everywhere();
    for i in 0..f.insts.len() {
        if !rng.chance(0.95) {
            continue;
        }
        let ok = f.insts[i].status == "Running" && rng.chance(0.93);
        f.insts[i].ca = Some(new_ca(&mut rng, now, ok));
        if ok && rng.chance(0.85) {
            let b = f.baseline_for(f.insts[i].region, f.insts[i].os);
            f.insts[i].patch = Some(new_patch(&mut rng, now, b));
        }
    }

    // A few system events.
    let by_region: Vec<Vec<usize>> = (0..nreg)
        .map(|r| {
            (0..f.insts.len())
                .filter(|&i| f.insts[i].region == r)
                .collect()
        })
        .collect();
    for _ in 0..(n / 200).max(1) {
        let inst = rng.below(f.insts.len());
        let r = f.insts[inst].region;
        let id = f.rid("e-", r);
        let ev = match rng.weighted(&[50, 35, 15]) {
            0 => {
                let nb = now + rng.range(DAY, 7 * DAY);
                Event { id, inst, kind: (1, "SystemMaintenance.Reboot"), cycle: (24, "Scheduled"), published: now - rng.range(HOUR, 3 * DAY), not_before: nb, finished: None, reason: "The host of the instance needs maintenance; the instance will be restarted." }
            }
            1 => {
                let nb = now - rng.range(DAY, 25 * DAY);
                Event {
                    id,
                    inst,
                    kind: (65, "SystemFailure.Reboot"),
                    cycle: (0, "Executed"),
                    published: nb - 120,
                    not_before: nb,
                    finished: Some(nb + rng.range(60, 600)),
                    reason: "The instance was restarted after a host hardware failure.",
                }
            }
            _ => {
                let nb = now - rng.range(DAY, 20 * DAY);
                Event {
                    id,
                    inst,
                    kind: (34, "InstanceExpiration.Stop"),
                    cycle: (8, "Avoided"),
                    published: nb - 7 * DAY,
                    not_before: nb,
                    finished: Some(nb - rng.range(DAY, 6 * DAY)),
                    reason: "The subscription was about to expire and has been renewed.",
                }
            }
        };
        f.events.push(ev);
    }

    // Cloud Assistant invocations: N/100.
    for _ in 0..(n / 100).max(1) {
        let r = rng.below(nreg);
        if by_region[r].is_empty() {
            continue;
        }
        let id = f.id("t-", &format!("{}0", f.regions[r].spec.short));
        let command_id = f.id("c-", &format!("{}0", f.regions[r].spec.short));
        let created = now - rng.range(HOUR, 14 * DAY);
        let (command, repeat, frequency) = *rng.pick(&[
            ("acme-rotate-logs", "Period", "0 0 19 * * ?"),
            ("acme-collect-diagnostics", "Once", ""),
            ("acme-refresh-certs", "Once", ""),
            ("acme-node-exporter-check", "Period", "0 */30 * * * ?"),
        ]);
        let targets = (0..rng.range(1, 8))
            .map(|_| {
                let inst = *rng.pick(&by_region[r]);
                let ok = f.insts[inst].ca.as_ref().is_some_and(|c| c.ok) && rng.chance(0.95);
                let error = if ok {
                    ("", "")
                } else if f.insts[inst].ca.as_ref().is_some_and(|c| c.ok) {
                    (
                        "ExitCodeNonzero",
                        "the command execution exit code is not zero.",
                    )
                } else {
                    (
                        "ClientNotRunning",
                        "the Cloud Assistant agent is not running.",
                    )
                };
                Target {
                    inst,
                    ok,
                    error,
                    start: created + rng.range(1, 5),
                }
            })
            .collect();
        f.invs.push(Inv {
            id,
            region: r,
            command_id,
            command,
            command_type: "RunShellScript",
            repeat,
            frequency,
            created,
            targets,
        });
    }

    // ECI container groups: N/10.
    for k in 0..(n / 10).max(1) {
        let r = rng.weighted(&weights);
        let vsw = *rng.pick(&f.regions[r].vsws);
        let spot = if rng.chance(0.3) {
            if rng.chance(0.7) {
                "SpotAsPriceGo"
            } else {
                "SpotWithPriceLimit"
            }
        } else {
            "NoSpot"
        };
        let restart = [Some("Always"), Some("OnFailure"), Some("Never"), None]
            [rng.weighted(&[50, 20, 15, 15])];
        let status = [
            "Running",
            "Succeeded",
            "Pending",
            "Failed",
            "Restarting",
            "Scheduling",
        ][rng.weighted(&[80, 8, 4, 4, 2, 2])];
        let app = *rng.pick(&[
            "ingest",
            "report",
            "thumbnail",
            "crawler",
            "webhook",
            "transcode",
            "cron",
            "preview",
        ]);
        let env = [PROD, PROD, STAGING][rng.below(3)];
        let cpu = *rng.pick(&[0.25, 0.5, 1.0, 2.0, 4.0, 8.0]);
        let memory = cpu * *rng.pick(&[1.0, 2.0, 4.0]);
        let ty_k = if spot != "NoSpot" && cpu >= 2.0 {
            Some(ty(if memory <= cpu * 2.0 {
                if cpu >= 8.0 {
                    "ecs.c7.2xlarge"
                } else if cpu >= 4.0 {
                    "ecs.c7.xlarge"
                } else {
                    "ecs.c7.large"
                }
            } else if cpu >= 8.0 {
                "ecs.g7.2xlarge"
            } else if cpu >= 4.0 {
                "ecs.g7.xlarge"
            } else {
                "ecs.g7.large"
            }))
        } else {
            None
        };
        let created = now - rng.range(10 * 60, 60 * DAY);
        let cg = new_cg(
            &mut f,
            &mut rng,
            r,
            vsw,
            format!("{app}-{}-{k:05}", ENVS[env]),
            app,
            env,
            status,
            cpu,
            memory,
            ty_k,
            spot,
            restart,
            created,
        );
        f.cgs.push(cg);
    }
    f
}

impl Fleet {
    fn add_baselines_everywhere(&mut self) {
        for r in 0..self.regions.len() {
            self.add_default_baselines(r);
        }
    }
}

fn system_image(region: usize, os: usize, created: i64) -> Img {
    let o = &OSES[os];
    let date = yyyymmdd(created);
    Img {
        id: format!("{}{date}.vhd", o.stem),
        region,
        name: format!("{}{date}.vhd", o.stem),
        family: format!(
            "acs:{}",
            o.stem
                .trim_end_matches('_')
                .trim_end_matches("_alibase")
                .to_lowercase()
        ),
        version: date,
        owner: "system",
        created,
        os,
        status: "Available",
        copied: false,
        description: String::new(),
        tags: Vec::new(),
    }
}

fn custom_image(
    region: usize,
    role: &str,
    env: &str,
    os: usize,
    created: i64,
    status: &'static str,
    copied: bool,
) -> Img {
    let date = yyyymmdd(created);
    Img {
        id: String::new(),
        region,
        name: format!("{role}-{env}-base-{date}"),
        family: format!("acme-{role}-{env}"),
        version: date.clone(),
        owner: "self",
        created,
        os,
        status,
        copied,
        description: format!("{role} base image built by packer on {date}"),
        tags: vec![
            ("role".into(), role.into()),
            ("built-by".into(), "packer".into()),
        ],
    }
}

#[allow(clippy::too_many_arguments)]
fn new_cg(
    f: &mut Fleet,
    rng: &mut Rng,
    r: usize,
    vsw: usize,
    name: String,
    app: &str,
    env: usize,
    status: &'static str,
    cpu: f64,
    memory: f64,
    ty: Option<usize>,
    spot: &'static str,
    restart: Option<&'static str>,
    created: i64,
) -> Cg {
    let id = f.rid("eci-", r);
    let eni = f.rid("eni-", r);
    let ip = f.vsws[vsw].next_ip();
    let internet_ip = if rng.chance(0.1) {
        f.public_ip(r)
    } else {
        String::new()
    };
    let region = f.regions[r].spec.id;
    let mut containers = vec![Container {
        name: app.to_string(),
        image: format!(
            "registry-vpc.{region}.aliyuncs.com/acme/{app}:1.{}.{}",
            rng.range(0, 12),
            rng.range(0, 9)
        ),
        cpu: if cpu >= 1.0 { cpu - cpu / 4.0 } else { cpu },
        memory: if memory >= 2.0 {
            memory - memory / 4.0
        } else {
            memory
        },
        restarts: if status == "Restarting" {
            rng.range(1, 9)
        } else {
            0
        },
    }];
    if cpu >= 1.0 {
        containers.push(Container {
            name: "log-agent".into(),
            image: format!(
                "registry-vpc.{region}.aliyuncs.com/acs/logtail:v1.8.{}.0-aliyun",
                rng.range(1, 7)
            ),
            cpu: cpu / 4.0,
            memory: memory / 4.0,
            restarts: 0,
        });
    }
    let spot_limit = match (spot, ty) {
        ("SpotWithPriceLimit", Some(t)) => round3(TYPES[t].price * 0.5),
        ("SpotWithPriceLimit", None) => round3(0.05 * cpu + 0.02),
        _ => 0.0,
    };
    Cg {
        id,
        region: r,
        name,
        vsw,
        status,
        cpu,
        memory,
        ty,
        spot,
        spot_limit,
        restart,
        created,
        ip,
        internet_ip,
        eni,
        env,
        app: app.to_string(),
        containers,
    }
}

// ---------------------------------------------------------------------------
// Demo mode

fn demo() -> Fleet {
    let mut f = Fleet::new(0xEC5_6A4D, "1592468351739102");
    let mut rng = Rng::new(42);
    let now = f.collected;
    let hz = f.add_region(
        &REGIONS[0],
        vec!["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j"],
    );
    let sh = f.add_region(
        &REGIONS[1],
        vec!["cn-shanghai-e", "cn-shanghai-f", "cn-shanghai-g"],
    );

    // vSwitches. The api-staging-sh group sits on two vSwitches of one zone.
    let vc = at(2024, 3, 4, 2, 15, 0);
    let hz_h = f.add_vsw(hz, "cn-hangzhou-h", "prod-hz-h-app".into(), vc);
    let hz_i = f.add_vsw(hz, "cn-hangzhou-i", "prod-hz-i-app".into(), vc);
    let hz_j = f.add_vsw(hz, "cn-hangzhou-j", "prod-hz-j-app".into(), vc);
    let hz_i_batch = f.add_vsw(
        hz,
        "cn-hangzhou-i",
        "staging-hz-i-batch".into(),
        vc + 40 * DAY,
    );
    let hz_j_batch = f.add_vsw(
        hz,
        "cn-hangzhou-j",
        "staging-hz-j-batch".into(),
        vc + 40 * DAY,
    );
    let sc = at(2024, 6, 17, 3, 40, 0);
    let sh_e = f.add_vsw(sh, "cn-shanghai-e", "prod-sh-e-app".into(), sc);
    let sh_g = f.add_vsw(sh, "cn-shanghai-g", "prod-sh-g-app".into(), sc);
    let sh_e_web = f.add_vsw(sh, "cn-shanghai-e", "staging-sh-e-web".into(), sc + 9 * DAY);
    let sh_f_web = f.add_vsw(sh, "cn-shanghai-f", "staging-sh-f-web".into(), sc + 9 * DAY);
    let sh_f_api_a = f.add_vsw(
        sh,
        "cn-shanghai-f",
        "staging-sh-f-api-a".into(),
        sc + 9 * DAY,
    );
    let sh_f_api_b = f.add_vsw(
        sh,
        "cn-shanghai-f",
        "staging-sh-f-api-b".into(),
        sc + 121 * DAY,
    );

    // Images; ages are counted back from collected_at (2026-11-20).
    let alinux_old = f.add_image(system_image(hz, ALINUX, at(2025, 9, 17, 2, 0, 0))); // 429 days
    let alinux_new = f.add_image(system_image(hz, ALINUX, at(2026, 10, 15, 2, 0, 0))); // 36 days
    let web_golden_hz = f.add_image(custom_image(
        hz,
        "web",
        "prod",
        ALINUX,
        at(2026, 10, 2, 9, 12, 41),
        "Available",
        false,
    )); // 49 days
    let api_golden_hz = f.add_image(custom_image(
        hz,
        "api",
        "prod",
        ALINUX,
        at(2026, 11, 9, 7, 3, 18),
        "Available",
        false,
    )); // 11 days
    let batch_old_hz = f.add_image(custom_image(
        hz,
        "batch",
        "staging",
        ALINUX,
        at(2026, 3, 2, 11, 45, 0),
        "Available",
        false,
    )); // 263 days
    let db_hz = f.add_image(custom_image(
        hz,
        "db",
        "prod",
        ALINUX,
        at(2026, 5, 29, 8, 20, 5),
        "Available",
        false,
    )); // 175 days
    let ubuntu_sh = f.add_image(system_image(sh, UBUNTU, at(2026, 8, 18, 2, 0, 0))); // 94 days
    let windows_sh = f.add_image(system_image(sh, WINDOWS, at(2026, 9, 12, 2, 0, 0))); // 69 days
    let mut web_copy = custom_image(
        sh,
        "web",
        "prod",
        ALINUX,
        at(2026, 10, 3, 1, 30, 12),
        "Available",
        true,
    ); // 48 days
    web_copy.description =
        "web prod base image built by packer on 20261002, copied from cn-hangzhou".into();
    let web_golden_sh = f.add_image(web_copy);
    let api_old_sh = f.add_image(custom_image(
        sh,
        "api",
        "staging",
        UBUNTU,
        at(2026, 4, 15, 10, 5, 33),
        "Available",
        false,
    )); // 219 days
    let batch_deprecated_sh = f.add_image(custom_image(
        sh,
        "batch",
        "prod",
        UBUNTU,
        at(2025, 11, 4, 6, 0, 0),
        "Deprecated",
        false,
    )); // 381 days
    let batch_new_sh = f.add_image(custom_image(
        sh,
        "batch",
        "prod",
        UBUNTU,
        at(2026, 10, 27, 6, 0, 0),
        "Available",
        false,
    )); // 24 days

    // Deployment sets.
    let mk_ds = |f: &mut Fleet, r: usize, name: &str, strategy: &'static str, created: i64| {
        let id = f.rid("ds-", r);
        f.dss.push(Ds {
            id,
            region: r,
            name: name.into(),
            strategy,
            group_count: 1,
            created,
            members: Vec::new(),
            zone_cap: None,
        });
        f.dss.len() - 1
    };
    let ds_db_hz = mk_ds(
        &mut f,
        hz,
        "db-prod-hz-spread",
        "Availability",
        at(2025, 2, 11, 3, 0, 0),
    );
    mk_ds(
        &mut f,
        hz,
        "batch-lowlatency-hz",
        "LowLatency",
        at(2025, 7, 1, 8, 30, 0),
    );
    let ds_db_sh = mk_ds(
        &mut f,
        sh,
        "db-prod-sh-spread",
        "Availability",
        at(2025, 4, 22, 3, 0, 0),
    );

    f.add_baselines_everywhere();
    let custom_id = f.id("pb-", "");
    f.baselines.push(Baseline {
        name: "acme-prod-linux-security".into(),
        region: hz,
        id: custom_id,
        os: "AliyunLinux",
        description: "Production Linux hosts: security patches only, approved after 7 days".into(),
        default: false,
        non_security: false,
        created: at(2025, 6, 3, 9, 0, 0),
        updated: at(2026, 9, 28, 2, 30, 0),
    });

    let base = |name: &str,
                region: usize,
                vsw: usize,
                t: &str,
                image: &str,
                os: usize,
                role: &str,
                env: usize,
                created: i64| Spec {
        name: name.to_string(),
        region,
        vsw,
        ty: ty(t),
        image: image.to_string(),
        os,
        role: role.to_string(),
        env,
        app: match role {
            "web" => "storefront".into(),
            "api" => "orders-api".into(),
            "batch" => "reporting".into(),
            "db" => "mysql".into(),
            "bastion" => "ops-jump".into(),
            other => other.to_string(),
        },
        spot: "NoSpot",
        status: "Running",
        prepaid: false,
        created,
        public: 0,
        tokens: "required",
        ds: None,
        recycling: false,
        deletion_protection: false,
        spot_handler: false,
        auto_release: None,
    };

    // --- cn-hangzhou scaling groups -------------------------------------
    let cfgs_web_hz = vec![
        demo_cfg(
            &mut f,
            hz,
            "web-prod-hz-v11",
            false,
            &alinux_old,
            &["ecs.g6.large"],
            "NoSpot",
            "optional",
            at(2025, 9, 20, 6, 0, 0),
        ),
        demo_cfg(
            &mut f,
            hz,
            "web-prod-hz-v12",
            true,
            &web_golden_hz,
            &["ecs.g7.large"],
            "NoSpot",
            "required",
            at(2026, 10, 3, 2, 10, 0),
        ),
    ];
    let g_web_hz = add_group(
        &mut f,
        &mut rng,
        GroupSpec {
            region: hz,
            name: "web-prod-hz".into(),
            role: "web".into(),
            env: PROD,
            active: true,
            health: "LOAD_BALANCER",
            vsws: vec![hz_h, hz_i],
            spot_mix: false,
            created: at(2025, 1, 8, 3, 12, 0),
            cfgs: cfgs_web_hz,
            rules: vec![RuleKind::Target(60.0), RuleKind::Add, RuleKind::Remove],
            tasks: vec![TaskKind::MorningOut, TaskKind::NightIn],
            hooks: vec![("SCALE_IN", true)],
            notify: true,
            alarms: vec![true, false],
            max_lifetime: None,
            deletion_protection: true,
            policy: "release",
            multi_az: "BALANCE",
            lb: true,
            db: false,
        },
    );
    let cfgs_api_hz = vec![demo_cfg(
        &mut f,
        hz,
        "api-prod-hz-spot-v3",
        true,
        &api_golden_hz,
        &["ecs.c7.xlarge", "ecs.g7.xlarge"],
        "SpotAsPriceGo",
        "required",
        at(2026, 11, 9, 9, 0, 0),
    )];
    let g_api_hz = add_group(
        &mut f,
        &mut rng,
        GroupSpec {
            region: hz,
            name: "api-prod-hz".into(),
            role: "api".into(),
            env: PROD,
            active: true,
            health: "ECS",
            vsws: vec![hz_h, hz_j],
            spot_mix: true,
            created: at(2025, 1, 8, 3, 40, 0),
            cfgs: cfgs_api_hz,
            rules: vec![RuleKind::Target(55.0), RuleKind::Step],
            tasks: vec![TaskKind::MorningOut],
            hooks: vec![("SCALE_IN", true), ("SCALE_OUT", true)],
            notify: true,
            alarms: vec![true],
            max_lifetime: None,
            deletion_protection: true,
            policy: "release",
            multi_az: "COST_OPTIMIZED",
            lb: false,
            db: true,
        },
    );
    let cfgs_batch_hz = vec![demo_cfg(
        &mut f,
        hz,
        "batch-staging-hz-v7",
        true,
        &batch_old_hz,
        &["ecs.c7.2xlarge"],
        "SpotWithPriceLimit",
        "required",
        at(2026, 3, 3, 4, 0, 0),
    )];
    let g_batch_hz = add_group(
        &mut f,
        &mut rng,
        GroupSpec {
            region: hz,
            name: "batch-staging-hz".into(),
            role: "batch".into(),
            env: STAGING,
            active: true,
            health: "ECS",
            vsws: vec![hz_i_batch, hz_j_batch],
            spot_mix: true,
            created: at(2025, 5, 19, 12, 0, 0),
            cfgs: cfgs_batch_hz,
            rules: vec![RuleKind::Add, RuleKind::Remove],
            tasks: vec![TaskKind::NightIn, TaskKind::WeekendIn],
            // The SCALE_IN hook exists but is switched off: no graceful drain.
            hooks: vec![("SCALE_IN", false), ("SCALE_OUT", true)],
            notify: false,
            alarms: vec![true, false],
            max_lifetime: Some(7 * DAY),
            deletion_protection: false,
            policy: "release",
            multi_az: "COST_OPTIMIZED",
            lb: false,
            db: false,
        },
    );

    // --- cn-shanghai scaling groups --------------------------------------
    let cfgs_web_sh = vec![demo_cfg(
        &mut f,
        sh,
        "web-staging-sh-v4",
        true,
        &web_golden_sh,
        &["ecs.g7.large"],
        "NoSpot",
        "required",
        at(2026, 10, 4, 3, 0, 0),
    )];
    let g_web_sh = add_group(
        &mut f,
        &mut rng,
        GroupSpec {
            region: sh,
            name: "web-staging-sh".into(),
            role: "web".into(),
            env: STAGING,
            active: true,
            health: "NONE",
            vsws: vec![sh_e_web, sh_f_web],
            spot_mix: false,
            created: at(2025, 3, 14, 7, 0, 0),
            cfgs: cfgs_web_sh,
            rules: vec![RuleKind::Add, RuleKind::Remove],
            tasks: vec![TaskKind::NightIn],
            hooks: vec![],
            notify: false,
            alarms: vec![true],
            max_lifetime: None,
            deletion_protection: false,
            policy: "release",
            multi_az: "PRIORITY",
            lb: false,
            db: false,
        },
    );
    let cfgs_api_sh = vec![
        // A spot trial that was rolled back: Inactive, so not judged.
        demo_cfg(
            &mut f,
            sh,
            "api-staging-sh-spot-trial",
            false,
            &api_old_sh,
            &["ecs.c7.xlarge"],
            "SpotAsPriceGo",
            "required",
            at(2026, 4, 16, 2, 0, 0),
        ),
        demo_cfg(
            &mut f,
            sh,
            "api-staging-sh-v5",
            true,
            &api_old_sh,
            &["ecs.g7.large"],
            "NoSpot",
            "required",
            at(2026, 4, 20, 2, 0, 0),
        ),
    ];
    let g_api_sh = add_group(
        &mut f,
        &mut rng,
        GroupSpec {
            region: sh,
            name: "api-staging-sh".into(),
            role: "api".into(),
            env: STAGING,
            active: true,
            health: "LOAD_BALANCER",
            vsws: vec![sh_f_api_a, sh_f_api_b],
            spot_mix: false,
            created: at(2025, 3, 14, 7, 20, 0),
            cfgs: cfgs_api_sh,
            rules: vec![RuleKind::Target(65.0)],
            tasks: vec![],
            hooks: vec![("SCALE_OUT", true)],
            notify: true,
            alarms: vec![true, false],
            max_lifetime: None,
            deletion_protection: false,
            policy: "release",
            multi_az: "PRIORITY",
            lb: true,
            db: false,
        },
    );
    let cfgs_batch_sh = vec![
        demo_cfg(
            &mut f,
            sh,
            "batch-prod-sh-v8",
            false,
            &batch_deprecated_sh,
            &["ecs.c6.2xlarge"],
            "NoSpot",
            "optional",
            at(2025, 11, 5, 3, 0, 0),
        ),
        demo_cfg(
            &mut f,
            sh,
            "batch-prod-sh-v9",
            true,
            &batch_new_sh,
            &["ecs.c7.2xlarge", "ecs.g7.2xlarge"],
            "SpotAsPriceGo",
            "required",
            at(2026, 10, 28, 3, 0, 0),
        ),
    ];
    let g_batch_sh = add_group(
        &mut f,
        &mut rng,
        GroupSpec {
            region: sh,
            name: "batch-prod-sh".into(),
            role: "batch".into(),
            env: PROD,
            active: true,
            health: "ECS",
            vsws: vec![sh_e, sh_g],
            spot_mix: true,
            created: at(2025, 2, 2, 1, 0, 0),
            cfgs: cfgs_batch_sh,
            rules: vec![RuleKind::Add, RuleKind::Remove],
            tasks: vec![TaskKind::MorningOut],
            hooks: vec![("SCALE_IN", true)],
            notify: true,
            alarms: vec![true, false],
            max_lifetime: Some(14 * DAY),
            deletion_protection: true,
            policy: "release",
            multi_az: "COST_OPTIMIZED",
            lb: false,
            db: false,
        },
    );
    // Capacity mix of the demo spot groups: api-prod-hz keeps two on demand.
    f.groups[g_api_hz].on_demand_base = 2;
    f.groups[g_api_hz].on_demand_pct = 0;
    for g in [g_batch_hz, g_batch_sh] {
        f.groups[g].on_demand_base = 0;
        f.groups[g].on_demand_pct = 0;
    }

    // --- cn-hangzhou instances ------------------------------------------
    let member = |f: &mut Fleet, g: usize, spec: Spec, state: &'static str| {
        let cfg = f.groups[g].active_cfg();
        let i = f.add_inst(spec);
        f.add_member(g, i, cfg, state, false);
        i
    };
    for k in 1..=10 {
        let vsw = if k % 2 == 1 { hz_h } else { hz_i };
        let s = base(
            &format!("web-prod-hz-{k:02}"),
            hz,
            vsw,
            "ecs.g7.large",
            &web_golden_hz,
            ALINUX,
            "web",
            PROD,
            at(2026, 10, 3, 2, 30, 0) + k * 95,
        );
        member(&mut f, g_web_hz, s, "InService");
    }
    for k in 1..=6 {
        let vsw = if k % 2 == 1 { hz_h } else { hz_j };
        let mut s = base(
            &format!("api-prod-hz-{k:02}"),
            hz,
            vsw,
            if k <= 4 {
                "ecs.c7.xlarge"
            } else {
                "ecs.g7.xlarge"
            },
            &api_golden_hz,
            ALINUX,
            "api",
            PROD,
            at(2026, 11, 9, 9, 20, 0) + k * 70,
        );
        // OnDemandBaseCapacity=2: the first two stay on demand.
        if k > 2 {
            s.spot = "SpotAsPriceGo";
            s.spot_handler = true;
        }
        member(&mut f, g_api_hz, s, "InService");
    }
    for k in 1..=4 {
        let vsw = if k % 2 == 1 { hz_i_batch } else { hz_j_batch };
        let mut s = base(
            &format!("batch-staging-hz-{k:02}"),
            hz,
            vsw,
            "ecs.c7.2xlarge",
            &batch_old_hz,
            ALINUX,
            "batch",
            STAGING,
            at(2026, 11, 19, 14, 5, 0) + k * 40,
        );
        s.spot = "SpotWithPriceLimit";
        member(&mut f, g_batch_hz, s, "InService");
    }
    let mut hz_standalone = Vec::new();
    for (k, vsw) in [(1, hz_h), (2, hz_i), (3, hz_j)] {
        let mut s = base(
            &format!("db-prod-hz-{k:02}"),
            hz,
            vsw,
            "ecs.r7.2xlarge",
            &db_hz,
            ALINUX,
            "db",
            PROD,
            at(2026, 6, 2, 3, 0, 0) + k * 600,
        );
        s.prepaid = true;
        s.ds = Some(ds_db_hz);
        s.deletion_protection = true;
        hz_standalone.push(f.add_inst(s));
    }
    let mut s = base(
        "db-staging-hz-01",
        hz,
        hz_i,
        "ecs.g7.xlarge",
        &alinux_old,
        ALINUX,
        "db",
        STAGING,
        at(2025, 10, 2, 8, 0, 0),
    );
    s.tokens = "optional";
    hz_standalone.push(f.add_inst(s));
    let mut s = base(
        "bastion-prod-hz",
        hz,
        hz_h,
        "ecs.t6-c1m2.large",
        &alinux_new,
        ALINUX,
        "bastion",
        PROD,
        at(2026, 10, 16, 1, 0, 0),
    );
    s.public = 1;
    s.tokens = "optional";
    s.deletion_protection = true;
    hz_standalone.push(f.add_inst(s));
    let mut s = base(
        "api-edge-prod-hz-01",
        hz,
        hz_j,
        "ecs.c7.large",
        &api_golden_hz,
        ALINUX,
        "api",
        PROD,
        at(2026, 11, 10, 2, 0, 0),
    );
    s.public = 2;
    s.app = "edge-gateway".into();
    hz_standalone.push(f.add_inst(s));
    for k in 1..=2 {
        let mut s = base(
            &format!("batch-adhoc-hz-{k:02}"),
            hz,
            hz_i_batch,
            "ecs.c7.2xlarge",
            &alinux_new,
            ALINUX,
            "batch",
            STAGING,
            at(2026, 11, 18, 22, 0, 0) + k * 300,
        );
        s.spot = "SpotAsPriceGo";
        s.recycling = k == 2;
        s.auto_release = Some(at(2026, 11, 21, 0, 0, 0));
        hz_standalone.push(f.add_inst(s));
    }
    let mut s = base(
        "web-staging-hz-01",
        hz,
        hz_i,
        "ecs.g7.large",
        &web_golden_hz,
        ALINUX,
        "web",
        STAGING,
        at(2026, 10, 6, 5, 0, 0),
    );
    s.status = "Stopped";
    hz_standalone.push(f.add_inst(s));
    for k in 1..=2 {
        let mut s = base(
            &format!("api-staging-hz-{k:02}"),
            hz,
            if k == 1 { hz_h } else { hz_j },
            "ecs.g7.large",
            &api_golden_hz,
            ALINUX,
            "api",
            STAGING,
            at(2026, 11, 10, 4, 0, 0) + k * 120,
        );
        s.tokens = "optional";
        hz_standalone.push(f.add_inst(s));
    }

    // --- cn-shanghai instances ------------------------------------------
    // MultiAZPolicy PRIORITY fills the first vSwitch first: three of the
    // four sit in cn-shanghai-e.
    for k in 1..=4 {
        let vsw = if k < 4 { sh_e_web } else { sh_f_web };
        let s = base(
            &format!("web-staging-sh-{k:02}"),
            sh,
            vsw,
            "ecs.g7.large",
            &web_golden_sh,
            ALINUX,
            "web",
            STAGING,
            at(2026, 10, 4, 6, 0, 0) + k * 80,
        );
        member(&mut f, g_web_sh, s, "InService");
    }
    for k in 1..=4 {
        let vsw = if k % 2 == 1 { sh_f_api_a } else { sh_f_api_b };
        let s = base(
            &format!("api-staging-sh-{k:02}"),
            sh,
            vsw,
            "ecs.g7.large",
            &api_old_sh,
            UBUNTU,
            "api",
            STAGING,
            at(2026, 4, 21, 3, 0, 0) + k * 90,
        );
        member(&mut f, g_api_sh, s, "InService");
    }
    for k in 1..=8 {
        let vsw = if k % 2 == 1 { sh_e } else { sh_g };
        let mut s = base(
            &format!("batch-prod-sh-{k:02}"),
            sh,
            vsw,
            if k <= 5 {
                "ecs.c7.2xlarge"
            } else {
                "ecs.g7.2xlarge"
            },
            &batch_new_sh,
            UBUNTU,
            "batch",
            PROD,
            at(2026, 11, 19, 20, 0, 0) + k * 45,
        );
        s.spot = "SpotAsPriceGo";
        s.spot_handler = true;
        if k == 8 {
            s.status = "Pending";
            s.created = now - 4 * 60;
        }
        member(
            &mut f,
            g_batch_sh,
            s,
            if k == 8 { "Pending" } else { "InService" },
        );
    }
    let mut s = base(
        "web-prod-sh-legacy-01",
        sh,
        sh_e,
        "ecs.g6.large",
        &ubuntu_sh,
        UBUNTU,
        "web",
        PROD,
        at(2026, 8, 20, 9, 0, 0),
    );
    s.public = 2;
    s.tokens = "optional";
    f.add_inst(s);
    let mut s = base(
        "bastion-prod-sh",
        sh,
        sh_g,
        "ecs.g7.large",
        &windows_sh,
        WINDOWS,
        "bastion",
        PROD,
        at(2026, 9, 15, 2, 0, 0),
    );
    s.public = 1;
    s.deletion_protection = true;
    f.add_inst(s);
    for (k, vsw) in [(1, sh_e), (2, sh_g), (3, sh_e)] {
        let mut s = base(
            &format!("db-prod-sh-{k:02}"),
            sh,
            vsw,
            "ecs.r7.xlarge",
            &ubuntu_sh,
            UBUNTU,
            "db",
            PROD,
            at(2026, 8, 25, 3, 0, 0) + k * 600,
        );
        s.prepaid = true;
        s.ds = Some(ds_db_sh);
        s.deletion_protection = true;
        f.add_inst(s);
    }
    let mut s = base(
        "batch-render-sh-01",
        sh,
        sh_g,
        "ecs.c7.4xlarge",
        &ubuntu_sh,
        UBUNTU,
        "batch",
        PROD,
        at(2026, 11, 19, 23, 30, 0),
    );
    s.spot = "SpotWithPriceLimit";
    s.app = "render".into();
    f.add_inst(s);
    let mut s = base(
        "batch-render-sh-02",
        sh,
        sh_e,
        "ecs.c7.4xlarge",
        &batch_deprecated_sh,
        UBUNTU,
        "batch",
        PROD,
        at(2026, 11, 19, 23, 31, 0),
    );
    s.spot = "SpotAsPriceGo";
    s.app = "render".into();
    s.recycling = true;
    f.add_inst(s);

    // Hostnames: Windows caps them at 15 characters.
    for inst in f.insts.iter_mut() {
        if inst.os == WINDOWS {
            inst.host = "bastion-sh-01".into();
        }
    }

    // Cloud Assistant: cn-hangzhou only (the cn-shanghai call failed).
    let agent_down = ["db-prod-hz-02", "batch-adhoc-hz-01", "web-staging-hz-01"];
    for i in 0..f.insts.len() {
        if f.insts[i].region != hz {
            continue;
        }
        let ok = !agent_down.contains(&f.insts[i].name.as_str());
        f.insts[i].ca = Some(new_ca(&mut rng, now, ok));
    }
    // Patch states: every Running instance that can be scanned.
    let custom = f.baselines.len() - 1;
    for i in 0..f.insts.len() {
        let x = &f.insts[i];
        if x.status != "Running" || x.ca.as_ref().is_some_and(|c| !c.ok) {
            continue;
        }
        let b = if x.region == hz && x.env == PROD {
            custom
        } else {
            f.baseline_for(x.region, x.os)
        };
        f.insts[i].patch = Some(new_patch(&mut rng, now, b));
    }

    // System events.
    let find = |f: &Fleet, name: &str| {
        f.insts
            .iter()
            .position(|x| x.name == name)
            .expect("demo instance")
    };
    let e1 = f.rid("e-", hz);
    let db1 = find(&f, "db-prod-hz-01");
    f.events.push(Event {
        id: e1,
        inst: db1,
        kind: (1, "SystemMaintenance.Reboot"),
        cycle: (24, "Scheduled"),
        published: at(2026, 11, 18, 2, 14, 9),
        not_before: at(2026, 11, 23, 18, 0, 0),
        finished: None,
        reason: "The host of the instance needs maintenance; the instance will be restarted.",
    });
    let e2 = f.rid("e-", sh);
    let api2 = find(&f, "api-staging-sh-02");
    f.events.push(Event {
        id: e2,
        inst: api2,
        kind: (65, "SystemFailure.Reboot"),
        cycle: (0, "Executed"),
        published: at(2026, 11, 14, 9, 41, 27),
        not_before: at(2026, 11, 14, 9, 43, 27),
        finished: Some(at(2026, 11, 14, 9, 47, 2)),
        reason: "The instance was restarted after a host hardware failure.",
    });
    let e3 = f.rid("e-", sh);
    let dbsh = find(&f, "db-prod-sh-01");
    f.events.push(Event {
        id: e3,
        inst: dbsh,
        kind: (34, "InstanceExpiration.Stop"),
        cycle: (8, "Avoided"),
        published: at(2026, 11, 6, 0, 0, 0),
        not_before: at(2026, 11, 13, 16, 0, 0),
        finished: Some(at(2026, 11, 8, 3, 12, 40)),
        reason: "The subscription was about to expire and has been renewed.",
    });

    // Cloud Assistant invocations (cn-hangzhou).
    let id = f.id("t-", "hz0");
    let cmd = f.id("c-", "hz0");
    let created = at(2026, 11, 19, 19, 0, 0);
    let targets = ["web-prod-hz-01", "web-prod-hz-02", "web-prod-hz-03"]
        .iter()
        .enumerate()
        .map(|(k, n)| Target {
            inst: find(&f, n),
            ok: true,
            error: ("", ""),
            start: created + 1 + k as i64,
        })
        .collect();
    f.invs.push(Inv {
        id,
        region: hz,
        command_id: cmd,
        command: "acme-rotate-logs",
        command_type: "RunShellScript",
        repeat: "Period",
        frequency: "0 0 19 * * ?",
        created,
        targets,
    });
    let id = f.id("t-", "hz0");
    let cmd = f.id("c-", "hz0");
    let created = at(2026, 11, 20, 3, 12, 0);
    let targets = ["db-prod-hz-01", "db-prod-hz-02", "db-prod-hz-03"]
        .iter()
        .enumerate()
        .map(|(k, n)| {
            let ok = *n != "db-prod-hz-02";
            let error = if ok {
                ("", "")
            } else {
                (
                    "ClientNotRunning",
                    "the Cloud Assistant agent is not running.",
                )
            };
            Target {
                inst: find(&f, n),
                ok,
                error,
                start: created + 2 + k as i64,
            }
        })
        .collect();
    f.invs.push(Inv {
        id,
        region: hz,
        command_id: cmd,
        command: "acme-collect-diagnostics",
        command_type: "RunShellScript",
        repeat: "Once",
        frequency: "",
        created,
        targets,
    });

    // ECI container groups.
    // (region, vSwitch, name, app, env, status, vCPUs, GiB, type, spot, restart, created)
    type CgRow = (
        usize,
        usize,
        &'static str,
        &'static str,
        usize,
        &'static str,
        f64,
        f64,
        Option<&'static str>,
        &'static str,
        &'static str,
        i64,
    );
    let cg_specs: [CgRow; 7] = [
        (
            hz,
            hz_i_batch,
            "report-job-hz-20261120",
            "report",
            PROD,
            "Succeeded",
            2.0,
            4.0,
            Some("ecs.c7.large"),
            "SpotAsPriceGo",
            "Never",
            at(2026, 11, 20, 1, 0, 0),
        ),
        (
            hz,
            hz_j_batch,
            "ingest-worker-hz",
            "ingest",
            PROD,
            "Running",
            4.0,
            8.0,
            Some("ecs.c7.xlarge"),
            "SpotWithPriceLimit",
            "OnFailure",
            at(2026, 11, 12, 8, 30, 0),
        ),
        (
            hz,
            hz_h,
            "api-canary-hz",
            "orders-api",
            PROD,
            "Running",
            2.0,
            8.0,
            Some("ecs.g7.large"),
            "SpotAsPriceGo",
            "Always",
            at(2026, 11, 19, 10, 0, 0),
        ),
        (
            hz,
            hz_i,
            "web-preview-hz",
            "storefront",
            STAGING,
            "Running",
            1.0,
            2.0,
            None,
            "NoSpot",
            "Never",
            at(2026, 11, 17, 6, 45, 0),
        ),
        (
            sh,
            sh_e,
            "etl-nightly-sh",
            "etl",
            PROD,
            "Running",
            8.0,
            16.0,
            Some("ecs.c7.2xlarge"),
            "SpotWithPriceLimit",
            "Never",
            at(2026, 11, 20, 4, 0, 0),
        ),
        (
            sh,
            sh_g,
            "thumbnailer-sh",
            "thumbnail",
            PROD,
            "Running",
            2.0,
            4.0,
            Some("ecs.c7.large"),
            "SpotAsPriceGo",
            "Always",
            at(2026, 11, 15, 12, 0, 0),
        ),
        (
            sh,
            sh_f_web,
            "cron-cleanup-sh",
            "cron",
            STAGING,
            "Succeeded",
            0.5,
            1.0,
            None,
            "NoSpot",
            "OnFailure",
            at(2026, 11, 20, 2, 0, 0),
        ),
    ];
    for (r, vsw, name, app, env, status, cpu, memory, t, spot, restart, created) in cg_specs {
        let cg = new_cg(
            &mut f,
            &mut rng,
            r,
            vsw,
            name.to_string(),
            app,
            env,
            status,
            cpu,
            memory,
            t.map(ty),
            spot,
            Some(restart),
            created,
        );
        f.cgs.push(cg);
    }
    // No public addresses on the demo's container groups.
    for cg in f.cgs.iter_mut() {
        cg.internet_ip.clear();
    }

    let request_id = f.uuid(true);
    f.errors.push(CollErr {
        product: "Ecs",
        action: "DescribeCloudAssistantStatus",
        region: "cn-shanghai",
        code: "Forbidden.RAM",
        message: "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
        request_id,
        http_status: 403,
    });

    // What the ECS rules beyond the starters look for. Everything here
    // comes last, so the ids made above stay as they were.
    // A legacy box: retired ecs.n1 family on the classic network, with a
    // plain public address instead of its EIP.
    let legacy = find(&f, "web-prod-sh-legacy-01");
    f.insts[legacy].ty = ty("ecs.n1.medium");
    f.insts[legacy].classic = true;
    if let Some((_, ip, _)) = f.insts[legacy].eip.take() {
        f.insts[legacy].public_ip = Some(ip);
    }
    // A subscription that runs out in a week.
    let db3 = find(&f, "db-prod-hz-03");
    f.insts[db3].expires = Some(now + 7 * DAY);
    // Stopped pay-as-you-go, but still billed for its vCPUs and memory.
    let stopped = find(&f, "web-staging-hz-01");
    f.insts[stopped].keep_charging = true;
    // Metadata tokens that travel to containers behind the host.
    let edge = find(&f, "api-edge-prod-hz-01");
    f.insts[edge].hop_limit = 2;
    // An agent reported running that went quiet three days ago.
    let quiet = find(&f, "api-staging-hz-02");
    if let Some(ca) = f.insts[quiet].ca.as_mut() {
        ca.heartbeat = now - 3 * DAY - 2 * HOUR;
    }
    // An old agent nobody upgraded.
    let bastion = find(&f, "bastion-prod-hz");
    if let Some(ca) = f.insts[bastion].ca.as_mut() {
        ca.version = "2.1.0.221";
    }
    // A patch scan that stopped running six weeks ago.
    let unscanned = find(&f, "api-staging-hz-01");
    if let Some(p) = f.insts[unscanned].patch.as_mut() {
        p.start = now - 42 * DAY;
    }
    // The staging api image is shared from another account.
    let shared = f
        .images
        .iter()
        .position(|x| x.id == api_old_sh)
        .expect("demo image");
    f.images[shared].owner = "others";
    // db-prod-sh-spread takes two instances per zone, and cn-shanghai-e
    // already has two.
    f.dss[ds_db_sh].zone_cap = Some(2);
    // api-staging-sh's second vSwitch is a /28 added in a hurry.
    f.vsws[sh_f_api_b].prefix = 28;
    // A hand-built staging database: CentOS 7 (end of life), no key pair,
    // no team or cost-center tags.
    let centos_hz = f.add_image(system_image(hz, CENTOS, at(2024, 3, 19, 2, 0, 0)));
    let db_staging = find(&f, "db-staging-hz-01");
    f.insts[db_staging].image = centos_hz;
    f.insts[db_staging].os = CENTOS;
    f.insts[db_staging].no_key_pair = true;
    f.insts[db_staging].no_owner_tags = true;
    let baseline = f.baseline_for(hz, CENTOS);
    if let Some(p) = f.insts[db_staging].patch.as_mut() {
        p.baseline = baseline;
    }
    // web-prod-sh-legacy-01 runs Ubuntu, but its patch scans use the Alibaba
    // Cloud Linux baseline: its compliance is measured against another OS.
    let legacy = find(&f, "web-prod-sh-legacy-01");
    let baseline = f.baseline_for(f.insts[legacy].region, ALINUX);
    if let Some(p) = f.insts[legacy].patch.as_mut() {
        p.baseline = baseline;
    }
    // Spot c7.4xlarge is scarce in cn-shanghai-e and -g: its price is near
    // the pay-as-you-go price, batch-render-sh-02 (e) is being reclaimed and
    // the price limit of batch-render-sh-01 (g) is below the market.
    f.spot_spike = vec![
        ("cn-shanghai-e", "ecs.c7.4xlarge"),
        ("cn-shanghai-g", "ecs.c7.4xlarge"),
    ];
    f
}

#[allow(clippy::too_many_arguments)]
fn demo_cfg(
    f: &mut Fleet,
    r: usize,
    name: &str,
    active: bool,
    image: &str,
    types: &[&str],
    spot: &'static str,
    tokens: &'static str,
    created: i64,
) -> Cfg {
    Cfg {
        id: f.rid("asc-", r),
        name: name.to_string(),
        active,
        image: image.to_string(),
        os: f
            .images
            .iter()
            .find(|m| m.id == image)
            .map_or(ALINUX, |m| m.os),
        types: types.iter().map(|t| ty(t)).collect(),
        spot,
        tokens,
        ds: None,
        bandwidth_out: 0,
        encrypted: true,
        created,
    }
}

// ---------------------------------------------------------------------------
// Emission

fn emit<W: Write>(f: &Fleet, w: &mut W) -> io::Result<()> {
    let mut top = Top { w, first: true };
    top.value("schema_version", &J::Str(Cow::Borrowed("1")))?;
    top.value("collected_at", &J::Str(Cow::Owned(ts(f.collected))))?;
    top.value("account_id", &J::Str(Cow::Borrowed(f.account.as_str())))?;
    top.value("regions", &strs(f.regions.iter().map(|r| r.spec.id)))?;
    top.value(
        "collector",
        &O::new()
            .s("name", "ecsguard-gen-fleet")
            .s("version", env!("CARGO_PKG_VERSION"))
            .done(),
    )?;
    top.list("instances", f.insts.iter().map(|x| instance_j(f, x)))?;
    top.list(
        "instance_types",
        instance_types(f)
            .into_iter()
            .map(|(r, t)| instance_type_j(f, r, t)),
    )?;
    top.list("images", f.images.iter().map(|x| image_j(f, x)))?;
    top.list(
        "deployment_sets",
        f.dss.iter().map(|x| deployment_set_j(f, x)),
    )?;
    top.list("instance_events", f.events.iter().map(|x| event_j(f, x)))?;
    top.list(
        "cloud_assistant",
        f.insts
            .iter()
            .filter(|x| x.ca.is_some())
            .map(|x| cloud_assistant_j(f, x)),
    )?;
    top.list("invocations", f.invs.iter().map(|x| invocation_j(f, x)))?;
    top.list(
        "patch_baselines",
        f.baselines.iter().map(|x| baseline_j(f, x)),
    )?;
    top.list(
        "patch_states",
        f.insts
            .iter()
            .filter(|x| x.patch.is_some())
            .map(|x| patch_state_j(f, x)),
    )?;
    top.list("vswitches", f.vsws.iter().map(|x| vswitch_j(f, x)))?;
    top.list("spot_prices", spot_prices(f).into_iter())?;
    top.list("scaling_groups", f.groups.iter().map(|x| group_j(f, x)))?;
    top.list(
        "container_groups",
        f.cgs.iter().map(|x| container_group_j(f, x)),
    )?;
    top.list("collection_errors", f.errors.iter().map(collection_error_j))?;
    top.end()
}

fn region_id(f: &Fleet, r: usize) -> &'static str {
    f.regions[r].spec.id
}

fn instance_j<'a>(f: &'a Fleet, x: &'a Inst) -> J<'a> {
    let full = f.full;
    let reg = &f.regions[x.region];
    let t = &TYPES[x.ty];
    let os = &OSES[x.os];
    let vsw = &f.vsws[x.vsw];
    let (team, cost_center) = team_of(&x.role);
    let mut tags = vec![
        ("role".to_string(), x.role.clone()),
        ("env".to_string(), ENVS[x.env].to_string()),
    ];
    if !x.no_owner_tags {
        tags.push(("team".to_string(), team.to_string()));
    }
    if full {
        tags.push(("app".to_string(), x.app.clone()));
    }
    if !x.no_owner_tags {
        tags.push(("cost-center".to_string(), cost_center.to_string()));
    }
    if x.spot_handler {
        tags.push(("spot-interruption-handler".into(), "enabled".into()));
    }
    if let Some(g) = x.group {
        tags.push((
            "acs:autoscaling:scalingGroupId".into(),
            f.groups[g].id.clone(),
        ));
    }
    let eip = match &x.eip {
        Some((alloc, ip, bw)) => O::new()
            .s("AllocationId", alloc.as_str())
            .s("IpAddress", ip.as_str())
            .x(full, |o| {
                o.i("Bandwidth", *bw)
                    .s("InternetChargeType", "PayByTraffic")
                    .b("IsSupportUnassociate", true)
            })
            .done(),
        None => O::new()
            .s("AllocationId", "")
            .s("IpAddress", "")
            .x(full, |o| o.s("InternetChargeType", ""))
            .done(),
    };
    let public = x.public_ip.is_some() || x.eip.is_some();
    let started = if x.status == "Pending" {
        x.created
    } else {
        x.created + 40
    };
    let locks = if x.recycling {
        J::Arr(vec![O::new()
            .s("LockReason", "Recycling")
            .s("LockMsg", "The spot instance is about to be released.")
            .done()])
    } else {
        J::Arr(Vec::new())
    };
    let ds = x.ds.map(|d| f.dss[d].id.as_str()).unwrap_or("");
    let ds_group =
        x.ds.is_some_and(|d| f.dss[d].strategy == "AvailabilityGroup");
    O::new()
        .s("InstanceId", x.id.as_str())
        .s("RegionId", reg.spec.id)
        .s("ZoneId", vsw.zone)
        .s("InstanceName", x.name.as_str())
        .x(full, |o| o.s("HostName", x.host.as_str()))
        .s("Status", x.status)
        .s("InstanceType", t.id)
        .x(full, |o| {
            o.s("InstanceTypeFamily", t.family)
                .i("Cpu", t.cpu)
                .i("Memory", (t.mem_gib * 1024.0) as i64)
                .i("GPUAmount", t.gpu)
        })
        .s("ImageId", x.image.as_str())
        .s("OSName", os.name)
        .x(full, |o| o.s("OSNameEn", os.name_en))
        .s("OSType", os.os_type)
        .s("InstanceChargeType", x.charge)
        .x(full, |o| o.s("InternetChargeType", "PayByTraffic"))
        .s("SpotStrategy", x.spot)
        .f("SpotPriceLimit", x.spot_limit)
        .x(full, |o| {
            o.i("SpotDuration", x.spot_duration)
                .s("SpotInterruptionBehavior", "Terminate")
        })
        .s("DeploymentSetId", ds)
        .x(full && ds_group, |o| {
            o.i("DeploymentSetGroupNo", x.ds_group)
        })
        .x(full, |o| {
            o.s(
                "InstanceNetworkType",
                if x.classic { "classic" } else { "vpc" },
            )
        })
        .j(
            "VpcAttributes",
            O::new()
                .s("VpcId", if x.classic { "" } else { reg.vpc.as_str() })
                .s("VSwitchId", if x.classic { "" } else { vsw.id.as_str() })
                .j(
                    "PrivateIpAddress",
                    strs(Some(x.private_ip.as_str()).filter(|_| !x.classic)),
                )
                .x(full, |o| o.s("NatIpAddress", ""))
                .done(),
        )
        .j("PublicIpAddress", strs(x.public_ip.iter()))
        .x(full, |o| {
            o.j(
                "InnerIpAddress",
                strs(Some(x.private_ip.as_str()).filter(|_| x.classic)),
            )
        })
        .j("EipAddress", eip)
        .x(full, |o| {
            o.i("InternetMaxBandwidthIn", 100)
                .i(
                    "InternetMaxBandwidthOut",
                    if x.public_ip.is_some() { 20 } else { 0 },
                )
                .j(
                    "SecurityGroupIds",
                    strs([reg.sgs[0].as_str(), reg.sgs[sg_slot(&x.role)].as_str()]),
                )
        })
        .j("Tags", tags_j(&tags))
        .t("CreationTime", x.created)
        .x(full, |o| {
            o.t("StartTime", started)
                .t(
                    "ExpiredTime",
                    x.expires.unwrap_or(at(2099, 12, 31, 15, 59, 0)),
                )
                .ot("AutoReleaseTime", x.auto_release)
        })
        .j("OperationLocks", locks)
        .j(
            "MetadataOptions",
            O::new()
                .s("HttpEndpoint", "enabled")
                .s("HttpTokens", x.tokens)
                .x(full, |o| {
                    o.i("HttpPutResponseHopLimit", x.hop_limit)
                        .s("InstanceMetadataTags", "disabled")
                })
                .done(),
        )
        .x(full, |o| {
            o.b("DeletionProtection", x.deletion_protection)
                .s(
                    "StoppedMode",
                    match (x.status, x.charge) {
                        ("Stopped", "PrePaid") => "KeepCharging",
                        ("Stopped", _) if x.keep_charging => "KeepCharging",
                        ("Stopped", _) => "StopCharging",
                        _ => "Not-applicable",
                    },
                )
                .b("IoOptimized", true)
                .s(
                    "KeyPairName",
                    if os.os_type == "windows" || x.no_key_pair {
                        String::new()
                    } else {
                        format!("ops-{}-{}", ENVS[x.env], reg.spec.short)
                    },
                )
                .s("ResourceGroupId", f.rgs[x.env].as_str())
                .s("SerialNumber", x.serial.as_str())
                .s("Description", if public { "internet-facing" } else { "" })
        })
        .done()
}

/// (region, type) pairs in use by instances, scaling configurations and ECI.
fn instance_types(f: &Fleet) -> BTreeSet<(usize, usize)> {
    let mut set: BTreeSet<(usize, usize)> = f.insts.iter().map(|x| (x.region, x.ty)).collect();
    for g in &f.groups {
        for c in &g.cfgs {
            set.extend(c.types.iter().map(|&t| (g.region, t)));
        }
    }
    set.extend(f.cgs.iter().filter_map(|c| c.ty.map(|t| (c.region, t))));
    set
}

fn instance_type_j<'a>(f: &'a Fleet, r: usize, t: usize) -> J<'a> {
    let s = &TYPES[t];
    O::new()
        .s("InstanceTypeId", s.id)
        .s("RegionId", region_id(f, r))
        .s("InstanceTypeFamily", s.family)
        .s("Generation", s.generation)
        .s("InstanceFamilyLevel", s.level)
        .s("InstanceCategory", s.category)
        .i("CpuCoreCount", s.cpu)
        .f("MemorySize", s.mem_gib)
        .s("CpuArchitecture", "X86")
        .i("GPUAmount", s.gpu)
        .s("GPUSpec", s.gpu_spec)
        .i("EniQuantity", (s.cpu / 2 + 1).min(8))
        .i("InstanceBandwidthRx", 1_024_000 * s.cpu / 2)
        .i("InstanceBandwidthTx", 1_024_000 * s.cpu / 2)
        .done()
}

fn image_j<'a>(f: &'a Fleet, x: &'a Img) -> J<'a> {
    let os = &OSES[x.os];
    O::new()
        .s("ImageId", x.id.as_str())
        .s("RegionId", region_id(f, x.region))
        .s("ImageName", x.name.as_str())
        .s("ImageFamily", x.family.as_str())
        .s("ImageVersion", x.version.as_str())
        .s("ImageOwnerAlias", x.owner)
        .t("CreationTime", x.created)
        .s("OSName", os.name)
        .s("OSNameEn", os.name_en)
        .s("OSType", os.os_type)
        .s("Platform", os.platform)
        .s("Architecture", "x86_64")
        .s("Status", x.status)
        .s("Usage", "instance")
        .b("IsPublic", x.owner == "system")
        .b("IsCopied", x.copied)
        .b("IsSubscribed", false)
        .i("Size", os.size)
        .s("BootMode", "UEFI-Preferred")
        .s("Description", x.description.as_str())
        .s("Progress", "100%")
        .j("Tags", tags_j(&x.tags))
        .done()
}

fn deployment_set_j<'a>(f: &'a Fleet, x: &'a Ds) -> J<'a> {
    let zones = &f.regions[x.region].zones;
    let capacities = zones
        .iter()
        .map(|z| {
            let used = x
                .members
                .iter()
                .filter(|&&i| f.vsws[f.insts[i].vsw].zone == *z)
                .count() as i64;
            let limit = x.zone_cap.unwrap_or(if x.strategy == "Availability" {
                20
            } else {
                20 * x.group_count
            });
            O::new()
                .s("ZoneId", *z)
                .i("AvailableAmount", (limit - used).max(0))
                .i("UsedAmount", used)
                .done()
        })
        .collect();
    O::new()
        .s("DeploymentSetId", x.id.as_str())
        .s("RegionId", region_id(f, x.region))
        .s("DeploymentSetName", x.name.as_str())
        .s("DeploymentStrategy", x.strategy)
        .s("Domain", "default")
        .s("Granularity", "host")
        .j(
            "InstanceIds",
            strs(x.members.iter().map(|&i| f.insts[i].id.as_str())),
        )
        .i("InstanceAmount", x.members.len() as i64)
        .i("GroupCount", x.group_count)
        .j("Capacities", J::Arr(capacities))
        .t("CreationTime", x.created)
        .done()
}

fn event_j<'a>(f: &'a Fleet, x: &'a Event) -> J<'a> {
    let inst = &f.insts[x.inst];
    O::new()
        .s("EventId", x.id.as_str())
        .s("RegionId", region_id(f, inst.region))
        .s("InstanceId", inst.id.as_str())
        .s("ResourceType", "instance")
        .j(
            "EventType",
            O::new().i("Code", x.kind.0).s("Name", x.kind.1).done(),
        )
        .j(
            "EventCycleStatus",
            O::new().i("Code", x.cycle.0).s("Name", x.cycle.1).done(),
        )
        .t("EventPublishTime", x.published)
        .t("NotBefore", x.not_before)
        .ot("EventFinishTime", x.finished)
        .s("Reason", x.reason)
        .done()
}

fn cloud_assistant_j<'a>(f: &'a Fleet, x: &'a Inst) -> J<'a> {
    let ca = x.ca.as_ref().expect("filtered");
    O::new()
        .s("InstanceId", x.id.as_str())
        .s("RegionId", region_id(f, x.region))
        .b("CloudAssistantStatus", ca.ok)
        .s("CloudAssistantVersion", ca.version)
        .t("LastHeartbeatTime", ca.heartbeat)
        .x(f.full, |o| {
            o.t("LastInvokedTime", ca.invoked)
                .i("InvocationCount", ca.invocations)
                .i("ActiveTaskCount", 0)
        })
        .s("OSType", OSES[x.os].ca_os)
        .x(f.full, |o| {
            o.b("SupportSessionManager", ca.version >= "2.2.3")
        })
        .done()
}

fn invocation_j<'a>(f: &'a Fleet, x: &'a Inv) -> J<'a> {
    let failed = x.targets.iter().filter(|t| !t.ok).count();
    let (status, invoke_status) = match (failed, x.targets.len()) {
        (0, _) => ("Success", "Finished"),
        (a, b) if a == b => ("Failed", "Failed"),
        _ => ("PartialFailed", "PartialFailed"),
    };
    let targets = x
        .targets
        .iter()
        .map(|t| {
            O::new()
                .s("InstanceId", f.insts[t.inst].id.as_str())
                .s("InvocationStatus", if t.ok { "Success" } else { "Failed" })
                .s(
                    "InstanceInvokeStatus",
                    if t.ok { "Finished" } else { "Failed" },
                )
                .i(
                    "ExitCode",
                    if t.ok {
                        0
                    } else if t.error.0 == "ExitCodeNonzero" {
                        1
                    } else {
                        0
                    },
                )
                .s("ErrorCode", t.error.0)
                .s("ErrorInfo", t.error.1)
                .t("StartTime", t.start)
                .t("FinishTime", t.start + if t.ok { 3 } else { 1 })
                .i("Repeats", if x.repeat == "Period" { 1 } else { 0 })
                .i("Dropped", 0)
                .done()
        })
        .collect();
    O::new()
        .s("InvokeId", x.id.as_str())
        .s("RegionId", region_id(f, x.region))
        .s("CommandId", x.command_id.as_str())
        .s("CommandName", x.command)
        .s("CommandType", x.command_type)
        .s("InvocationStatus", status)
        .s("InvokeStatus", invoke_status)
        .s("RepeatMode", x.repeat)
        .b("Timed", x.repeat == "Period")
        .s("Frequency", x.frequency)
        .t("CreationTime", x.created)
        .s("Username", "root")
        .j("InvokeInstances", J::Arr(targets))
        .done()
}

fn baseline_j<'a>(f: &'a Fleet, x: &'a Baseline) -> J<'a> {
    O::new()
        .s("Name", x.name.as_str())
        .s("RegionId", region_id(f, x.region))
        .s("Id", x.id.as_str())
        .s("OperationSystem", x.os)
        .s("Description", x.description.as_str())
        .b("IsDefault", x.default)
        .b("ApprovedPatchesEnableNonSecurity", x.non_security)
        .t("CreatedDate", x.created)
        .t("UpdatedDate", x.updated)
        .done()
}

fn patch_state_j<'a>(f: &'a Fleet, x: &'a Inst) -> J<'a> {
    let p = x.patch.as_ref().expect("filtered");
    O::new()
        .s("InstanceId", x.id.as_str())
        .s("RegionId", region_id(f, x.region))
        .x(f.full, |o| {
            o.s(
                "PatchGroup",
                format!("{}-{}", ENVS[x.env], OSES[x.os].os_type),
            )
        })
        .s("BaselineId", f.baselines[p.baseline].id.as_str())
        .i("InstalledCount", p.installed)
        .x(f.full, |o| {
            o.i("InstalledOtherCount", p.other)
                .i("InstalledPendingRebootCount", p.pending_reboot)
                .i("InstalledRejectedCount", 0)
        })
        .i("MissingCount", p.missing)
        .i("FailedCount", p.failed)
        .s("Operation", p.operation)
        .x(f.full, |o| o.t("OperationStartTime", p.start))
        .t("OperationEndTime", p.start + 95 + p.installed % 400)
        .done()
}

fn vswitch_j<'a>(f: &'a Fleet, x: &'a VSw) -> J<'a> {
    O::new()
        .s("VSwitchId", x.id.as_str())
        .s("RegionId", region_id(f, x.region))
        .s("ZoneId", x.zone)
        .s("VSwitchName", x.name.as_str())
        .s("VpcId", f.regions[x.region].vpc.as_str())
        .s("CidrBlock", x.cidr())
        .i(
            "AvailableIpAddressCount",
            (1i64 << (32 - x.prefix)) - 4 - x.used as i64,
        )
        .s("Status", "Available")
        .t("CreationTime", x.created)
        .done()
}

/// Two hourly samples per (region, zone, type) used by spot instances,
/// spot scaling configurations and spot container groups.
fn spot_prices(f: &Fleet) -> Vec<J<'_>> {
    let mut set: BTreeSet<(usize, &'static str, usize)> = BTreeSet::new();
    for x in f.insts.iter().filter(|x| x.spot != "NoSpot") {
        set.insert((x.region, f.vsws[x.vsw].zone, x.ty));
    }
    for g in &f.groups {
        let c = &g.cfgs[g.active_cfg()];
        if c.spot != "NoSpot" {
            for &v in &g.vsws {
                for &t in &c.types {
                    set.insert((g.region, f.vsws[v].zone, t));
                }
            }
        }
    }
    for c in f.cgs.iter().filter(|c| c.spot != "NoSpot") {
        if let Some(t) = c.ty {
            set.insert((c.region, f.vsws[c.vsw].zone, t));
        }
    }
    let hour = f.collected / HOUR * HOUR;
    let mut out = Vec::with_capacity(set.len() * 2);
    for (r, zone, t) in set {
        let origin = TYPES[t].price;
        let h = mix(fnv(zone) ^ (t as u64) << 8 ^ f.salt);
        let factor = if f.spot_spike.contains(&(zone, TYPES[t].id)) {
            0.88
        } else {
            0.08 + (h % 1000) as f64 / 1000.0 * 0.22
        };
        for k in [2, 1] {
            let wobble = 1.0 + ((h >> (8 * k)) % 7) as f64 / 100.0 - 0.03;
            out.push(
                O::new()
                    .s("RegionId", region_id(f, r))
                    .s("ZoneId", zone)
                    .s("InstanceType", TYPES[t].id)
                    .f("SpotPrice", round4(origin * factor * wobble))
                    .f("OriginPrice", origin)
                    .t("Timestamp", hour - k as i64 * HOUR)
                    .s("NetworkType", "vpc")
                    .s("IoOptimized", "optimized")
                    .done(),
            );
        }
    }
    out
}

fn group_j<'a>(f: &'a Fleet, g: &'a Group) -> J<'a> {
    let full = f.full;
    let region = region_id(f, g.region);
    let account = f.account.as_str();
    let members = &g.members;
    let count = |state: &str| members.iter().filter(|m| m.state == state).count() as i64;
    let total = members.len() as i64;
    let spot = members
        .iter()
        .filter(|m| f.insts[m.inst].spot != "NoSpot")
        .count() as i64;
    let min = if g.active {
        (total / 3).min(2 + g.env as i64)
    } else {
        0
    };
    let max = if g.active { (total + 4) * 2 } else { 10 };
    let health_types = match g.health {
        "LOAD_BALANCER" => vec!["ECS", "LOAD_BALANCER"],
        other => vec![other],
    };
    let mut tags = vec![
        ("env".to_string(), ENVS[g.env].to_string()),
        ("role".to_string(), g.role.clone()),
    ];
    tags.push(("team".into(), team_of(&g.role).0.into()));
    let cfgs = g
        .cfgs
        .iter()
        .map(|c| {
            let t = &TYPES[c.types[0]];
            let limits = if c.spot == "SpotWithPriceLimit" {
                J::Arr(
                    c.types
                        .iter()
                        .map(|&t| {
                            O::new()
                                .s("InstanceType", TYPES[t].id)
                                .f("PriceLimit", round3(TYPES[t].price * 0.6))
                                .done()
                        })
                        .collect(),
                )
            } else {
                J::Arr(Vec::new())
            };
            let reg = &f.regions[g.region];
            O::new()
                .s("ScalingConfigurationId", c.id.as_str())
                .s("RegionId", region)
                .s("ScalingGroupId", g.id.as_str())
                .s("ScalingConfigurationName", c.name.as_str())
                .s(
                    "LifecycleState",
                    if c.active { "Active" } else { "Inactive" },
                )
                .s("ImageId", c.image.as_str())
                .s("InstanceType", t.id)
                .j("InstanceTypes", strs(c.types.iter().map(|&t| TYPES[t].id)))
                .x(full, |o| o.i("Cpu", t.cpu).i("Memory", t.mem_gib as i64))
                .s("SpotStrategy", c.spot)
                .j("SpotPriceLimits", limits)
                .x(full, |o| {
                    o.i("SpotDuration", if c.spot == "NoSpot" { 0 } else { 1 })
                        .s("SpotInterruptionBehavior", "Terminate")
                })
                .s(
                    "DeploymentSetId",
                    c.ds.map(|d| f.dss[d].id.as_str()).unwrap_or(""),
                )
                .s("HttpEndpoint", "enabled")
                .s("HttpTokens", c.tokens)
                .x(full, |o| o.s("InternetChargeType", "PayByTraffic"))
                .i("InternetMaxBandwidthOut", c.bandwidth_out)
                .x(full, |o| {
                    o.s("SystemDiskCategory", "cloud_essd")
                        .i("SystemDiskSize", 40)
                })
                .b("SystemDiskEncrypted", c.encrypted)
                .j("DataDisks", data_disks_j(&g.role, c.encrypted))
                .s("SecurityGroupId", reg.sgs[sg_slot(&g.role)].as_str())
                .x(full, |o| {
                    o.j(
                        "SecurityGroupIds",
                        strs([reg.sgs[0].as_str(), reg.sgs[sg_slot(&g.role)].as_str()]),
                    )
                    .s(
                        "KeyPairName",
                        format!("ops-{}-{}", ENVS[g.env], reg.spec.short),
                    )
                    .s("RamRoleName", format!("ess-{}-{}", g.role, ENVS[g.env]))
                    .j("Tags", tags_j(&tags))
                })
                .t("CreationTime", c.created)
                .done()
        })
        .collect();
    let rules = g
        .rules
        .iter()
        .map(|x| {
            let mut o = O::new()
                .s("ScalingRuleId", x.id.as_str())
                .s("RegionId", region)
                .s("ScalingGroupId", g.id.as_str())
                .s("ScalingRuleName", x.name.as_str())
                .s("ScalingRuleAri", x.ari(region, account))
                .s("ScalingRuleType", x.kind);
            if x.kind != "TargetTrackingScalingRule" {
                o = o
                    .s("AdjustmentType", x.adjustment.0)
                    .i("AdjustmentValue", x.adjustment.1);
            }
            o.oi("MinAdjustmentMagnitude", x.min_magnitude)
                .oi("Cooldown", x.cooldown)
                .os("MetricName", x.metric)
                .of("TargetValue", x.target)
                .ob("DisableScaleIn", x.target.map(|_| false))
                .oi("EstimatedInstanceWarmup", x.metric.map(|_| 300))
                .done()
        })
        .collect();
    let tasks = g
        .tasks
        .iter()
        .map(|x| {
            let o = O::new()
                .s("ScheduledTaskId", x.id.as_str())
                .s("RegionId", region)
                .s("ScalingGroupId", g.id.as_str())
                .s("ScheduledTaskName", x.name.as_str())
                .s("Description", x.description)
                .t("LaunchTime", x.launch)
                .i("LaunchExpirationTime", 600)
                .s("RecurrenceType", x.recurrence.0)
                .s("RecurrenceValue", x.recurrence.1)
                .t("RecurrenceEndTime", x.launch + 365 * DAY)
                .b("TaskEnabled", x.enabled);
            match x.action {
                Ok(rule) => o.s("ScheduledAction", g.rules[rule].ari(region, account)),
                Err((min, max, desired)) => o
                    .i("MinValue", min)
                    .i("MaxValue", max)
                    .i("DesiredCapacity", desired),
            }
            .done()
        })
        .collect();
    let hooks = g
        .hooks
        .iter()
        .map(|x| {
            let arn = if x.mns {
                format!("acs:mns:{region}:{account}:queue/ess-{}-hooks", g.name)
            } else {
                format!("acs:ess:{region}:{account}:null/null")
            };
            O::new()
                .s("LifecycleHookId", x.id.as_str())
                .s("RegionId", region)
                .s("ScalingGroupId", g.id.as_str())
                .s("LifecycleHookName", x.name.as_str())
                .s("LifecycleTransition", x.transition)
                .s("DefaultResult", x.default_result)
                .i("HeartbeatTimeout", x.timeout)
                .s(
                    "LifecycleHookStatus",
                    if x.active { "Active" } else { "InActive" },
                )
                .s("NotificationArn", arn)
                .s(
                    "NotificationMetadata",
                    format!("{{\"group\":\"{}\",\"hook\":\"{}\"}}", g.name, x.name),
                )
                .done()
        })
        .collect();
    let notes = if g.notify {
        vec![O::new()
            .s(
                "NotificationArn",
                format!("acs:ess:{region}:{account}:cloudmonitor"),
            )
            .s("RegionId", region)
            .s("ScalingGroupId", g.id.as_str())
            .j(
                "NotificationTypes",
                strs([
                    "AUTOSCALING:SCALE_OUT_ERROR",
                    "AUTOSCALING:SCALE_IN_ERROR",
                    "AUTOSCALING:SCALE_OUT_SUCCESS",
                    "AUTOSCALING:SCALE_IN_SUCCESS",
                ]),
            )
            .s("MessageEncoding", "PlainText")
            .s("TimeZone", "UTC+8")
            .done()]
    } else {
        Vec::new()
    };
    let alarms = g
        .alarms
        .iter()
        .map(|x| {
            O::new()
                .s("AlarmTaskId", x.id.as_str())
                .s("RegionId", region)
                .s("ScalingGroupId", g.id.as_str())
                .s("Name", x.name.as_str())
                .s("MetricType", "system")
                .s("MetricName", "CpuUtilization")
                .s("Statistics", "Average")
                .s("ComparisonOperator", if x.high { ">=" } else { "<=" })
                .f("Threshold", x.threshold)
                .i("EvaluationCount", x.evaluations)
                .i("Period", x.period)
                .b("Enable", true)
                .s("State", x.state)
                .j(
                    "AlarmActions",
                    strs(g.rules.get(x.rule).map(|r| r.ari(region, account))),
                )
                .done()
        })
        .collect();
    let scaling_instances = members
        .iter()
        .map(|m| {
            let inst = &f.insts[m.inst];
            O::new()
                .s("InstanceId", inst.id.as_str())
                .s("RegionId", region)
                .s("ScalingGroupId", g.id.as_str())
                .s("ScalingConfigurationId", g.cfgs[m.cfg].id.as_str())
                .s("LifecycleState", m.state)
                .x(full, |o| {
                    o.s(
                        "HealthStatus",
                        if inst.status == "Running" {
                            "Healthy"
                        } else {
                            "Unhealthy"
                        },
                    )
                    .s(
                        "CreationType",
                        if m.attached {
                            "Attached"
                        } else {
                            "AutoCreated"
                        },
                    )
                })
                .s("SpotStrategy", inst.spot)
                .s("ZoneId", f.vsws[inst.vsw].zone)
                .x(full, |o| o.i("WeightedCapacity", 1))
                .t("CreatedTime", inst.created)
                .x(full, |o| o.s("WarmupState", "NoNeedWarmup"))
                .done()
        })
        .collect();
    O::new()
        .s("ScalingGroupId", g.id.as_str())
        .s("RegionId", region)
        .s("ScalingGroupName", g.name.as_str())
        .s("GroupType", "ECS")
        .s(
            "LifecycleState",
            if g.active { "Active" } else { "Inactive" },
        )
        .i("MinSize", min)
        .i("MaxSize", max)
        .i("DesiredCapacity", total)
        .i("DefaultCooldown", 300)
        .s("HealthCheckType", g.health)
        .j("HealthCheckTypes", strs(health_types))
        .s("VSwitchId", f.vsws[g.vsws[0]].id.as_str())
        .j(
            "VSwitchIds",
            strs(g.vsws.iter().map(|&v| f.vsws[v].id.as_str())),
        )
        .s("VpcId", f.regions[g.region].vpc.as_str())
        .s("MultiAZPolicy", g.multi_az)
        .i("OnDemandBaseCapacity", g.on_demand_base)
        .i("OnDemandPercentageAboveBaseCapacity", g.on_demand_pct)
        .i("SpotInstancePools", g.spot_pools)
        .b("SpotInstanceRemedy", g.spot_remedy)
        .b("CompensateWithOnDemand", g.compensate)
        .s("ScalingPolicy", g.policy)
        .j(
            "RemovalPolicies",
            strs(["OldestScalingConfiguration", "OldestInstance"]),
        )
        .s(
            "ActiveScalingConfigurationId",
            g.cfgs[g.active_cfg()].id.as_str(),
        )
        .i("TotalCapacity", total)
        .i("TotalInstanceCount", total)
        .i("ActiveCapacity", count("InService"))
        .i("PendingCapacity", count("Pending"))
        .i("RemovingCapacity", count("Removing"))
        .i("ProtectedCapacity", count("Protected"))
        .i("StandbyCapacity", count("Standby"))
        .i("StoppedCapacity", count("Stopped"))
        .i("SpotCapacity", spot)
        .oi("MaxInstanceLifetime", g.max_lifetime)
        .j("SuspendedProcesses", J::Arr(Vec::new()))
        .b("GroupDeletionProtection", g.deletion_protection)
        .j("LoadBalancerIds", strs(g.lbs.iter()))
        .j("VServerGroups", J::Arr(Vec::new()))
        .j("AlbServerGroups", J::Arr(Vec::new()))
        .j("ServerGroups", J::Arr(Vec::new()))
        .j("DBInstanceIds", strs(g.dbs.iter()))
        .j("Tags", tags_j(&tags))
        .t("CreationTime", g.created)
        .j("scaling_configurations", J::Arr(cfgs))
        .j("scaling_rules", J::Arr(rules))
        .j("scheduled_tasks", J::Arr(tasks))
        .j("lifecycle_hooks", J::Arr(hooks))
        .j("notification_configurations", J::Arr(notes))
        .j("alarms", J::Arr(alarms))
        .j("scaling_instances", J::Arr(scaling_instances))
        .done()
}

/// Batch workers get a scratch data disk, encrypted like the system disk.
fn data_disks_j(role: &str, encrypted: bool) -> J<'static> {
    if !role.starts_with("batch") {
        return J::Arr(Vec::new());
    }
    J::Arr(vec![O::new()
        .s("Category", "cloud_essd")
        .i("Size", 200)
        .b("Encrypted", encrypted)
        .done()])
}

/// Security context, probes, environment and mounts of a demo container:
/// the log agent runs as root with no probes and reads the shared log
/// volume; the application runs unprivileged and, in services, is probed.
fn container_extras<'a>(o: O<'a>, x: &'a Cg, c: &'a Container) -> O<'a> {
    let agent = c.name == "log-agent";
    let service = x.restart == Some("Always");
    let probe = || {
        if service && !agent {
            O::new()
                .j(
                    "HttpGet",
                    O::new()
                        .s("Path", "/healthz")
                        .i("Port", 8080)
                        .s("Scheme", "HTTP")
                        .done(),
                )
                .i("InitialDelaySeconds", 15)
                .i("PeriodSeconds", 10)
                .i("TimeoutSeconds", 2)
                .i("FailureThreshold", 3)
                .done()
        } else {
            O::new().done()
        }
    };
    let mut env = vec![if agent {
        O::new()
            .s("Key", "ALIYUN_LOGTAIL_USER_DEFINED_ID")
            .s("Value", format!("eci-{}", x.app))
            .done()
    } else {
        O::new().s("Key", "APP_ENV").s("Value", ENVS[x.env]).done()
    }];
    // The thumbnailer reads its OSS bucket with a key pasted into its environment.
    if !agent && x.app == "thumbnail" {
        env.push(
            O::new()
                .s("Key", "OSS_ACCESS_KEY_SECRET")
                .s("Value", "<redacted-in-demo>")
                .done(),
        );
    }
    let mounts = if x.containers.len() > 1 {
        vec![O::new()
            .s("Name", "app-logs")
            .s("MountPath", "/var/log/app")
            .b("ReadOnly", agent)
            .done()]
    } else {
        Vec::new()
    };
    o.j(
        "SecurityContext",
        O::new()
            .i("RunAsUser", if agent { 0 } else { 1000 })
            .b("ReadOnlyRootFilesystem", !agent)
            .j("Capability", O::new().j("Adds", J::Arr(Vec::new())).done())
            .done(),
    )
    .j("LivenessProbe", probe())
    .j("ReadinessProbe", probe())
    .j("EnvironmentVars", J::Arr(env))
    .j("VolumeMounts", J::Arr(mounts))
}

fn container_group_j<'a>(f: &'a Fleet, x: &'a Cg) -> J<'a> {
    let reg = &f.regions[x.region];
    let running = x.status == "Running" || x.status == "Restarting";
    let volumes = if x.containers.len() > 1 {
        vec![O::new()
            .s("Name", "app-logs")
            .s("Type", "EmptyDirVolume")
            .done()]
    } else {
        Vec::new()
    };
    let containers = x
        .containers
        .iter()
        .map(|c| {
            let state = match x.status {
                "Running" => "Running",
                "Succeeded" | "Failed" => "Terminated",
                _ => "Waiting",
            };
            let o = O::new()
                .s("Name", c.name.as_str())
                .s("Image", c.image.as_str())
                .s("ImagePullPolicy", "IfNotPresent")
                .f("Cpu", c.cpu)
                .f("Memory", c.memory)
                .b("Ready", running)
                .i("RestartCount", c.restarts);
            container_extras(o, x, c)
                .x(f.full, |o| {
                    o.j(
                        "CurrentState",
                        O::new()
                            .s("State", state)
                            .t("StartTime", x.created + 25)
                            .done(),
                    )
                })
                .done()
        })
        .collect();
    let tags = vec![
        ("app".to_string(), x.app.clone()),
        ("env".to_string(), ENVS[x.env].to_string()),
    ];
    O::new()
        .s("ContainerGroupId", x.id.as_str())
        .s("RegionId", reg.spec.id)
        .s("ContainerGroupName", x.name.as_str())
        .s("ZoneId", f.vsws[x.vsw].zone)
        .s("VpcId", reg.vpc.as_str())
        .s("VSwitchId", f.vsws[x.vsw].id.as_str())
        .s("SecurityGroupId", reg.sgs[4].as_str())
        .s("Status", x.status)
        .f("Cpu", x.cpu)
        .f("Memory", x.memory)
        .os("InstanceType", x.ty.map(|t| TYPES[t].id))
        .s("SpotStrategy", x.spot)
        .f("SpotPriceLimit", x.spot_limit)
        .os("RestartPolicy", x.restart)
        .t("CreationTime", x.created)
        .x(f.full, |o| {
            o.ot(
                "SucceededTime",
                (x.status == "Succeeded").then_some(x.created + 1800),
            )
        })
        .s("IntranetIp", x.ip.as_str())
        .s("InternetIp", x.internet_ip.as_str())
        .x(f.full, |o| {
            o.s("EniInstanceId", x.eni.as_str())
                .s("RamRoleName", format!("eci-{}-role", x.app))
                .s("ResourceGroupId", f.rgs[x.env].as_str())
        })
        .j("Tags", tags_j(&tags))
        .j("Containers", J::Arr(containers))
        .j("Volumes", J::Arr(volumes))
        .done()
}

fn collection_error_j<'a>(e: &'a CollErr) -> J<'a> {
    O::new()
        .s("product", e.product)
        .s("action", e.action)
        .s("region", e.region)
        .s("code", e.code)
        .s("message", e.message)
        .s("request_id", e.request_id.as_str())
        .i("http_status", e.http_status)
        .done()
}
