//! Demo petitions: several years of realistic records for the demo province — a kind mix like
//! the seed reports (mostly kiến nghị, phản ánh; a few complaints and denunciations), Vietnamese
//! texts from templates, resolution times and states that depend on the case's age, deadlines
//! from the real rules and calendar. Records before 1/7/2025 sit in legacy units, later ones in
//! the 2025 communes. Generated in chunks so a million rows never sit in memory at once.

use chrono::{Duration, NaiveDate};
use danvan_domain::deadline::{CaseFacts, Engine, Stage};
use danvan_domain::petition::{Channel, Outcome, PetitionKind, Petitioner, Status, DEFAULT_TOPICS};
use danvan_domain::scope::Actor;
use danvan_domain::unit::{reform_2025_start, Unit};
use danvan_store::{PetitionSeed, Store, StoreError};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const CHUNK: usize = 20_000;

const SUBJECTS: [(&str, &str); 8] = [
    ("land", "Đề nghị cấp giấy chứng nhận quyền sử dụng đất"),
    (
        "compensation",
        "Kiến nghị về giá bồi thường, hỗ trợ khi giải phóng mặt bằng",
    ),
    ("construction", "Phản ánh công trình xây dựng không phép"),
    ("environment", "Phản ánh ô nhiễm môi trường, rác thải"),
    ("social_policy", "Đề nghị xem xét chế độ chính sách"),
    ("officials_conduct", "Phản ánh thái độ phục vụ của cán bộ"),
    ("justice", "Đề nghị xem xét lại việc hòa giải tranh chấp"),
    ("other", "Kiến nghị về hạ tầng, đèn chiếu sáng, đường ngõ xóm"),
];

const PLACES: [&str; 8] = [
    "dự án mở rộng quốc lộ 6",
    "dự án đường Vành đai 4",
    "khu dân cư tổ 5",
    "ngõ 12 đường Hoàng Hoa Thám",
    "khu tái định cư phía Bắc",
    "chợ dân sinh của phường",
    "kênh tiêu thoát nước",
    "trường tiểu học trên địa bàn",
];

const FAMILY: [&str; 10] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô",
];
const GIVEN: [&str; 12] = [
    "Văn An",
    "Thị Bình",
    "Đức Cường",
    "Văn Dũng",
    "Thị Hà",
    "Minh Hải",
    "Thu Hương",
    "Ngọc Lan",
    "Văn Long",
    "Thị Mai",
    "Quang Nam",
    "Thanh Tùng",
];

fn pick<'a, T>(rng: &mut StdRng, xs: &'a [T]) -> &'a T {
    &xs[rng.gen_range(0..xs.len())]
}

/// Kinds in the proportions of seed 004 (21 + 36 of 2.588 are complaints and denunciations).
fn kind(rng: &mut StdRng) -> PetitionKind {
    match rng.gen_range(0..1000) {
        0..=8 => PetitionKind::Complaint,
        9..=22 => PetitionKind::Denunciation,
        23..=920 => PetitionKind::Feedback,
        _ => PetitionKind::Other,
    }
}

fn channel(rng: &mut StdRng) -> Channel {
    match rng.gen_range(0..100) {
        0..=44 => Channel::InPerson,
        45..=64 => Channel::Mail,
        65..=79 => Channel::Online,
        80..=87 => Channel::Hotline,
        88..=95 => Channel::Forwarded,
        _ => Channel::Meeting,
    }
}

fn petitioner(rng: &mut StdRng) -> Petitioner {
    let cccd = rng
        .gen_bool(0.7)
        .then(|| format!("0{:02}{:09}", rng.gen_range(1..96), rng.gen_range(0..1_000_000_000u64)));
    Petitioner {
        name: format!("{} {}", pick(rng, &FAMILY), pick(rng, &GIVEN)),
        cccd,
        phone: rng
            .gen_bool(0.6)
            .then(|| format!("09{:08}", rng.gen_range(0..100_000_000u64))),
        address: Some(format!("Tổ {}, {}", rng.gen_range(1..40), pick(rng, &PLACES))),
        address_unit: None,
    }
}

/// One petition received on `received`, in a state that fits its age on `today`.
fn seed_one(rng: &mut StdRng, engine: &Engine, unit: &Unit, received: NaiveDate, today: NaiveDate) -> PetitionSeed {
    let kind = kind(rng);
    let (topic, subject) = *pick(rng, &SUBJECTS);
    let place = pick(rng, &PLACES);
    let content = format!(
        "Công dân trình bày: {} tại {}. Đề nghị cơ quan có thẩm quyền xem xét, giải quyết dứt điểm, trả lời bằng văn bản.",
        subject.to_lowercase(),
        place
    );
    let people = if rng.gen_range(0..100) < 2 {
        rng.gen_range(5..12)
    } else {
        1
    };
    let petitioners = (0..people).map(|_| petitioner(rng)).collect();
    let facts = CaseFacts::default();
    let processing_due = engine
        .due(kind, 1, Stage::Processing, received, &facts)
        .ok()
        .map(|d| d.0);
    let age = (today - received).num_days();
    let within = rng.gen_range(0..100) < 96;
    let accepted_on = received + Duration::days(rng.gen_range(1..8));
    let resolution_due = engine
        .due(kind, 1, Stage::Resolution, accepted_on, &facts)
        .ok()
        .map(|d| d.0);
    let days_to_resolve = rng.gen_range(5..45);
    let (status, accepted, resolved) = if !within {
        (
            if rng.gen_bool(0.7) {
                Status::Forwarded
            } else {
                Status::Guided
            },
            None,
            None,
        )
    } else if age < 3 {
        (Status::Received, None, None)
    } else if age < 10 {
        (Status::Processing, None, None)
    } else if age < 10 + days_to_resolve || rng.gen_range(0..1000) < 8 {
        (Status::InResolution, Some(accepted_on), None)
    } else {
        let resolved_on = (accepted_on + Duration::days(days_to_resolve)).min(today);
        (Status::Closed, Some(accepted_on), Some(resolved_on))
    };
    let outcome =
        (resolved.is_some() && matches!(kind, PetitionKind::Complaint | PetitionKind::Denunciation)).then(|| {
            *pick(
                rng,
                &[Outcome::Right, Outcome::PartlyRight, Outcome::Wrong, Outcome::Wrong],
            )
        });
    PetitionSeed {
        unit_id: unit.id,
        kind,
        channel: channel(rng),
        received_on: received,
        subject: subject.to_string(),
        content,
        topic: topic.to_string(),
        status,
        within_jurisdiction: Some(within),
        processing_due,
        accepted_on: accepted,
        resolution_due: accepted.and(resolution_due),
        resolved_on: resolved,
        outcome,
        petitioners,
    }
}

/// What to generate: `count` petitions received between `from` and `today`, in `legacy` units
/// before 1/7/2025 and in `current` units from then on.
pub struct PetitionPlan<'a> {
    pub seed: u64,
    pub count: usize,
    pub legacy: &'a [Unit],
    pub current: &'a [Unit],
    pub from: NaiveDate,
    pub today: NaiveDate,
}

/// Inserts the planned petitions in chunks; returns how many were written.
pub async fn seed_petitions(store: &Store, actor: &Actor, plan: &PetitionPlan<'_>) -> Result<u64, StoreError> {
    debug_assert!(DEFAULT_TOPICS.len() == SUBJECTS.len());
    let engine = Engine::vietnam();
    let mut rng = StdRng::seed_from_u64(plan.seed ^ 0x5EED_0F0D);
    let span = (plan.today - plan.from).num_days().max(1);
    let mut written = 0;
    let mut chunk_no = 0;
    while (written as usize) < plan.count {
        let n = CHUNK.min(plan.count - written as usize);
        let rows: Vec<PetitionSeed> = (0..n)
            .map(|_| {
                let received = plan.from + Duration::days(rng.gen_range(0..=span));
                let before_reform = received < reform_2025_start() && !plan.legacy.is_empty();
                let units = if before_reform { plan.legacy } else { plan.current };
                let unit = pick(&mut rng, units);
                seed_one(&mut rng, &engine, unit, received, plan.today)
            })
            .collect();
        chunk_no += 1;
        written += store
            .bulk_insert_petitions(actor, &format!("DEMO{}-{chunk_no}", plan.seed), &rows)
            .await?;
    }
    Ok(written)
}
