//! Demo grassroots democracy, land clearance and people's-situation records for the demo
//! province since 1/7/2025: each of the first communes discloses its budget, plans and
//! compensation plans (mostly on time; some late, some posted too briefly, a few not at all),
//! holds votes and consultations, has a People's Inspection Board with reports, sends quarterly
//! situation reports and follows a few pressing issues (some escalated); three named GPMB
//! projects with their households, histories and mobilization visits.

use chrono::{Datelike, Duration, NaiveDate};
use danvan_domain::attachment::RecordKind;
use danvan_domain::democracy::{
    quarter_bounds, BoardKind, BoardReportPeriod, BoardRole, ConsultForm, ConsultMatter, DecisionMatter, DecisionScope,
    DisclosureForm, NewBoard, NewBoardMember, NewBoardReport, NewConsultation, NewDisclosure, NewResidentDecision,
    Proposer, Recognition, VoteForm,
};
use danvan_domain::gpmb::{
    HouseholdChange, HouseholdState, LandType, MobilizationForce, NewHousehold, NewMilestone, NewMobilization,
    NewProject, ProcedureSteps,
};
use danvan_domain::meeting::{ItemOrigin, NewItem};
use danvan_domain::scope::Actor;
use danvan_domain::situation::{IssueAction, IssueKind, IssueStep, Mood, NewIssue, NewSituationReport, Severity};
use danvan_domain::unit::{reform_2025_start, Unit};
use danvan_store::{Store, StoreError};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// What [`seed_democracy`] created.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemocracyCounts {
    pub disclosures: u64,
    pub decisions: u64,
    pub consultations: u64,
    pub boards: u64,
    pub gpmb_projects: u64,
    pub gpmb_households: u64,
    pub issues: u64,
    pub situation_reports: u64,
}

pub struct DemocracyPlan<'a> {
    pub seed: u64,
    /// The 2025 communes of the demo province; the first ones get records
    pub communes: &'a [Unit],
    pub today: NaiveDate,
}

const DISCLOSURES: [(&str, &str); 8] = [
    ("CK_02", "Dự toán ngân sách xã và báo cáo thực hiện ngân sách quý"),
    ("CK_01", "Kế hoạch phát triển kinh tế – xã hội năm"),
    (
        "CK_03",
        "Kế hoạch thu hồi đất, phương án bồi thường, hỗ trợ, tái định cư",
    ),
    (
        "CK_05",
        "Các khoản huy động Nhân dân đóng góp xây dựng đường giao thông",
    ),
    ("CK_07", "Danh sách hộ nghèo, cận nghèo được hỗ trợ"),
    ("CK_09", "Danh sách công dân gọi nhập ngũ"),
    ("CK_12", "Các khoản phí, lệ phí do xã thu"),
    ("CK_13", "Thủ tục hành chính giải quyết tại xã"),
];

const PROJECTS: [(&str, &str, &str); 3] = [
    (
        "Đường Vành đai 4 – Vùng Thủ đô",
        "Dài 3,2 km qua địa bàn, thu hồi 41 ha",
        "Ban QLDA đầu tư xây dựng công trình giao thông thành phố",
    ),
    (
        "Cải tạo, mở rộng quốc lộ 6 đoạn Ba La – Xuân Mai",
        "Dài 2,4 km, mở rộng lên 6 làn xe",
        "Ban QLDA đầu tư xây dựng công trình giao thông thành phố",
    ),
    (
        "Khu nhà ở tái định cư đường H",
        "Diện tích 5,6 ha, 320 căn hộ tái định cư",
        "UBND phường",
    ),
];

const OBSTRUCTING: [&str; 4] = [
    "Chưa đồng ý đơn giá bồi thường đất ở",
    "Đề nghị được tái định cư tại chỗ",
    "Tranh chấp thừa kế trong gia đình chưa thống nhất",
    "Chưa đồng ý diện tích đo đạc, kiểm đếm",
];

const ISSUES: [(&str, IssueKind); 5] = [
    ("Khiếu nại đông người về giá bồi thường dự án đường", IssueKind::Hot),
    ("Ô nhiễm mùi từ điểm tập kết rác thải", IssueKind::Pressing),
    (
        "Tranh chấp ranh giới đất giữa các hộ kéo dài nhiều năm",
        IssueKind::LongRunning,
    ),
    ("Ngập úng khu dân cư mỗi khi mưa lớn", IssueKind::Pressing),
    (
        "Chậm cấp giấy chứng nhận quyền sử dụng đất tái định cư",
        IssueKind::LongRunning,
    ),
];

fn reference(u: &Unit) -> String {
    format!("{}/{}", u.scheme, u.code)
}

fn name(rng: &mut StdRng) -> String {
    const FAMILY: [&str; 8] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi"];
    const MIDDLE: [&str; 5] = ["Văn", "Thị", "Đức", "Minh", "Ngọc"];
    const GIVEN: [&str; 10] = ["An", "Bình", "Cường", "Hà", "Hải", "Lan", "Long", "Mai", "Nam", "Tuấn"];
    format!(
        "{} {} {}",
        FAMILY[rng.gen_range(0..FAMILY.len())],
        MIDDLE[rng.gen_range(0..MIDDLE.len())],
        GIVEN[rng.gen_range(0..GIVEN.len())]
    )
}

/// Working days ahead, roughly: enough for the demo (the store computes the real deadline).
fn plus(d: NaiveDate, days: i64, today: NaiveDate) -> NaiveDate {
    (d + Duration::days(days)).min(today)
}

pub async fn seed_democracy(
    store: &Store,
    actor: &Actor,
    plan: &DemocracyPlan<'_>,
) -> Result<DemocracyCounts, StoreError> {
    let mut rng = StdRng::seed_from_u64(plan.seed ^ 0x0DA5_C0B0);
    let mut counts = DemocracyCounts::default();
    let today = plan.today;
    let start = reform_2025_start();
    if today < start + Duration::days(60) {
        return Ok(counts);
    }
    let communes: Vec<&Unit> = plan.communes.iter().take(12).collect();
    for (ci, commune) in communes.iter().enumerate() {
        let unit = reference(commune);
        // Disclosures: one decision a month for each commune.
        let mut month = start;
        let mut k = ci;
        while month + Duration::days(40) < today {
            let (item, title) = DISCLOSURES[k % DISCLOSURES.len()];
            k += 1;
            let decided_on = month + Duration::days(rng.gen_range(0..20));
            let roll = rng.gen_range(0..20);
            let start_on = match roll {
                0 => None,                                                    // never disclosed
                1 | 2 => Some(plus(decided_on, rng.gen_range(9..20), today)), // late
                _ => Some(plus(decided_on, rng.gen_range(1..5), today)),      // on time
            };
            let permanent = item == "CK_13";
            let end_on = match (start_on, roll) {
                (Some(s), 3 | 4) if !permanent => Some(plus(s, rng.gen_range(10..25), today)), // too short
                (Some(s), _) if !permanent && s + Duration::days(45) < today => {
                    Some(s + Duration::days(rng.gen_range(29..40)))
                }
                _ => None,
            };
            let mut forms = vec![DisclosureForm::Posting, DisclosureForm::Portal];
            if ["CK_07", "CK_09", "CK_12"].contains(&item) {
                forms.push(DisclosureForm::Loudspeaker);
            }
            let new = NewDisclosure {
                unit: unit.clone(),
                item: item.into(),
                title: format!("{title} ({:02}/{})", decided_on.month(), decided_on.year()),
                content: None,
                decision_ref: Some(format!("{}/QĐ-UBND", rng.gen_range(10..400))),
                decided_on,
                forms: if start_on.is_some() { forms } else { Vec::new() },
                place: Some(format!("Trụ sở UBND {}, nhà văn hóa các tổ dân phố", commune.name)),
                start_on,
                end_on,
                required_days: None,
                loudspeaker_days: if item == "CK_07" { Some(3) } else { None },
                gpmb_project_id: None,
            };
            let disclosure = store.create_disclosure(actor, &new).await?;
            counts.disclosures += 1;
            // The first disclosures carry the document that was posted.
            if counts.disclosures <= 3 && disclosure.start_on.is_some() {
                let pdf =
                    crate::files::demo_pdf(&format!("Thong bao cong khai {} so {}", disclosure.item, disclosure.id));
                store
                    .add_record_file(
                        actor,
                        RecordKind::Disclosure,
                        disclosure.id,
                        "thong-bao-niem-yet.pdf",
                        &pdf,
                    )
                    .await?;
            }
            month += Duration::days(31);
            month = NaiveDate::from_ymd_opt(month.year(), month.month(), 1).unwrap_or(month);
        }

        // Votes: a contribution and a convention (or a village-head election) per commune.
        let voted_on = start + Duration::days(rng.gen_range(30..120));
        let households = rng.gen_range(150..420);
        let yes = households * rng.gen_range(55..90) / 100;
        let no = (households - yes) / 2;
        let contribution = NewResidentDecision {
            unit: unit.clone(),
            matter: DecisionMatter::Contribution,
            scope: DecisionScope::Village,
            form: VoteForm::Meeting,
            title: "Chủ trương, mức đóng góp bê tông hóa đường ngõ xóm".into(),
            voted_on,
            electorate: households,
            present: Some(yes + no + 3),
            votes_for: yes,
            votes_against: no,
            votes_other: 3,
            quorum_failed: false,
            sent_on: Some(plus(voted_on, 2, today)),
            notes: None,
            proposer: None,
            initiative_households: None,
            consent_on: None,
            front_approved: false,
            online_opt_in: None,
            ballot_announced_on: None,
            ballot_distributed_on: None,
            team_size: None,
        };
        store.create_resident_decision(actor, &contribution).await?;
        if ci == 0 {
            // A citizen initiative (Điều 16(3)): 12 % of the households consented a month before.
            let initiative = NewResidentDecision {
                matter: DecisionMatter::SelfGoverning,
                title: "Sáng kiến của người dân: lắp đèn chiếu sáng các ngõ".into(),
                voted_on: voted_on + Duration::days(10),
                proposer: Some(Proposer::Citizens),
                initiative_households: Some(households * 12 / 100),
                consent_on: Some(voted_on - Duration::days(20)),
                sent_on: Some(plus(voted_on + Duration::days(10), 2, today)),
                ..contribution.clone()
            };
            store.create_resident_decision(actor, &initiative).await?;
            counts.decisions += 1;
        }
        let convention = NewResidentDecision {
            matter: if ci % 2 == 0 {
                DecisionMatter::Convention
            } else {
                DecisionMatter::VillageHead
            },
            title: if ci % 2 == 0 {
                "Sửa đổi hương ước tổ dân phố".into()
            } else {
                "Bầu tổ trưởng tổ dân phố nhiệm kỳ mới".into()
            },
            voted_on: voted_on + Duration::days(20),
            votes_for: households * 7 / 10,
            votes_against: households / 5,
            votes_other: 0,
            present: Some(households * 9 / 10),
            sent_on: Some(plus(voted_on + Duration::days(20), 1, today)),
            ..contribution.clone()
        };
        let d = store.create_resident_decision(actor, &convention).await?;
        counts.decisions += 2;
        if ci % 3 != 2 {
            let on = plus(d.sent_on.unwrap_or(d.voted_on), if ci % 3 == 0 { 4 } else { 12 }, today);
            store
                .recognise_decision(
                    actor,
                    d.id,
                    &Recognition {
                        on,
                        refused: false,
                        reason: None,
                        decision_number: Some(format!("{}/QĐ-UBND", 100 + ci)),
                        received_on: None,
                    },
                )
                .await?;
        }

        // A consultation on a draft, with opinions that follow the items' life.
        let opened_on = start + Duration::days(rng.gen_range(40..150));
        let opinions = [
            "Đề nghị công khai rõ đơn giá bồi thường",
            "Đề nghị bố trí tái định cư gần nơi ở cũ",
            "Đề nghị hỗ trợ chuyển đổi nghề cho hộ mất đất nông nghiệp",
        ]
        .iter()
        .map(|c| NewItem {
            origin: ItemOrigin::Direct,
            content: (*c).into(),
            topic: Some("compensation".into()),
            raised_by: Some(name(&mut rng)),
            denunciation: false,
            from_unit: None,
            decision: None,
        })
        .collect();
        store
            .create_consultation(
                actor,
                &NewConsultation {
                    unit: unit.clone(),
                    matter: ConsultMatter::Compensation,
                    forms: vec![ConsultForm::CommunityMeeting, ConsultForm::SuggestionBox],
                    title: "Dự thảo phương án bồi thường, hỗ trợ, tái định cư".into(),
                    opened_on,
                    closes_on: Some(opened_on + Duration::days(30)),
                    summary: None,
                    gpmb_project_id: None,
                    opinions,
                },
            )
            .await?;
        counts.consultations += 1;

        // The People's Inspection Board with its members and reports.
        let members = (0..rng.gen_range(4..8))
            .map(|i| NewBoardMember {
                name: name(&mut rng),
                role: match i {
                    0 => BoardRole::Head,
                    1 => BoardRole::Deputy,
                    _ => BoardRole::Member,
                },
                village: None,
            })
            .collect();
        let board = store
            .create_board(
                actor,
                &NewBoard {
                    unit: unit.clone(),
                    kind: BoardKind::Inspection,
                    name: None,
                    term_from: start,
                    term_to: Some(NaiveDate::from_ymd_opt(2027, 6, 30).unwrap_or(today)),
                    project: None,
                    gpmb_project_id: None,
                    members,
                },
            )
            .await?;
        counts.boards += 1;
        let (mut year, mut q) = (2025, 3u32);
        while let Ok((_, q_end)) = quarter_bounds(year, q) {
            if q_end + Duration::days(10) > today {
                break;
            }
            store
                .add_board_report(
                    actor,
                    board.id,
                    &NewBoardReport {
                        period: BoardReportPeriod::Quarter,
                        period_label: format!("Quý {}/{year}", ["I", "II", "III", "IV"][(q as usize - 1) % 4]),
                        submitted_on: q_end + Duration::days(rng.gen_range(1..10)),
                        content:
                            "Giám sát việc thực hiện công khai, thu chi các quỹ và giải quyết kiến nghị của Nhân dân"
                                .into(),
                        recommendations: rng.gen_range(0..4),
                    },
                )
                .await?;
            (year, q) = if q == 4 { (year + 1, 1) } else { (year, q + 1) };
        }

        // Quarterly situation reports and the issues followed.
        let mut from = start;
        while from + Duration::days(95) <= today {
            let to = from + Duration::days(91);
            store
                .create_situation_report(
                    actor,
                    &NewSituationReport {
                        unit: unit.clone(),
                        period_from: from,
                        period_to: to,
                        submitted_on: plus(to, 3, today),
                        mood: [Mood::Stable, Mood::Stable, Mood::Concerned, Mood::Tense][rng.gen_range(0..4)],
                        summary: "Tình hình tư tưởng Nhân dân cơ bản ổn định; quan tâm tiến độ bồi thường, tái định cư và vệ sinh môi trường"
                            .into(),
                        issues: None,
                        reporter: Some(format!("Ban công tác Mặt trận {}", commune.name)),
                    },
                )
                .await?;
            counts.situation_reports += 1;
            from = to + Duration::days(1);
        }
        for j in 0..rng.gen_range(1..3) {
            let (title, kind) = ISSUES[(ci + j) % ISSUES.len()];
            let first_seen_on = start + Duration::days(rng.gen_range(0..200));
            if first_seen_on > today {
                continue;
            }
            let issue = store
                .create_issue(
                    actor,
                    &NewIssue {
                        unit: unit.clone(),
                        village: None,
                        place: Some(format!("Địa bàn {}", commune.name)),
                        title: title.into(),
                        description: None,
                        kind,
                        severity: [Severity::Low, Severity::Medium, Severity::High, Severity::Critical]
                            [rng.gen_range(0..4)],
                        people_affected: rng.gen_range(5..300),
                        first_seen_on,
                        follower: Some(format!("Chủ tịch UB MTTQ {}", commune.name)),
                        petitions: Vec::new(),
                        meetings: Vec::new(),
                    },
                )
                .await?;
            counts.issues += 1;
            let action = match rng.gen_range(0..4) {
                0 => Some(IssueAction::Escalate),
                1 => Some(IssueAction::Resolve),
                2 => Some(IssueAction::Handle),
                _ => None,
            };
            if let Some(action) = action {
                store
                    .step_issue(
                        actor,
                        issue.id,
                        &IssueStep {
                            action,
                            on: Some(plus(first_seen_on, rng.gen_range(10..90), today)),
                            note: None,
                        },
                    )
                    .await?;
            }
        }
    }

    // Three land-clearance projects, each led by a commune and crossing the next one. The first
    // one's recovery decision came 95 days after its notice on non-agricultural land: the
    // project page warns that the notice was short of the 120 days.
    for (pi, (pname, scale, investor)) in PROJECTS.iter().enumerate() {
        let Some(lead) = communes.get(pi * 2) else { break };
        let crossed: Vec<String> = communes.get(pi * 2 + 1).map(|u| reference(u)).into_iter().collect();
        let started_on = start + Duration::days(10 + 15 * pi as i64);
        let p = store
            .create_gpmb_project(
                actor,
                &NewProject {
                    unit: reference(lead),
                    name: (*pname).into(),
                    units: crossed,
                    scale: Some((*scale).into()),
                    investor: Some((*investor).into()),
                    area_m2: Some(rng.gen_range(20_000..410_000)),
                    households_planned: None,
                    started_on: Some(started_on),
                    milestones: vec![
                        NewMilestone {
                            label: "Hoàn thành kiểm đếm, lập phương án bồi thường".into(),
                            due_on: started_on + Duration::days(90),
                        },
                        NewMilestone {
                            label: "Bàn giao toàn bộ mặt bằng".into(),
                            due_on: started_on + Duration::days(365),
                        },
                    ],
                    procedure: procedure_of(pi, today),
                },
            )
            .await?;
        counts.gpmb_projects += 1;
        let n = rng.gen_range(25..60);
        let new: Vec<NewHousehold> = (0..n)
            .map(|i| NewHousehold {
                head_name: name(&mut rng),
                unit: None,
                address: Some(format!("Tổ dân phố {}", i % 9 + 1)),
                land_m2: Some(rng.gen_range(40..900)),
                state: None,
                reason: None,
                listed_on: Some(started_on),
            })
            .collect();
        let households = store.add_gpmb_households(actor, p.id, &new).await?;
        counts.gpmb_households += households.len() as u64;
        for h in &households {
            let roll = rng.gen_range(0..10);
            let agreed_on = plus(started_on, rng.gen_range(20..200), today);
            let forces = vec![
                [
                    MobilizationForce::Mttq,
                    MobilizationForce::Associations,
                    MobilizationForce::Respected,
                ][rng.gen_range(0..3)],
                MobilizationForce::Officials,
            ];
            if roll == 0 {
                let c = HouseholdChange {
                    state: HouseholdState::Obstructing,
                    on: Some(agreed_on),
                    reason: Some(OBSTRUCTING[rng.gen_range(0..OBSTRUCTING.len())].into()),
                };
                store.change_gpmb_household(actor, h.id, &c).await?;
                continue;
            }
            if roll == 1 {
                continue; // not agreed yet
            }
            store
                .add_gpmb_mobilization(
                    actor,
                    p.id,
                    &NewMobilization {
                        household_id: Some(h.id),
                        on: agreed_on,
                        forces,
                        mobilisers: format!("Tổ công tác GPMB; {}", name(&mut rng)),
                        result: "Gia đình đồng ý phương án bồi thường, hỗ trợ".into(),
                        new_state: Some(HouseholdState::Agreed),
                        reason: None,
                    },
                )
                .await?;
            let handed = agreed_on + Duration::days(rng.gen_range(10..120));
            if roll >= 4 && handed <= today {
                let c = HouseholdChange {
                    state: HouseholdState::HandedOver,
                    on: Some(handed),
                    reason: None,
                };
                store.change_gpmb_household(actor, h.id, &c).await?;
            }
        }
    }
    Ok(counts)
}

/// The recovery procedure of demo project `pi`: the first one with a notice too short before its
/// recovery decision, the second one on time, the third not started.
fn procedure_of(pi: usize, today: NaiveDate) -> ProcedureSteps {
    let notice = today - Duration::days(150);
    match pi {
        0 => ProcedureSteps {
            land_type: Some(LandType::NonAgricultural),
            notice_on: Some(notice),
            plan_posted_from: Some(notice + Duration::days(30)),
            plan_posted_to: Some(notice + Duration::days(39)),
            consulted_on: Some(notice + Duration::days(41)),
            dialogue_on: Some(notice + Duration::days(60)),
            recovery_decided_on: Some(notice + Duration::days(95)),
        },
        1 => ProcedureSteps {
            land_type: Some(LandType::Agricultural),
            notice_on: Some(notice),
            plan_posted_from: Some(notice + Duration::days(20)),
            plan_posted_to: Some(notice + Duration::days(29)),
            consulted_on: Some(notice + Duration::days(31)),
            dialogue_on: Some(notice + Duration::days(45)),
            recovery_decided_on: Some(notice + Duration::days(70)),
        },
        _ => ProcedureSteps::default(),
    }
}
