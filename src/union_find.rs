//! Union-find roots, shared by the aligner's connected parts and the reuse engine's passage
//! clusters (one implementation instead of a local copy in each).

/// The root of `x` in the forest `parent` (a root is its own parent), halving the path on the way
/// so that later look-ups are shorter.
pub(crate) fn root(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

#[cfg(test)]
mod tests {
    use super::root;

    #[test]
    fn roots_follow_parents_and_halve_paths() {
        let mut parent = vec![0, 0, 1, 2, 4];
        assert_eq!(root(&mut parent, 3), 0);
        assert_eq!(root(&mut parent, 4), 4);
        // 3's path was halved: it now points two steps up.
        assert_eq!(parent[3], 1);
    }
}
