//! Test harness: a fresh, migrated database per test, on SQLite always and on PostgreSQL when
//! `DANVAN_TEST_POSTGRES_URL` points at a server (a database is created per test and dropped).

#![allow(dead_code)]

use danvan_domain::meeting::{Chair, MeetingKind, NewMeeting};
use danvan_domain::role::Role;
use danvan_store::{Actor, NewUser, Store};
use sqlx::Connection;

pub struct Harness {
    pub store: Store,
    _dir: Option<tempfile::TempDir>,
    pg_drop: Option<(String, String)>,
}

impl Harness {
    pub async fn sqlite() -> Harness {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        let store = Store::open(&url).await.expect("open sqlite");
        Harness {
            store,
            _dir: Some(dir),
            pg_drop: None,
        }
    }

    /// None when no PostgreSQL is configured.
    pub async fn postgres() -> Option<Harness> {
        let admin_url = std::env::var("DANVAN_TEST_POSTGRES_URL").ok()?;
        let name = format!("danvan_t_{:016x}", rand_u64());
        let mut conn = sqlx::PgConnection::connect(&admin_url)
            .await
            .expect("connect to DANVAN_TEST_POSTGRES_URL");
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .await
            .expect("create test database");
        conn.close().await.ok();
        let url = with_database(&admin_url, &name);
        let store = Store::open(&url).await.expect("open postgres");
        Some(Harness {
            store,
            _dir: None,
            pg_drop: Some((admin_url, name)),
        })
    }

    pub async fn finish(self) {
        self.store.close().await;
        if let Some((admin_url, name)) = self.pg_drop {
            if let Ok(mut conn) = sqlx::PgConnection::connect(&admin_url).await {
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&mut conn)
                    .await;
            }
        }
    }
}

fn rand_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos(),
    );
    h.finish()
}

/// Replaces the database name in a PostgreSQL URL.
fn with_database(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    format!("{base}/{db}{query}")
}

/// Runs each named async test function against both backends.
#[macro_export]
macro_rules! store_tests {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let h = $crate::common::Harness::sqlite().await;
                    super::$name(&h.store).await;
                    h.finish().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(h) = $crate::common::Harness::postgres().await else {
                        eprintln!("DANVAN_TEST_POSTGRES_URL not set: PostgreSQL run skipped");
                        return;
                    };
                    super::$name(&h.store).await;
                    h.finish().await;
                }
            )*
        }
    };
}

pub fn system() -> Actor {
    Actor::system("test")
}

/// Imports the bundled units once per test database.
pub async fn with_units(store: &Store) {
    store.import_bundled_units(&system()).await.expect("import units");
}

pub const PASSWORD: &str = "mat-khau-thu";

/// A meeting held at `unit` on `on`, chaired, with no participants, counts or items: tests set
/// what they look at.
pub fn held_meeting(unit: &str, kind: MeetingKind, on: chrono::NaiveDate) -> NewMeeting {
    NewMeeting {
        unit: unit.into(),
        kind,
        organiser: "Cấp ủy – chính quyền".into(),
        chairs: vec![Chair {
            name: "Nguyễn Văn Bình".into(),
            position: "Bí thư".into(),
        }],
        held_on: on,
        place: Some("Hội trường".into()),
        topic: "Đối thoại với Nhân dân".into(),
        gpmb_project: None,
        participants: 0,
        opinions_total: None,
        opinions_collected: None,
        opinions_direct: None,
        schedule_posted_on: None,
        held: true,
        minutes: None,
        items: vec![],
    }
}

pub async fn add_user(store: &Store, username: &str, role: Role, unit: &str) -> Actor {
    let user = store
        .create_user(
            &system(),
            &NewUser {
                username: username.into(),
                display_name: username.into(),
                password: PASSWORD.into(),
                role,
                unit: unit.into(),
                organisation_id: None,
            },
        )
        .await
        .expect("create user");
    store.actor_for(&user, "127.0.0.1").await.expect("actor")
}
