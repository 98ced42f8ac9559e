//! Matters residents comment on before a decision (Điều 25–29). The opinions are items of the
//! meetings issue ([`crate::meeting::item`]) with source `consultation`: they are taken up,
//! answered in writing or not accepted with the same follow-up life as any other item.

use crate::meeting::{Item, NewItem};
use crate::petition::{named_enum, Count};
use crate::unit::Level;
use crate::{DomainError, ErrorCode};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

named_enum!(
    /// Nội dung Nhân dân tham gia ý kiến (Điều 25), `YK_1` … `YK_9`.
    ConsultMatter {
        SocioEconomicPlan => ("socio_economic_plan", "Dự thảo kế hoạch phát triển kinh tế – xã hội, phương án chuyển dịch cơ cấu kinh tế"),
        LandUsePlan => ("land_use_plan", "Dự thảo quy hoạch, kế hoạch sử dụng đất; quỹ đất giao cho xã"),
        Compensation => ("compensation", "Chủ trương đầu tư, đất đai, bồi thường, hỗ trợ, giải phóng mặt bằng, tái định cư"),
        AdministrativeUnits => ("administrative_units", "Đề án thành lập, giải thể, nhập, chia, đổi tên đơn vị hành chính, thôn, tổ dân phố"),
        CommuneDecisions => ("commune_decisions", "Dự thảo quyết định của UBND xã liên quan đến lợi ích cộng đồng"),
        ConstructionPlanning => ("construction_planning", "Dự thảo nhiệm vụ, đồ án quy hoạch xây dựng"),
        DemocracyRegulation => ("democracy_regulation", "Dự thảo quy chế thực hiện dân chủ ở xã"),
        AdverseDecisions => ("adverse_decisions", "Dự thảo quyết định hành chính đặt ra nghĩa vụ, chấm dứt, hạn chế quyền của công dân"),
        Other => ("other", "Nội dung khác"),
    }
);

named_enum!(
    /// Hình thức lấy ý kiến Nhân dân (Điều 26).
    ConsultForm {
        Dialogue => ("dialogue", "Hội nghị đối thoại giữa UBND xã với Nhân dân"),
        CommunityMeeting => ("community_meeting", "Hội nghị cộng đồng dân cư"),
        Ballot => ("ballot", "Phát phiếu lấy ý kiến hộ gia đình"),
        SuggestionBox => ("suggestion_box", "Hòm thư góp ý, đường dây nóng"),
        Organisations => ("organisations", "Qua Ban công tác Mặt trận và các tổ chức chính trị – xã hội"),
        Portal => ("portal", "Cổng, trang thông tin điện tử"),
        Social => ("social", "Mạng xã hội"),
        AffectedDialogue => ("affected_dialogue", "Đối thoại với người chịu tác động (nội dung 8)"),
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ToSchema)]
pub struct NewConsultation {
    /// The commune (or the thôn), `scheme/code`
    pub unit: String,
    pub matter: ConsultMatter,
    #[serde(default)]
    pub forms: Vec<ConsultForm>,
    /// The draft commented on
    pub title: String,
    #[schema(value_type = String, format = Date)]
    pub opened_on: NaiveDate,
    #[schema(value_type = Option<String>, format = Date)]
    pub closes_on: Option<NaiveDate>,
    /// How the opinions were consolidated and explained (tổng hợp, giải trình)
    pub summary: Option<String>,
    pub gpmb_project_id: Option<i64>,
    /// The opinions given, as items (they follow the items' life)
    #[serde(default)]
    pub opinions: Vec<NewItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Consultation {
    pub id: i64,
    pub unit_scheme: String,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_level: Level,
    pub matter: ConsultMatter,
    pub forms: Vec<ConsultForm>,
    pub title: String,
    #[schema(value_type = String, format = Date)]
    pub opened_on: NaiveDate,
    #[schema(value_type = Option<String>, format = Date)]
    pub closes_on: Option<NaiveDate>,
    pub summary: Option<String>,
    pub gpmb_project_id: Option<i64>,
    /// The opinions (empty in lists)
    pub opinions: Vec<Item>,
    /// Opinions recorded / taken up (answered or accepted) / still open — also in lists
    pub opinions_total: i64,
    pub opinions_taken_up: i64,
    pub opinions_open: i64,
}

/// Consultation figures: opinions recorded and how they were taken up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ConsultationStats {
    pub consultations: i64,
    pub by_matter: Vec<Count>,
    pub opinions: i64,
    /// Answered at the meeting, accepted for a written answer or forwarded
    pub taken_up: i64,
    pub not_accepted: i64,
    pub open: i64,
    /// "05 cuộc lấy ý kiến Nhân dân, 120 ý kiến, tiếp thu 98, không tiếp thu 7"
    pub text: String,
}

pub fn validate_consultation(c: &NewConsultation, today: NaiveDate) -> Result<(), DomainError> {
    if crate::text::normalize(&c.title).is_empty() {
        return Err(DomainError::validation("cần ghi dự thảo, nội dung lấy ý kiến"));
    }
    if c.forms.is_empty() {
        return Err(DomainError::validation("cần chọn ít nhất một hình thức lấy ý kiến"));
    }
    if c.opened_on > today {
        return Err(DomainError::new(
            ErrorCode::FutureDate,
            c.opened_on.format("%d/%m/%Y").to_string(),
        ));
    }
    if c.closes_on.is_some_and(|end| end < c.opened_on) {
        return Err(DomainError::new(
            ErrorCode::InvalidDate,
            "ngày kết thúc lấy ý kiến không được trước ngày bắt đầu",
        ));
    }
    if c.forms.contains(&ConsultForm::AffectedDialogue) && c.matter != ConsultMatter::AdverseDecisions {
        return Err(DomainError::validation(
            "đối thoại với người chịu tác động chỉ dùng cho nội dung 8 (Điều 26)",
        ));
    }
    for item in &c.opinions {
        crate::meeting::validate_item(item)?;
    }
    Ok(())
}
