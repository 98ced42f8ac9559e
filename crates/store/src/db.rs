//! Connecting, configuring and migrating the database.

use crate::{Result, StoreError};
use danvan_domain::ErrorCode;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor};
use std::time::Duration;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The one handle everything above the store uses.
#[derive(Clone, Debug)]
pub struct Store {
    pub(crate) pool: AnyPool,
    backend: Backend,
    /// The deadline engine built from the settings, with the settings version it was built at.
    pub(crate) engine_cache: crate::settings::EngineCache,
    /// The database URL (to place attachment files beside a SQLite file).
    pub(crate) url: String,
    /// Configured attachment folder, if any.
    pub(crate) files_dir: std::sync::Arc<std::sync::RwLock<Option<std::path::PathBuf>>>,
    /// Scope by unit id: a unit's subtree plus its predecessors changes only when units or
    /// successions are added, and is needed on every request.
    pub(crate) scope_cache:
        std::sync::Arc<std::sync::RwLock<std::collections::HashMap<i64, danvan_domain::scope::Scope>>>,
    /// Units by `scheme/code` and by `#id`, for a minute (see `units::cached_unit`): every
    /// request resolves a unit or two, and every page its unit's ancestors.
    pub(crate) unit_cache: crate::units::UnitCache,
    /// Dashboard and statistics results until the next write (see `read_cache`).
    pub(crate) read_cache: crate::read_cache::ReadCache,
    /// One write transaction at a time per process (see `begin_write`).
    pub(crate) write_turn: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// Petitions waiting for the writer's turn (see `write_in_group`).
    pub(crate) petition_queue: crate::petitions::PetitionQueue,
}

impl Store {
    /// Opens the database at `url` (creating a SQLite file if absent) and applies pending
    /// migrations.
    pub async fn open(url: &str) -> Result<Store> {
        let store = Store::connect(url).await?;
        store.migrate().await?;
        store.refresh_planner_statistics(false).await?;
        Ok(store)
    }

    /// Gives the query planner fresh table statistics. Without them SQLite takes the index on
    /// `duplicate_of` for `duplicate_of IS NULL` (which is nearly every row) and a dashboard
    /// over a million petitions scans them all. `after_bulk_load` analyzes everything (after a
    /// demo seed or an import); otherwise SQLite only analyzes what changed enough
    /// (`PRAGMA optimize`, cheap at start-up). PostgreSQL keeps its own statistics
    /// (autovacuum), so only a bulk load asks it to.
    pub async fn refresh_planner_statistics(&self, after_bulk_load: bool) -> Result<()> {
        let statement = match (self.backend, after_bulk_load) {
            (_, true) => "ANALYZE",
            (Backend::Sqlite, false) => "PRAGMA optimize = 0x10002",
            (Backend::Postgres, false) => return Ok(()),
        };
        sqlx::query(statement).execute(&self.pool).await?;
        Ok(())
    }

    /// Opens without migrating.
    pub async fn connect(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = backend_of(url)?;
        let url = match backend {
            Backend::Sqlite => sqlite_url_creating_file(url),
            Backend::Postgres => url.to_string(),
        };
        let options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(30));
        let pool = match backend {
            Backend::Sqlite => {
                options
                    .max_connections(8)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            // WAL lets readers run beside the writer; the busy timeout makes a
                            // second writer wait instead of failing.
                            conn.execute("PRAGMA journal_mode = WAL").await?;
                            conn.execute("PRAGMA foreign_keys = ON").await?;
                            conn.execute("PRAGMA busy_timeout = 10000").await?;
                            conn.execute("PRAGMA synchronous = NORMAL").await?;
                            Ok(())
                        })
                    })
                    .connect(&url)
                    .await?
            }
            Backend::Postgres => options.max_connections(16).connect(&url).await?,
        };
        Ok(Store {
            pool,
            backend,
            engine_cache: Default::default(),
            scope_cache: Default::default(),
            unit_cache: Default::default(),
            read_cache: Default::default(),
            url: url.to_string(),
            files_dir: Default::default(),
            write_turn: Default::default(),
            petition_queue: Default::default(),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies pending migrations; returns the versions applied now. Each migration runs in its
    /// own transaction, so one that fails leaves the database as it was before it.
    /// Applies the pending migrations, then the data steps that need the domain rules
    /// (migration 0049's meeting count check, 0052's search keys), and drops the tallies that
    /// fell to zero.
    pub async fn migrate(&self) -> Result<Vec<i64>> {
        let applied = self.migrate_with(self.migrator()).await?;
        self.check_unchecked_meeting_counts().await?;
        self.fill_missing_search_texts().await?;
        self.drop_empty_tallies().await?;
        Ok(applied)
    }

    /// The trigger-kept tallies (migrations 0046 and 0048) keep a row when its count falls to
    /// zero, and `petition_open_dues` gains one per past deadline and unit; deleting those rows
    /// at start-up keeps the tables as small as what is open. Safe beside running writers: a
    /// trigger only decrements a row whose count is above zero, and re-creates one by upsert.
    async fn drop_empty_tallies(&self) -> Result<()> {
        for statement in [
            "DELETE FROM petition_open_units WHERE cases = 0",
            "DELETE FROM petition_open_dues WHERE cases = 0",
            "DELETE FROM meeting_item_months WHERE items = 0",
        ] {
            sqlx::query(statement).execute(&self.pool).await?;
        }
        Ok(())
    }

    pub fn migrator(&self) -> &'static Migrator {
        match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        }
    }

    /// Applies the given migrator (tests use this with a deliberately broken migration).
    pub async fn migrate_with(&self, migrator: &Migrator) -> Result<Vec<i64>> {
        let before = self.applied_migrations().await.unwrap_or_default();
        // A dedicated connection, closed afterwards: on PostgreSQL a failed run would otherwise
        // leave the migrator's session advisory lock held by a pooled connection.
        let mut conn = self.pool.acquire().await?.detach();
        let outcome = migrator.run(&mut conn).await;
        let _ = sqlx::Connection::close(conn).await;
        outcome?;
        let after = self.applied_migrations().await?;
        Ok(after.into_iter().filter(|v| !before.contains(v)).collect())
    }

    pub async fn applied_migrations(&self) -> Result<Vec<i64>> {
        let rows: Vec<AnyRow> =
            sqlx::query("SELECT version FROM _sqlx_migrations WHERE success = true ORDER BY version")
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|r| crate::sql::col::<i64>(r, "version").map_err(StoreError::from))
            .collect()
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// The backend a database URL names.
pub fn backend_of(url: &str) -> Result<Backend> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Backend::Postgres)
    } else {
        Err(StoreError::domain(
            ErrorCode::Validation,
            format!("địa chỉ cơ sở dữ liệu '{url}' phải bắt đầu bằng sqlite:// hoặc postgres://"),
        ))
    }
}

/// `sqlite://danvan.db` → `sqlite://danvan.db?mode=rwc`, so a missing file is created.
fn sqlite_url_creating_file(url: &str) -> String {
    if url.contains("mode=") || url.contains(":memory:") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

impl Store {
    /// Runs raw SQL, bypassing every rule. Only for tests that simulate tampering.
    #[doc(hidden)]
    pub async fn raw_execute_for_tests(&self, sql: &str) -> Result<u64> {
        Ok(sqlx::query(sql).execute(&self.pool).await?.rows_affected())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_pick_their_backend() {
        assert_eq!(backend_of("sqlite://danvan.db").unwrap(), Backend::Sqlite);
        assert_eq!(backend_of("postgres://localhost/x").unwrap(), Backend::Postgres);
        assert_eq!(backend_of("mysql://x").unwrap_err().code(), ErrorCode::Validation);
    }

    #[test]
    fn sqlite_urls_create_missing_files() {
        assert_eq!(sqlite_url_creating_file("sqlite://a.db"), "sqlite://a.db?mode=rwc");
        assert_eq!(
            sqlite_url_creating_file("sqlite://a.db?mode=ro"),
            "sqlite://a.db?mode=ro"
        );
    }
}
