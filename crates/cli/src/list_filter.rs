//! The filters the record lists share on the command line (`--unit`, `--from`, `--to`, `--q`,
//! `--sort`), read once into the store's `RecordQuery`.

use danvan_domain::unit::parse_date;
use danvan_store::{ListOrder, RecordQuery, StoreError};

/// The most rows a command-line list prints; beyond it the filter must be narrowed.
pub const LIST_MAX_ROWS: usize = 100_000;

#[derive(clap::Args, Debug, Default)]
pub struct RecordFilter {
    /// Đơn vị và cấp dưới / this unit and those below it (`scheme/code`)
    #[arg(long)]
    pub unit: Option<String>,
    /// Từ ngày / from (dd/mm/yyyy)
    #[arg(long)]
    pub from: Option<String>,
    /// Đến ngày / to (dd/mm/yyyy)
    #[arg(long)]
    pub to: Option<String>,
    /// Tìm theo chữ (có dấu hay không) / search words
    #[arg(long)]
    pub q: Option<String>,
    /// newest (mới nhất trước) | oldest
    #[arg(long, default_value = "newest")]
    pub sort: String,
}

impl RecordFilter {
    pub fn query(self) -> anyhow::Result<RecordQuery> {
        let date = |s: &Option<String>| s.as_deref().map(parse_date).transpose().map_err(StoreError::from);
        Ok(RecordQuery {
            from: date(&self.from)?,
            to: date(&self.to)?,
            unit: self.unit,
            q: self.q,
            sort: ListOrder::parse(&self.sort).map_err(StoreError::from)?,
            ..Default::default()
        })
    }
}
