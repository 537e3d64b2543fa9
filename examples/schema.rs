//! Prints the JSON Schema of the dataset format, generated from the Rust types in `src/data`.
//!
//! ```sh
//! cargo run --example schema --features schema > docs/dataset.schema.json
//! ```
//!
//! The schema checks the shape of a file (fields, units, statuses, decimal strings). The app's
//! loader checks more: that published figures cite a document, that formulas reconcile, that
//! scheme profiles sum to their totals. `tests/data_published.rs` checks that the committed schema
//! equals this output.

fn main() {
    let schema = schemars::schema_for!(dsg_explorer::data::Dataset);
    println!("{}", serde_json::to_string_pretty(&schema).expect("a schema serialises"));
}
