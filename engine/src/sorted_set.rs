//! A small set kept as a sorted list (the steps seen, a calendar's listed days, the revisions a
//! memory store has saved): a tree set would
//! add its own code to the browser bundle for every element type, for sets of a few dozen.

/// A set of ordered values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SortedSet<T>(Vec<T>);

impl<T> Default for SortedSet<T> {
    fn default() -> SortedSet<T> {
        SortedSet(Vec::new())
    }
}

impl<T: Ord> SortedSet<T> {
    pub fn contains(&self, value: &T) -> bool {
        self.0.binary_search(value).is_ok()
    }

    /// Adds `value`; whether it was new.
    pub fn insert(&mut self, value: T) -> bool {
        match self.0.binary_search(&value) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, value);
                true
            }
        }
    }

    /// The values, lowest first.
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.0.iter()
    }

    /// The values from `first` to `last`, both included.
    pub fn between(&self, first: &T, last: &T) -> &[T] {
        let from = self.0.partition_point(|v| v < first);
        let to = self.0.partition_point(|v| v <= last).max(from);
        &self.0[from..to]
    }

    /// Keeps the values `keep` accepts.
    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        self.0.retain(keep);
    }

    /// The lowest value both sets hold.
    pub fn first_shared<'a>(&'a self, other: &SortedSet<T>) -> Option<&'a T> {
        self.0.iter().find(|v| other.contains(v))
    }
}

impl<T: Ord> Extend<T> for SortedSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, values: I) {
        for value in values {
            self.insert(value);
        }
    }
}

impl<T: Ord> FromIterator<T> for SortedSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(values: I) -> SortedSet<T> {
        let mut set = SortedSet::default();
        set.extend(values);
        set
    }
}

#[cfg(test)]
mod tests {
    use super::SortedSet;

    #[test]
    fn values_are_kept_once_and_in_order() {
        let mut set: SortedSet<usize> = [3, 1, 3].into_iter().collect();
        assert!(!set.insert(1));
        assert!(set.insert(0));
        assert_eq!(set.iter().copied().collect::<Vec<_>>(), vec![0, 1, 3]);
        assert!(set.contains(&3) && !set.contains(&2));
    }

    #[test]
    fn a_range_holds_both_ends_and_nothing_outside() {
        let set: SortedSet<i32> = [1, 4, 6, 9].into_iter().collect();
        let cases: [(i32, i32, &[i32]); 5] =
            [(4, 6, &[4, 6]), (2, 8, &[4, 6]), (0, 0, &[]), (7, 3, &[]), (-5, 20, &[1, 4, 6, 9])];
        for (first, last, expected) in cases {
            assert_eq!(set.between(&first, &last), expected, "{first}..={last}");
        }
        let other: SortedSet<i32> = [2, 6, 9].into_iter().collect();
        assert_eq!(set.first_shared(&other), Some(&6));
        assert_eq!(set.first_shared(&SortedSet::default()), None);
    }
}
