//! Deterministic demo data for one province: the bundled units, the standard organisations of
//! the province and every commune (and of the legacy districts, for records before 1/7/2025), and
//! users at each level. The same seed gives the same data; `scale` multiplies the officers per
//! commune (later record types scale with it too). This is also the benchmark data set.

use danvan_domain::organisation::OrganisationKind;
use danvan_domain::role::Role;
use danvan_domain::scope::Actor;
use danvan_domain::unit::{Level, Unit, SCHEME_2025, SCHEME_LEGACY};
use danvan_store::{hash_password, Store, StoreError, UnitQuery, UserSeed};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

mod files;
pub use files::demo_pdf;
mod petitions;
pub use petitions::{seed_petitions, PetitionPlan};
mod meetings;
pub use meetings::{seed_meetings, seed_more_meetings, MeetingCounts, MeetingPlan};
mod records;
pub use records::{seed_records, RecordCounts, RecordsPlan};
mod democracy;
pub use democracy::{seed_democracy, DemocracyCounts, DemocracyPlan};

/// The demo province: Hà Nội, in both structures (code 01 in each).
pub const DEMO_PROVINCE: &str = "01";
pub const DEMO_PASSWORD: &str = "danvan-demo";
pub const DEMO_ADMIN: &str = "admin";

#[derive(Debug, Clone, Copy)]
pub struct DemoOptions {
    pub scale: u32,
    pub seed: u64,
    /// Petitions to create; None means 5.000 × scale.
    pub petitions: Option<usize>,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            scale: 1,
            seed: 2025,
            petitions: None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub organisations: u64,
    pub users: u64,
    pub petitions: u64,
    /// Demo meetings, supervisions and contributions.
    pub meetings: MeetingCounts,
    /// Demo directives, "Dân vận khéo" models, groups, houses, new-rural contributions, tasks.
    pub records: RecordCounts,
    /// Demo disclosures, votes, consultations, boards, GPMB projects, issues and reports.
    pub democracy: DemocracyCounts,
    /// Username and password of ready logins, one per role worth showing.
    pub logins: Vec<(String, String)>,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cơ sở dữ liệu đã có người dùng; dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu trống")]
    NotEmpty,
}

const FAMILY: [&str; 12] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
];
const MIDDLE: [&str; 8] = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Thu", "Quang", "Thanh"];
const GIVEN: [&str; 16] = [
    "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hương", "Lan", "Long", "Mai", "Nam", "Phương", "Quân", "Thảo",
    "Trang", "Tuấn",
];

fn person_name(rng: &mut StdRng) -> String {
    let pick = |rng: &mut StdRng, xs: &[&str]| xs[rng.gen_range(0..xs.len())].to_string();
    format!("{} {} {}", pick(rng, &FAMILY), pick(rng, &MIDDLE), pick(rng, &GIVEN))
}

/// Loads the demo data into an empty database (units are imported if missing).
pub async fn seed(store: &Store, opts: DemoOptions) -> Result<DemoSummary, DemoError> {
    if store.has_users().await? {
        return Err(DemoError::NotEmpty);
    }
    let system = Actor::system("demo");
    if !store.has_units().await? {
        store.import_bundled_units(&system).await?;
    }
    let mut rng = StdRng::seed_from_u64(opts.seed);
    let province = store.unit(SCHEME_2025, DEMO_PROVINCE).await?;
    let communes = in_province(store, &system, SCHEME_2025, Level::Commune).await?;
    let legacy_province = store.unit(SCHEME_LEGACY, DEMO_PROVINCE).await?;
    let legacy_districts = in_province(store, &system, SCHEME_LEGACY, Level::District).await?;

    let mut orgs: Vec<(i64, OrganisationKind, String)> = Vec::new();
    for unit in std::iter::once(&province).chain(communes.iter()) {
        for kind in OrganisationKind::STANDARD {
            orgs.push((unit.id, kind, kind.default_name(&unit.name, true)));
        }
    }
    for unit in std::iter::once(&legacy_province).chain(legacy_districts.iter()) {
        for kind in [
            OrganisationKind::PartyCommittee,
            OrganisationKind::MobilizationBoard,
            OrganisationKind::PeoplesCommittee,
        ] {
            orgs.push((unit.id, kind, kind.default_name(&unit.name, false)));
        }
    }
    let org_ids = store.bulk_insert_organisations(&system, &orgs).await?;
    let org_of = |unit_id: i64, kind: OrganisationKind| {
        orgs.iter()
            .zip(&org_ids)
            .find(|((u, k, _), _)| *u == unit_id && *k == kind)
            .map(|(_, id)| *id)
    };

    // One hash for every demo account: argon2 is slow on purpose, and they share a password.
    let hash = hash_password(DEMO_PASSWORD).await?;
    let mut users = Vec::new();
    let mut user = |username: String, role: Role, unit: &Unit, org: Option<i64>, rng: &mut StdRng| {
        users.push(UserSeed {
            username,
            display_name: person_name(rng),
            password_hash: hash.clone(),
            role,
            unit_id: unit.id,
            organisation_id: org,
        });
    };
    let board = OrganisationKind::MobilizationBoard;
    user(DEMO_ADMIN.into(), Role::SystemAdmin, &province, None, &mut rng);
    user(
        "tinh.quantri".into(),
        Role::UnitAdmin,
        &province,
        org_of(province.id, board),
        &mut rng,
    );
    user(
        "tinh.canbo".into(),
        Role::Officer,
        &province,
        org_of(province.id, board),
        &mut rng,
    );
    user(
        "tinh.lanhdao".into(),
        Role::Leader,
        &province,
        org_of(province.id, OrganisationKind::PartyCommittee),
        &mut rng,
    );
    user("tinh.xem".into(), Role::Viewer, &province, None, &mut rng);
    for c in &communes {
        let front = org_of(c.id, OrganisationKind::FatherlandFront);
        user(
            format!("xa{}.quantri", c.code),
            Role::UnitAdmin,
            c,
            org_of(c.id, OrganisationKind::PeoplesCommittee),
            &mut rng,
        );
        user(
            format!("xa{}.lanhdao", c.code),
            Role::Leader,
            c,
            org_of(c.id, OrganisationKind::PartyCommittee),
            &mut rng,
        );
        for i in 1..=opts.scale.max(1) {
            user(format!("xa{}.canbo{i}", c.code), Role::Officer, c, front, &mut rng);
        }
    }
    for d in &legacy_districts {
        user(
            format!("huyen{}.canbo", d.code),
            Role::Officer,
            d,
            org_of(d.id, board),
            &mut rng,
        );
    }
    let added = store.bulk_insert_users(&system, &users).await?;
    let first = communes.first().map(|c| c.code.clone()).unwrap_or_default();
    // Petitions from 1/1/2023 to today: legacy communes and districts before the reform.
    let mut legacy_units = legacy_districts.clone();
    for d in &legacy_districts {
        legacy_units.extend(store.children(d).await?);
    }
    let mut current_units = communes.clone();
    current_units.push(province.clone());
    let count = opts.petitions.unwrap_or(5_000 * opts.scale.max(1) as usize);
    let today = danvan_store::today();
    let from = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).expect("valid date");
    let plan = PetitionPlan {
        seed: opts.seed,
        count,
        legacy: &legacy_units,
        current: &current_units,
        from,
        today,
    };
    let petitions = seed_petitions(store, &system, &plan).await?;
    let meeting_plan = MeetingPlan {
        seed: opts.seed,
        legacy_districts: &legacy_districts,
        communes: &communes,
        from,
        today,
    };
    let meetings = seed_meetings(store, &system, &meeting_plan).await?;
    let records_plan = RecordsPlan {
        seed: opts.seed,
        legacy_province: &legacy_province,
        legacy_districts: &legacy_districts,
        province: &province,
        communes: &communes,
        from,
        today,
    };
    let records = seed_records(store, &system, &records_plan).await?;
    let democracy_plan = DemocracyPlan {
        seed: opts.seed,
        communes: &communes,
        today,
    };
    let democracy = seed_democracy(store, &system, &democracy_plan).await?;
    store.refresh_planner_statistics(true).await?;
    Ok(DemoSummary {
        organisations: org_ids.len() as u64,
        users: added,
        petitions,
        meetings,
        records,
        democracy,
        logins: [DEMO_ADMIN.to_string(), "tinh.canbo".into(), format!("xa{first}.canbo1")]
            .into_iter()
            .map(|u| (u, DEMO_PASSWORD.to_string()))
            .collect(),
    })
}

async fn in_province(store: &Store, actor: &Actor, scheme: &str, level: Level) -> Result<Vec<Unit>, StoreError> {
    let q = UnitQuery {
        scheme: Some(scheme.into()),
        parent: (level != Level::Village).then(|| format!("{scheme}/{DEMO_PROVINCE}")),
        level: Some(level),
        ..Default::default()
    };
    store.list_units(actor, &q).await
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn fresh() -> (Store, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&format!("sqlite://{}", dir.path().join("demo.db").display()))
            .await
            .unwrap();
        (store, dir)
    }

    #[tokio::test]
    async fn demo_is_deterministic_and_refuses_a_non_empty_database() {
        let (a, _da) = fresh().await;
        let (b, _db) = fresh().await;
        let sa = seed(&a, DemoOptions::default()).await.unwrap();
        let sb = seed(&b, DemoOptions::default()).await.unwrap();
        assert_eq!(sa, sb);
        let system = Actor::system("test");
        let names = |s: &Store| {
            let s = s.clone();
            let system = system.clone();
            async move {
                s.list_users(&system)
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|u| (u.username, u.display_name))
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(names(&a).await, names(&b).await);
        assert!(matches!(
            seed(&a, DemoOptions::default()).await,
            Err(DemoError::NotEmpty)
        ));
        // Several years of petitions of every kind, in both structures.
        assert_eq!(sa.petitions, 5_000);
        let from = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
        let to = danvan_store::today();
        let legacy = a
            .petition_stats(&system, "legacy/01", from, to, Default::default())
            .await
            .unwrap();
        let current = a
            .petition_stats(&system, "2025/01", from, to, Default::default())
            .await
            .unwrap();
        assert_eq!(legacy.received + current.received, 5_000);
        assert!(legacy.received > 1_000 && current.received > 1_000);
        assert!(current.by_kind.iter().all(|k| k.count > 0), "{:?}", current.by_kind);
        assert!(
            current.resolved_within_jurisdiction > 0
                && current.within_jurisdiction > current.resolved_within_jurisdiction
        );
        // Meetings over several years in both structures, their items followed up.
        assert!(
            sa.meetings.meetings > 100 && sa.meetings.supervisions > 50,
            "{:?}",
            sa.meetings
        );
        let old = a
            .meeting_stats(&system, "legacy/01", from, to, Default::default())
            .await
            .unwrap();
        let new = a
            .meeting_stats(&system, "2025/01", from, to, Default::default())
            .await
            .unwrap();
        assert!(old.dialogues > 0 && new.dialogues > 0);
        assert!(old.answered < old.items, "some opinions were forwarded or not accepted");
        assert!(!old.warnings.is_empty(), "a miscounted report is flagged");
        assert!(!a
            .follow_up(&system, &Default::default())
            .await
            .unwrap()
            .items
            .is_empty());
        // Documents, models at every stage, groups, houses, new-rural money and ordered tasks.
        assert!(sa.records.directives > 20 && sa.records.models > 20, "{:?}", sa.records);
        assert!(sa.records.houses > 0 && sa.records.groups > 0 && sa.records.ordered_tasks == 3);
        let dvk = a.dvk_stats(&system, "legacy/01", from, to).await.unwrap();
        assert!(dvk.recognised > 0 && dvk.recognised < dvk.registered, "{dvk:?}");
        let rural = a.new_rural_stats(&system, "legacy/01", from, to).await.unwrap();
        assert!(rural.by_source.iter().all(|s| s.dong > 0) && rural.workdays > 0);
        let docs = a.directive_stats(&system, "2025/01", from, to).await.unwrap();
        assert!(docs.total > 0, "{docs:?}");
        // Disclosures (some late, some posted too briefly), votes, projects and issues.
        let d = &sa.democracy;
        assert!(
            d.disclosures > 100 && d.decisions >= 24 && d.gpmb_projects == 3,
            "{d:?}"
        );
        let since = danvan_domain::unit::reform_2025_start();
        let view = a.disclosure_compliance(&system, "2025/01", since, to).await.unwrap();
        assert!(
            view.late > 0 && view.too_short > 0 && view.on_time > view.late,
            "{}",
            view.text
        );
        let gpmb = a.gpmb_stats(&system, "2025/01", since, to).await.unwrap();
        assert!(
            gpmb.progress.handed_over > 0 && gpmb.progress.outstanding > 0,
            "{}",
            gpmb.text
        );
        assert!(!a.list_issues(&system, &Default::default()).await.unwrap().is_empty());
        // Every 2025 Hà Nội commune has an officer who can log in.
        let user = a.authenticate(&sa.logins[2].0, DEMO_PASSWORD, "test").await.unwrap();
        assert_eq!(user.role, Role::Officer);
    }

    #[tokio::test]
    async fn scale_multiplies_commune_officers() {
        let (a, _da) = fresh().await;
        let (b, _db) = fresh().await;
        let one = seed(
            &a,
            DemoOptions {
                scale: 1,
                seed: 1,
                petitions: Some(100),
            },
        )
        .await
        .unwrap();
        let three = seed(
            &b,
            DemoOptions {
                scale: 3,
                seed: 1,
                petitions: Some(100),
            },
        )
        .await
        .unwrap();
        let communes = (three.users - one.users) / 2;
        assert!(communes > 100, "Hà Nội has over a hundred communes since 2025");
    }
}
