//! The changes a person makes to the saved plans, as values. The page applies one to the list
//! on screen at once, then again to the list freshly read from storage before writing it, so
//! two tabs saving at the same time both keep their plans.

use super::saved::{SaveOutcome, SavedPlan, SavedPlans};

/// One change to the saved plans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SavedOp {
    SaveAs {
        name: String,
        address: String,
        now: String,
    },
    /// Replace the plan kept under a name that is already taken (the person said so).
    Update {
        id: String,
        address: String,
        now: String,
    },
    Rename {
        id: String,
        name: String,
    },
    Delete {
        id: String,
    },
    /// Put back a plan just deleted, where it was.
    Restore {
        plan: SavedPlan,
        index: usize,
    },
}

impl SavedPlans {
    /// Applies `op`: `Ok` with what to tell the user when the list changed, `Err` with why not
    /// when it did not (the list is then unchanged).
    pub fn apply(&mut self, op: &SavedOp) -> Result<String, String> {
        match op {
            SavedOp::SaveAs { name, address, now } => match self.save_as(name, address, now) {
                SaveOutcome::Saved { .. } => Ok(format!("Saved as \u{201c}{}\u{201d}.", name.trim())),
                SaveOutcome::NameTaken { .. } => Err(format!(
                    "Not saved: a saved plan is already called \u{201c}{}\u{201d}. Choose another name, or delete or rename that one first.",
                    name.trim()
                )),
                SaveOutcome::Invalid(err) => Err(format!("Not saved: {err}")),
            },
            SavedOp::Update { id, address, now } => {
                self.update(id, address, now).map_err(|err| format!("Not saved: {err}"))?;
                let name = self.get(id).map(|p| p.name.clone()).unwrap_or_default();
                Ok(format!("Updated \u{201c}{name}\u{201d} with this plan."))
            }
            SavedOp::Restore { plan, index } => {
                let name = plan.name.clone();
                self.restore(plan.clone(), *index)
                    .map(|()| format!("\u{201c}{name}\u{201d} is back."))
                    .map_err(|err| format!("Not put back: {err}"))
            }
            SavedOp::Rename { id, name } => self
                .rename(id, name)
                .map(|()| format!("Renamed to \u{201c}{}\u{201d}.", name.trim()))
                .map_err(|err| format!("Not renamed: {err}")),
            SavedOp::Delete { id } => self
                .delete(id)
                .map(|gone| format!("Deleted \u{201c}{}\u{201d}.", gone.name))
                .ok_or_else(|| "That saved plan is no longer there.".to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn save(name: &str) -> SavedOp {
        SavedOp::SaveAs {
            name: name.into(),
            address: "#/600-1136-1?do=204".into(),
            now: "2026-12-02T10:00:00Z".into(),
        }
    }

    #[test]
    fn each_change_says_what_it_did_or_why_not() {
        let mut plans = SavedPlans::default();
        assert_eq!(
            plans.apply(&save(" Amira ")),
            Ok("Saved as \u{201c}Amira\u{201d}.".into())
        );
        let before = plans.clone();
        assert!(plans
            .apply(&save("amira"))
            .unwrap_err()
            .starts_with("Not saved: a saved plan is already called"));
        assert!(plans.apply(&save("  ")).unwrap_err().starts_with("Not saved: "));
        assert_eq!(plans, before, "a refused change leaves the list alone");
        let id = plans.plans[0].id.clone();
        assert_eq!(
            plans.apply(&SavedOp::Rename {
                id: id.clone(),
                name: "Amira, year 1".into()
            }),
            Ok("Renamed to \u{201c}Amira, year 1\u{201d}.".into())
        );
        assert_eq!(
            plans.apply(&SavedOp::Delete { id: id.clone() }),
            Ok("Deleted \u{201c}Amira, year 1\u{201d}.".into())
        );
        assert!(plans.apply(&SavedOp::Delete { id }).is_err());
        assert!(plans.plans.is_empty());
    }

    #[test]
    fn a_taken_name_can_be_updated_and_a_deletion_undone_in_place() {
        let mut plans = SavedPlans::default();
        plans.apply(&save("Amira")).unwrap();
        plans.apply(&save("Ben")).unwrap();
        let amira = plans.named("  AMIRA ").unwrap().clone();
        let update = SavedOp::Update {
            id: amira.id.clone(),
            address: "#/600-1136-1?do=204,207".into(),
            now: "2026-12-02T11:00:00Z".into(),
        };
        assert_eq!(
            plans.apply(&update),
            Ok("Updated \u{201c}Amira\u{201d} with this plan.".into())
        );
        assert_eq!(plans.get(&amira.id).unwrap().address, "#/600-1136-1?do=204,207");
        assert_eq!(plans.plans.len(), 2);

        let gone = plans.get(&amira.id).unwrap().clone();
        plans.apply(&SavedOp::Delete { id: amira.id.clone() }).unwrap();
        assert_eq!(
            plans.apply(&SavedOp::Restore {
                plan: gone.clone(),
                index: 0
            }),
            Ok("\u{201c}Amira\u{201d} is back.".into())
        );
        assert_eq!(plans.plans[0], gone, "back in its place, under its id");
        // Not twice: the name is taken by the plan put back.
        assert!(plans.apply(&SavedOp::Restore { plan: gone, index: 0 }).is_err());
        assert!(plans
            .apply(&SavedOp::Update {
                id: "p99".into(),
                address: String::new(),
                now: String::new()
            })
            .is_err());
    }

    #[test]
    fn the_same_change_applied_to_a_list_another_tab_wrote_keeps_both() {
        let mut mine = SavedPlans::default();
        let mut theirs = SavedPlans::default();
        theirs.apply(&save("Ben")).unwrap();
        // This tab saved "Amira" on its stale copy; the write re-applies to the fresh one.
        mine.apply(&save("Amira")).unwrap();
        theirs.apply(&save("Amira")).unwrap();
        let names: Vec<_> = theirs.plans.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Ben", "Amira"]);
    }
}
