//! Disclosures (công khai, Điều 11–14): the 14 mandatory items as data, each disclosure's
//! timing against the 5-working-day deadline, its posting against the required duration, the
//! commune's compliance view and the quarterly list.

use crate::calendar::Calendar;
use crate::figures::format_count;
use crate::petition::{named_enum, Count};
use crate::unit::Level;
use crate::{DomainError, ErrorCode};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use utoipa::ToSchema;

/// Luật 10/2022 Điều 12(3): unless a sector law says otherwise, disclose no later than 05
/// working days after the decision or document that triggers it.
pub const DISCLOSURE_WORKING_DAYS: u32 = 5;

const CATALOGUE: &str = include_str!("disclosure_items.json");

/// One of the 14 items a commune must disclose (Điều 11), with its legal basis and posting
/// rule (Điều 13).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DisclosureItem {
    /// `CK_01` … `CK_14`
    pub code: String,
    pub title: String,
    pub legal_basis: String,
    /// Posted for at least this many consecutive days (30 for items 1–3, 5–12)
    pub posting_days: Option<u32>,
    /// Posted permanently and updated when it changes (items 4 and 13)
    pub permanent: bool,
    /// Also on the commune loudspeaker for at least this many consecutive days (items 7–12)
    pub loudspeaker_days: Option<u32>,
}

/// The 14 items, in order.
pub fn disclosure_catalogue() -> &'static [DisclosureItem] {
    static ITEMS: OnceLock<Vec<DisclosureItem>> = OnceLock::new();
    ITEMS.get_or_init(|| serde_json::from_str(CATALOGUE).expect("bundled disclosure_items.json is valid"))
}

/// The item with this code (`CK_03`, also `ck_03` or `3`), or a validation error naming the codes.
pub fn disclosure_item(code: &str) -> Result<&'static DisclosureItem, DomainError> {
    let c = code.trim().to_uppercase();
    let c = match c.parse::<u32>() {
        Ok(n) => format!("CK_{n:02}"),
        Err(_) => c,
    };
    disclosure_catalogue().iter().find(|i| i.code == c).ok_or_else(|| {
        DomainError::validation(format!(
            "nội dung công khai '{code}' không có trong danh mục (CK_01 … CK_14)"
        ))
    })
}

named_enum!(
    /// Hình thức công khai (Điều 12 khoản 1).
    DisclosureForm {
        Posting => ("posting", "Niêm yết tại trụ sở UBND xã, nhà văn hóa thôn, tổ dân phố"),
        Portal => ("portal", "Cổng, trang thông tin điện tử của xã"),
        Loudspeaker => ("loudspeaker", "Hệ thống truyền thanh cấp xã"),
        VillageHead => ("village_head", "Thông qua trưởng thôn, tổ trưởng tổ dân phố"),
        Letter => ("letter", "Gửi văn bản đến công dân"),
        Dialogue => ("dialogue", "Hội nghị đối thoại giữa UBND xã với Nhân dân"),
        Meeting => ("meeting", "Họp công khai trực tiếp với các hộ dân"),
        Reception => ("reception", "Tiếp công dân, tiếp xúc cử tri, họp báo"),
        Organisations => ("organisations", "Thông qua MTTQ và các tổ chức chính trị – xã hội"),
        Social => ("social", "Mạng viễn thông, mạng xã hội"),
        Other => ("other", "Hình thức khác"),
    }
);

named_enum!(
    /// Whether it was disclosed in time.
    DisclosureTiming {
        /// Not disclosed yet, the deadline not passed
        Pending => ("pending", "Chưa đến hạn công khai"),
        OnTime => ("on_time", "Công khai đúng hạn"),
        Late => ("late", "Công khai chậm"),
        /// Not disclosed and the deadline passed
        Missing => ("missing", "Quá hạn, chưa công khai"),
    }
);

named_enum!(
    /// Whether the posting met the required duration.
    PostingState {
        /// The item has no posting duration (item 14) or it is not disclosed yet
        NotRequired => ("not_required", "Không bắt buộc niêm yết"),
        /// Disclosed, but not by posting though the item must be posted
        NotPosted => ("not_posted", "Không niêm yết"),
        /// Still posted, the required days not reached yet
        Running => ("running", "Đang niêm yết"),
        /// Posted for at least the required days, or still posted (permanent items)
        Complete => ("complete", "Niêm yết đủ thời gian"),
        /// Taken down before the required days
        TooShort => ("too_short", "Niêm yết chưa đủ thời gian"),
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct NewDisclosure {
    /// The commune, `scheme/code`
    pub unit: String,
    /// `CK_01` … `CK_14`
    pub item: String,
    /// What is disclosed ("Phương án bồi thường, hỗ trợ dự án …")
    pub title: String,
    pub content: Option<String>,
    /// Số, ký hiệu of the decision or document that triggers it
    pub decision_ref: Option<String>,
    /// The day of the decision or document (the deadline runs from it)
    #[schema(value_type = String, format = Date)]
    pub decided_on: NaiveDate,
    #[serde(default)]
    pub forms: Vec<DisclosureForm>,
    /// Where it is posted
    pub place: Option<String>,
    /// First day disclosed (posting start); absent while not disclosed yet
    #[schema(value_type = Option<String>, format = Date)]
    pub start_on: Option<NaiveDate>,
    /// Last day posted; absent while still posted
    #[schema(value_type = Option<String>, format = Date)]
    pub end_on: Option<NaiveDate>,
    /// Another posting duration set by a sector law (e.g. 10 days for a compensation plan)
    pub required_days: Option<u32>,
    /// Days on the loudspeaker
    pub loudspeaker_days: Option<u32>,
    /// The land-clearance project it belongs to
    pub gpmb_project_id: Option<i64>,
}

/// Recording the posting of a disclosure entered before it was disclosed, or its end.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct PostingUpdate {
    /// Replaces the forms when given
    #[serde(default)]
    pub forms: Vec<DisclosureForm>,
    pub place: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub start_on: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub end_on: Option<NaiveDate>,
    pub loudspeaker_days: Option<u32>,
}

/// One problem the compliance view shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Finding {
    /// `late`, `missing`, `too_short`, `not_posted`, `loudspeaker_short`
    pub code: String,
    pub message: String,
}

/// A disclosure measured against the rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DisclosureCheck {
    /// 5 working days after the decision
    #[schema(value_type = String, format = Date)]
    pub due_on: NaiveDate,
    pub timing: DisclosureTiming,
    /// Working days after the deadline it was disclosed (or, if missing, until today)
    pub working_days_late: u32,
    /// Days it must stay posted; absent for permanent items and item 14
    pub required_days: Option<u32>,
    pub permanent: bool,
    /// Consecutive days posted so far (to the end day, or to today while still posted)
    pub days_posted: Option<i64>,
    pub posting: PostingState,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Disclosure {
    pub id: i64,
    pub unit_scheme: String,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_level: Level,
    pub item: String,
    pub item_title: String,
    pub title: String,
    pub content: Option<String>,
    pub decision_ref: Option<String>,
    #[schema(value_type = String, format = Date)]
    pub decided_on: NaiveDate,
    pub forms: Vec<DisclosureForm>,
    pub place: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub start_on: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub end_on: Option<NaiveDate>,
    pub required_days: Option<u32>,
    pub loudspeaker_days: Option<u32>,
    pub gpmb_project_id: Option<i64>,
    pub check: DisclosureCheck,
}

/// A page of disclosures, the newest decision first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DisclosurePage {
    pub items: Vec<Disclosure>,
    /// Pass as `after` for the next page; absent on the last page.
    pub next: Option<String>,
}

/// Checks a disclosure before it is written: a known item, dates in order, a posting that does
/// not end before it starts, and a form whenever it was disclosed.
pub fn validate_disclosure(d: &NewDisclosure, today: NaiveDate) -> Result<&'static DisclosureItem, DomainError> {
    let item = disclosure_item(&d.item)?;
    if crate::text::normalize(&d.title).is_empty() {
        return Err(DomainError::validation("cần ghi nội dung được công khai"));
    }
    if d.decided_on > today {
        return Err(DomainError::new(
            ErrorCode::FutureDate,
            format!("ngày ban hành {}", d.decided_on.format("%d/%m/%Y")),
        ));
    }
    if let Some(end) = d.end_on {
        let Some(start) = d.start_on else {
            return Err(DomainError::validation(
                "có ngày kết thúc niêm yết thì cần ghi ngày bắt đầu",
            ));
        };
        if end < start {
            return Err(DomainError::new(
                ErrorCode::PostingEndsBeforeStart,
                format!(
                    "kết thúc {} trước ngày bắt đầu {}",
                    end.format("%d/%m/%Y"),
                    start.format("%d/%m/%Y")
                ),
            ));
        }
    }
    if let Some(start) = d.start_on {
        if start > today {
            return Err(DomainError::new(
                ErrorCode::FutureDate,
                format!("ngày bắt đầu công khai {}", start.format("%d/%m/%Y")),
            ));
        }
        if start < d.decided_on {
            return Err(DomainError::new(
                ErrorCode::InvalidDate,
                "ngày công khai không được trước ngày ban hành quyết định, văn bản",
            ));
        }
        if d.forms.is_empty() {
            return Err(DomainError::validation("cần chọn ít nhất một hình thức công khai"));
        }
    }
    if d.required_days == Some(0) || d.loudspeaker_days == Some(0) {
        return Err(DomainError::validation("số ngày niêm yết, phát thanh phải lớn hơn 0"));
    }
    Ok(item)
}

/// Where a disclosure stands on `today`: disclosed within 5 working days of the decision, and
/// posted for the required consecutive days (the item's, or the sector law's when given).
#[allow(clippy::too_many_arguments)]
pub fn assess(
    item: &DisclosureItem,
    decided_on: NaiveDate,
    forms: &[DisclosureForm],
    start_on: Option<NaiveDate>,
    end_on: Option<NaiveDate>,
    required_days: Option<u32>,
    loudspeaker_days: Option<u32>,
    calendar: &Calendar,
    today: NaiveDate,
) -> Result<DisclosureCheck, DomainError> {
    let due_on = calendar.add_working_days(decided_on, DISCLOSURE_WORKING_DAYS)?;
    let mut findings = Vec::new();
    let vn = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
    let (timing, working_days_late) = match start_on {
        Some(start) if start <= due_on => (DisclosureTiming::OnTime, 0),
        Some(start) => {
            let late = calendar.working_days_between(due_on, start);
            findings.push(Finding {
                code: "late".into(),
                message: format!(
                    "công khai ngày {}, chậm {late} ngày làm việc so với hạn {}",
                    vn(start),
                    vn(due_on)
                ),
            });
            (DisclosureTiming::Late, late)
        }
        None if today > due_on => {
            let late = calendar.working_days_between(due_on, today);
            findings.push(Finding {
                code: "missing".into(),
                message: format!("quá hạn {} mà chưa công khai ({late} ngày làm việc)", vn(due_on)),
            });
            (DisclosureTiming::Missing, late)
        }
        None => (DisclosureTiming::Pending, 0),
    };
    let required = if item.permanent {
        None
    } else {
        required_days.or(item.posting_days)
    };
    let must_post = item.permanent || required.is_some();
    let days_posted = start_on.map(|s| (end_on.unwrap_or(today).min(today.max(s)) - s).num_days() + 1);
    // A planned end day counts as the end: a posting planned too short is flagged now.
    let planned_days = start_on.map(|s| (end_on.unwrap_or(today) - s).num_days() + 1);
    let posting = match (start_on, must_post) {
        (None, _) | (_, false) => PostingState::NotRequired,
        (Some(_), true) if !forms.contains(&DisclosureForm::Posting) => {
            findings.push(Finding {
                code: "not_posted".into(),
                message: "nội dung này phải niêm yết nhưng không có hình thức niêm yết".into(),
            });
            PostingState::NotPosted
        }
        (Some(_), true) if item.permanent => match end_on {
            Some(end) => {
                findings.push(Finding {
                    code: "too_short".into(),
                    message: format!("nội dung phải niêm yết thường xuyên nhưng đã gỡ ngày {}", vn(end)),
                });
                PostingState::TooShort
            }
            None => PostingState::Complete,
        },
        (Some(start), true) => {
            let need = i64::from(required.unwrap_or(0));
            let planned = planned_days.unwrap_or(0);
            match end_on {
                Some(end) if planned < need => {
                    findings.push(Finding {
                        code: "too_short".into(),
                        message: format!(
                            "niêm yết từ {} đến {} được {planned} ngày, chưa đủ {need} ngày liên tục",
                            vn(start),
                            vn(end)
                        ),
                    });
                    PostingState::TooShort
                }
                _ if days_posted.unwrap_or(0) >= need => PostingState::Complete,
                _ => PostingState::Running,
            }
        }
    };
    if let (Some(need), Some(_)) = (item.loudspeaker_days, start_on) {
        if forms.contains(&DisclosureForm::Loudspeaker) && loudspeaker_days.is_some_and(|n| n < need) {
            findings.push(Finding {
                code: "loudspeaker_short".into(),
                message: format!(
                    "phát trên loa truyền thanh {} ngày, chưa đủ {need} ngày liên tục",
                    loudspeaker_days.unwrap_or(0)
                ),
            });
        }
    }
    Ok(DisclosureCheck {
        due_on,
        timing,
        working_days_late,
        required_days: required,
        permanent: item.permanent,
        days_posted,
        posting,
        findings,
    })
}

/// The commune's compliance view over the decisions of a period: what was due, what was
/// disclosed late or not at all, and the postings that ended too early.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DisclosureCompliance {
    pub unit: String,
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
    /// Decisions in the period whose disclosure deadline has passed
    pub due: i64,
    pub on_time: i64,
    pub late: i64,
    pub missing: i64,
    /// Not yet due
    pub pending: i64,
    pub too_short: i64,
    pub not_posted: i64,
    /// "Đến hạn 12 nội dung: đúng hạn 9, chậm 2, chưa công khai 1; 1 nội dung niêm yết chưa đủ thời gian"
    pub text: String,
    /// Disclosures with at least one finding, the oldest decision first
    pub problems: Vec<Disclosure>,
    /// Every disclosure of the period, the oldest decision first
    pub disclosures: Vec<Disclosure>,
}

/// Builds the compliance view from the disclosures of a period.
pub fn compliance_summary(
    unit: &str,
    from: NaiveDate,
    to: NaiveDate,
    mut list: Vec<Disclosure>,
) -> DisclosureCompliance {
    list.sort_by_key(|d| (d.decided_on, d.id));
    let n = |t: DisclosureTiming| list.iter().filter(|d| d.check.timing == t).count() as i64;
    let p = |s: PostingState| list.iter().filter(|d| d.check.posting == s).count() as i64;
    let (on_time, late, missing, pending) = (
        n(DisclosureTiming::OnTime),
        n(DisclosureTiming::Late),
        n(DisclosureTiming::Missing),
        n(DisclosureTiming::Pending),
    );
    // An on-time disclosure whose deadline is still ahead is also "due" once disclosed.
    let due = on_time + late + missing;
    let (too_short, not_posted) = (p(PostingState::TooShort), p(PostingState::NotPosted));
    let mut text = format!(
        "Đến hạn {} nội dung: đúng hạn {}, chậm {}, chưa công khai {}",
        format_count(due),
        format_count(on_time),
        format_count(late),
        format_count(missing)
    );
    if too_short > 0 {
        text.push_str(&format!(
            "; {} nội dung niêm yết chưa đủ thời gian",
            format_count(too_short)
        ));
    }
    if not_posted > 0 {
        text.push_str(&format!("; {} nội dung không niêm yết", format_count(not_posted)));
    }
    let problems = list.iter().filter(|d| !d.check.findings.is_empty()).cloned().collect();
    DisclosureCompliance {
        unit: unit.to_string(),
        from,
        to,
        due,
        on_time,
        late,
        missing,
        pending,
        too_short,
        not_posted,
        text,
        problems,
        disclosures: list,
    }
}

/// The first and last day of quarter `q` (1–4) of `year`.
pub fn quarter_bounds(year: i32, q: u32) -> Result<(NaiveDate, NaiveDate), DomainError> {
    if !(1..=4).contains(&q) {
        return Err(DomainError::validation(format!("quý {q} không hợp lệ (1–4)")));
    }
    let start = NaiveDate::from_ymd_opt(year, 3 * q - 2, 1)
        .ok_or_else(|| DomainError::new(ErrorCode::InvalidDate, format!("năm {year}")))?;
    let next = if q == 4 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, 3 * q + 1, 1)
    }
    .ok_or_else(|| DomainError::new(ErrorCode::InvalidDate, format!("năm {year}")))?;
    Ok((start, next.pred_opt().unwrap_or(next)))
}

/// The quarter a date falls in.
pub fn quarter_of(d: NaiveDate) -> u32 {
    (d.month() - 1) / 3 + 1
}

/// Disclosure figures of a unit subtree over the decisions of a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DisclosureStats {
    pub unit: String,
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
    /// Disclosures recorded (decisions in the period)
    pub recorded: i64,
    pub due: i64,
    pub on_time: i64,
    pub late: i64,
    pub missing: i64,
    pub too_short: i64,
    pub by_item: Vec<Count>,
    pub by_form: Vec<Count>,
    /// "Công khai 24 nội dung, đúng hạn 20, chậm 3, chưa công khai 1; 2 nội dung niêm yết chưa đủ thời gian"
    pub text: String,
}
