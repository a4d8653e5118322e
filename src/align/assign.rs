//! Maximum-weight one-to-one assignment (the Hungarian algorithm), used to pair the sections of two
//! documents jointly rather than each section greedily with its best match.

/// Pairs `(row, column)` of a one-to-one assignment maximising the total weight of `weights`
/// (`rows × columns`, row-major); cells with weight ≤ 0 are never paired.
///
/// Rectangular inputs are fine (the smaller side is fully matched only where that pays). Runs the
/// O(n²·m) potentials form of the Hungarian algorithm on costs `max − weight`, then drops the pairs
/// whose weight is not positive, which is the same as leaving those sections unpaired.
pub(crate) fn max_weight_assignment(weights: &[f32], rows: usize, columns: usize) -> Vec<(usize, usize)> {
    if rows == 0 || columns == 0 || weights.len() != rows * columns {
        return Vec::new();
    }
    // The algorithm wants rows ≤ columns; transpose otherwise.
    let transposed = rows > columns;
    let (n, m) = if transposed { (columns, rows) } else { (rows, columns) };
    let weight = |i: usize, j: usize| -> f64 {
        let w = if transposed { weights[j * columns + i] } else { weights[i * columns + j] };
        f64::from(w.max(0.0))
    };
    let top = (0..n).flat_map(|i| (0..m).map(move |j| (i, j))).map(|(i, j)| weight(i, j)).fold(0.0f64, f64::max);
    let cost = |i: usize, j: usize| top - weight(i, j);
    // 1-based potentials as in the textbook formulation; column 0 is the virtual start.
    let mut u = vec![0.0f64; n + 1];
    let mut v = vec![0.0f64; m + 1];
    let mut owner = vec![0usize; m + 1];
    let mut way = vec![0usize; m + 1];
    for i in 1..=n {
        owner[0] = i;
        let mut j0 = 0usize;
        let mut min_v = vec![f64::INFINITY; m + 1];
        let mut used = vec![false; m + 1];
        loop {
            used[j0] = true;
            let i0 = owner[j0];
            let mut delta = f64::INFINITY;
            let mut j1 = 0usize;
            for j in 1..=m {
                if !used[j] {
                    let current = cost(i0 - 1, j - 1) - u[i0] - v[j];
                    if current < min_v[j] {
                        min_v[j] = current;
                        way[j] = j0;
                    }
                    if min_v[j] < delta {
                        delta = min_v[j];
                        j1 = j;
                    }
                }
            }
            if j1 == 0 {
                // Cannot happen with finite costs; stop rather than loop.
                break;
            }
            for j in 0..=m {
                if used[j] {
                    u[owner[j]] += delta;
                    v[j] -= delta;
                } else {
                    min_v[j] -= delta;
                }
            }
            j0 = j1;
            if owner[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            owner[j0] = owner[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut pairs: Vec<(usize, usize)> = (1..=m)
        .filter(|&j| owner[j] != 0)
        .map(|j| (owner[j] - 1, j - 1))
        .filter(|&(i, j)| weight(i, j) > 0.0)
        .map(|(i, j)| if transposed { (j, i) } else { (i, j) })
        .collect();
    pairs.sort_unstable();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(weights: &[f32], columns: usize, pairs: &[(usize, usize)]) -> f32 {
        pairs.iter().map(|&(i, j)| weights[i * columns + j]).sum()
    }

    #[test]
    fn beats_greedy_on_a_crossing() {
        // Greedy takes (0,0)=0.9 and is left with (1,1)=0.1; the best total pairs them crosswise.
        let weights = [0.9, 0.8, 0.85, 0.1];
        let pairs = max_weight_assignment(&weights, 2, 2);
        assert_eq!(pairs, vec![(0, 1), (1, 0)]);
        assert!((total(&weights, 2, &pairs) - 1.65).abs() < 1e-6);
    }

    #[test]
    fn rectangular_and_non_positive_cells_stay_unpaired() {
        let weights = [0.0, 0.5, 0.0, 0.7, 0.0, 0.0];
        // Rows 0 and 1 compete for column 1; row 1 wins (0.7) and row 0 has only zeros left.
        assert_eq!(max_weight_assignment(&weights, 3, 2), vec![(1, 1)]);
        assert_eq!(max_weight_assignment(&[0.0; 4], 2, 2), Vec::new());
        assert_eq!(max_weight_assignment(&[], 0, 3), Vec::new());
    }

    #[test]
    fn matches_brute_force_on_small_matrices() {
        let mut seed = 7u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((seed >> 33) % 100) as f32 / 100.0
        };
        for _ in 0..50 {
            let weights: Vec<f32> = (0..9).map(|_| next()).collect();
            let pairs = max_weight_assignment(&weights, 3, 3);
            let mut best = 0.0f32;
            for p in [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]] {
                best = best.max((0..3).map(|i| weights[i * 3 + p[i]]).sum());
            }
            assert!((total(&weights, 3, &pairs) - best).abs() < 1e-5);
        }
    }
}
