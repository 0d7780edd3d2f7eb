//! A small map kept as a list sorted by key (a page's unlocked keys, sealed copies in memory, the
//! cycle search's state): a tree map would add its own code to the browser bundle for every
//! key and value type, for maps of a few dozen entries.

/// A map of ordered keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SortedMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> SortedMap<K, V> {
        SortedMap::new()
    }
}

impl<K, V> SortedMap<K, V> {
    pub const fn new() -> SortedMap<K, V> {
        SortedMap(Vec::new())
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    fn position<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: std::borrow::Borrow<Q>,
    {
        self.0.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: std::borrow::Borrow<Q>,
    {
        self.position(key).ok().map(|at| &self.0[at].1)
    }

    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: std::borrow::Borrow<Q>,
    {
        self.position(key).is_ok()
    }

    /// Sets `key` to `value`; the value it replaces, if any.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.position(&key) {
            Ok(at) => Some(std::mem::replace(&mut self.0[at].1, value)),
            Err(at) => {
                self.0.insert(at, (key, value));
                None
            }
        }
    }

    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: std::borrow::Borrow<Q>,
    {
        self.position(key).ok().map(|at| self.0.remove(at).1)
    }

    /// Keeps the entries `keep` accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &V) -> bool) {
        self.0.retain(|(k, v)| keep(k, v));
    }

    /// The keys, lowest first.
    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.0.iter().map(|(k, _)| k)
    }
}

#[cfg(test)]
mod tests {
    use super::SortedMap;

    #[test]
    fn keys_stay_sorted_and_unique_and_values_are_replaced() {
        let mut map = SortedMap::new();
        assert_eq!(map.insert("b".to_string(), 2), None);
        assert_eq!(map.insert("a".to_string(), 1), None);
        assert_eq!(map.insert("b".to_string(), 3), Some(2));
        assert_eq!(map.keys().cloned().collect::<Vec<_>>(), vec!["a", "b"]);
        assert_eq!((map.get("b"), map.get("c")), (Some(&3), None));
        assert!(map.contains_key("a"));
        assert_eq!(map.remove("a"), Some(1));
        assert_eq!(map.remove("a"), None);
        map.insert("ba".to_string(), 4);
        map.retain(|k, _| !k.starts_with('b'));
        assert_eq!(map.keys().count(), 0);
    }
}
