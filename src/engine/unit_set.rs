/// A set of unit indices within one qualification (at most 128 units, checked when compiling).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnitSet([u64; 2]);

pub const MAX_UNITS: usize = 128;

impl UnitSet {
    pub const EMPTY: UnitSet = UnitSet([0, 0]);

    pub fn contains(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }

    pub fn insert(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    pub fn remove(&mut self, i: usize) {
        self.0[i / 64] &= !(1 << (i % 64));
    }

    pub fn with(mut self, i: usize) -> UnitSet {
        self.insert(i);
        self
    }

    pub fn without(mut self, i: usize) -> UnitSet {
        self.remove(i);
        self
    }

    pub fn and(self, other: UnitSet) -> UnitSet {
        UnitSet([self.0[0] & other.0[0], self.0[1] & other.0[1]])
    }

    pub fn or(self, other: UnitSet) -> UnitSet {
        UnitSet([self.0[0] | other.0[0], self.0[1] | other.0[1]])
    }

    pub fn minus(self, other: UnitSet) -> UnitSet {
        UnitSet([self.0[0] & !other.0[0], self.0[1] & !other.0[1]])
    }

    pub fn len(&self) -> u32 {
        self.0[0].count_ones() + self.0[1].count_ones()
    }

    pub fn is_empty(&self) -> bool {
        self.0 == [0, 0]
    }

    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        (0..2).flat_map(move |w| {
            let mut word = self.0[w];
            std::iter::from_fn(move || {
                if word == 0 {
                    return None;
                }
                let bit = word.trailing_zeros() as usize;
                word &= word - 1;
                Some(w * 64 + bit)
            })
        })
    }
}

impl FromIterator<usize> for UnitSet {
    fn from_iter<I: IntoIterator<Item = usize>>(iter: I) -> Self {
        let mut s = UnitSet::EMPTY;
        for i in iter {
            s.insert(i);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations_cover_both_words() {
        let a: UnitSet = [0, 5, 63, 64, 127].into_iter().collect();
        assert_eq!(a.iter().collect::<Vec<_>>(), vec![0, 5, 63, 64, 127]);
        assert_eq!(a.len(), 5);
        assert!(a.contains(64) && !a.contains(65));
        let b: UnitSet = [5, 64, 100].into_iter().collect();
        assert_eq!(a.and(b).iter().collect::<Vec<_>>(), vec![5, 64]);
        assert_eq!(a.minus(b).len(), 3);
        assert_eq!(a.or(b).len(), 6);
        assert!(a.without(0).without(5).without(63).without(64).without(127).is_empty());
    }
}
