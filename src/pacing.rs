//! The order in which a planner is drawn when it opens, one step per browser task: its title and
//! figures first (what the loading shell showed), then the summary, the panels above the units,
//! the units a few rows at a time, and the sharing, saving and printing below them. Each step is
//! small enough not to hold up a slow phone for long; all of them together take a moment, and
//! after the first everything lands below what is on screen, so nothing moves.

/// Unit rows drawn per step: on the 2-core machine a row costs about a millisecond to draw, so a
/// step stays near the 12 ms that Lighthouse's fourfold CPU slowdown leaves under its 50 ms.
pub const ROWS_PER_STEP: usize = 4;

/// Steps before the first unit row: the summary, the "complete my pathway" panel, the filters.
const BEFORE_ROWS: usize = 3;

/// How much of a planner is drawn after some steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Drawn {
    pub summary: bool,
    pub complete_panel: bool,
    pub filters: bool,
    /// How many of the unit rows the filters leave shown are drawn, from the first.
    pub rows: usize,
    pub sharing: bool,
    pub saving: bool,
    pub printing: bool,
}

impl Drawn {
    /// What is drawn after `steps` steps when `rows` unit rows are to be shown.
    pub fn after(steps: usize, rows: usize) -> Drawn {
        let row_steps = rows.div_ceil(ROWS_PER_STEP);
        let since_rows = steps.saturating_sub(BEFORE_ROWS + row_steps);
        Drawn {
            summary: steps >= 1,
            complete_panel: steps >= 2,
            filters: steps >= BEFORE_ROWS,
            rows: steps
                .saturating_sub(BEFORE_ROWS)
                .saturating_mul(ROWS_PER_STEP)
                .min(rows),
            sharing: since_rows >= 1,
            saving: since_rows >= 2,
            printing: since_rows >= 3,
        }
    }

    /// Everything is drawn: no further step is needed.
    pub fn is_complete(&self) -> bool {
        self.printing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Steps taken until the whole page is drawn.
    fn steps_to_complete(rows: usize) -> usize {
        (0..).find(|&s| Drawn::after(s, rows).is_complete()).unwrap()
    }

    #[test]
    fn the_first_render_is_the_title_and_figures_alone() {
        let first = Drawn::after(0, 50);
        assert!(!first.summary && !first.complete_panel && !first.filters && !first.sharing);
        assert_eq!(first.rows, 0);
        assert!(!first.is_complete());
    }

    #[test]
    fn each_step_adds_one_piece_in_page_order_and_never_takes_one_away() {
        for rows in [0, 1, 3, 4, 5, 50] {
            let mut before = Drawn::after(0, rows);
            for steps in 1..=steps_to_complete(rows) {
                let now = Drawn::after(steps, rows);
                let grew = [
                    now.summary != before.summary,
                    now.complete_panel != before.complete_panel,
                    now.filters != before.filters,
                    now.rows != before.rows,
                    now.sharing != before.sharing,
                    now.saving != before.saving,
                    now.printing != before.printing,
                ];
                assert_eq!(
                    grew.iter().filter(|g| **g).count(),
                    1,
                    "{rows} rows, step {steps}: {before:?} -> {now:?}"
                );
                assert!(now.rows >= before.rows && now.rows - before.rows <= ROWS_PER_STEP);
                // Nothing below the rows before the last row, nor rows before the filters.
                assert!(!now.sharing || now.rows == rows);
                assert!(now.rows == 0 || now.filters);
                before = now;
            }
            assert_eq!(before.rows, rows);
        }
    }

    #[test]
    fn fifty_rows_take_thirteen_steps_of_rows_and_six_of_the_rest() {
        assert_eq!(steps_to_complete(50), 3 + 13 + 3);
        assert_eq!(steps_to_complete(0), 3 + 3);
    }

    #[test]
    fn more_rows_shown_later_are_drawn_in_further_steps() {
        // Filters narrowed the list to 4 rows before drawing finished, then were cleared.
        let steps = steps_to_complete(4);
        assert!(!Drawn::after(steps, 50).is_complete());
        assert_eq!(Drawn::after(steps, 50).rows, 50.min((steps - 3) * ROWS_PER_STEP));
        assert!(Drawn::after(steps + 13, 50).is_complete());
    }
}
