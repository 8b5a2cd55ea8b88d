//! `--snapshot DIR` and `--accept`: compare each claims file's report with
//! its stored snapshot, print what changed on standard error, and write the
//! new ones when accepted. Standard output keeps only the report.

use std::path::Path;

use citecheck::report::snapshot::{self, Status};
use citecheck::report::Report;

use super::{output, paths};

/// Compares (and with `accept` writes) the snapshots of every claims file
/// that could be checked. Returns whether differences are left unaccepted.
pub fn run(dir: &Path, report: &Report, accept: bool, color: bool) -> Result<bool, String> {
    let shown_dir = paths::display(dir);
    let checked = report.files.iter().filter(|f| f.errors.is_empty());
    let entries = snapshot::compare(dir, checked)
        .map_err(|e| format!("cannot read the snapshots in {shown_dir}: {e}"))?;
    // A run with errors accepts nothing: a snapshot records a whole, clean run.
    let accept = accept && report.summary.errors == 0;
    let (mut new, mut changed, mut unchanged) = (0, 0, 0);
    for entry in &entries {
        let what = match entry.status {
            Status::Unchanged => {
                unchanged += 1;
                continue;
            }
            Status::New => {
                new += 1;
                "new"
            }
            Status::Changed(_) => {
                changed += 1;
                "changed"
            }
        };
        output::eprint(&format!("snapshot {what}: {}\n", entry.name));
        output::eprint(&snapshot::diff(entry, color));
        if accept {
            snapshot::write_atomic(&entry.path, &entry.text).map_err(|e| {
                format!(
                    "cannot write the snapshot {}: {e}",
                    paths::display(&entry.path)
                )
            })?;
        }
    }
    let mut line =
        format!("snapshots in {shown_dir}: {changed} changed, {new} new, {unchanged} unchanged");
    let pending = changed + new > 0 && !accept;
    if changed + new > 0 {
        if accept {
            line.push_str("; accepted and written");
        } else if report.summary.errors > 0 {
            line.push_str("; not written: the run has errors");
        } else {
            line.push_str("; review the diff, then run again with --accept to write them");
        }
    }
    output::eprint(&format!("{line}\n"));
    Ok(pending)
}
