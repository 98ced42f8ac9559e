//! Users, passwords, log-in with lock-out, web sessions and API tokens, and the Actor a user
//! acts as.

use crate::error::on_unique;
use crate::sql::{col, Sql};
use crate::units::push_scope;
use crate::write::now_rfc3339;
use crate::{Result, Store, StoreError};
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use danvan_domain::role::{require, Role};
use danvan_domain::scope::{Actor, Scope};
use danvan_domain::user::{validate_password, validate_username, User, LOCKOUT_MINUTES, MAX_FAILED_LOGINS};
use danvan_domain::ErrorCode;
use rand::RngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::any::AnyRow;

/// How long a web session lasts without logging in again.
const SESSION_HOURS: i64 = 12;
/// How long an API bearer token lasts.
const TOKEN_DAYS: i64 = 30;

const USER_COLUMNS: &str = "usr.id, usr.username, usr.display_name, usr.role, usr.unit_id, \
    u.scheme AS unit_scheme, u.code AS unit_code, u.name AS unit_name, usr.organisation_id, \
    usr.language, usr.disabled FROM users usr JOIN units u ON u.id = usr.unit_id";

/// A user to create. `unit` is `scheme/code` or a code valid today.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub role: Role,
    pub unit: String,
    pub organisation_id: Option<i64>,
}

/// A fresh web session: the cookie token and the CSRF token its forms carry.
#[derive(Debug, Clone, Serialize)]
pub struct SessionInfo {
    pub token: String,
    pub csrf_token: String,
    pub expires_at: String,
}

fn user_from_row(row: &AnyRow) -> Result<User> {
    let role: String = col(row, "role")?;
    let disabled: i64 = col(row, "disabled")?;
    Ok(User {
        id: col(row, "id")?,
        username: col(row, "username")?,
        display_name: col(row, "display_name")?,
        role: Role::parse(&role).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        unit_id: col(row, "unit_id")?,
        unit_scheme: col(row, "unit_scheme")?,
        unit_code: col(row, "unit_code")?,
        unit_name: col(row, "unit_name")?,
        organisation_id: col(row, "organisation_id")?,
        language: col(row, "language")?,
        disabled: disabled != 0,
    })
}

/// Hashes a password with argon2id and a random salt (slow on purpose: run off the async pool).
pub async fn hash_password(password: &str) -> Result<String> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| StoreError::Corrupt(format!("argon2: {e}")))
    })
    .await
    .map_err(|e| StoreError::Corrupt(format!("argon2 task: {e}")))?
}

async fn verify_password(password: &str, hash: &str) -> bool {
    let (password, hash) = (password.to_string(), hash.to_string());
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A random 256-bit token, hex-encoded; only its SHA-256 is stored.
fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn rfc3339_in(d: chrono::Duration) -> String {
    (chrono::Utc::now() + d).to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl Store {
    /// Creates a user. Only admins may, only within their scope, and only a system admin may
    /// create another system admin.
    pub async fn create_user(&self, actor: &Actor, new: &NewUser) -> Result<User> {
        validate_username(&new.username)?;
        validate_password(&new.password)?;
        require(
            actor.role.can_administer() && actor.role.can_grant(new.role),
            "tạo người dùng với vai trò này",
        )?;
        let unit = self.resolve_unit(&new.unit, None).await?;
        actor.scope.require(&unit)?;
        if let Some(org) = new.organisation_id {
            let o = self.organisation(actor, org).await?;
            if (o.unit_scheme.as_str(), o.unit_code.as_str()) != (unit.scheme.as_str(), unit.code.as_str()) {
                return Err(StoreError::domain(
                    ErrorCode::Validation,
                    "cơ quan, tổ chức không thuộc đơn vị của người dùng",
                ));
            }
        }
        let display_name = danvan_domain::text::normalize(&new.display_name);
        let display_name = if display_name.is_empty() {
            new.username.clone()
        } else {
            display_name
        };
        let hash = hash_password(&new.password).await?;
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new(
            "INSERT INTO users (username, display_name, password_hash, role, unit_id, organisation_id, created_at) VALUES ",
        );
        q.bind_row(vec![
            new.username.clone().into(),
            display_name.into(),
            hash.into(),
            new.role.as_str().into(),
            unit.id.into(),
            new.organisation_id.into(),
            tx.now().to_string().into(),
        ]);
        q.push(" RETURNING id");
        let row = q
            .query()
            .fetch_one(&mut *tx.tx)
            .await
            .map_err(|e| on_unique(e, ErrorCode::DuplicateUsername, &new.username))?;
        let id: i64 = col(&row, "id")?;
        let user = self.user_by_id_in(&mut tx, id).await?;
        tx.audit(actor, "create", "user", &user.username, None::<&()>, Some(&user))
            .await?;
        tx.commit().await?;
        Ok(user)
    }

    async fn user_by_id_in(&self, tx: &mut crate::write::WriteTx, id: i64) -> Result<User> {
        let mut q = Sql::new(&format!("SELECT {USER_COLUMNS} WHERE usr.id = "));
        q.bind(id);
        user_from_row(&q.query().fetch_one(&mut *tx.tx).await?)
    }

    /// Users in the caller's scope, by unit then username.
    pub async fn list_users(&self, actor: &Actor) -> Result<Vec<User>> {
        let mut q = Sql::new(&format!("SELECT {USER_COLUMNS} WHERE 1 = 1"));
        push_scope(&mut q, &actor.scope, "u.path");
        q.push(" ORDER BY u.path, usr.username");
        let rows = q.query().fetch_all(&self.pool).await?;
        rows.iter().map(user_from_row).collect()
    }

    /// One user, if in the caller's scope (outside it looks the same as absent).
    pub async fn user(&self, actor: &Actor, username: &str) -> Result<User> {
        let mut q = Sql::new(&format!("SELECT {USER_COLUMNS} WHERE usr.username = "));
        q.bind(username);
        push_scope(&mut q, &actor.scope, "u.path");
        let row = q.query().fetch_optional(&self.pool).await?;
        row.as_ref()
            .map(user_from_row)
            .transpose()?
            .ok_or_else(|| StoreError::domain(ErrorCode::UnknownUser, username))
    }

    /// Disables a user and ends their sessions and tokens.
    /// The signed-in user's own interface language (`vi` or `en`).
    pub async fn set_own_language(&self, actor: &Actor, language: &str) -> Result<()> {
        let Some(user_id) = actor.user_id else {
            return Ok(());
        };
        if !["vi", "en"].contains(&language) {
            return Err(StoreError::domain(
                ErrorCode::Validation,
                format!("ngôn ngữ '{language}' (vi|en)"),
            ));
        }
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new("UPDATE users SET language = ");
        q.bind(language).push(" WHERE id = ").bind(user_id);
        q.query().execute(&mut *tx.tx).await?;
        let after = serde_json::json!({ "language": language });
        tx.audit(
            actor,
            "set_language",
            "user",
            &actor.username,
            None::<&()>,
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn disable_user(&self, actor: &Actor, username: &str) -> Result<User> {
        require(actor.role.can_administer(), "vô hiệu hóa người dùng")?;
        let before = self.user(actor, username).await?;
        require(
            actor.role.can_grant(before.role),
            "vô hiệu hóa người dùng với vai trò này",
        )?;
        if Some(before.id) == actor.user_id {
            return Err(StoreError::domain(
                ErrorCode::Validation,
                "không thể tự vô hiệu hóa tài khoản của mình",
            ));
        }
        let mut tx = self.begin_write().await?;
        for stmt in [
            "UPDATE users SET disabled = 1 WHERE id = ",
            "DELETE FROM sessions WHERE user_id = ",
            "DELETE FROM api_tokens WHERE user_id = ",
        ] {
            let mut q = Sql::new(stmt);
            q.bind(before.id);
            q.query().execute(&mut *tx.tx).await?;
        }
        let after = User {
            disabled: true,
            ..before.clone()
        };
        tx.audit(actor, "disable", "user", username, Some(&before), Some(&after))
            .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Checks a password. Repeated failures lock the account for a while; every attempt is
    /// audited with its source address.
    pub async fn authenticate(&self, username: &str, password: &str, source: &str) -> Result<User> {
        let mut q =
            Sql::new("SELECT id, password_hash, disabled, failed_logins, locked_until FROM users WHERE username = ");
        q.bind(username);
        let Some(row) = q.query().fetch_optional(&self.pool).await? else {
            // Same work as a real check, so timing does not reveal which usernames exist.
            verify_password(password, DUMMY_HASH).await;
            return Err(StoreError::domain(ErrorCode::InvalidCredentials, ""));
        };
        let id: i64 = col(&row, "id")?;
        let hash: String = col(&row, "password_hash")?;
        let locked_until: Option<String> = col(&row, "locked_until")?;
        let failed: i64 = col(&row, "failed_logins")?;
        let now = now_rfc3339();
        if locked_until.as_deref().is_some_and(|t| t > now.as_str()) {
            return Err(StoreError::domain(ErrorCode::AccountLocked, ""));
        }
        let who = Actor {
            username: username.into(),
            source: source.into(),
            ..Actor::system(source)
        };
        if !verify_password(password, &hash).await {
            let failed = failed + 1;
            let lock = failed >= MAX_FAILED_LOGINS;
            let mut tx = self.begin_write().await?;
            let mut q = Sql::new("UPDATE users SET failed_logins = ");
            q.bind(if lock { 0 } else { failed }).push(", locked_until = ");
            q.bind(lock.then(|| rfc3339_in(chrono::Duration::minutes(LOCKOUT_MINUTES))));
            q.push(" WHERE id = ").bind(id);
            q.query().execute(&mut *tx.tx).await?;
            let action = if lock { "lockout" } else { "login_failed" };
            tx.audit(
                &who,
                action,
                "user",
                username,
                None::<&()>,
                Some(&serde_json::json!({ "failed_logins": failed })),
            )
            .await?;
            tx.commit().await?;
            let code = if lock {
                ErrorCode::AccountLocked
            } else {
                ErrorCode::InvalidCredentials
            };
            return Err(StoreError::domain(code, ""));
        }
        let disabled: i64 = col(&row, "disabled")?;
        if disabled != 0 {
            return Err(StoreError::domain(ErrorCode::AccountDisabled, ""));
        }
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ");
        q.bind(id);
        q.query().execute(&mut *tx.tx).await?;
        let user = self.user_by_id_in(&mut tx, id).await?;
        tx.audit(&who, "login", "user", username, None::<&()>, None::<&()>)
            .await?;
        tx.commit().await?;
        Ok(user)
    }

    /// What a signed-in user acts as: their role and scope, from the given source address.
    pub async fn actor_for(&self, user: &User, source: &str) -> Result<Actor> {
        let scope = if user.role == Role::SystemAdmin {
            Scope::everything()
        } else {
            let cached = self.scope_cache.read().ok().and_then(|c| c.get(&user.unit_id).cloned());
            match cached {
                Some(scope) => scope,
                None => {
                    let unit = self.unit_by_id(user.unit_id).await?;
                    let preds = self.all_predecessors(&unit).await?;
                    let scope = Scope::for_unit(&unit, &preds);
                    if let Ok(mut c) = self.scope_cache.write() {
                        c.insert(user.unit_id, scope.clone());
                    }
                    scope
                }
            }
        };
        Ok(Actor {
            user_id: Some(user.id),
            unit_id: Some(user.unit_id),
            username: user.username.clone(),
            role: user.role,
            scope,
            source: source.into(),
        })
    }

    pub async fn create_session(&self, user: &User) -> Result<SessionInfo> {
        let info = SessionInfo {
            token: new_token(),
            csrf_token: new_token(),
            expires_at: rfc3339_in(chrono::Duration::hours(SESSION_HOURS)),
        };
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ");
        q.bind_row(vec![
            token_hash(&info.token).into(),
            user.id.into(),
            info.csrf_token.clone().into(),
            tx.now().to_string().into(),
            info.expires_at.clone().into(),
        ]);
        q.query().execute(&mut *tx.tx).await?;
        tx.commit().await?;
        Ok(info)
    }

    /// The user and CSRF token of a live session.
    pub async fn session(&self, token: &str) -> Result<Option<(User, String)>> {
        self.user_by_secret("sessions", "s.csrf_token", token).await
    }

    pub async fn end_session(&self, token: &str) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new("DELETE FROM sessions WHERE token_hash = ");
        q.bind(token_hash(token));
        q.query().execute(&mut *tx.tx).await?;
        tx.commit().await
    }

    /// Issues an API bearer token for a user who has just authenticated.
    pub async fn create_api_token(&self, user: &User) -> Result<(String, String)> {
        let token = new_token();
        let expires = rfc3339_in(chrono::Duration::days(TOKEN_DAYS));
        let mut tx = self.begin_write().await?;
        let mut q = Sql::new("INSERT INTO api_tokens (token_hash, user_id, created_at, expires_at) VALUES ");
        q.bind_row(vec![
            token_hash(&token).into(),
            user.id.into(),
            tx.now().to_string().into(),
            expires.clone().into(),
        ]);
        q.query().execute(&mut *tx.tx).await?;
        tx.commit().await?;
        Ok((token, expires))
    }

    pub async fn api_token_user(&self, token: &str) -> Result<Option<User>> {
        Ok(self.user_by_secret("api_tokens", "''", token).await?.map(|(u, _)| u))
    }

    async fn user_by_secret(&self, table: &str, extra: &str, token: &str) -> Result<Option<(User, String)>> {
        let mut q = Sql::new(&format!(
            "SELECT {extra} AS extra, {USER_COLUMNS} JOIN {table} s ON s.user_id = usr.id WHERE s.token_hash = "
        ));
        q.bind(token_hash(token))
            .push(" AND s.expires_at > ")
            .bind(now_rfc3339())
            .push(" AND usr.disabled = 0");
        let Some(row) = q.query().fetch_optional(&self.pool).await? else {
            return Ok(None);
        };
        let extra: String = col(&row, "extra")?;
        Ok(Some((user_from_row(&row)?, extra)))
    }
}

/// A valid argon2 hash of a random string, used to spend the same time on unknown usernames.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2S3jhm0y1Y3o5Ax5F0Lh0bVZJ1d4hvL8P8c3g4nYc3E";
