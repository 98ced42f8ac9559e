//! Settings an admin edits without a release, stored as audited JSON documents: the deadline
//! rules and the government's holiday announcements. Absent settings mean the bundled defaults.

use crate::sql::{col, Sql};
use crate::{Result, Store};
use danvan_domain::calendar::Calendar;
use danvan_domain::deadline::{DeadlineRules, Engine};
use danvan_domain::role::{require, Role};
use danvan_domain::scope::Actor;
use std::sync::Arc;
use tokio::sync::RwLock;

pub const SETTING_DEADLINE_RULES: &str = "deadline_rules";
pub const SETTING_CALENDAR: &str = "calendar_announcements";

pub(crate) type EngineCache = Arc<RwLock<Option<(String, Arc<Engine>)>>>;

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
        tx.commit().await
    }

    /// The deadline engine from the current settings (or the bundled defaults), rebuilt only
    /// when a setting changed.
    pub async fn deadline_engine(&self) -> Result<Arc<Engine>> {
        let row = sqlx::query("SELECT COUNT(*) AS n, MAX(updated_at) AS at FROM settings")
            .fetch_one(&self.pool)
            .await?;
        let version = format!(
            "{}@{}",
            col::<i64>(&row, "n")?,
            col::<Option<String>>(&row, "at")?.unwrap_or_default()
        );
        if let Some((v, engine)) = self.engine_cache.read().await.as_ref() {
            if *v == version {
                return Ok(engine.clone());
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
        let engine = Arc::new(Engine { rules, calendar });
        *self.engine_cache.write().await = Some((version, engine.clone()));
        Ok(engine)
    }
}
