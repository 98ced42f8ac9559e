//! The store suite: every test runs on SQLite and, when configured, PostgreSQL.

mod common;

use chrono::NaiveDate;
use common::{add_user, system, with_units, PASSWORD};
use danvan_domain::organisation::OrganisationKind;
use danvan_domain::role::Role;
use danvan_domain::unit::{Level, NewUnit, SuccessionKind};
use danvan_domain::ErrorCode;
use danvan_store::{Backend, NewOrganisation, NewUser, Store, StoreError, UnitQuery};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn code_of<T: std::fmt::Debug>(r: Result<T, StoreError>) -> ErrorCode {
    r.expect_err("expected an error").code()
}

async fn count(store: &Store, level: Level, at: &str) -> usize {
    let q = UnitQuery {
        at: Some(d(at)),
        level: Some(level),
        ..Default::default()
    };
    store.list_units(&system(), &q).await.unwrap().len()
}

/// The folder holding `store`'s backend's migrations.
fn migrations_dir(store: &Store) -> std::path::PathBuf {
    let sub = match store.backend() {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(sub)
}

/// The versions of the migration files shipped for `store`'s backend, in order.
fn shipped_versions(store: &Store) -> Vec<i64> {
    let mut v: Vec<i64> = std::fs::read_dir(migrations_dir(store))
        .unwrap()
        .map(|f| {
            f.unwrap()
                .file_name()
                .to_string_lossy()
                .split('_')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    v.sort();
    v
}

async fn migrations_are_versioned_and_rerun_cleanly(store: &Store) {
    let shipped = shipped_versions(store);
    assert_eq!(&shipped[..6], &[1, 2, 3, 4, 5, 6]);
    assert_eq!(store.applied_migrations().await.unwrap(), shipped);
    assert!(
        store.migrate().await.unwrap().is_empty(),
        "a second run applies nothing"
    );
}

async fn a_failing_migration_leaves_the_database_as_it_was(store: &Store) {
    let dir = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir(migrations_dir(store)).unwrap() {
        let f = f.unwrap();
        std::fs::copy(f.path(), dir.path().join(f.file_name())).unwrap();
    }
    std::fs::write(
        dir.path().join("0099_broken.sql"),
        "CREATE TABLE half_done (id INTEGER); INSERT INTO units_that_do_not_exist VALUES (1);",
    )
    .unwrap();
    let broken = sqlx::migrate::Migrator::new(dir.path()).await.unwrap();
    assert!(store.migrate_with(&broken).await.is_err());
    assert_eq!(store.applied_migrations().await.unwrap(), shipped_versions(store));
    let probe = store.migrate_with(&broken).await;
    assert!(
        probe.is_err(),
        "the broken migration is still pending, not half-applied"
    );
    // The table created before the failing statement was rolled back with it.
    let units = store
        .list_units(
            &system(),
            &UnitQuery {
                limit: Some(1),
                ..Default::default()
            },
        )
        .await;
    assert!(units.is_ok(), "existing tables still work");
}

async fn bundled_units_have_official_counts_at_each_date(store: &Store) {
    let first = store.import_bundled_units(&system()).await.unwrap();
    assert_eq!(first.units_added, 63 + 696 + 10_035 + 34 + 3_321);
    assert!(first.successions_added >= 10_597);
    let again = store.import_bundled_units(&system()).await.unwrap();
    assert_eq!(
        (again.units_added, again.successions_added),
        (0, 0),
        "import is idempotent"
    );

    assert_eq!(count(store, Level::Province, "2024-06-30").await, 63);
    assert_eq!(count(store, Level::District, "2024-06-30").await, 696);
    assert_eq!(count(store, Level::Commune, "2024-06-30").await, 10_035);
    assert_eq!(count(store, Level::Province, "2025-07-01").await, 34);
    assert_eq!(count(store, Level::District, "2025-07-01").await, 0);
    assert_eq!(count(store, Level::Commune, "2025-07-01").await, 3_321);
}

async fn succession_links_old_and_new_communes(store: &Store) {
    with_units(store).await;
    let truc_bach = store.unit("legacy", "00004").await.unwrap();
    assert_eq!(truc_bach.name, "Phường Trúc Bạch");
    let succ = store.successors(&truc_bach).await.unwrap();
    assert_eq!(succ.len(), 1);
    assert_eq!(succ[0].successor.name, "Phường Ba Đình");
    assert_eq!(
        (succ[0].successor.scheme.as_str(), succ[0].kind),
        ("2025", SuccessionKind::Whole)
    );

    let ba_dinh = store.unit("2025", "00004").await.unwrap();
    let preds = store.predecessors(&ba_dinh).await.unwrap();
    let codes: Vec<_> = preds
        .iter()
        .map(|s| (s.predecessor.code.as_str(), s.kind, s.is_default))
        .collect();
    assert_eq!(preds.len(), 10);
    assert!(codes.contains(&("00004", SuccessionKind::Whole, false)));
    assert!(codes.contains(&("00013", SuccessionKind::Whole, false)));
    assert!(codes.contains(&("00016", SuccessionKind::Divided, true)));
    assert!(codes.contains(&("00112", SuccessionKind::Divided, false)));
    assert!(preds.iter().all(|s| s.predecessor.scheme == "legacy"));

    // A divided old commune lists every new one it went into.
    let doi_can = store.unit("legacy", "00022").await.unwrap();
    assert!(store.successors(&doi_can).await.unwrap().len() > 1);

    // Provinces follow their communes: Yên Bái went whole into the new Lào Cai.
    let yen_bai = store.unit("legacy", "15").await.unwrap();
    let s = store.successors(&yen_bai).await.unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!(
        (s[0].successor.name.as_str(), s[0].kind),
        ("Tỉnh Lào Cai", SuccessionKind::Whole)
    );
}

async fn tree_queries_walk_up_and_down(store: &Store) {
    with_units(store).await;
    let truc_bach = store.unit("legacy", "00004").await.unwrap();
    let names: Vec<_> = store
        .ancestors(&truc_bach)
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.name)
        .collect();
    assert_eq!(names, vec!["Thành phố Hà Nội", "Quận Ba Đình"]);
    let ba_dinh_district = store.unit("legacy", "001").await.unwrap();
    let children = store.children(&ba_dinh_district).await.unwrap();
    assert!(children
        .iter()
        .all(|c| c.level == Level::Commune && c.parent_code.as_deref() == Some("001")));
    assert!(children.iter().any(|c| c.code == "00004"));
    let subtree = store.subtree(&ba_dinh_district).await.unwrap();
    assert_eq!(subtree.len(), children.len() + 1);
    let q = UnitQuery {
        parent: Some("01".into()),
        at: Some(d("2025-07-01")),
        ..Default::default()
    };
    let hanoi_2025 = store.list_units(&system(), &q).await.unwrap();
    assert!(hanoi_2025.len() > 100 && hanoi_2025.iter().all(|u| u.scheme == "2025"));
}

async fn names_are_found_without_diacritics(store: &Store) {
    with_units(store).await;
    let q = UnitQuery {
        q: Some("phuong ba dinh".into()),
        at: Some(d("2025-07-01")),
        ..Default::default()
    };
    let found = store.list_units(&system(), &q).await.unwrap();
    assert!(found.iter().any(|u| u.name == "Phường Ba Đình"), "{found:?}");
    // NFD input with the old tone placement finds the same unit.
    let nfd = "Phu\u{31b}o\u{31b}\u{300}ng Ba \u{110}i\u{300}nh".to_string();
    let q = UnitQuery {
        q: Some(nfd),
        at: Some(d("2025-07-01")),
        ..Default::default()
    };
    assert!(store
        .list_units(&system(), &q)
        .await
        .unwrap()
        .iter()
        .any(|u| u.name == "Phường Ba Đình"));
}

async fn codes_resolve_by_date_and_scheme(store: &Store) {
    with_units(store).await;
    assert_eq!(
        store.resolve_unit("00004", Some(d("2024-01-01"))).await.unwrap().name,
        "Phường Trúc Bạch"
    );
    assert_eq!(
        store.resolve_unit("00004", Some(d("2025-07-01"))).await.unwrap().name,
        "Phường Ba Đình"
    );
    assert_eq!(
        store.resolve_unit("legacy/00004", None).await.unwrap().name,
        "Phường Trúc Bạch"
    );
    assert_eq!(code_of(store.resolve_unit("99999", None).await), ErrorCode::UnknownUnit);
    assert_eq!(code_of(store.unit("2025", "00013").await), ErrorCode::UnknownUnit);
}

fn village(parent: &str, code: &str) -> NewUnit {
    NewUnit {
        scheme: "2025".into(),
        code: code.into(),
        name: "Tổ dân phố số 1".into(),
        kind: "Tổ dân phố".into(),
        level: Level::Village,
        parent_code: Some(parent.into()),
        valid_from: Some(d("2025-07-01")),
        valid_to: None,
    }
}

async fn unit_admins_add_villages_in_their_own_commune_only(store: &Store) {
    with_units(store).await;
    let admin = add_user(store, "qt.badinh", Role::UnitAdmin, "2025/00004").await;
    let officer = add_user(store, "cb.badinh", Role::Officer, "2025/00004").await;
    let v = store.add_unit(&admin, &village("00004", "00004-T01")).await.unwrap();
    assert_eq!(v.path, "/2025/01/00004/00004-T01/");
    assert_eq!(
        code_of(store.add_unit(&admin, &village("00004", "00004-T01")).await),
        ErrorCode::DuplicateUnit
    );
    assert_eq!(
        code_of(store.add_unit(&officer, &village("00004", "00004-T02")).await),
        ErrorCode::ForbiddenRole
    );
    assert_eq!(
        code_of(store.add_unit(&admin, &village("00008", "00008-T01")).await),
        ErrorCode::ForbiddenScope
    );
    assert!(
        store.find_unit("2025", "00008-T01").await.unwrap().is_none(),
        "nothing written"
    );
    let mut bad = village("00004", "00004-T09");
    bad.parent_code = Some("01".into());
    assert_eq!(code_of(store.add_unit(&system(), &bad).await), ErrorCode::Validation);
}

async fn scope_matrix_commune_province_and_legacy_district(store: &Store) {
    with_units(store).await;
    let sys = system();
    for unit in ["2025/00004", "2025/00008", "legacy/00004", "legacy/00001"] {
        store
            .create_organisation(
                &sys,
                &NewOrganisation {
                    unit: unit.into(),
                    kind: OrganisationKind::FatherlandFront,
                    name: None,
                },
            )
            .await
            .unwrap();
    }
    let a = add_user(store, "cb.a", Role::Officer, "2025/00004").await;
    let a_admin = add_user(store, "qt.a", Role::UnitAdmin, "2025/00004").await;
    let _b = add_user(store, "cb.b", Role::Officer, "2025/00008").await;
    let province = add_user(store, "cb.tinh", Role::Officer, "2025/01").await;
    let district = add_user(store, "cb.quan", Role::Officer, "legacy/001").await;

    let orgs_of = |list: Vec<danvan_domain::organisation::Organisation>| {
        let mut v: Vec<String> = list
            .into_iter()
            .map(|o| format!("{}/{}", o.unit_scheme, o.unit_code))
            .collect();
        v.sort();
        v
    };
    // Commune A sees its own and its predecessor's (Trúc Bạch went into Ba Đình), not B's.
    assert_eq!(
        orgs_of(store.list_organisations(&a, None).await.unwrap()),
        vec!["2025/00004", "legacy/00004"]
    );
    let all = store.list_organisations(&sys, None).await.unwrap();
    let b_org = all.iter().find(|o| o.unit_code == "00008").unwrap();
    assert_eq!(
        code_of(store.organisation(&a, b_org.id).await),
        ErrorCode::UnknownOrganisation
    );
    let users_a: Vec<_> = store
        .list_users(&a)
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.username)
        .collect();
    assert_eq!(users_a, vec!["cb.a", "qt.a"]);
    assert_eq!(code_of(store.user(&a, "cb.b").await), ErrorCode::UnknownUser);
    // Nor can A change anything of B.
    let new_b = NewOrganisation {
        unit: "2025/00008".into(),
        kind: OrganisationKind::WomensUnion,
        name: None,
    };
    assert_eq!(
        code_of(store.create_organisation(&a_admin, &new_b).await),
        ErrorCode::ForbiddenScope
    );
    assert_eq!(
        code_of(store.disable_user(&a_admin, "cb.b").await),
        ErrorCode::UnknownUser
    );
    let into_b = NewUser {
        username: "cb.moi".into(),
        display_name: "Mới".into(),
        password: PASSWORD.into(),
        role: Role::Officer,
        unit: "2025/00008".into(),
        organisation_id: None,
    };
    assert_eq!(
        code_of(store.create_user(&a_admin, &into_b).await),
        ErrorCode::ForbiddenScope
    );
    assert!(!store.user(&sys, "cb.b").await.unwrap().disabled);
    // An officer cannot administer even in its own commune.
    let new_a = NewOrganisation {
        unit: "2025/00004".into(),
        kind: OrganisationKind::WomensUnion,
        name: None,
    };
    assert_eq!(
        code_of(store.create_organisation(&a, &new_a).await),
        ErrorCode::ForbiddenRole
    );

    // The province (2025 Hà Nội, which absorbed legacy Hà Nội) sees every commune below it.
    assert_eq!(
        orgs_of(store.list_organisations(&province, None).await.unwrap()),
        vec!["2025/00004", "2025/00008", "legacy/00001", "legacy/00004"]
    );
    // A legacy district user sees the legacy communes below the district, not the 2025 ones.
    assert_eq!(
        orgs_of(store.list_organisations(&district, None).await.unwrap()),
        vec!["legacy/00001", "legacy/00004"]
    );
    // The unit browser lists only units in scope.
    let q = UnitQuery {
        in_scope_only: true,
        level: Some(Level::Commune),
        ..Default::default()
    };
    let mine = store.list_units(&a, &q).await.unwrap();
    assert!(mine.iter().all(|u| u.code == "00004" || store_is_pred(&u.code)));
}

/// Legacy communes that went into 2025 Phường Ba Đình.
fn store_is_pred(code: &str) -> bool {
    [
        "00004", "00013", "00016", "00019", "00022", "00028", "00040", "00055", "00073", "00112",
    ]
    .contains(&code)
}

async fn usernames_are_unique_and_nothing_is_half_written(store: &Store) {
    with_units(store).await;
    add_user(store, "cb.trung", Role::Officer, "2025/00004").await;
    let before = store.list_users(&system()).await.unwrap().len();
    let dup = NewUser {
        username: "cb.trung".into(),
        display_name: "Trùng".into(),
        password: PASSWORD.into(),
        role: Role::Viewer,
        unit: "2025/00008".into(),
        organisation_id: None,
    };
    assert_eq!(
        code_of(store.create_user(&system(), &dup).await),
        ErrorCode::DuplicateUsername
    );
    let bad_unit = NewUser {
        username: "cb.khac".into(),
        unit: "2025/99999".into(),
        ..dup.clone()
    };
    assert_eq!(
        code_of(store.create_user(&system(), &bad_unit).await),
        ErrorCode::UnknownUnit
    );
    assert_eq!(store.list_users(&system()).await.unwrap().len(), before);
    assert!(store.verify_audit().await.unwrap().broken_at.is_none());
}

async fn wrong_passwords_lock_the_account(store: &Store) {
    with_units(store).await;
    add_user(store, "cb.khoa", Role::Officer, "2025/00004").await;
    assert_eq!(
        code_of(store.authenticate("cb.khoa", "sai-mat-khau", "10.0.0.9").await),
        ErrorCode::InvalidCredentials
    );
    assert_eq!(
        code_of(store.authenticate("khong.co", PASSWORD, "10.0.0.9").await),
        ErrorCode::InvalidCredentials
    );
    assert!(
        store.authenticate("cb.khoa", PASSWORD, "10.0.0.9").await.is_ok(),
        "a success resets the count"
    );
    for _ in 0..4 {
        assert_eq!(
            code_of(store.authenticate("cb.khoa", "sai", "10.0.0.9").await),
            ErrorCode::InvalidCredentials
        );
    }
    assert_eq!(
        code_of(store.authenticate("cb.khoa", "sai", "10.0.0.9").await),
        ErrorCode::AccountLocked
    );
    assert_eq!(
        code_of(store.authenticate("cb.khoa", PASSWORD, "10.0.0.9").await),
        ErrorCode::AccountLocked
    );
    let log = store.list_audit(&system(), Some("user"), 20).await.unwrap();
    assert!(log.iter().any(|e| e.action == "lockout" && e.source == "10.0.0.9"));
}

async fn sessions_and_tokens_end_when_a_user_is_disabled(store: &Store) {
    with_units(store).await;
    add_user(store, "cb.tat", Role::Officer, "2025/00004").await;
    let user = store.authenticate("cb.tat", PASSWORD, "127.0.0.1").await.unwrap();
    let session = store.create_session(&user).await.unwrap();
    let (token, _) = store.create_api_token(&user).await.unwrap();
    let (who, csrf) = store.session(&session.token).await.unwrap().unwrap();
    assert_eq!((who.username.as_str(), csrf), ("cb.tat", session.csrf_token.clone()));
    assert_eq!(store.api_token_user(&token).await.unwrap().unwrap().username, "cb.tat");
    assert!(store.session("not-a-token").await.unwrap().is_none());
    store.disable_user(&system(), "cb.tat").await.unwrap();
    assert!(store.session(&session.token).await.unwrap().is_none());
    assert!(store.api_token_user(&token).await.unwrap().is_none());
    assert_eq!(
        code_of(store.authenticate("cb.tat", PASSWORD, "127.0.0.1").await),
        ErrorCode::AccountDisabled
    );
}

async fn audit_verify_detects_an_edited_row(store: &Store) {
    with_units(store).await;
    add_user(store, "cb.mot", Role::Officer, "2025/00004").await;
    add_user(store, "cb.hai", Role::Officer, "2025/00008").await;
    let ok = store.verify_audit().await.unwrap();
    assert_eq!((ok.broken_at, ok.checked), (None, 3));
    let log = store.list_audit(&system(), Some("user"), 10).await.unwrap();
    let target = log.iter().find(|e| e.entity_id == "cb.mot").unwrap().seq;
    // The log refuses edits outright…
    let edit = format!("UPDATE audit_log SET actor = 'ke-gian' WHERE seq = {target}");
    assert!(store.raw_execute_for_tests(&edit).await.is_err());
    // …and someone who disables that protection is still caught by the chain.
    let unprotect = match store.backend() {
        Backend::Sqlite => "DROP TRIGGER audit_log_no_update",
        Backend::Postgres => "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update",
    };
    store.raw_execute_for_tests(unprotect).await.unwrap();
    store.raw_execute_for_tests(&edit).await.unwrap();
    let report = store.verify_audit().await.unwrap();
    assert_eq!(report.broken_at, Some(target));
}

async fn backup_copies_a_live_sqlite_database(store: &Store) {
    with_units(store).await;
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join("backup.db");
    match store.backend() {
        Backend::Sqlite => {
            store.backup_to(&to).await.unwrap();
            let copy = Store::open(&format!("sqlite://{}", to.display())).await.unwrap();
            assert_eq!(copy.unit("2025", "00004").await.unwrap().name, "Phường Ba Đình");
            assert_eq!(
                code_of(store.backup_to(&to).await),
                ErrorCode::Validation,
                "never overwrites"
            );
        }
        Backend::Postgres => {
            assert_eq!(code_of(store.backup_to(&to).await), ErrorCode::Unsupported)
        }
    }
}

const TAM_NONG_HISTORY: &str = "\
scheme,code,name,kind,level,parent_code,valid_from,valid_to,successor_scheme,successor_code,succession_kind,is_default
pre2019,25,Tỉnh Phú Thọ,Tỉnh,province,,,2019-12-31,legacy,25,whole,
pre2019,236,Huyện Tam Nông,Huyện,district,25,,2019-12-31,legacy,236,whole,
pre2019,X-01,Xã Cũ Một,Xã,commune,236,,2019-12-31,legacy,08440,whole,
pre2019,X-02,Xã Cũ Hai,Xã,commune,236,,2019-12-31,legacy,08440,divided,1
pre2019,X-02,Xã Cũ Hai,Xã,commune,236,,2019-12-31,legacy,08443,divided,0
";

async fn history_import_adds_earlier_units_and_successions(store: &Store) {
    with_units(store).await;
    let s = store.import_unit_history(&system(), TAM_NONG_HISTORY).await.unwrap();
    assert_eq!((s.units_added, s.successions_added), (4, 5));
    let again = store.import_unit_history(&system(), TAM_NONG_HISTORY).await.unwrap();
    assert_eq!((again.units_added, again.successions_added), (0, 0));
    let x2 = store.unit("pre2019", "X-02").await.unwrap();
    assert_eq!(store.successors(&x2).await.unwrap().len(), 2);
    let at_2018 = UnitQuery {
        at: Some(d("2018-06-01")),
        scheme: Some("pre2019".into()),
        level: Some(Level::Commune),
        ..Default::default()
    };
    assert_eq!(store.list_units(&system(), &at_2018).await.unwrap().len(), 2);
    let at_2020 = UnitQuery {
        at: Some(d("2020-06-01")),
        ..at_2018
    };
    assert_eq!(store.list_units(&system(), &at_2020).await.unwrap().len(), 0);

    let bad = "scheme,code,name,kind,level,parent_code,valid_from,valid_to\n\
               pre2019,Y-01,Xã Mới,Xã,commune,236,,2019-12-31\n\
               pre2019,Y-02,Xã Lạc,Xã,commune,NOPE,,2019-12-31\n";
    let e = store.import_unit_history(&system(), bad).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::UnknownUnit);
    assert!(e.to_string().contains("dòng 3"), "{e}");
    assert!(
        store.find_unit("pre2019", "Y-01").await.unwrap().is_none(),
        "all or nothing"
    );
}

store_tests!(
    migrations_are_versioned_and_rerun_cleanly,
    a_failing_migration_leaves_the_database_as_it_was,
    bundled_units_have_official_counts_at_each_date,
    succession_links_old_and_new_communes,
    tree_queries_walk_up_and_down,
    names_are_found_without_diacritics,
    codes_resolve_by_date_and_scheme,
    unit_admins_add_villages_in_their_own_commune_only,
    scope_matrix_commune_province_and_legacy_district,
    usernames_are_unique_and_nothing_is_half_written,
    wrong_passwords_lock_the_account,
    sessions_and_tokens_end_when_a_user_is_disabled,
    audit_verify_detects_an_edited_row,
    backup_copies_a_live_sqlite_database,
    history_import_adds_earlier_units_and_successions,
);
