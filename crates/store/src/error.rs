use danvan_domain::{DomainError, ErrorCode};

/// Everything the store can fail with. `code()` gives the stable API code.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error("lỗi cơ sở dữ liệu: {0}")]
    Database(#[from] sqlx::Error),
    #[error("lỗi chuyển đổi lược đồ cơ sở dữ liệu: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("dữ liệu kèm theo bị hỏng: {0}")]
    BundledData(String),
    #[error("dữ liệu lưu trữ không đọc được: {0}")]
    Corrupt(String),
    #[error("lỗi tệp: {0}")]
    Io(#[from] std::io::Error),
}

impl StoreError {
    pub fn code(&self) -> ErrorCode {
        match self {
            StoreError::Domain(e) => e.code,
            _ => ErrorCode::Internal,
        }
    }

    pub(crate) fn domain(code: ErrorCode, detail: impl Into<String>) -> Self {
        StoreError::Domain(DomainError::new(code, detail))
    }
}

/// Turns a unique-constraint violation into the domain error the caller should see.
pub(crate) fn on_unique(e: sqlx::Error, code: ErrorCode, detail: &str) -> StoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::domain(code, detail),
        _ => StoreError::Database(e),
    }
}
