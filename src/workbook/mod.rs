//! Excel workbooks out and in. Pure and natively tested: `spec` describes a workbook as data,
//! `results` builds the pages' results workbooks and `input` the dataset's input workbook from
//! the model and the data, `read` turns an input workbook back into a checked dataset. Only
//! `xlsx` touches the file format (rust_xlsxwriter, calamine). In the browser all of it runs in
//! a web worker (`src/bin/workbook_worker.rs`): the page sends a `request::Request` with the
//! dataset's text and gets the file back, so none of this weighs on the first view.

pub mod input;
pub mod provision;
pub mod results;
pub mod layout;
pub mod read;
pub mod request;
pub mod spec;
pub mod xlsx;

pub use read::{is_xlsx, read_workbook};
pub use spec::Book;
