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
//! answer is the best state that meets every minimum. Nothing is estimated or pruned by a
//! heuristic, so the result is the exact optimum, tie-break included.

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
    fn for_radix(radix: &[u32]) -> Index {
        let product = radix.iter().try_fold(1u64, |p, &r| p.checked_mul(u64::from(r)));
        match product {
            #[cfg(test)]
            // Two slots, so the tests go through collisions and growth.
            _ if FORCE_HASHED.with(std::cell::Cell::get) => Index::Hashed(vec![0; 2]),
            Some(n) if n <= DENSE_LIMIT => Index::Dense(vec![0; n as usize]),
            _ => Index::Hashed(vec![0; HASHED_START]),
        }
    }
}

impl Table {
    fn new(radix: Vec<u32>) -> Table {
        let index = Index::for_radix(&radix);
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
    parts.sort_by_key(|part| part.opts.len());

    // The main DP over all parts but the last; the last (the one with most options) is
    // combined with each state directly, as nothing follows it that would need the states merged.
    let tail = parts.pop().unwrap_or(Part {
        deltas: vec![0; n],
        opts: vec![(0, 0)],
    });
    let radix = dims.radix();
    let (top, capped) = (dims.top.as_slice(), dims.capped.as_slice());
    let mut cur = Table::new(radix.clone());
    cur.insert(&vec![0; n], (0, 0));
    let mut v = vec![0u32; n];
    let mut spare = Index::for_radix(&radix);
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
    let mut answer: Option<Entry> = None;
    for si in 0..cur.len() {
        let state = &cur.vals[si * n..(si + 1) * n];
        let (cost, set) = cur.best[si];
        'last: for (oi, &(oc, os)) in tail.opts.iter().enumerate() {
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
    let mut cur = Table::new(radix.clone());
    cur.insert(&vec![0; w], (0, 0));
    let mut v = vec![0u32; w];
    let mut spare = Index::for_radix(&radix);
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
    let mut out = Table::new(dims.radix());
    for si in 0..cur.len() {
        out.insert(&cur.vals[si * w..si * w + n], cur.best[si]);
    }
    Part {
        deltas: out.vals,
        opts: out.best,
    }
}
