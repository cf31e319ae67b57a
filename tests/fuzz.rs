//! Fuzz targets for the five decoders that read text from outside the app: the address, a plan
//! file, the saved-plans storage entry, the paste box and the cohort file. One `#[test]` per
//! target.
//!
//! Each target feeds its decoder two kinds of input, both built by proptest strategies:
//!
//! - **generated**: plausible-but-wrong text in the decoder's own format (addresses with random
//!   qualification slugs, unit lists and percent-escapes; plan files with random structure, types,
//!   nesting, a byte-order mark, cut off; saved-plans entries in the version 3 JSON and the
//!   version 2 line format; pastes of mixed tokens, references, tabs and CSV rows), including
//!   huge repeats just under and over the decoder's size cap;
//! - **mutated**: a valid seed from `tests/fuzz-corpus/<target>/` (or a generated input) changed
//!   by a generated list of edits: insert, delete, replace or duplicate a byte range, splice in a
//!   range of another seed, flip case, cut at a point. Bytes are read back with
//!   `String::from_utf8_lossy`, as the decoders take `&str`.
//!
//! Every input must decode without a panic, within the target's time bound (see [`Bound`] and
//! [`timed`]: a slow input is re-run and held to its time on a CPU, as two shared cores stall
//! runs), and keep cheap invariants: no more than [`MAX_MESSAGES`] messages, none longer than
//! [`MAX_MESSAGE_CHARS`], and what was decoded re-encodes to something that decodes the same,
//! without problems.
//!
//! `FUZZ_CASES` sets the cases per target (default [`DEFAULT_CASES`]: the short pass `cargo test`
//! runs); `scripts/fuzz.sh` runs 1,000,000 per target in release. `FUZZ_SEED` fixes the random
//! seed (printed for every run). A failing input is shrunk, printed (the first 2,000 bytes when
//! longer) and saved in full under `target/tmp/fuzz-failures/`; `FUZZ_REPLAY=<that file> cargo
//! test --release --test fuzz` runs it again. Failures are not persisted anywhere else.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestError, TestRunner};
use serde_json::{json, Map, Value};

use pathway_planner::address::{self, encode, Route, MAX_ADDRESS_BYTES};
use pathway_planner::catalogue::{shared, Catalogue, Qualification};
use pathway_planner::engine::Compiled;
use pathway_planner::travel::json::MAX_PLAN_BYTES;
use pathway_planner::travel::paste::MAX_PASTE_BYTES;
use pathway_planner::travel::saved::{MAX_NAME_CHARS, MAX_STORAGE_BYTES, SAVED_FORMAT};
use pathway_planner::travel::{catalogue_version, load, plan_json, read_plan_json, resolve_paste, to_storage};
use pathway_planner::words::thousands;

/// Cases per target when `FUZZ_CASES` is not set: enough to reach every generator and edit, few
/// enough that the four targets take well under a minute in a debug `cargo test` on two cores.
const DEFAULT_CASES: u32 = 1_500;

/// Longest message a decoder may return about one input, in characters. The longest honest one,
/// the paste box's twenty unrecognised tokens each quoted up to `words::QUOTED_CHARS` (40)
/// characters, is under 900; a message that quotes the input unshortened grows with it (the
/// issue's 1 MB address built a 14 MB alert).
const MAX_MESSAGE_CHARS: usize = 1_000;

/// Most messages a decoder may return about one input. The longest honest list is the saved
/// plans': ten plans left out and a count of the rest, ten repeated names and a count, up to three
/// about the text itself and one about the copy kept aside (25). Problem lists are summarised.
const MAX_MESSAGES: usize = 30;

fn cat() -> &'static Catalogue {
    shared().expect("catalogue decodes")
}

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.replace(['_', ','], "").parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

/// A target's time bound for one input: `ms`, plus `ms_per_mb` for each megabyte of input, in
/// an optimised build (as scripts/fuzz.sh runs it). The unoptimised build of `cargo test` runs
/// the same code 10 to 30 times slower: there the bound is [`DEBUG_FACTOR`] times as long, and
/// only catches runaway work.
#[derive(Clone, Copy, Debug)]
struct Bound {
    ms: u64,
    ms_per_mb: u64,
}

const DEBUG_FACTOR: u64 = 20;

impl Bound {
    fn for_len(self, len: usize) -> Duration {
        let micros = 1_000 * self.ms + (self.ms_per_mb * len as u64 * 1_000) / (1 << 20);
        Duration::from_micros(if cfg!(debug_assertions) {
            micros * DEBUG_FACTOR
        } else {
            micros
        })
    }
}

impl std::fmt::Display for Bound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let factor = if cfg!(debug_assertions) { DEBUG_FACTOR } else { 1 };
        write!(f, "{} ms", self.ms * factor)?;
        if self.ms_per_mb > 0 {
            write!(f, " + {} ms per MB", self.ms_per_mb * factor)?;
        }
        Ok(())
    }
}

/// One input: its text and, for the paste box, the qualification it is pasted into (an index
/// into the catalogue). `mutated` says which kind of input it is, for the figures.
#[derive(Clone)]
struct Input {
    text: String,
    q: usize,
    mutated: bool,
}

impl std::fmt::Debug for Input {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} bytes, qualification {}: {}",
            self.text.len(),
            self.q,
            preview(&self.text)
        )
    }
}

/// The text's Rust-escaped form, in full up to 2,000 bytes, otherwise its start.
fn preview(text: &str) -> String {
    if text.len() <= 2_000 {
        format!("{text:?}")
    } else {
        let mut end = 2_000;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        format!("{:?}… (first 2,000 of {} bytes)", &text[..end], text.len())
    }
}

// ---------------------------------------------------------------------------------------------
// The harness.

/// How long one decoder call took.
#[derive(Clone, Copy, Debug, Default)]
struct Took {
    /// The time held against the bound: `wall` when that is within a tenth of it, otherwise the
    /// time the thread spent on a CPU, when the system says (see [`timed`]).
    charged: Duration,
    /// Elapsed time, by [`Instant`].
    wall: Duration,
}

/// This thread's time on a CPU so far, from Linux's `/proc/thread-self/schedstat` (nanoseconds;
/// current to within a scheduler tick, a few milliseconds); None where there is no such file.
fn cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok().map(Duration::from_nanos)
}

/// Runs `f` and says how long it took, by [`Instant`]. An input that took over a tenth of
/// `bound` is run once more, twice when over the bound itself, and what counts is its fastest
/// run's time on a CPU: on two cores shared with other work (load averages of 8 are common here)
/// a run can wait for a core for longer than it works, and that wait is not the decoder's. A slow
/// input is slow on the CPU every time; and the slowest inputs reported are the slowest to decode,
/// not the ones that happened to wait.
fn timed<R>(bound: Duration, f: impl Fn() -> R) -> (R, Took) {
    let start = Instant::now();
    let mut out = f();
    let wall = start.elapsed();
    let mut took = Took { charged: wall, wall };
    let mut runs = 1;
    loop {
        let wanted = match took.charged {
            t if t > bound * 10 => 2,
            t if t > bound => 3,
            t if t > bound / 10 => 2,
            _ => 1,
        };
        if runs >= wanted {
            break;
        }
        let (cpu, start) = (cpu_time(), Instant::now());
        out = f();
        let wall = start.elapsed();
        let charged = match (cpu, cpu_time()) {
            (Some(before), Some(after)) => after.saturating_sub(before),
            _ => wall,
        };
        if runs == 1 || charged < took.charged {
            took = Took { charged, wall };
        }
        runs += 1;
    }
    (out, took)
}

/// What one input cost: the decoder's time, and the messages it returned.
#[derive(Clone, Copy, Debug, Default)]
struct Outcome {
    took: Took,
    messages: usize,
    /// Their characters, together.
    chars: usize,
}

/// The outcome of a call that took `took` and returned `messages`; fails when there are too
/// many messages or one is too long.
fn short(what: &str, took: Took, messages: &[String]) -> Result<Outcome, String> {
    let mut out = Outcome {
        took,
        messages: messages.len(),
        chars: 0,
    };
    if messages.len() > MAX_MESSAGES {
        return Err(format!(
            "{what}: {} messages (at most {MAX_MESSAGES}), the first {}",
            messages.len(),
            preview(&messages[0])
        ));
    }
    for m in messages {
        let chars = m.chars().count();
        if chars > MAX_MESSAGE_CHARS {
            return Err(format!(
                "{what}: a message of {chars} characters (at most {MAX_MESSAGE_CHARS}): {}",
                preview(m)
            ));
        }
        out.chars += chars;
    }
    Ok(out)
}

macro_rules! ensure {
    ($cond:expr, $($why:tt)+) => {
        if !$cond {
            return Err(format!($($why)+));
        }
    };
}

#[derive(Default)]
struct Figures {
    generated: usize,
    mutated: usize,
    /// Time in the decoder, all cases together (wall clock).
    total: Duration,
    /// The slowest case by charged time, and its input's length in bytes.
    slowest: Took,
    slowest_len: usize,
    /// 60 characters from its middle (where a long input shows what it repeats).
    slowest_sample: String,
    /// The longest wall-clock time of any case.
    longest_wall: Duration,
    largest: usize,
    /// The most messages one input gave, and the most characters of messages.
    most_messages: usize,
    most_chars: usize,
}

/// Where a failing input is saved, in full.
fn failure_file(name: &str, input: &Input) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fuzz-failures");
    let file = if name == "paste" {
        format!(
            "paste@{}.txt",
            address::number_to_slug(&cat().qualifications[input.q].number)
        )
    } else {
        format!("{name}.txt")
    };
    dir.join(file)
}

/// `FUZZ_REPLAY`'s input, when it is this target's: `<target>.txt` or `paste@<slug>.txt`.
fn replay(name: &str) -> Option<Input> {
    let path = PathBuf::from(std::env::var_os("FUZZ_REPLAY")?);
    let stem = path.file_stem()?.to_str()?.to_owned();
    let (target, slug) = stem.split_once('@').unwrap_or((&stem, ""));
    if target != name {
        return None;
    }
    let q = cat()
        .qualifications
        .iter()
        .position(|q| address::number_to_slug(&q.number) == slug)
        .unwrap_or(0);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("FUZZ_REPLAY {}: {e}", path.display()));
    Some(Input {
        text: String::from_utf8_lossy(&bytes).into_owned(),
        q,
        mutated: false,
    })
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_owned())
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// Feeds `strategy`'s inputs to `check`, which runs the decoder (timing it with [`timed`]) and
/// its invariants. Prints the figures; panics with the shrunk failing input, saved to a file, on
/// the first failure.
fn fuzz(
    name: &'static str,
    bound: Bound,
    strategy: BoxedStrategy<Input>,
    check: impl Fn(&Input) -> Result<Outcome, String>,
) {
    let one = |input: &Input| -> Result<Outcome, String> {
        let out = catch_unwind(AssertUnwindSafe(|| check(input)))
            .unwrap_or_else(|p| Err(format!("panicked: {}", panic_message(p.as_ref()))))?;
        if out.took.charged > bound.for_len(input.text.len()) {
            return Err(format!(
                "took {} (bound {} here; {} elapsed) on a {}-byte input",
                ms(out.took.charged),
                ms(bound.for_len(input.text.len())),
                ms(out.took.wall),
                thousands(input.text.len())
            ));
        }
        Ok(out)
    };
    if let Some(input) = replay(name) {
        match one(&input) {
            Ok(out) => println!(
                "fuzz {name}: replayed input passes ({} charged, {} elapsed)",
                ms(out.took.charged),
                ms(out.took.wall)
            ),
            Err(why) => panic!("fuzz {name}: replayed input fails: {why}"),
        }
        return;
    }
    if std::env::var_os("FUZZ_REPLAY").is_some() {
        return;
    }

    let seed = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    let cases = cases();
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(seed),
        // Shrinking a slow input re-runs it up to three times a step: keep it bounded.
        max_shrink_time: 120_000,
        max_shrink_iters: 2_000,
        ..Config::default()
    });
    let figures = RefCell::new(Figures::default());
    let started = Instant::now();
    let result = runner.run(&strategy, |input| {
        let out = one(&input).map_err(TestCaseError::fail)?;
        let mut f = figures.borrow_mut();
        if input.mutated {
            f.mutated += 1;
        } else {
            f.generated += 1;
        }
        f.total += out.took.wall;
        f.longest_wall = f.longest_wall.max(out.took.wall);
        f.largest = f.largest.max(input.text.len());
        if out.took.charged > f.slowest.charged {
            f.slowest = out.took;
            f.slowest_len = input.text.len();
            let mut middle = input.text.len() / 2;
            while !input.text.is_char_boundary(middle) {
                middle -= 1;
            }
            f.slowest_sample = input.text[middle..].chars().take(60).collect();
        }
        f.most_messages = f.most_messages.max(out.messages);
        f.most_chars = f.most_chars.max(out.chars);
        Ok(())
    });
    let f = figures.into_inner();
    let wall = started.elapsed();
    println!(
        "fuzz {name}: {} cases ({} generated, {} mutated) in {:.1} s, {:.1} s of it decoding; slowest {} ({} elapsed) on a {}-byte input (middle: {:?}), bound {bound}; longest elapsed {}; largest input {} bytes; most messages {} ({} characters); seed {seed}",
        thousands(f.generated + f.mutated),
        thousands(f.generated),
        thousands(f.mutated),
        wall.as_secs_f64(),
        f.total.as_secs_f64(),
        ms(f.slowest.charged),
        ms(f.slowest.wall),
        thousands(f.slowest_len),
        f.slowest_sample,
        ms(f.longest_wall),
        thousands(f.largest),
        thousands(f.most_messages),
        thousands(f.most_chars),
    );
    match result {
        Ok(()) => {}
        Err(TestError::Fail(why, input)) => {
            let path = failure_file(name, &input);
            let saved = std::fs::create_dir_all(path.parent().expect("has a folder"))
                .and_then(|()| std::fs::write(&path, &input.text));
            panic!(
                "fuzz {name} (seed {seed}): {why}\ninput (shrunk) {input:?}\nsaved in full: {}\nreplay: FUZZ_REPLAY={} cargo test --release --test fuzz {name}",
                saved.map_or_else(|e| format!("not saved ({e})"), |()| path.display().to_string()),
                path.display()
            );
        }
        Err(e) => panic!("fuzz {name} (seed {seed}): {e}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Mutation: a seed, edited.

#[derive(Clone, Debug)]
enum Edit {
    Insert(Index, Vec<u8>),
    Delete(Index, usize),
    Replace(Index, usize, Vec<u8>),
    /// Repeat a range right after itself this many times.
    Duplicate(Index, usize, usize),
    /// Insert a range of another seed.
    Splice(Index, Index, usize, Index),
    FlipCase(Index, usize),
    Cut(Index),
}

fn bytes(dictionary: &'static [&'static str]) -> BoxedStrategy<Vec<u8>> {
    prop_oneof![
        3 => select(dictionary).prop_map(|s| s.as_bytes().to_vec()),
        1 => vec(any::<u8>(), 1..6),
    ]
    .boxed()
}

/// Edits for a format whose interesting fragments are `dictionary`, repeating a range up to
/// `max_times` (enough to cross the decoder's size cap).
fn edit(dictionary: &'static [&'static str], max_times: usize) -> BoxedStrategy<Edit> {
    let len = prop_oneof![4 => 0usize..16, 1 => 16usize..1024];
    let times = prop_oneof![8 => 1usize..4, 1 => 4..max_times];
    prop_oneof![
        3 => (any::<Index>(), bytes(dictionary)).prop_map(|(at, b)| Edit::Insert(at, b)),
        2 => (any::<Index>(), len.clone()).prop_map(|(at, n)| Edit::Delete(at, n)),
        3 => (any::<Index>(), 0usize..8, bytes(dictionary)).prop_map(|(at, n, b)| Edit::Replace(at, n, b)),
        1 => (any::<Index>(), len.clone(), times).prop_map(|(at, n, t)| Edit::Duplicate(at, n, t)),
        1 => (any::<Index>(), any::<Index>(), len.clone(), any::<Index>()).prop_map(|(s, from, n, at)| Edit::Splice(s, from, n, at)),
        1 => (any::<Index>(), len).prop_map(|(at, n)| Edit::FlipCase(at, n)),
        1 => any::<Index>().prop_map(Edit::Cut),
    ]
    .boxed()
}

/// `text` with `edits` applied, never longer than `limit` bytes.
fn apply(text: &str, edits: &[Edit], seeds: &[Vec<u8>], limit: usize) -> String {
    let mut b = text.as_bytes().to_vec();
    for e in edits {
        let range = |at: &Index, n: usize, len: usize| {
            let start = at.index(len + 1);
            start..(start + n).min(len)
        };
        match e {
            Edit::Insert(at, new) => {
                let at = at.index(b.len() + 1);
                b.splice(at..at, new.iter().copied());
            }
            Edit::Delete(at, n) => {
                b.drain(range(at, *n, b.len()));
            }
            Edit::Replace(at, n, new) => {
                b.splice(range(at, *n, b.len()), new.iter().copied());
            }
            Edit::Duplicate(at, n, times) => {
                let r = range(at, *n, b.len());
                let part = b[r.clone()].repeat(*times);
                b.splice(r.end..r.end, part);
            }
            Edit::Splice(seed, from, n, at) => {
                let s = &seeds[seed.index(seeds.len())];
                let part = s[range(from, *n, s.len())].to_vec();
                let at = at.index(b.len() + 1);
                b.splice(at..at, part);
            }
            Edit::FlipCase(at, n) => {
                let r = range(at, *n, b.len());
                for c in &mut b[r] {
                    if c.is_ascii_alphabetic() {
                        *c ^= 0x20;
                    }
                }
            }
            Edit::Cut(at) => b.truncate(at.index(b.len() + 1)),
        }
        b.truncate(limit);
    }
    String::from_utf8_lossy(&b).into_owned()
}

/// Every seed under `tests/fuzz-corpus/<target>/`, sorted by file name.
fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("readable folder").path())
        .collect();
    files.sort();
    let seeds: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(f).unwrap_or_else(|e| panic!("{}: {e}", f.display())))
        .collect();
    assert!(!seeds.is_empty(), "no seeds in {}", dir.display());
    seeds
}

/// A target's inputs: generated ones (`generated`, with the qualification index), seeds from the
/// corpus mutated, and generated ones mutated.
fn inputs(
    target: &str,
    generated: BoxedStrategy<(String, usize)>,
    dictionary: &'static [&'static str],
    max_times: usize,
    limit: usize,
) -> BoxedStrategy<Input> {
    let seeds = Arc::new(seeds(target));
    let qs = cat().qualifications.len();
    let edits = vec(edit(dictionary, max_times), 1..8);
    let from_seed = {
        let seeds = seeds.clone();
        (any::<Index>(), edits.clone(), 0..qs).prop_map(move |(i, e, q)| {
            let seed = String::from_utf8_lossy(&seeds[i.index(seeds.len())]).into_owned();
            Input {
                text: apply(&seed, &e, &seeds, limit),
                q,
                mutated: true,
            }
        })
    };
    let from_generated = (generated.clone(), edits).prop_map(move |((text, q), e)| Input {
        text: apply(&text, &e, &seeds, limit),
        q,
        mutated: true,
    });
    prop_oneof![
        5 => generated.prop_map(|(text, q)| Input { text, q, mutated: false }),
        4 => from_seed,
        1 => from_generated,
    ]
    .boxed()
}

// ---------------------------------------------------------------------------------------------
// Pieces the generators share.

fn slugs() -> Vec<String> {
    cat()
        .qualifications
        .iter()
        .map(|q| address::number_to_slug(&q.number))
        .collect()
}

/// Every unit key and reference in the catalogue.
fn unit_codes() -> Vec<String> {
    let set: BTreeSet<String> = cat()
        .qualifications
        .iter()
        .flat_map(|q| q.units().flat_map(|(_, u)| [u.key(), u.reference.clone()]))
        .collect();
    set.into_iter().collect()
}

/// `s` with the case of some ASCII letters flipped.
fn recased(s: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    (s, any::<u64>(), prop::bool::weighted(0.2)).prop_map(|(s, bits, flip)| {
        if !flip {
            return s;
        }
        s.chars()
            .enumerate()
            .map(|(i, c)| {
                if bits >> (i % 64) & 1 == 1 {
                    c.to_ascii_lowercase()
                } else {
                    c.to_ascii_uppercase()
                }
            })
            .collect()
    })
}

/// Odd characters: non-ASCII letters, zero-width and direction marks, a BOM, NUL, combining marks.
const ODD: &[&str] = &[
    "é",
    "小林",
    "☕",
    "\u{feff}",
    "\u{200b}",
    "\u{202e}",
    "\0",
    "\u{301}",
    "ß",
    "İ",
    "\u{fffd}",
    "\u{10ffff}",
    "𝟚𝟘𝟜",
];

/// Random text: mostly printable, any Unicode.
fn noise(max: usize) -> BoxedStrategy<String> {
    prop_oneof![
        3 => proptest::string::string_regex(&format!("\\PC{{0,{max}}}")).expect("regex"),
        1 => vec(select(ODD), 0..4).prop_map(|v| v.concat()),
        1 => proptest::string::string_regex(&format!("[ -~]{{0,{max}}}")).expect("regex"),
    ]
    .boxed()
}

/// `unit` repeated to a length just under or just over `cap` (in bytes, cut at a character).
fn near_cap(prefix: String, unit: String, cap: usize, offset: i64) -> String {
    let target = (cap as i64 + offset).max(0) as usize;
    let unit = if unit.is_empty() { "x".to_owned() } else { unit };
    let mut out = prefix;
    while out.len() < target {
        out.push_str(&unit);
    }
    let mut end = target.min(out.len());
    while !out.is_char_boundary(end) {
        end -= 1;
    }
    out.truncate(end);
    out
}

fn offset() -> impl Strategy<Value = i64> {
    prop_oneof![Just(0i64), Just(-1), Just(1), -512i64..512]
}

// ---------------------------------------------------------------------------------------------
// The address.

const ADDRESS_DICTIONARY: &[&str] = &[
    "#/",
    "#",
    "/",
    "?",
    "&",
    "=",
    ",",
    "%",
    "%2C",
    "%2c",
    "%2F",
    "%2D",
    "%FF",
    "%C3",
    "%E2%80",
    "%G1",
    "%%",
    "%0",
    "+",
    "do=",
    "done=",
    "not=",
    "registered=",
    "600-1136-1",
    "601-3576-1",
    "204",
    "D/506/2119",
    "2017-09-04",
    "\u{feff}",
    "é",
    " ",
    "\t",
    "\n",
    "-",
];

fn unit_list() -> BoxedStrategy<String> {
    let key = prop_oneof![
        4 => recased(select(unit_codes())),
        1 => "[0-9]{1,6}",
        1 => "[A-Za-z][/-]?[0-9]{3}[/-]?[0-9]{4}",
        1 => select(&["%32%30%34", "%FF", "%", "%2", "%zz", "%C3%A9", "2%2C3", "+", " 204 ", "204%20", "D%2F506%2F2119"][..]).prop_map(str::to_owned),
        1 => noise(8),
    ];
    let sep = select(&[",", ",", ",", "%2C", "%2c", ",,", " , ", "+", ";", ""][..]);
    vec((key, sep), 0..12)
        .prop_map(|v| v.into_iter().map(|(k, s)| format!("{k}{s}")).collect())
        .boxed()
}

fn address_generated() -> BoxedStrategy<(String, usize)> {
    let slug = prop_oneof![
        6 => recased(select(slugs())),
        1 => "[0-9X-]{0,12}",
        1 => select(&["600%2D1136%2D1", "600%2F1136%2F1", "600/1136/1", "%", "%G0", "%FF", "%C3", "600-1136-1/", "600-1136-1//", "..", "%2F%2Fevil.example", " 600-1136-1 ", "600-1136-1%00"][..]).prop_map(str::to_owned),
        1 => noise(12),
    ];
    let date = prop_oneof![
        3 => "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        1 => select(&["2017-02-29", "2016-02-29", "0000-00-00", "9999-12-31", "2017-9-4", "+2017-09-04", "2017-09-04T00:00", "2017%2D09%2D04", "%FF", ""][..]).prop_map(str::to_owned),
    ];
    let name = select(
        &[
            "do",
            "do",
            "done",
            "not",
            "registered",
            "DO",
            "",
            "do ",
            "x",
            "do%3D",
            "=",
            "registered",
        ][..],
    );
    let part = prop_oneof![
        4 => (name, unit_list()).prop_map(|(n, v)| format!("{n}={v}")),
        1 => date.prop_map(|d| format!("registered={d}")),
        1 => noise(10),
    ];
    let query = vec((part, select(&["&", "&", "&", "&&", ";"][..])), 0..6)
        .prop_map(|v| v.into_iter().map(|(p, s)| format!("{p}{s}")).collect::<String>());
    let plausible = (
        select(&["#/", "#/", "#/", "#", "/", "", "#//", " #/", "##/", "#/ "][..]),
        slug,
        select(&["?", "?", "?", "??", "/?", ""][..]),
        query,
    )
        .prop_map(|(prefix, slug, q, query)| format!("{prefix}{slug}{q}{query}"));
    let huge = (select(slugs()), unit_list(), offset())
        .prop_map(|(slug, list, off)| near_cap(format!("#/{slug}?do="), format!("{list},"), MAX_ADDRESS_BYTES, off));
    prop_oneof![
        30 => plausible,
        1 => huge,
    ]
    .prop_map(|t| (t, 0))
    .boxed()
}

/// Measured worst (release, time on a CPU): under 10 ms, at the 16 KB cap. The issue's budget is
/// 200 ms of the page's time; 100 ms is half of it, and ten times the worst seen.
const ADDRESS_BOUND: Bound = Bound { ms: 100, ms_per_mb: 0 };

#[test]
fn address() {
    let c = cat();
    let strategy = inputs(
        "address",
        address_generated(),
        ADDRESS_DICTIONARY,
        2_000,
        MAX_ADDRESS_BYTES + 1024,
    );
    fuzz("address", ADDRESS_BOUND, strategy, |input| {
        let (d, took) = timed(ADDRESS_BOUND.for_len(input.text.len()), || {
            address::decode(&input.text, c)
        });
        let out = short("decode", took, &d.problems)?;
        if let Route::Planner { number, plan } = &d.route {
            let q = c
                .qualification(number)
                .ok_or_else(|| format!("decoded qualification {number} is not in the catalogue"))?;
            for key in plan.chosen.iter().chain(&plan.achieved).chain(&plan.ruled_out) {
                ensure!(q.unit(key).is_some(), "decoded unit {key:?} is not a unit of {number}");
            }
            let again = address::decode(&encode(&d.route), c);
            ensure!(
                again.route == d.route && again.problems.is_empty(),
                "decode(encode(route)) differs: {:?} from {:?}",
                again,
                d.route
            );
        }
        Ok(out)
    });
}

// ---------------------------------------------------------------------------------------------
// The plan file.

const PLAN_DICTIONARY: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "null",
    "true",
    "false",
    "0",
    "-0",
    "1",
    "1.0",
    "1e999",
    "-1e999",
    "18446744073709551616",
    "\\u0000",
    "\\ud800",
    "\\\"",
    "\\",
    "\u{feff}",
    " ",
    "\n",
    "\"format\"",
    "\"version\"",
    "\"plan\"",
    "\"chosen\"",
    "\"achieved\"",
    "\"ruled_out\"",
    "\"registered\"",
    "\"qualification\"",
    "\"number\"",
    "\"pathway-planner-plan\"",
    "\"600/1136/1\"",
    "\"204\"",
    "\"2017-02-30\"",
    "/*",
    "NaN",
];

/// Any JSON value, nested a few levels, with keys from the plan file's own.
fn json_value() -> BoxedStrategy<Value> {
    let key = prop_oneof![
        3 => select(&["format", "version", "catalogue", "qualification", "number", "title", "plan", "chosen", "achieved", "ruled_out", "registered", "totals", "verdict", "plans", "id", "name", "saved", "address"][..]).prop_map(str::to_owned),
        1 => noise(6),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop::num::f64::NORMAL.prop_map(Value::from),
        recased(select(unit_codes())).prop_map(Value::String),
        noise(12).prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 8, move |inner| {
        prop_oneof![
            vec(inner.clone(), 0..8).prop_map(Value::Array),
            vec((key.clone(), inner), 0..8).prop_map(|v| Value::Object(v.into_iter().collect())),
        ]
    })
    .boxed()
}

/// Some of a value's fields: each `None` is left out.
fn object(fields: Vec<(&str, Option<Value>)>, extra: Vec<(String, Value)>) -> Value {
    let mut m = Map::new();
    for (k, v) in fields {
        if let Some(v) = v {
            m.insert(k.to_owned(), v);
        }
    }
    m.extend(extra);
    Value::Object(m)
}

fn extra_fields() -> impl Strategy<Value = Vec<(String, Value)>> {
    vec((noise(6), json_value()), 0..2)
}

/// Text around a JSON document: as written compactly or pretty, maybe with a BOM, leading
/// blanks, nested in lists, cut off or followed by junk.
fn dressed(doc: impl Strategy<Value = Value>) -> impl Strategy<Value = String> {
    (
        doc,
        any::<bool>(),
        prop::bool::weighted(0.1),
        select(&["", "", "", " ", "\n\t "][..]),
        prop::option::weighted(0.05, 1usize..300),
        prop::option::weighted(0.2, any::<Index>()),
        prop::option::weighted(0.1, select(&["x", "}", "]", ",", "{}", "\0", " \n"][..])),
    )
        .prop_map(|(doc, pretty, bom, blank, nest, cut, junk)| {
            let mut text = if pretty {
                serde_json::to_string_pretty(&doc)
            } else {
                serde_json::to_string(&doc)
            }
            .expect("a Value serialises");
            if let Some(depth) = nest {
                text = format!("{}{text}{}", "[".repeat(depth), "]".repeat(depth));
            }
            if let Some(at) = cut {
                let mut end = at.index(text.len() + 1);
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.truncate(end);
            }
            if let Some(junk) = junk {
                text.push_str(junk);
            }
            format!("{}{blank}{text}", if bom { "\u{feff}" } else { "" })
        })
}

fn plan_generated() -> BoxedStrategy<(String, usize)> {
    let numbers: Vec<String> = cat().qualifications.iter().map(|q| q.number.clone()).collect();
    let version = catalogue_version(cat());
    let some = |weight: f64, s: BoxedStrategy<Value>| prop::option::weighted(weight, s);
    let format = prop_oneof![
        8 => Just(json!("pathway-planner-plan")),
        1 => select(&[SAVED_FORMAT, "Pathway-Planner-Plan", "", "pathway-planner-plan "][..]).prop_map(Value::from),
        1 => json_value(),
    ]
    .boxed();
    let file_version = prop_oneof![
        8 => Just(json!(1)),
        1 => select(vec![json!(0), json!(2), json!(-1), json!("1"), json!(1.0), json!(null), json!(u64::MAX), json!(1e300), json!([1])]),
        1 => json_value(),
    ]
    .boxed();
    let number = prop_oneof![
        6 => recased(select(numbers)).prop_map(Value::from),
        1 => select(&["600-1136-1", " 600/1136/1 ", "600/1136", "600/1136/1/", ""][..]).prop_map(Value::from),
        1 => json_value(),
    ]
    .boxed();
    let entry = prop_oneof![
        6 => recased(select(unit_codes())).prop_map(Value::from),
        1 => select(&[" 204 ", "", "2O7", "999", "D/506/2119 "][..]).prop_map(Value::from),
        1 => json_value(),
    ];
    let list = prop_oneof![
        8 => vec(entry, 0..16).prop_map(Value::Array),
        1 => json_value(),
    ]
    .boxed();
    let registered = prop_oneof![
        4 => "[0-9]{4}-[0-9]{2}-[0-9]{2}".prop_map(Value::from),
        1 => json_value(),
    ]
    .boxed();
    let plan = prop_oneof![
        8 => (
            some(0.9, list.clone()),
            some(0.7, list.clone()),
            some(0.5, list),
            some(0.5, registered),
            extra_fields()
        )
            .prop_map(|(c, a, r, d, extra)| object(vec![("chosen", c), ("achieved", a), ("ruled_out", r), ("registered", d)], extra)),
        1 => json_value(),
    ]
    .boxed();
    let catalogue = prop_oneof![
        4 => Just(Value::from(version)),
        1 => json_value(),
    ]
    .boxed();
    let file = (
        some(0.95, format),
        some(0.95, file_version),
        some(0.8, catalogue),
        some(0.95, number),
        some(0.95, plan),
        extra_fields(),
    )
        .prop_map(|(f, v, c, n, p, extra)| {
            let q = n.map(|n| json!({ "number": n, "title": "Level 3 NVQ Diploma" }));
            object(
                vec![
                    ("format", f),
                    ("version", v),
                    ("catalogue", c),
                    ("qualification", q),
                    ("plan", p),
                ],
                extra,
            )
        });
    let plausible = dressed(file);
    let huge = (recased(select(unit_codes())), noise(6), offset(), any::<bool>()).prop_map(|(key, noise, off, quoted)| {
        let head = r#"{"format":"pathway-planner-plan","version":1,"qualification":{"number":"600/1136/1"},"plan":{"chosen":["#;
        let item = if quoted {
            serde_json::to_string(&format!("{key}{noise}")).expect("a string serialises") + ","
        } else {
            format!("{key},")
        };
        let mut text = near_cap(head.to_owned(), item, MAX_PLAN_BYTES, off);
        text.push_str("\"204\"]}}");
        text
    });
    prop_oneof![
        40 => plausible,
        1 => huge,
        2 => json_value().prop_map(|v| v.to_string()),
    ]
    .prop_map(|t| (t, 0))
    .boxed()
}

/// Measured worst (release, time on a CPU): 50 to 90 ms, a 256 KB file naming 30,000 units the
/// qualification lacks, or one such unit 37,000 times (each entry is looked for among the
/// qualification's units twice, exactly and ignoring case). 150 ms is within the issue's 200 ms
/// budget with room over the worst seen on a busy machine.
const PLAN_BOUND: Bound = Bound { ms: 150, ms_per_mb: 0 };

#[test]
fn plan() {
    let c = cat();
    let version = catalogue_version(c);
    let compiled: RefCell<HashMap<String, Compiled>> = RefCell::new(HashMap::new());
    let q_of = |number: &str| -> &Qualification { c.qualification(number).expect("in the catalogue") };
    let strategy = inputs("plan", plan_generated(), PLAN_DICTIONARY, 8_000, MAX_PLAN_BYTES + 4096);
    fuzz("plan", PLAN_BOUND, strategy, |input| {
        let (read, took) = timed(PLAN_BOUND.for_len(input.text.len()), || read_plan_json(c, &input.text));
        match read {
            Err(e) => short("read_plan_json's error", took, &[e.to_string()]),
            Ok(imported) => {
                let out = short("read_plan_json", took, &imported.problems)?;
                let q = q_of(&imported.number);
                for key in imported
                    .plan
                    .chosen
                    .iter()
                    .chain(&imported.plan.achieved)
                    .chain(&imported.plan.ruled_out)
                {
                    ensure!(
                        q.unit(key).is_some(),
                        "imported unit {key:?} is not a unit of {}",
                        q.number
                    );
                }
                let mut compiled = compiled.borrow_mut();
                let cq = compiled
                    .entry(q.number.clone())
                    .or_insert_with(|| Compiled::new(q).expect("compiles"));
                let again = read_plan_json(c, &plan_json(cq, q, &imported.plan, &version));
                ensure!(
                    again
                        .as_ref()
                        .is_ok_and(|a| a.plan == imported.plan && a.number == imported.number && a.problems.is_empty()),
                    "read_plan_json(plan_json(plan)) differs: {again:?} from {imported:?}"
                );
                Ok(out)
            }
        }
    });
}

// ---------------------------------------------------------------------------------------------
// The saved-plans storage entry.

const SAVED_DICTIONARY: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "null",
    "3",
    "2",
    "4",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "plan\t",
    "current\t",
    "end\n",
    "pathway-planner-saved 2\n",
    "pathway-planner-saved",
    "\"plans\"",
    "\"version\"",
    "\"format\"",
    "\"name\"",
    "\"id\"",
    "\"p1\"",
    "\"address\"",
    "\"#/600-1136-1\"",
    "#/",
    "\\u0000",
    "\\ud800",
    "\u{feff}",
    " (2)",
];

fn plan_names() -> Vec<String> {
    let long = "x".repeat(MAX_NAME_CHARS);
    vec![
        "Amira".into(),
        "amira".into(),
        "AMIRA ".into(),
        "Amira (2)".into(),
        "Amira (3)".into(),
        " ".into(),
        String::new(),
        "a\tb".into(),
        "a\nb".into(),
        "小林 — Pearson".into(),
        long.clone(),
        format!("{}y", &long[1..]),
        format!("{}yz", &long[2..]),
        format!("{} (2)", &long[4..]),
        format!("{long}x"),
        "é".repeat(MAX_NAME_CHARS),
        "é".repeat(MAX_NAME_CHARS + 1),
        format!("{} {}", &long[6..], "abcde"),
    ]
}

const ADDRESSES: &[&str] = &[
    "#/600-1136-1?do=204,207,302,303,304&done=101&registered=2017-09-04",
    "#/601-3576-1?do=D/506/2119,H/506/2154",
    "#/123-4567-8?do=101",
    "#/",
    "#",
    "",
    "/#/600-1136-1",
    "#//evil.example/",
    "javascript:alert(1)",
];

fn saved_plan_item() -> BoxedStrategy<Value> {
    let s = |v: &'static [&'static str]| select(v).prop_map(Value::from);
    let id = prop_oneof![
        4 => "p[0-9]{1,3}".prop_map(Value::from),
        1 => s(&["p18446744073709551615", "p18446744073709551616", "", " p1 ", "p0", "p01", "P1"]),
        1 => json_value(),
    ];
    let name = prop_oneof![
        6 => select(plan_names()).prop_map(Value::from),
        2 => noise(30).prop_map(Value::from),
        1 => json_value(),
    ];
    let saved = prop_oneof![
        4 => Just(Value::from("2026-11-23T10:15:00Z")),
        1 => json_value(),
    ];
    let address = prop_oneof![
        4 => s(ADDRESSES),
        2 => address_generated().prop_map(|(a, _)| Value::from(a)),
        1 => json_value(),
    ];
    let p = |w: f64, s: BoxedStrategy<Value>| prop::option::weighted(w, s);
    prop_oneof![
        8 => (p(0.95, id.boxed()), p(0.95, name.boxed()), p(0.9, saved.boxed()), p(0.95, address.boxed()), extra_fields())
            .prop_map(|(i, n, s, a, extra)| object(vec![("id", i), ("name", n), ("saved", s), ("address", a)], extra)),
        1 => json_value(),
    ]
    .boxed()
}

/// The largest saved-plans entry built: the cap in an optimised build; 1 MB in the unoptimised
/// one of `cargo test`'s short pass, where reading an 8 MB entry takes up to half a minute.
const SAVED_HUGE: usize = if cfg!(debug_assertions) {
    1 << 20
} else {
    MAX_STORAGE_BYTES
};

fn saved_generated() -> BoxedStrategy<(String, usize)> {
    let format = prop_oneof![
        8 => Just(Value::from(SAVED_FORMAT)),
        1 => select(&["pathway-planner-plan", "Pathway-Planner-Saved", ""][..]).prop_map(Value::from),
        1 => json_value(),
    ]
    .boxed();
    let version = prop_oneof![
        8 => Just(json!(3)),
        1 => select(vec![json!(1), json!(2), json!(4), json!("3"), json!(3.0), json!(null), json!(i64::MAX), json!(-1)]),
        1 => json_value(),
    ]
    .boxed();
    let plans = prop_oneof![
        8 => vec(saved_plan_item(), 0..12).prop_map(Value::Array),
        1 => json_value(),
    ]
    .boxed();
    let v3 = dressed(
        (
            prop::option::weighted(0.95, format),
            prop::option::weighted(0.95, version),
            prop::option::weighted(0.95, plans),
            extra_fields(),
        )
            .prop_map(|(f, v, p, extra)| object(vec![("format", f), ("version", v), ("plans", p)], extra)),
    );

    let field = prop_oneof![
        4 => select(plan_names()),
        2 => select(ADDRESSES).prop_map(str::to_owned),
        2 => "p[0-9]{1,3}",
        1 => noise(12),
    ];
    let line = prop_oneof![
        8 => vec(field, 0..6).prop_map(|f| format!("plan\t{}", f.join("\t"))),
        1 => select(ADDRESSES).prop_map(|a| format!("current\t{a}")),
        1 => Just("end".to_owned()),
        1 => Just(String::new()),
        1 => noise(16),
    ];
    let v2 = (
        select(
            &[
                "pathway-planner-saved 2",
                "pathway-planner-saved 2",
                "pathway-planner-saved 2 ",
                "pathway-planner-saved  2",
                "pathway-planner-saved 1",
                "pathway-planner-saved 3",
                "pathway-planner-saved",
                "pathway-planner-saved x",
                "pathway-planner-saved 99999999999999999999",
                " pathway-planner-saved 2",
            ][..],
        ),
        vec(line, 0..10),
        prop::bool::weighted(0.8),
        select(&["\n", "\n", "\r\n", "\r"][..]),
        any::<bool>(),
    )
        .prop_map(|(header, lines, end, nl, bom)| {
            let mut text = format!("{}{header}{nl}", if bom { "\u{feff}" } else { "" });
            for l in lines {
                text.push_str(&l);
                text.push_str(nl);
            }
            if end {
                text.push_str("end");
                text.push_str(nl);
            }
            text
        });

    // Many plans: one to three items repeated to just under or over the cap, or a few thousand
    // (the names from a small set, so most are copies to be renamed).
    let huge = (
        vec(saved_plan_item(), 1..4),
        prop_oneof![Just(None), (1usize..5_000).prop_map(Some)],
        offset(),
        any::<bool>(),
    )
        .prop_map(|(items, count, off, v2)| {
            let one = |item: &Value| -> String {
                if v2 {
                    let f = |k: &str| item.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
                    format!("plan\t{}\t{}\t{}\t{}\n", f("id"), f("name"), f("saved"), f("address"))
                } else {
                    format!("{item},")
                }
            };
            let unit: String = items.iter().map(one).collect();
            let head = if v2 {
                "pathway-planner-saved 2\n".to_owned()
            } else {
                format!(r#"{{"format":"{SAVED_FORMAT}","version":3,"plans":["#)
            };
            let mut text = match count {
                Some(n) if head.len() + unit.len() * n <= SAVED_HUGE => head + &unit.repeat(n),
                _ => near_cap(head, unit, SAVED_HUGE, off),
            };
            text.push_str(if v2 { "end\n" } else { "{}]}" });
            text
        });
    // Many numbered plans, as a list saved over years might hold: names a stem and a number, each
    // name once or a few times; ids numbered, missing, or after one with the largest id there is.
    let numbered = (
        select(plan_names()),
        1usize..4,
        0usize..3,
        prop_oneof![1usize..100, 100..SAVED_HUGE / 300],
        any::<bool>(),
    )
        .prop_map(|(stem, dups, ids, count, v2)| {
            let mut text = if v2 {
                "pathway-planner-saved 2\n".to_owned()
            } else {
                format!(r#"{{"format":"{SAVED_FORMAT}","version":3,"plans":["#)
            };
            for i in 0..count {
                let id = match ids {
                    0 => format!("p{}", i + 1),
                    1 => String::new(),
                    _ if i == 0 => format!("p{}", u64::MAX),
                    _ if i % 2 == 0 => format!("p{i}"),
                    _ => String::new(),
                };
                let name = format!("{stem}{:05}", i / dups);
                let address = ADDRESSES[i % ADDRESSES.len()];
                if v2 {
                    text.push_str(&format!("plan\t{id}\t{name}\t2026-11-23T10:15:00Z\t{address}\n"));
                } else {
                    let item = json!({ "id": id, "name": name, "saved": "2026-11-23T10:15:00Z", "address": address });
                    text.push_str(&format!("{}{item}", if i == 0 { "" } else { "," }));
                }
            }
            text.push_str(if v2 { "end\n" } else { "]}" });
            text
        });
    // Entries of megabytes take up to a second each to build, read and write back: rare enough
    // that they cost about a millisecond a case on average.
    prop_oneof![
        200 => v3,
        100 => v2,
        1 => huge,
        1 => numbered,
    ]
    .prop_map(|t| (t, 0))
    .boxed()
}

/// By size: reading the entry is linear work, and the 8 MB cap itself costs more than the
/// issue's 200 ms budget. Measured (release, time on a CPU, entries at the cap): 160 ms for valid
/// plans, 950 ms for 4 million items `0`, 1,030 ms for 800,000 version 2 plans called "A" (118
/// to 129 ms per MB). 50 ms + 200 ms per MB (1.65 s at the cap) passes linear work and fails
/// anything worse well before the cap: the copies and ids this target found took 7.6 s at 1.2 MB
/// and 314 ms at 531 KB.
const SAVED_BOUND: Bound = Bound { ms: 50, ms_per_mb: 200 };

#[test]
fn saved() {
    assert_eq!(load(None), Default::default());
    let strategy = inputs("saved", saved_generated(), SAVED_DICTIONARY, 20_000, SAVED_HUGE + 4096);
    fuzz("saved", SAVED_BOUND, strategy, |input| {
        let (out, took) = timed(SAVED_BOUND.for_len(input.text.len()), || load(Some(&input.text)));
        let outcome = short("load", took, &out.problems)?;
        ensure!(
            !(out.recovered.is_some() && out.migrated_from.is_some()),
            "both recovered and migrated_from are set"
        );
        let mut names = BTreeSet::new();
        let mut ids = BTreeSet::new();
        for p in &out.plans.plans {
            ensure!(
                p.name.chars().count() <= MAX_NAME_CHARS,
                "a name over {MAX_NAME_CHARS} characters: {:?}",
                p.name
            );
            ensure!(
                names.insert(p.name.to_ascii_lowercase()),
                "two plans called {:?}",
                p.name
            );
            ensure!(ids.insert(p.id.clone()), "two plans with id {:?}", p.id);
        }
        // An entry just under the cap can come back over it: version 2 lines written as JSON, ids
        // added, copies renamed. Such an entry could never be written: browsers keep about 5
        // million characters a site, well under the 8 MB cap.
        let stored = to_storage(&out.plans);
        if stored.len() > MAX_STORAGE_BYTES {
            return Ok(outcome);
        }
        let again = load(Some(&stored));
        ensure!(
            again.plans == out.plans
                && again.problems.is_empty()
                && again.recovered.is_none()
                && again.migrated_from.is_none(),
            "load(to_storage(plans)) differs: {:?}",
            again.problems
        );
        Ok(outcome)
    });
}

// ---------------------------------------------------------------------------------------------
// The paste box.

const PASTE_DICTIONARY: &[&str] = &[
    ",",
    ";",
    "\t",
    "\n",
    "\r\n",
    "\r",
    " ",
    "|",
    "\"",
    "(",
    ")",
    "*",
    "Unit ",
    "U",
    "Level ",
    " credits",
    "L/503/0394",
    "l5030394",
    "L-503-0394",
    "204",
    "0204",
    "2O7",
    "12345",
    "Carry out direct sales",
    "\u{feff}",
    "\u{200b}",
    "é",
];

fn paste_generated() -> BoxedStrategy<(String, usize)> {
    let reference = (select(unit_codes()), 0..4usize).prop_map(|(r, style)| match style {
        0 => r.clone(),
        1 => r.to_ascii_lowercase(),
        2 => r.replace('/', "-"),
        _ => r.replace('/', ""),
    });
    let number = "[0-9]{1,4}";
    let token = prop_oneof![
        4 => reference,
        4 => number,
        2 => (select(&["Unit ", "Unit", "U", "unit 0", "u"][..]), "[0-9]{1,4}").prop_map(|(u, n)| format!("{u}{n}")),
        3 => select(&["Unit", "and", "or", "Carry", "out", "direct", "sales", "Level", "credits", "GLH", "hours", "Status", "Achieved", "Mandatory", "Group", "B", "x"][..]).prop_map(str::to_owned),
        1 => "[0-9][A-Za-z][0-9]{1,3}",
        1 => "[0-9]{5,12}",
        1 => noise(8),
    ];
    let wrapped = (
        token,
        select(&["{}", "{}", "{}", "\"{}\"", "({})", "{}*", "[{}]", "'{}'", "{}:"][..]),
    )
        .prop_map(|(t, w)| w.replace("{}", &t));
    let list_line = vec(
        (
            wrapped,
            select(&[", ", ",", ";", "\t", " ", "  ", "|", "\u{200b}", " and "][..]),
        ),
        0..12,
    )
    .prop_map(|v| v.into_iter().map(|(t, s)| format!("{t}{s}")).collect::<String>());
    let csv_row = (
        prop::option::of(select(&["Achieved", "Chosen", "Mandatory", ""][..])),
        "[0-9]{1,4}",
        select(unit_codes()),
        select(
            &[
                "Carry out direct sales activities in a contact centre",
                "Deal with incidents, \"promptly\"",
                "",
            ][..],
        ),
        0u32..5,
        0u32..20,
        select(&[",", "\t", ";"][..]),
    )
        .prop_map(|(status, n, r, title, level, credits, sep)| {
            let title = if sep == "," && title.contains(',') {
                format!("\"{}\"", title.replace('"', "\"\""))
            } else {
                title.to_owned()
            };
            let mut cells = vec![n, r, title, level.to_string(), credits.to_string()];
            if let Some(s) = status {
                cells.insert(0, s.to_owned());
            }
            cells.join(sep)
        });
    let line = prop_oneof![3 => list_line, 1 => csv_row];
    let text = vec((line, select(&["\n", "\n", "\r\n", "\r"][..])), 0..20)
        .prop_map(|v| v.into_iter().map(|(l, nl)| format!("{l}{nl}")).collect::<String>());
    let huge = (
        prop_oneof![
            3 => "[0-9]{1,4}[ ,\n]",
            1 => select(unit_codes()).prop_map(|r| format!("{r}\n")),
            1 => Just("1a".to_owned()),
            1 => Just("9".to_owned()),
        ],
        offset(),
    )
        .prop_map(|(unit, off)| near_cap(String::new(), unit, MAX_PASTE_BYTES, off));
    let qs = cat().qualifications.len();
    (prop_oneof![40 => text, 1 => huge], 0..qs).boxed()
}

/// Measured worst (release, time on a CPU): about 40 ms, 50,000 tokens `7` (none a unit of the
/// qualification, so each compared with all its units). 100 ms: half the issue's 200 ms budget,
/// more than twice the worst seen.
const PASTE_BOUND: Bound = Bound { ms: 100, ms_per_mb: 0 };

#[test]
fn paste() {
    let c = cat();
    let strategy = inputs(
        "paste",
        paste_generated(),
        PASTE_DICTIONARY,
        8_000,
        MAX_PASTE_BYTES + 1024,
    );
    fuzz("paste", PASTE_BOUND, strategy, |input| {
        let q = &c.qualifications[input.q];
        let (r, took) = timed(PASTE_BOUND.for_len(input.text.len()), || resolve_paste(q, &input.text));
        let mut messages = r.messages();
        messages.push(r.recognised_line());
        let out = short("resolve_paste", took, &messages)?;
        for key in &r.recognised {
            ensure!(
                q.unit(key).is_some(),
                "recognised {key:?} is not a unit of {}",
                q.number
            );
        }
        let unique = |v: &[String]| v.iter().collect::<BTreeSet<_>>().len() == v.len();
        ensure!(
            unique(&r.recognised) && unique(&r.unknown),
            "a unit or token listed twice: {r:?}"
        );
        Ok(out)
    });
}

// ---------------------------------------------------------------------------------------------
// The cohort file.

const COHORT_DICTIONARY: &[&str] = &[
    ",",
    ";",
    "\t",
    "\"",
    "\"\"",
    "\r\n",
    "\n",
    "\r",
    "\u{feff}",
    "learner",
    "qualification",
    "units",
    "achieved",
    "registered",
    "Learner,Qualification,Units",
    "600/1135/X",
    "600-1136-1",
    "L/503/0394",
    "204",
    "Unit 204",
    "none",
    "2024-09-01",
    "31/02/2024",
    "1/9/2024",
    "=HYPERLINK(\"x\")",
    "PK\u{3}\u{4}",
    "\0",
];

/// Cohort files as spreadsheets write them: the app's own generated file of a few learners,
/// its header reordered and recased, with another delimiter.
fn cohort_generated() -> BoxedStrategy<(String, usize)> {
    // Made once (it finds each qualification's shortest routes); each case takes its first rows.
    static SAMPLE: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let lines = SAMPLE.get_or_init(|| {
        pathway_planner::cohort::sample_cohort(cat(), 40)
            .split_inclusive('\n')
            .map(str::to_owned)
            .collect()
    });
    let qs = cat().qualifications.len();
    (
        1usize..lines.len(),
        0..qs,
        prop::sample::select(vec![",", ";", "\t"]),
        any::<bool>(),
    )
        .prop_map(move |(n, q, delimiter, upper)| {
            let text: String = lines[..=n].concat();
            let (header, rest) = text.split_once('\n').unwrap_or((&text, ""));
            let header = if upper {
                header.to_uppercase()
            } else {
                header.to_owned()
            };
            let text = if delimiter == "," {
                format!("{header}\n{rest}")
            } else {
                // Only the header's commas: the rows keep theirs, as a broken export would.
                format!("{}\n{rest}", header.replace(',', delimiter))
            };
            (text, q)
        })
        .boxed()
}

/// Reading and checking a file of a few hundred rows at most: generous, it finds runaway work.
const COHORT_BOUND: Bound = Bound {
    ms: 100,
    ms_per_mb: 1_000,
};

#[test]
fn cohort() {
    use pathway_planner::cohort::{check_cohort, Outcome as Checked};
    let c = cat();
    let strategy = inputs("cohort", cohort_generated(), COHORT_DICTIONARY, 4_000, 256 * 1024);
    fuzz("cohort", COHORT_BOUND, strategy, |input| {
        let (result, took) = timed(COHORT_BOUND.for_len(input.text.len()), || {
            check_cohort(c, input.text.as_bytes())
        });
        let cohort = match result {
            Err(e) => return short("check_cohort's refusal", took, &[e.message()]),
            Ok(cohort) => cohort,
        };
        let notes: Vec<String> = cohort.notes.iter().map(|n| n.sentence()).collect();
        let out = short("check_cohort's notes", took, &notes)?;
        for row in &cohort.rows {
            // A row's message names every problem in it, each quoting at most a few tokens cut
            // short: about 1,600 characters at worst.
            ensure!(
                row.message.chars().count() <= 2 * MAX_MESSAGE_CHARS,
                "row {}: a message of {} characters",
                row.row,
                row.message.chars().count()
            );
            if let Checked::Checked(checked) = &row.outcome {
                let q = c
                    .qualification(&row.qualification)
                    .ok_or_else(|| format!("row {}: {} is not in the catalogue", row.row, row.qualification))?;
                let verdict = Compiled::new(q).expect("compiles").evaluate(&checked.plan);
                ensure!(
                    verdict.met() == checked.met,
                    "row {}: the cohort says met={}, the engine {}",
                    row.row,
                    checked.met,
                    verdict.met()
                );
                let d = address::decode(&checked.link, c);
                ensure!(
                    d.problems.is_empty()
                        && d.route
                            == Route::Planner {
                                number: q.number.clone(),
                                plan: checked.plan.clone()
                            },
                    "row {}: the link {} does not open the plan checked",
                    row.row,
                    checked.link
                );
            }
        }
        Ok(out)
    });
}

/// The corpus is what it says: valid input for each decoder.
#[test]
fn seeds_are_valid_inputs() {
    let c = cat();
    for s in seeds("address") {
        let d = address::decode(std::str::from_utf8(&s).expect("UTF-8"), c);
        assert!(!matches!(d.route, Route::Home), "{d:?}");
    }
    for s in seeds("plan") {
        let p = read_plan_json(c, std::str::from_utf8(&s).expect("UTF-8")).expect("a plan file");
        assert!(!p.plan.chosen.is_empty(), "{p:?}");
    }
    for s in seeds("cohort") {
        let checked = pathway_planner::cohort::check_cohort(c, &s).expect("a cohort file");
        assert!(!checked.rows.is_empty(), "{checked:?}");
    }
    for s in seeds("saved") {
        let out = load(Some(std::str::from_utf8(&s).expect("UTF-8")));
        assert!(out.recovered.is_none() && out.plans.plans.len() >= 3, "{out:?}");
    }
    let q = c.qualification("600/1136/1").expect("in the catalogue");
    for s in seeds("paste") {
        let r = resolve_paste(q, std::str::from_utf8(&s).expect("UTF-8"));
        assert!(r.recognised.len() >= 2, "{r:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// What these targets found, kept as tests.

/// Every message that quotes the input quoted all of it, so a long input made a message as long
/// (a 16 KB address part, a 256 KB qualification number in a plan file, an 8 MB saved plan name).
#[test]
fn found_messages_quote_input_whole() {
    let c = cat();
    let long = "d".repeat(10_000);
    for address in [
        format!("#/600-1136-1?{long}=1"),
        format!("#/600-1136-1?do={long}"),
        format!("#/600-1136-1?do=%FF{long}"),
        format!("#/600-1136-1?registered={long}"),
    ] {
        let d = address::decode(&address, c);
        short("decode", Took::default(), &d.problems).unwrap();
        assert!(d.problems.iter().any(|p| p.contains("dddd…")), "{:?}", d.problems);
    }
    let file = |format: &str, version: &str, number: &str, catalogue: &str, registered: &str| {
        format!(
            r#"{{"format":{format},"version":{version},"catalogue":{catalogue},"qualification":{{"number":{number}}},"plan":{{"chosen":["204",{number}],"registered":{registered}}}}}"#
        )
    };
    let (quoted, list) = (format!("\"{long}\""), format!("[{}]", "1,".repeat(5_000) + "1"));
    let plain = "\"pathway-planner-plan\"";
    for text in [
        file(&quoted, "1", "\"600/1136/1\"", "\"x\"", "null"),
        file(plain, &list, "\"600/1136/1\"", "\"x\"", "null"),
        file(plain, "1", &quoted, "\"x\"", "null"),
        file(plain, "1", "\"600/1136/1\"", &quoted, &list),
    ] {
        let messages = match read_plan_json(c, &text) {
            Ok(p) => p.problems,
            Err(e) => vec![e.to_string()],
        };
        short("read_plan_json", Took::default(), &messages).unwrap();
        assert!(messages.iter().any(|m| m.contains("…")), "{messages:?}");
    }
    for entry in [
        format!(r##"{{"format":"{SAVED_FORMAT}","version":3,"plans":[{{"name":"{long}","address":"#/"}}]}}"##),
        format!(r#"{{"format":"{long}","version":3,"plans":[]}}"#),
        format!("pathway-planner-saved 2\nplan\tp1\t{long}\tt\t#/\tx\nend\n"),
    ] {
        let out = load(Some(&entry));
        short("load", Took::default(), &out.problems).unwrap();
        assert!(out.problems.iter().any(|m| m.contains("dddd…")), "{:?}", out.problems);
    }
    let r = resolve_paste(
        c.qualification("600/1136/1").expect("in the catalogue"),
        &format!("1{long} 999"),
    );
    short("resolve_paste", Took::default(), &r.messages()).unwrap();
    assert_eq!(r.messages(), [format!("Not recognised: 1{}…, 999.", &long[..39])]);
}

/// Saved plans whose long names share their first 95 characters, each twice: every copy's new
/// name was looked for from " (2)" up, past every other name's copies (4,000 such names: 1.2 MB,
/// 7.6 s in release; a full 8 MB entry would take minutes).
#[test]
fn found_copies_of_long_names_counted_up_from_two_each_time() {
    let stem = "x".repeat(95);
    let items: Vec<String> = (0..4_000)
        .flat_map(|i| [i, i])
        .map(|i| {
            format!(
                r##"{{"id":"p{}","name":"{stem}{i:05}","saved":"","address":"#/"}}"##,
                i + 1
            )
        })
        .collect();
    let entry = format!(
        r#"{{"format":"{SAVED_FORMAT}","version":3,"plans":[{}]}}"#,
        items.join(",")
    );
    let (out, took) = timed(SAVED_BOUND.for_len(entry.len()), || load(Some(&entry)));
    assert!(took.charged <= SAVED_BOUND.for_len(entry.len()), "{took:?}");
    assert_eq!(out.plans.plans.len(), 8_000);
    let names: BTreeSet<&str> = out.plans.plans.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names.len(), 8_000);
    assert!(names.iter().all(|n| n.chars().count() <= MAX_NAME_CHARS));
    assert_eq!(out.plans.plans[1].name, format!("{}0 (2)", &stem));
    assert_eq!(out.plans.plans[3].name, format!("{}0 (3)", &stem));
    assert_eq!(load(Some(&to_storage(&out.plans))).plans, out.plans);
}

/// After a plan with id `p18446744073709551615`, every plan without an id was given one counted
/// up from `p0` past every id in use (found at 531 KB, 314 ms; 8 MB would take minutes).
#[test]
fn found_ids_after_the_largest_counted_up_from_zero_each_time() {
    let items: Vec<String> = (0..20_000)
        .map(|i| {
            let id = match i {
                0 => format!("p{}", u64::MAX),
                i if i % 2 == 0 => format!("p{i}"),
                _ => String::new(),
            };
            format!(r##"{{"id":"{id}","name":"Plan {i}","saved":"","address":"#/"}}"##)
        })
        .collect();
    let entry = format!(
        r#"{{"format":"{SAVED_FORMAT}","version":3,"plans":[{}]}}"#,
        items.join(",")
    );
    let (out, took) = timed(SAVED_BOUND.for_len(entry.len()), || load(Some(&entry)));
    assert!(took.charged <= SAVED_BOUND.for_len(entry.len()), "{took:?}");
    let ids: BTreeSet<&str> = out.plans.plans.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids.len(), 20_000);
    assert_eq!(out.plans.plans[1].id, "p0");
    assert_eq!(out.plans.plans[3].id, "p1");
    assert_eq!(out.plans.plans[5].id, "p3");
    assert!(out.problems.is_empty(), "{:?}", out.problems);
}

/// Problem lists grew with the input: a 16 KB address of unusable parts gave 1,792 messages
/// (116,505 characters), an 8 MB saved-plans entry of `0,0,0,…` 4,194,277 (360 MB, 1.7 s).
#[test]
fn found_problem_lists_one_message_per_bad_part() {
    let c = cat();
    let d = address::decode(&format!("#/600-1136-1?do=204&{}", "x&".repeat(5_000)), c);
    short("decode", Took::default(), &d.problems).unwrap();
    assert_eq!(d.problems.len(), 11, "{:?}", d.problems);
    assert_eq!(
        d.problems[10],
        "4,990 more parts of the link could not be used and were left out."
    );
    let d = address::decode("#/600-1136-1?x&y&registered=2017-02-30", c);
    assert_eq!(d.problems.len(), 3, "a few are still each named: {:?}", d.problems);

    let items = vec!["0"; 100_000].join(",");
    let out = load(Some(&format!(
        r#"{{"format":"{SAVED_FORMAT}","version":3,"plans":[{items}]}}"#
    )));
    short("load", Took::default(), &out.problems).unwrap();
    assert_eq!(
        out.problems[9],
        "Saved plan number 10 could not be read (it is not a saved plan) and was left out."
    );
    assert_eq!(
        out.problems[10],
        "99,990 more saved plans could not be read and were left out."
    );
    assert_eq!(out.problems.len(), 12, "{:?}", out.problems);
    let lines: String = (0..1_000)
        .map(|i| format!("plan\t\tName {i}\t\t#/\nplan\t\tname {i}\t\t#/\n"))
        .collect();
    let out = load(Some(&format!("pathway-planner-saved 2\n{lines}end\n")));
    short("load", Took::default(), &out.problems).unwrap();
    assert_eq!(out.plans.plans.len(), 2_000);
    assert_eq!(
        out.problems[0],
        "Two saved plans were called \"name 0\"; the second is now \"name 0 (2)\"."
    );
    assert_eq!(
        out.problems[10],
        "990 more names were each used by more than one saved plan; all but the first of each now have a number after the name."
    );
    assert_eq!(out.problems.len(), 11, "{:?}", out.problems);
}
