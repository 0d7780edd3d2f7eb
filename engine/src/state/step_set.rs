//! The steps the applicant has seen or been shown the errors of, as a sorted list: a form has a
//! dozen steps, and a tree set would add its own code to the browser bundle.

/// A set of step positions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StepSet(Vec<usize>);

impl StepSet {
    pub fn contains(&self, step: &usize) -> bool {
        self.0.binary_search(step).is_ok()
    }

    /// Adds `step`; whether it was new.
    pub fn insert(&mut self, step: usize) -> bool {
        match self.0.binary_search(&step) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, step);
                true
            }
        }
    }

    /// The steps, lowest first.
    pub fn iter(&self) -> impl Iterator<Item = &usize> {
        self.0.iter()
    }
}

impl Extend<usize> for StepSet {
    fn extend<I: IntoIterator<Item = usize>>(&mut self, steps: I) {
        for step in steps {
            self.insert(step);
        }
    }
}

impl FromIterator<usize> for StepSet {
    fn from_iter<I: IntoIterator<Item = usize>>(steps: I) -> StepSet {
        let mut set = StepSet::default();
        set.extend(steps);
        set
    }
}

#[cfg(test)]
mod tests {
    use super::StepSet;

    #[test]
    fn steps_are_kept_once_and_in_order() {
        let mut set: StepSet = [3, 1, 3].into_iter().collect();
        assert!(!set.insert(1));
        assert!(set.insert(0));
        assert_eq!(set.iter().copied().collect::<Vec<_>>(), vec![0, 1, 3]);
        assert!(set.contains(&3) && !set.contains(&2));
    }
}
