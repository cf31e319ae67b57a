//! The exact optimiser: a dynamic programme over "what the rules can still see".
//!
//! Only a handful of numbers decide whether a plan is valid: the credits it has in each
//! credit rule's scope, and how many units it has in each count rule's scope. So the units
//! that may be added are cut into parts whose effect on those numbers can be summarised:
//!
//! * a *class* is every free unit with the same set of credit-rule scopes; only the sum of
//!   credits chosen from a class matters, so a 0/1 knapsack gives, for each sum, the best subset;
//! * a *block* is a connected cluster of units under count rules (barred pairs, "no more than n
//!   of"); its subsets are enumerated by a small DP over the block's units that also tracks the
//!   counts, then summarised the same way.
//!
//! The parts are then combined by a DP whose state is the vector of credits per credit rule,
//! saturated at each minimum (more than the minimum is as good as the minimum) and cut off above
//! each cap. Every state keeps the single best (cost, set) reaching it under a strict total order
//! that is additive (see [`precedes`]), so keeping the best per state loses nothing: any
//! completion of a worse partial choice is worse than the same completion of the kept one. The
//! answer is the best state that meets every minimum. What is left out along the way is only
//! what provably cannot win: dims other dims imply, part options another option beats in every
//! respect, and, in the last stage, combinations whose cost plus a proven lower bound already
//! exceeds the answer found. Nothing is estimated, so the result is the exact optimum,
//! tie-break included.

use crate::engine::UnitSet;

/// A lexicographic cost: the goal's measure first, then the tie-breaking measures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Cost(pub [u32; 3]);

impl Cost {
    /// Packed so that integer order is the lexicographic order and addition adds each field
    /// (sums stay far below 2^32 per field: at most 128 units).
    fn packed(self) -> u128 {
        (u128::from(self.0[0]) << 64) | (u128::from(self.0[1]) << 32) | u128::from(self.0[2])
    }

    fn unpacked(p: u128) -> Cost {
        Cost([(p >> 64) as u32, (p >> 32) as u32, p as u32])
    }
}

/// A set of unit indices as a bit mask (units are at most 128, as for `UnitSet`).
type Bits = u128;

fn bits(s: UnitSet) -> Bits {
    s.iter().fold(0, |m, i| m | (1 << i))
}

fn unit_set(mut b: Bits) -> UnitSet {
    let mut s = UnitSet::EMPTY;
    while b != 0 {
        s.insert(b.trailing_zeros() as usize);
        b &= b - 1;
    }
    s
}

fn each(mut b: Bits) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        if b == 0 {
            return None;
        }
        let i = b.trailing_zeros() as usize;
        b &= b - 1;
        Some(i)
    })
}

/// A cost and the set of units behind it.
type Entry = (u128, Bits);

/// The strict total order the solver minimises: lower cost first; at equal cost, the set whose
/// first differing unit (in document order) it contains. For sets of the same size (equal cost
/// includes equal unit counts) that is the lexicographically smallest list of unit indices.
/// Adding the same units (absent from both) to both sides never changes the answer, which is
/// what makes keeping one best entry per DP state exact.
#[inline(always)]
fn better(a: Entry, b: Entry) -> bool {
    if a.0 != b.0 {
        return a.0 < b.0;
    }
    let d = a.1 ^ b.1;
    d != 0 && (a.1 >> d.trailing_zeros()) & 1 == 1
}

/// [`better`] on public types.
pub(crate) fn precedes(a: (Cost, UnitSet), b: (Cost, UnitSet)) -> bool {
    better((a.0.packed(), bits(a.1)), (b.0.packed(), bits(b.1)))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CreditRule {
    pub scope: UnitSet,
    pub min: Option<u32>,
    pub max: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CountRule {
    pub scope: UnitSet,
    pub max: u32,
}

/// What to optimise: units already in the plan (`base`), units that may be added (`avail`),
/// and the rules that bind (registration windows and mandatory groups are applied by the
/// caller through `base` and `avail`).
pub(crate) struct Problem<'a> {
    pub credits: &'a [u32],
    pub cost: &'a [Cost],
    pub base: UnitSet,
    pub avail: UnitSet,
    pub credit_rules: &'a [CreditRule],
    pub count_rules: &'a [CountRule],
}

/// The credit rules as the DP sees them after the base plan, one "dim" each: `need[j]` more
/// credits from `scope[j]` (0 when met) and, when `capped[j]`, at most `top[j]` more. A running
/// total is tracked exactly up to the cap, or saturated at the need when there is no cap, so
/// dim `j` takes `top[j] + 1` values (`top[j]` is the need when uncapped).
struct Dims {
    scope: Vec<Bits>,
    need: Vec<u32>,
    top: Vec<u32>,
    capped: Vec<bool>,
}

impl Dims {
    fn len(&self) -> usize {
        self.need.len()
    }

    /// `v` clamped for dim `j`: `None` above a cap.
    #[inline(always)]
    fn clamp(&self, j: usize, v: u32) -> Option<u32> {
        if v <= self.top[j] {
            Some(v)
        } else if self.capped[j] {
            None
        } else {
            Some(self.top[j])
        }
    }

    fn radix(&self) -> Vec<u32> {
        self.top.iter().map(|t| t + 1).collect()
    }
}

/// Best entry per state vector, states in insertion order; the index is a dense mixed-radix
/// table (slot + 1, 0 for none) when small enough, a hash map otherwise. A dense index is
/// handed from one table to the next and only its used slots are cleared.
struct Table {
    radix: Vec<u32>,
    vals: Vec<u32>,
    best: Vec<Entry>,
    keys: Vec<usize>,
    index: Index,
}

enum Index {
    Dense(Vec<u32>),
    /// Open addressing with linear probing; a slot holds entry number + 1 (0 = empty) and the
    /// keys are the states already in `Table::vals`, so no state is copied or allocated twice.
    /// The length is a power of two, kept at least twice the number of entries.
    Hashed(Vec<u32>),
}

const HASHED_START: usize = 1 << 10;

fn hash(state: &[u32]) -> usize {
    // FxHash's mixing step: fast, and good enough for states that differ in a few small numbers.
    let h = state.iter().fold(0u64, |h, &x| {
        (h.rotate_left(5) ^ u64::from(x)).wrapping_mul(0x517c_c1b7_2722_0a95)
    });
    (h >> 32) as usize
}

/// The slot for `state` in `slots`: the one holding it, or the empty one where it belongs.
fn probe(slots: &[u32], vals: &[u32], state: &[u32]) -> usize {
    let (n, mask) = (state.len(), slots.len() - 1);
    let mut i = hash(state) & mask;
    loop {
        let s = slots[i] as usize;
        if s == 0 || vals[(s - 1) * n..s * n] == *state {
            return i;
        }
        i = (i + 1) & mask;
    }
}

const DENSE_LIMIT: u64 = 1 << 18;

#[cfg(test)]
thread_local! {
    /// Makes every table hashed, so tests on small problems cover that index too.
    pub(super) static FORCE_HASHED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

impl Index {
    /// An index for states over `radix`, of which at most `at_most` will be stored: dense when
    /// the table is small enough and not mostly empty (allocating and clearing a large, sparse
    /// dense table costs more than hashing the few states it would hold).
    fn for_radix(radix: &[u32], at_most: usize) -> Index {
        let product = radix.iter().try_fold(1u64, |p, &r| p.checked_mul(u64::from(r)));
        let sparse = |n: u64| n / SPARSE > at_most as u64;
        match product {
            #[cfg(test)]
            // Two slots, so the tests go through collisions and growth.
            _ if FORCE_HASHED.with(std::cell::Cell::get) => Index::Hashed(vec![0; 2]),
            Some(n) if n <= DENSE_LIMIT && !sparse(n) => Index::Dense(vec![0; n as usize]),
            _ => Index::Hashed(vec![0; HASHED_START.min((at_most * 2).next_power_of_two())]),
        }
    }
}

/// A dense index more than this many times larger than the states it may hold is not used.
const SPARSE: u64 = 16;

impl Table {
    fn new(radix: Vec<u32>, at_most: usize) -> Table {
        let index = Index::for_radix(&radix, at_most);
        Table::with_index(radix, index)
    }

    fn with_index(radix: Vec<u32>, index: Index) -> Table {
        Table {
            radix,
            vals: Vec::new(),
            best: Vec::new(),
            keys: Vec::new(),
            index,
        }
    }

    /// The index, emptied, for the next table over the same radix.
    fn take_index(&mut self) -> Index {
        let mut index = std::mem::replace(&mut self.index, Index::Dense(Vec::new()));
        match &mut index {
            Index::Dense(table) => {
                for &k in &self.keys {
                    table[k] = 0;
                }
            }
            Index::Hashed(slots) => slots.fill(0),
        }
        index
    }

    fn len(&self) -> usize {
        self.best.len()
    }

    #[inline(always)]
    fn insert(&mut self, v: &[u32], entry: Entry) {
        let slot = match &mut self.index {
            Index::Dense(table) => {
                let table = table.as_mut_slice();
                let mut k = 0usize;
                for (&x, &r) in v.iter().zip(self.radix.as_slice()) {
                    k = k * r as usize + x as usize;
                }
                if table[k] == 0 {
                    self.keys.push(k);
                }
                &mut table[k]
            }
            Index::Hashed(slots) => {
                let n = v.len();
                if (self.best.len() + 1) * 2 > slots.len() {
                    let mut grown = vec![0u32; slots.len() * 2];
                    for e in 0..self.best.len() {
                        let at = probe(&grown, &self.vals, &self.vals[e * n..(e + 1) * n]);
                        grown[at] = e as u32 + 1;
                    }
                    *slots = grown;
                }
                let at = probe(slots, &self.vals, v);
                &mut slots[at]
            }
        };
        let best = self.best.as_mut_slice();
        if *slot == 0 {
            self.vals.extend_from_slice(v);
            self.best.push(entry);
            *slot = self.best.len() as u32;
        } else if better(entry, best[*slot as usize - 1]) {
            best[*slot as usize - 1] = entry;
        }
    }
}

/// A part's options: clamped credits per dim (stride = number of dims) and the best subset
/// giving them.
struct Part {
    deltas: Vec<u32>,
    opts: Vec<Entry>,
}

fn credits_of(credits: &[u32], s: Bits) -> u32 {
    each(s).map(|i| credits[i]).sum()
}

/// The best set of units to add, or `None` when no valid completion exists (including when the
/// base already breaks a cap or count rule).
pub(crate) fn solve(p: &Problem) -> Option<(Cost, UnitSet)> {
    let base = bits(p.base);
    let cost: Vec<u128> = p.cost.iter().map(|c| c.packed()).collect();
    let mut avail: Bits = bits(p.avail) & !base;
    for i in each(avail) {
        if p.credits[i] == 0 {
            avail &= !(1 << i);
        }
    }

    // Count rules: those with no room left shut their units out.
    let mut counts: Vec<(Bits, u32)> = Vec::new();
    for r in p.count_rules {
        let scope = bits(r.scope);
        let room = r.max.checked_sub((base & scope).count_ones())?;
        if room == 0 {
            avail &= !scope;
        } else {
            counts.push((scope, room));
        }
    }

    // Credit rules become dims; rules over the same available units share one.
    let mut dims = Dims {
        scope: Vec::new(),
        need: Vec::new(),
        top: Vec::new(),
        capped: Vec::new(),
    };
    let mut room_of: Vec<Option<u32>> = Vec::new();
    for r in p.credit_rules {
        let full = bits(r.scope);
        let have = credits_of(p.credits, base & full);
        let room = match r.max {
            Some(m) => Some(m.checked_sub(have)?),
            None => None,
        };
        let need = r.min.map_or(0, |m| m.saturating_sub(have));
        let scope = full & avail;
        let total = credits_of(p.credits, scope);
        if need > total || room.is_some_and(|r| r < need) {
            return None;
        }
        let room = room.filter(|&r| r < total);
        if need == 0 && room.is_none() {
            continue;
        }
        match dims.scope.iter().position(|&s| s == scope) {
            Some(j) => {
                dims.need[j] = dims.need[j].max(need);
                room_of[j] = match (room_of[j], room) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                if room_of[j].is_some_and(|r| r < dims.need[j]) {
                    return None;
                }
            }
            None => {
                dims.scope.push(scope);
                dims.need.push(need);
                room_of.push(room);
            }
        }
    }
    // A dim whose minimum and cap other dims already imply adds nothing: a dim over a subset of
    // its scope needing at least as much implies its minimum, a dim over a superset of its scope
    // with no more room implies its cap. (Under every reading, "23 credits at exactly level 3"
    // implies "23 credits at level 3 or above".) Dims are dropped one at a time, each against
    // those still kept, so what is kept implies everything dropped.
    let mut j = 0;
    while j < dims.scope.len() {
        let (scope, need, room) = (dims.scope[j], dims.need[j], room_of[j]);
        let others = (0..dims.scope.len()).filter(|&k| k != j);
        let need_implied = need == 0
            || others
                .clone()
                .any(|k| dims.scope[k] & !scope == 0 && dims.need[k] >= need);
        let cap_implied = room.is_none_or(|r| {
            others
                .clone()
                .any(|k| scope & !dims.scope[k] == 0 && room_of[k].is_some_and(|rk| rk <= r))
        });
        if need_implied && cap_implied {
            dims.scope.remove(j);
            dims.need.remove(j);
            room_of.remove(j);
        } else {
            j += 1;
        }
    }
    dims.top = dims.need.iter().zip(&room_of).map(|(&n, r)| r.unwrap_or(n)).collect();
    dims.capped = room_of.iter().map(Option::is_some).collect();
    let n = dims.len();

    // A unit no binding credit rule counts can only add cost.
    avail &= dims.scope.iter().fold(0, |u, s| u | s);
    let counts: Vec<(Bits, u32)> = counts
        .into_iter()
        .map(|(s, room)| (s & avail, room))
        .filter(|(s, room)| s.count_ones() > *room)
        .collect();

    // Blocks: clusters of count rules sharing units.
    let mut blocks: Vec<(Bits, Vec<usize>)> = Vec::new();
    for (ci, &(scope, _)) in counts.iter().enumerate() {
        let (mut units, mut rules) = (scope, vec![ci]);
        let mut k = 0;
        while k < blocks.len() {
            if blocks[k].0 & units == 0 {
                k += 1;
            } else {
                let (u, r) = blocks.swap_remove(k);
                units |= u;
                rules.extend(r);
                k = 0;
            }
        }
        rules.sort_unstable();
        blocks.push((units, rules));
    }
    let entangled = blocks.iter().fold(0, |u, b| u | b.0);

    // Classes: free units by the dims that count them (a bit mask over dims).
    let mut classes: Vec<(Vec<usize>, Bits)> = Vec::new();
    for i in each(avail & !entangled) {
        let sig: Vec<usize> = (0..n).filter(|&j| dims.scope[j] >> i & 1 == 1).collect();
        match classes.iter_mut().find(|(s, _)| *s == sig) {
            Some((_, units)) => *units |= 1 << i,
            None => classes.push((sig, 1 << i)),
        }
    }

    // The class settled last by lookup: one no cap counts, with the most units. For it,
    // `suffix[s]` is the best subset with at least `s` credits (sums saturate at the top).
    let last = classes
        .iter()
        .enumerate()
        .filter(|(_, (sig, _))| sig.iter().all(|&j| !dims.capped[j]))
        .max_by_key(|(k, (_, units))| (units.count_ones(), std::cmp::Reverse(*k)))
        .map(|(k, _)| k);
    let lookup: Option<(Vec<usize>, Vec<Option<Entry>>)> = last.map(|k| {
        let (sig, units) = classes.remove(k);
        let top = sig.iter().map(|&j| dims.need[j]).max().unwrap_or(0);
        let f = knapsack(p.credits, &cost, units, top, true);
        let mut suffix = vec![None; f.len()];
        let mut run: Option<Entry> = None;
        for s in (0..f.len()).rev() {
            if let Some(e) = f[s] {
                if run.is_none_or(|r| better(e, r)) {
                    run = Some(e);
                }
            }
            suffix[s] = run;
        }
        (sig, suffix)
    });

    let mut parts: Vec<Part> = Vec::new();
    for (sig, units) in &classes {
        let capped = sig.iter().filter(|&&j| dims.capped[j]).map(|&j| dims.top[j]).min();
        let (limit, saturate) = match capped {
            Some(r) => (r, false),
            None => (sig.iter().map(|&j| dims.need[j]).max().unwrap_or(0), true),
        };
        let f = knapsack(p.credits, &cost, *units, limit, saturate);
        let mut part = Part {
            deltas: Vec::new(),
            opts: Vec::new(),
        };
        for (s, e) in f.iter().enumerate() {
            let Some(e) = e else { continue };
            // Within the limit every dim of the class accepts `s` (clamped).
            for j in 0..n {
                let v = if sig.contains(&j) {
                    dims.clamp(j, s as u32).unwrap_or(dims.top[j])
                } else {
                    0
                };
                part.deltas.push(v);
            }
            part.opts.push(*e);
        }
        parts.push(part);
    }
    for (units, rules) in &blocks {
        let rules: Vec<(Bits, u32)> = rules.iter().map(|&r| counts[r]).collect();
        parts.push(block(p.credits, &cost, &dims, *units, &rules));
    }
    for part in &mut parts {
        drop_dominated(part, &dims.capped);
    }
    parts.sort_by_key(|part| part.opts.len());

    // The main DP over all parts but the last; the last (the one with most options) is
    // combined with each state directly, as nothing follows it that would need the states merged.
    let tail = parts.pop().unwrap_or(Part {
        deltas: vec![0; n],
        opts: vec![(0, 0)],
    });
    let radix = dims.radix();
    let (top, capped) = (dims.top.as_slice(), dims.capped.as_slice());
    // Every table of the main DP holds at most as many states as the options multiply to.
    let at_most = parts.iter().fold(1usize, |p, part| p.saturating_mul(part.opts.len()));
    let mut cur = Table::new(radix.clone(), at_most);
    cur.insert(&vec![0; n], (0, 0));
    let mut v = vec![0u32; n];
    let mut spare = Index::for_radix(&radix, at_most);
    for part in &parts {
        let mut next = Table::with_index(radix.clone(), spare);
        for si in 0..cur.len() {
            let state = &cur.vals[si * n..(si + 1) * n];
            let (cost, set) = cur.best[si];
            'opt: for (oi, &(oc, os)) in part.opts.iter().enumerate() {
                let delta = &part.deltas[oi * n..(oi + 1) * n];
                for j in 0..n {
                    let x = state[j] + delta[j];
                    v[j] = if x <= top[j] {
                        x
                    } else if capped[j] {
                        continue 'opt;
                    } else {
                        top[j]
                    };
                }
                next.insert(&v, (cost + oc, set | os));
            }
        }
        spare = cur.take_index();
        cur = next;
    }

    // Last: every state with every option of the last part, then the lookup class settles the
    // remaining need of its dims; every other dim must already be met.
    let need = dims.need.as_slice();
    let (in_lookup, suffix): (Vec<bool>, &[Option<Entry>]) = match &lookup {
        Some((sig, suffix)) => ((0..n).map(|j| sig.contains(&j)).collect(), suffix),
        None => (vec![false; n], &[Some((0, 0))]),
    };
    // A lower bound on what completing a state costs: for each dim still short of its need, the
    // credits missing times the cheapest rate (per credit, for each measure) among the units the
    // last part and the lookup could still add in its scope. Each measure of a completion is at
    // least its bound, so the packed cost is at least the packed bounds.
    let later: Bits = tail.opts.iter().chain(suffix.iter().flatten()).fold(0, |u, e| u | e.1);
    let rates: Vec<Option<[(u64, u64); 3]>> = (0..n)
        .map(|j| {
            let mut rate: Option<[(u64, u64); 3]> = None;
            for u in each(later & dims.scope[j]) {
                let den = u64::from(p.credits[u]);
                let r = rate.get_or_insert(p.cost[u].0.map(|c| (u64::from(c), den)));
                for (f, &c) in p.cost[u].0.iter().enumerate() {
                    if u64::from(c) * r[f].1 < r[f].0 * den {
                        r[f] = (u64::from(c), den);
                    }
                }
            }
            rate
        })
        .collect();
    let lower_bound = |state: &[u32]| -> Option<u128> {
        let mut b = [0u32; 3];
        for j in 0..n {
            let short = u64::from(need[j].saturating_sub(state[j]));
            if short == 0 {
                continue;
            }
            let rate = rates[j].as_ref()?;
            for f in 0..3 {
                let (c, den) = rate[f];
                b[f] = b[f].max((short * c).div_ceil(den) as u32);
            }
        }
        Some(Cost(b).packed())
    };
    // States are tried by cost plus bound, and the last part's options cheapest first, so a
    // good answer is found early; a combination whose cost (with the bound, before the lookup)
    // already exceeds the answer's cannot beat it, and neither can any later option or state.
    let mut states: Vec<(u128, usize)> = (0..cur.len())
        .filter_map(|si| Some((cur.best[si].0 + lower_bound(&cur.vals[si * n..(si + 1) * n])?, si)))
        .collect();
    states.sort_unstable();
    let mut options: Vec<usize> = (0..tail.opts.len()).collect();
    options.sort_unstable_by_key(|&oi| tail.opts[oi].0);
    let mut answer: Option<Entry> = None;
    for (at_least, si) in states {
        let state = &cur.vals[si * n..(si + 1) * n];
        let (cost, set) = cur.best[si];
        // Too dear: dearer than the answer so far.
        let over = |x: u128, answer: Option<Entry>| answer.is_some_and(|a| x > a.0);
        if over(at_least, answer) {
            break;
        }
        'last: for &oi in &options {
            let (oc, os) = tail.opts[oi];
            if over(cost + oc, answer) {
                break;
            }
            let delta = &tail.deltas[oi * n..(oi + 1) * n];
            let mut short = 0;
            for j in 0..n {
                let x = state[j] + delta[j];
                if x > top[j] && capped[j] {
                    continue 'last;
                }
                let s = need[j].saturating_sub(x);
                if in_lookup[j] {
                    short = short.max(s);
                } else if s > 0 {
                    continue 'last;
                }
            }
            if let Some(Some((lc, ls))) = suffix.get(short as usize) {
                let e = (cost + oc + lc, set | os | ls);
                if answer.is_none_or(|a| better(e, a)) {
                    answer = Some(e);
                }
            }
        }
    }
    answer.map(|(c, s)| (Cost::unpacked(c), unit_set(s)))
}

/// Drops the options of a part that another option beats outright: one that is better (in the
/// solver's order) and gives at least as many credits to every dim. Only for parts that touch
/// no capped dim, where more credits can never hurt: swapping the dominated option for the
/// dominating one in any plan keeps it valid and makes it better, as the order is additive.
fn drop_dominated(part: &mut Part, capped: &[bool]) {
    let n = capped.len();
    let touches_cap = (0..part.opts.len()).any(|o| (0..n).any(|j| capped[j] && part.deltas[o * n + j] > 0));
    if touches_cap || part.opts.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..part.opts.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        let (a, b) = (part.opts[a], part.opts[b]);
        if better(a, b) {
            std::cmp::Ordering::Less
        } else if better(b, a) {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    });
    let mut kept = Part {
        deltas: Vec::new(),
        opts: Vec::new(),
    };
    for o in order {
        let d = &part.deltas[o * n..(o + 1) * n];
        let dominated = kept
            .deltas
            .chunks_exact(n.max(1))
            .take(kept.opts.len())
            .any(|k| k.iter().zip(d).all(|(x, y)| x >= y));
        if !dominated {
            kept.deltas.extend_from_slice(d);
            kept.opts.push(part.opts[o]);
        }
    }
    *part = kept;
}

/// Best subset of `units` per credit sum `0..=limit`; sums above `limit` are dropped, or
/// counted as `limit` when `saturate`.
fn knapsack(credits: &[u32], cost: &[u128], units: Bits, limit: u32, saturate: bool) -> Vec<Option<Entry>> {
    let mut f: Vec<Option<Entry>> = vec![None; limit as usize + 1];
    f[0] = Some((0, 0));
    let mut old = f.clone();
    for i in each(units) {
        old.copy_from_slice(&f);
        for (s, e) in old.iter().enumerate() {
            let Some((c, set)) = *e else { continue };
            let mut t = s as u32 + credits[i];
            if t > limit {
                if !saturate {
                    continue;
                }
                t = limit;
            }
            let cand = (c + cost[i], set | 1 << i);
            let slot = &mut f[t as usize];
            if slot.is_none_or(|x| better(cand, x)) {
                *slot = Some(cand);
            }
        }
    }
    f
}

/// The options of a block: a DP over its units tracking clamped credits per dim and the count
/// per count rule, then projected onto the credits.
fn block(credits: &[u32], cost: &[u128], dims: &Dims, units: Bits, rules: &[(Bits, u32)]) -> Part {
    let n = dims.len();
    let radix: Vec<u32> = dims
        .radix()
        .into_iter()
        .chain(rules.iter().map(|(_, room)| room + 1))
        .collect();
    let w = radix.len();
    // A block of k units has at most 2^k subsets.
    let at_most = 1usize << units.count_ones().min(24);
    let mut cur = Table::new(radix.clone(), at_most);
    cur.insert(&vec![0; w], (0, 0));
    let mut v = vec![0u32; w];
    let mut spare = Index::for_radix(&radix, at_most);
    for i in each(units) {
        let mut next = Table::with_index(radix.clone(), spare);
        for si in 0..cur.len() {
            let (c, set) = cur.best[si];
            let state = &cur.vals[si * w..(si + 1) * w];
            next.insert(state, (c, set));
            let mut ok = true;
            for j in 0..n {
                let add = if dims.scope[j] >> i & 1 == 1 { credits[i] } else { 0 };
                match dims.clamp(j, state[j] + add) {
                    Some(x) => v[j] = x,
                    None => ok = false,
                }
            }
            for (k, &(scope, room)) in rules.iter().enumerate() {
                let x = state[n + k] + (scope >> i & 1) as u32;
                ok &= x <= room;
                v[n + k] = x;
            }
            if ok {
                next.insert(&v, (c + cost[i], set | 1 << i));
            }
        }
        spare = cur.take_index();
        cur = next;
    }
    let mut out = Table::new(dims.radix(), cur.len());
    for si in 0..cur.len() {
        out.insert(&cur.vals[si * w..si * w + n], cur.best[si]);
    }
    Part {
        deltas: out.vals,
        opts: out.best,
    }
}
