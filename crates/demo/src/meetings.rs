//! Demo meetings with the people over several years for the demo province: district and
//! commune dialogues (periodic, ad-hoc, thematic on a road project), voter contacts around the
//! HĐND sessions, social-criticism conferences, supervisions with recommendations and
//! contributions to Party and government building. Most opinions are answered at the meeting,
//! some in writing (a few still awaited, some overdue), a few forwarded or not accepted; one in
//! twenty meetings carries hand-entered counts that do not add up, as real reports do. Records
//! before 1/7/2025 sit in legacy units, later ones in the 2025 communes.

use chrono::{Datelike, Duration, NaiveDate};
use danvan_domain::meeting::{
    Chair, ContributionTarget, Decision, ItemOrigin, ItemOutcome, MeetingKind, NewContribution, NewItem, NewMeeting,
    NewSupervision, SupervisionForm,
};
use danvan_domain::scope::Actor;
use danvan_domain::unit::{reform_2025_start, Level, Unit};
use danvan_store::{Store, StoreError};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const TOPICS: [&str; 6] = [
    "Đối thoại về công tác bồi thường, hỗ trợ, tái định cư",
    "Đối thoại về thực hiện dân chủ ở cơ sở",
    "Đối thoại về cải cách thủ tục hành chính, cấp giấy chứng nhận quyền sử dụng đất",
    "Đối thoại về vệ sinh môi trường, thu gom rác thải",
    "Đối thoại về đầu tư hạ tầng giao thông nông thôn",
    "Đối thoại về chính sách an sinh xã hội",
];

const OPINIONS: [(&str, &str); 10] = [
    ("compensation", "Đề nghị công khai đơn giá bồi thường đất nông nghiệp"),
    (
        "compensation",
        "Đề nghị đẩy nhanh tiến độ chi trả tiền hỗ trợ khi giải phóng mặt bằng",
    ),
    (
        "land",
        "Đề nghị giải quyết dứt điểm hồ sơ cấp giấy chứng nhận quyền sử dụng đất",
    ),
    ("environment", "Phản ánh rác thải tồn đọng tại điểm tập kết đầu thôn"),
    ("environment", "Đề nghị xử lý cơ sở chăn nuôi gây ô nhiễm"),
    ("other", "Đề nghị sửa chữa tuyến đường liên thôn xuống cấp"),
    ("other", "Đề nghị lắp đặt đèn chiếu sáng ngõ xóm"),
    ("social_policy", "Đề nghị xem xét chế độ cho người có công"),
    ("social_policy", "Đề nghị hỗ trợ hộ cận nghèo mua thẻ bảo hiểm y tế"),
    (
        "officials_conduct",
        "Phản ánh thái độ phục vụ của cán bộ bộ phận một cửa",
    ),
];

const AGENCIES: [&str; 4] = [
    "Phòng Tài nguyên và Môi trường",
    "Ban Quản lý dự án đầu tư xây dựng",
    "Phòng Kinh tế, Hạ tầng và Đô thị",
    "Phòng Văn hóa – Xã hội",
];

const SUPERVISION_TOPICS: [(&str, &str); 4] = [
    ("UBND xã", "Việc thực hiện Luật Thực hiện dân chủ ở cơ sở"),
    (
        "Ban Quản lý dự án",
        "Công tác bồi thường, giải phóng mặt bằng dự án mở rộng quốc lộ 6",
    ),
    ("UBND xã", "Thu, chi, quản lý các loại quỹ"),
    ("Trường tiểu học", "Thực hiện các khoản thu đầu năm học"),
];

const CHAIRS: [(&str, &str); 4] = [
    ("Nguyễn Văn Hùng", "Bí thư"),
    ("Trần Thị Thu", "Chủ tịch UBND"),
    ("Lê Quang Minh", "Phó Bí thư Thường trực"),
    ("Phạm Đức Thắng", "Chủ tịch Ủy ban MTTQ"),
];

/// What to generate.
pub struct MeetingPlan<'a> {
    pub seed: u64,
    /// Districts of the legacy structure (their communes are looked up)
    pub legacy_districts: &'a [Unit],
    /// Communes of the 2025 structure
    pub communes: &'a [Unit],
    pub from: NaiveDate,
    pub today: NaiveDate,
}

/// How many were written.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct MeetingCounts {
    pub meetings: u64,
    pub supervisions: u64,
    pub contributions: u64,
}

/// `scheme/code`, what the store resolves.
fn reference(u: &Unit) -> String {
    format!("{}/{}", u.scheme, u.code)
}

fn pick<'a>(rng: &mut StdRng, xs: &[&'a str]) -> &'a str {
    xs[rng.gen_range(0..xs.len())]
}

fn day_in(rng: &mut StdRng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(0);
    from + Duration::days(rng.gen_range(0..=span))
}

/// An opinion and what became of it, by the meeting's age: the written answers of recent
/// meetings are still awaited.
fn opinion(rng: &mut StdRng, held_on: NaiveDate, today: NaiveDate) -> NewItem {
    let (topic, content) = OPINIONS[rng.gen_range(0..OPINIONS.len())];
    let roll = rng.gen_range(0..100);
    let age = (today - held_on).num_days();
    let decision = if roll < 72 {
        Decision {
            outcome: Some(ItemOutcome::AnsweredAtMeeting),
            ..Default::default()
        }
    } else if roll < 92 {
        let answered = (age > 60 || roll < 80).then(|| held_on + Duration::days(rng.gen_range(5..25)));
        Decision {
            outcome: Some(ItemOutcome::AnswerInWriting),
            answering_agency: Some(pick(rng, &AGENCIES).into()),
            answered_on: answered.filter(|d| *d <= today),
            answer: answered.map(|_| "Đã có văn bản trả lời gửi cử tri".into()),
            ..Default::default()
        }
    } else if roll < 97 {
        Decision {
            outcome: Some(ItemOutcome::Forwarded),
            answering_agency: Some("Thanh tra huyện".into()),
            ..Default::default()
        }
    } else {
        Decision {
            outcome: Some(ItemOutcome::NotAccepted),
            reason: Some("Nội dung đã được giải quyết đúng quy định và trả lời công dân".into()),
            ..Default::default()
        }
    };
    NewItem {
        origin: if rng.gen_bool(0.4) {
            ItemOrigin::Collected
        } else {
            ItemOrigin::Direct
        },
        content: content.into(),
        topic: Some(topic.into()),
        raised_by: Some(if rng.gen_bool(0.5) {
            "Cử tri thôn".into()
        } else {
            "Tổ dân phố".into()
        }),
        denunciation: false,
        from_unit: None,
        decision: Some(decision),
    }
}

fn meeting(rng: &mut StdRng, unit: &Unit, kind: MeetingKind, held_on: NaiveDate, today: NaiveDate) -> NewMeeting {
    let district = unit.level == Level::District;
    let n_items = rng.gen_range(2..if district { 14 } else { 9 });
    let items: Vec<NewItem> = (0..n_items).map(|_| opinion(rng, held_on, today)).collect();
    let collected = items.iter().filter(|i| i.origin == ItemOrigin::Collected).count() as i64;
    let total = items.len() as i64;
    // One report in twenty miscounts its opinions, like "45 + 23 = 67".
    let typo = rng.gen_range(0..20) == 0;
    let (chair, position) = CHAIRS[rng.gen_range(0..CHAIRS.len())];
    let topic = match kind {
        MeetingKind::DialogueThematic => "Đối thoại chuyên đề về bồi thường dự án mở rộng quốc lộ 6".to_string(),
        MeetingKind::VoterBeforeHdnd => "Tiếp xúc cử tri trước kỳ họp HĐND".to_string(),
        MeetingKind::VoterAfterHdnd => "Tiếp xúc cử tri sau kỳ họp HĐND".to_string(),
        MeetingKind::SocialCriticism => "Phản biện dự thảo Đề án phát triển kinh tế – xã hội".to_string(),
        _ => pick(rng, &TOPICS).to_string(),
    };
    NewMeeting {
        unit: reference(unit),
        kind,
        organiser: format!("Cấp ủy – UBND {}", unit.name),
        chairs: vec![Chair {
            name: chair.into(),
            position: format!("{position} {}", unit.name),
        }],
        held_on,
        place: Some(format!("Hội trường UBND {}", unit.name)),
        topic,
        gpmb_project: (kind == MeetingKind::DialogueThematic).then(|| "Mở rộng quốc lộ 6".into()),
        participants: rng.gen_range(if district { 150..400 } else { 40..140 }),
        opinions_total: Some(total + i64::from(typo)),
        opinions_collected: Some(collected),
        opinions_direct: Some(total - collected),
        schedule_posted_on: Some(held_on - Duration::days(rng.gen_range(3..12))),
        held: true,
        minutes: Some("Biên bản hội nghị đã được thông qua".into()),
        items,
    }
}

/// The kinds a unit holds in a year: one periodic dialogue (a few communes skip it, so the
/// compliance view has someone behind), some ad-hoc ones, voter contacts in election years.
fn year_plan(rng: &mut StdRng) -> Vec<MeetingKind> {
    let mut kinds = Vec::new();
    if rng.gen_range(0..10) > 0 {
        kinds.push(MeetingKind::DialoguePeriodic);
    }
    for _ in 0..rng.gen_range(0..3) {
        kinds.push(MeetingKind::DialogueAdHoc);
    }
    if rng.gen_range(0..6) == 0 {
        kinds.push(MeetingKind::DialogueThematic);
    }
    if rng.gen_bool(0.5) {
        kinds.push(MeetingKind::VoterBeforeHdnd);
    }
    if rng.gen_range(0..8) == 0 {
        kinds.push(MeetingKind::SocialCriticism);
    }
    kinds
}

/// Writes the demo meetings, supervisions and contributions through the store's own checks.
pub async fn seed_meetings(store: &Store, actor: &Actor, plan: &MeetingPlan<'_>) -> Result<MeetingCounts, StoreError> {
    let mut rng = StdRng::seed_from_u64(plan.seed.wrapping_add(5));
    let mut counts = MeetingCounts::default();
    let reform = reform_2025_start();
    // A sample of units keeps the demo quick to load: every district, a few communes each.
    let mut units: Vec<(Unit, NaiveDate, NaiveDate)> = Vec::new();
    let legacy_end = reform.pred_opt().unwrap_or(reform);
    for d in plan.legacy_districts.iter().take(4) {
        units.push((d.clone(), plan.from, legacy_end));
        for c in store.children(d).await?.into_iter().take(2) {
            units.push((c, plan.from, legacy_end));
        }
    }
    for c in plan.communes.iter().take(12) {
        units.push((c.clone(), reform, plan.today));
    }
    for (unit, from, to) in &units {
        if from > to {
            continue;
        }
        for year in from.year()..=to.year() {
            let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(*from).max(*from);
            let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(*to).min(*to);
            if start > end {
                continue;
            }
            for kind in year_plan(&mut rng) {
                let on = day_in(&mut rng, start, end);
                store
                    .create_meeting(actor, &meeting(&mut rng, unit, kind, on, plan.today))
                    .await?;
                counts.meetings += 1;
            }
            for _ in 0..rng.gen_range(1..4) {
                let (subject, topic) = SUPERVISION_TOPICS[rng.gen_range(0..SUPERVISION_TOPICS.len())];
                let on = day_in(&mut rng, start, end);
                let items = (0..rng.gen_range(0..4))
                    .map(|_| opinion(&mut rng, on, plan.today))
                    .collect();
                let new = NewSupervision {
                    unit: reference(unit),
                    organisation: format!("Ủy ban MTTQ {}", unit.name),
                    subject: subject.into(),
                    topic: topic.into(),
                    form: *[
                        SupervisionForm::Direct,
                        SupervisionForm::Documents,
                        SupervisionForm::Boards,
                    ]
                    .get(rng.gen_range(0..3))
                    .unwrap_or(&SupervisionForm::Direct),
                    held_on: on,
                    conclusions: Some("Cơ bản thực hiện đúng quy định; có kiến nghị khắc phục tồn tại".into()),
                    items,
                };
                store.create_supervision(actor, &new).await?;
                counts.supervisions += 1;
            }
            for target in ContributionTarget::ALL {
                let on = day_in(&mut rng, start, end);
                let items = (0..rng.gen_range(3..12))
                    .map(|_| NewItem {
                        origin: ItemOrigin::Direct,
                        content: "Góp ý bổ sung giải pháp nâng cao chất lượng công tác dân vận".into(),
                        topic: None,
                        raised_by: Some("Hội Cựu chiến binh".into()),
                        denunciation: false,
                        from_unit: None,
                        decision: None,
                    })
                    .collect();
                let document = match target {
                    ContributionTarget::Party => "Dự thảo Báo cáo chính trị trình Đại hội Đảng bộ",
                    ContributionTarget::Government => "Dự thảo Báo cáo tình hình kinh tế – xã hội",
                };
                let new = NewContribution {
                    unit: reference(unit),
                    target: *target,
                    organisation: format!("Ủy ban MTTQ {}", unit.name),
                    given_on: on,
                    document: format!("{document} năm {year}"),
                    items,
                };
                store.create_contribution(actor, &new).await?;
                counts.contributions += 1;
            }
        }
    }
    Ok(counts)
}

/// `count` more meetings spread over `units` and the days `from..=today` (the benchmark's
/// 100.000 meetings), through the store's own checks.
pub async fn seed_more_meetings(
    store: &Store,
    actor: &Actor,
    units: &[Unit],
    count: usize,
    seed: u64,
    from: NaiveDate,
    today: NaiveDate,
) -> Result<u64, StoreError> {
    let mut rng = StdRng::seed_from_u64(seed.wrapping_add(11));
    let reform = reform_2025_start();
    let mut written = 0;
    for i in 0..count {
        let Some(unit) = units.get(i % units.len().max(1)) else {
            break;
        };
        // A unit records meetings only while it exists.
        let (start, end) = if unit.scheme == "legacy" {
            (from, reform.pred_opt().unwrap_or(reform))
        } else {
            (reform.max(from), today)
        };
        if start > end {
            continue;
        }
        let kind = MeetingKind::ALL[rng.gen_range(0..MeetingKind::ALL.len())];
        let on = day_in(&mut rng, start, end);
        store
            .create_meeting(actor, &meeting(&mut rng, unit, kind, on, today))
            .await?;
        written += 1;
    }
    Ok(written)
}
