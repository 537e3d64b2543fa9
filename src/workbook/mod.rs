//! Excel workbooks out and in. Pure and natively tested: `spec` describes a workbook as data,
//! `results` builds the pages' results workbooks and `input` the dataset's input workbook from
//! the model and the data, `read` turns an input workbook back into a checked dataset. Only
//! `xlsx` touches the file format (rust_xlsxwriter, calamine); in the browser it runs in a web
//! worker (`src/bin/workbook_worker.rs`), so the Excel crates never weigh on the first view.

pub mod input;
pub mod provision;
pub mod results;
pub mod layout;
pub mod read;
pub mod spec;
pub mod xlsx;

pub use read::{is_xlsx, read_workbook};
pub use spec::Book;
