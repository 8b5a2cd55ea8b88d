//! Helper of `bench/tie_check.py`: reads JSON cases `[[pattern, text, k], …]`
//! (strings) from stdin and prints citecheck's best alignment of each as
//! JSON `[start, end, distance]` or null. Not a test: run through bench/run.

use citecheck::matcher::{best_alignment, myers_best_alignment};
use serde_json::{json, Value};

fn main() {
    let cases: Vec<(String, String, usize)> =
        serde_json::from_reader(std::io::stdin()).expect("JSON cases");
    let out: Vec<Value> = cases
        .iter()
        .map(|(p, t, k)| {
            let a = best_alignment(p.as_bytes(), t.as_bytes(), *k);
            assert_eq!(a, myers_best_alignment(p.as_bytes(), t.as_bytes(), *k));
            a.map_or(Value::Null, |a| json!([a.start, a.end, a.distance]))
        })
        .collect();
    println!("{}", Value::Array(out));
}
