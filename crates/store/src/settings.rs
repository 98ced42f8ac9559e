//! Settings an admin edits without a release, stored as audited JSON documents: the deadline
//! rules, the government's holiday announcements and the petition topic taxonomy. Absent
//! settings mean the bundled defaults.

use crate::sql::{col, Sql};
use crate::{Result, Store};
use danvan_domain::calendar::Calendar;
use danvan_domain::deadline::{DeadlineRules, Engine};
use danvan_domain::petition::Topics;
use danvan_domain::role::{require, Role};
use danvan_domain::scope::Actor;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::RwLock;

pub const SETTING_DEADLINE_RULES: &str = "deadline_rules";
pub const SETTING_CALENDAR: &str = "calendar_announcements";
pub const SETTING_PETITION_TOPICS: &str = "petition_topics";
/// Every setting an admin can edit.
pub const SETTINGS: [&str; 3] = [SETTING_DEADLINE_RULES, SETTING_CALENDAR, SETTING_PETITION_TOPICS];

pub(crate) type EngineCache = Arc<RwLock<Option<Cached>>>;

/// How long a server trusts its parsed settings before checking the database's version again.
const RECHECK: Duration = Duration::from_secs(1);

pub(crate) struct Cached {
    version: String,
    checked_at: Instant,
    snapshot: Arc<Snapshot>,
}

impl std::fmt::Debug for Cached {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cached").field("version", &self.version).finish()
    }
}

/// The settings every write needs, parsed.
struct Snapshot {
    engine: Arc<Engine>,
    topics: Arc<Topics>,
}

impl Store {
    /// A setting's JSON text, if an admin has set it.
    pub async fn setting(&self, key: &str) -> Result<Option<String>> {
        let mut q = Sql::new("SELECT value FROM settings WHERE key = ");
        q.bind(key);
        let row = q.query().fetch_optional(&self.pool).await?;
        Ok(row.map(|r| col::<String>(&r, "value")).transpose()?)
    }

    /// Replaces a setting after checking it parses (system admins only); audited with the old
    /// and new values.
    pub async fn put_setting(&self, actor: &Actor, key: &str, value: &str) -> Result<()> {
        require(actor.role == Role::SystemAdmin, "sửa cấu hình hệ thống")?;
        match key {
            SETTING_DEADLINE_RULES => drop(DeadlineRules::from_json(value)?),
            SETTING_CALENDAR => drop(Calendar::from_json(value)?),
            SETTING_PETITION_TOPICS => {
                Topics::from_json(value)?.keeps_codes(self.topics_in_use().await?.iter().map(String::as_str))?
            }
            _ => return Err(danvan_domain::DomainError::validation(format!("không có cấu hình '{key}'")).into()),
        }
        let before = self.setting(key).await?;
        let mut tx = self.begin_write().await?;
        let mut del = Sql::new("DELETE FROM settings WHERE key = ");
        del.bind(key);
        del.query().execute(&mut *tx.tx).await?;
        let mut ins = Sql::new("INSERT INTO settings (key, value, updated_at) VALUES ");
        ins.bind_row(vec![key.into(), value.into(), tx.now().to_string().into()]);
        ins.query().execute(&mut *tx.tx).await?;
        tx.audit(
            actor,
            "update",
            "setting",
            key,
            before.as_ref(),
            Some(&value.to_string()),
        )
        .await?;
        tx.commit().await?;
        self.forget_settings().await;
        Ok(())
    }

    /// A setting's current JSON text: the admin's, or the bundled default.
    pub async fn setting_or_default(&self, key: &str) -> Result<String> {
        if let Some(text) = self.setting(key).await? {
            return Ok(text);
        }
        let default = match key {
            SETTING_DEADLINE_RULES => danvan_domain::deadline::BUNDLED.to_string(),
            SETTING_CALENDAR => danvan_domain::calendar::BUNDLED.to_string(),
            SETTING_PETITION_TOPICS => serde_json::to_string_pretty(&Topics::default())
                .map_err(|e| crate::StoreError::Corrupt(e.to_string()))?,
            _ => return Err(danvan_domain::DomainError::validation(format!("không có cấu hình '{key}'")).into()),
        };
        Ok(default)
    }

    /// The petition topic taxonomy in force.
    pub async fn petition_topics(&self) -> Result<Arc<Topics>> {
        Ok(self.settings_snapshot().await?.topics.clone())
    }

    /// Topic codes that records refer to.
    async fn topics_in_use(&self) -> Result<Vec<String>> {
        let rows = sqlx::query("SELECT DISTINCT topic FROM petitions")
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok(col::<String>(r, "topic")?)).collect()
    }

    /// The deadline engine from the current settings (or the bundled defaults).
    pub async fn deadline_engine(&self) -> Result<Arc<Engine>> {
        Ok(self.settings_snapshot().await?.engine.clone())
    }

    /// The parsed settings, rebuilt only when a setting changed. Every write asks for them, so
    /// the version is re-read from the database at most once per `RECHECK` (another server's
    /// edit shows within that time; this server's own edit at once).
    async fn settings_snapshot(&self) -> Result<Arc<Snapshot>> {
        if let Some(c) = self.engine_cache.read().await.as_ref() {
            if c.checked_at.elapsed() < RECHECK {
                return Ok(c.snapshot.clone());
            }
        }
        let row = sqlx::query("SELECT COUNT(*) AS n, MAX(updated_at) AS at FROM settings")
            .fetch_one(&self.pool)
            .await?;
        let version = format!(
            "{}@{}",
            col::<i64>(&row, "n")?,
            col::<Option<String>>(&row, "at")?.unwrap_or_default()
        );
        let mut cache = self.engine_cache.write().await;
        if let Some(c) = cache.as_mut() {
            if c.version == version {
                c.checked_at = Instant::now();
                return Ok(c.snapshot.clone());
            }
        }
        let rules = match self.setting(SETTING_DEADLINE_RULES).await? {
            Some(text) => DeadlineRules::from_json(&text)?,
            None => DeadlineRules::vietnam(),
        };
        let calendar = match self.setting(SETTING_CALENDAR).await? {
            Some(text) => Calendar::from_json(&text)?,
            None => Calendar::vietnam(),
        };
        let topics = match self.setting(SETTING_PETITION_TOPICS).await? {
            Some(text) => Topics::from_json(&text)?,
            None => Topics::default(),
        };
        let snapshot = Arc::new(Snapshot {
            engine: Arc::new(Engine { rules, calendar }),
            topics: Arc::new(topics),
        });
        *cache = Some(Cached {
            version,
            checked_at: Instant::now(),
            snapshot: snapshot.clone(),
        });
        Ok(snapshot)
    }

    async fn forget_settings(&self) {
        *self.engine_cache.write().await = None;
    }
}
