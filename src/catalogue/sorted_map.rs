//! A map from text keys kept as a list sorted by key, for the catalogue's unit content.
//!
//! The content is built once and then only looked up, so a sorted list with binary search does
//! all a `BTreeMap` would, and costs the browser build far less code than a B-tree per value type.

/// Iterator over a map's entries, in key order.
pub type Iter<'a, V> = std::iter::Map<std::slice::Iter<'a, (String, V)>, fn(&(String, V)) -> (&String, &V)>;

/// Entries sorted by key, each key once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortedMap<V> {
    entries: Vec<(String, V)>,
}

impl<V> Default for SortedMap<V> {
    fn default() -> Self {
        SortedMap { entries: Vec::new() }
    }
}

impl<V> SortedMap<V> {
    pub fn new() -> Self {
        Self::default()
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.find(key).ok().map(|i| &self.entries[i].1)
    }

    /// Adds or replaces the entry for `key`; returns the value it replaced.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    /// Adds an entry whose key sorts after every key already here, as a decoder reading keys
    /// in order does; hands the entry back if the key does not.
    pub fn push_last(&mut self, key: String, value: V) -> Result<(), (String, V)> {
        if self.entries.last().is_some_and(|(last, _)| *last >= key) {
            return Err((key, value));
        }
        self.entries.push((key, value));
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn iter(&self) -> Iter<'_, V> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }
}

impl<'a, V> IntoIterator for &'a SortedMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = Iter<'a, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<V> FromIterator<(String, V)> for SortedMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(items: I) -> Self {
        let mut map = SortedMap::new();
        for (k, v) in items {
            map.insert(k, v);
        }
        map
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    proptest! {
        #[test]
        fn behaves_like_a_btree_map(ops in proptest::collection::vec(("[a-e]{0,2}", any::<u8>()), 0..40)) {
            let mut ours = SortedMap::new();
            let mut theirs = BTreeMap::new();
            for (k, v) in &ops {
                prop_assert_eq!(ours.insert(k.clone(), *v), theirs.insert(k.clone(), *v));
            }
            prop_assert_eq!(ours.len(), theirs.len());
            prop_assert!(ours.iter().eq(theirs.iter()));
            for (k, _) in &ops {
                prop_assert_eq!(ours.get(k), theirs.get(k));
            }
            prop_assert_eq!(ours.get("zz"), None);
        }
    }

    #[test]
    fn push_last_keeps_the_order() {
        let mut m = SortedMap::new();
        assert_eq!(m.push_last("a".into(), 1), Ok(()));
        assert_eq!(m.push_last("b".into(), 2), Ok(()));
        assert_eq!(m.push_last("b".into(), 3), Err(("b".into(), 3)));
        assert_eq!(m.push_last("a".into(), 4), Err(("a".into(), 4)));
        assert_eq!(m.values().copied().collect::<Vec<_>>(), [1, 2]);
    }
}
