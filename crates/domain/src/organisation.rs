//! Organisations in a unit (cơ quan, tổ chức): Party committee, its mass-mobilization board,
//! People's Committee and Council, the Fatherland Front and the socio-political organisations.

use crate::DomainError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    /// Cấp ủy (Tỉnh ủy, Huyện ủy, Đảng ủy xã)
    PartyCommittee,
    /// Ban Dân vận, since 2025 Ban Tuyên giáo và Dân vận
    MobilizationBoard,
    /// Ủy ban nhân dân
    PeoplesCommittee,
    /// Hội đồng nhân dân
    PeoplesCouncil,
    /// Ủy ban Mặt trận Tổ quốc Việt Nam
    FatherlandFront,
    /// Hội Liên hiệp Phụ nữ
    WomensUnion,
    /// Đoàn Thanh niên Cộng sản Hồ Chí Minh
    YouthUnion,
    /// Hội Nông dân
    FarmersAssociation,
    /// Hội Cựu chiến binh
    VeteransAssociation,
    /// Công đoàn
    TradeUnion,
    /// Cơ quan chuyên môn (phòng, ban)
    ProfessionalAgency,
    /// Ban Thanh tra nhân dân, Ban giám sát đầu tư cộng đồng, …
    Other,
}

impl OrganisationKind {
    pub const ALL: [OrganisationKind; 12] = [
        OrganisationKind::PartyCommittee,
        OrganisationKind::MobilizationBoard,
        OrganisationKind::PeoplesCommittee,
        OrganisationKind::PeoplesCouncil,
        OrganisationKind::FatherlandFront,
        OrganisationKind::WomensUnion,
        OrganisationKind::YouthUnion,
        OrganisationKind::FarmersAssociation,
        OrganisationKind::VeteransAssociation,
        OrganisationKind::TradeUnion,
        OrganisationKind::ProfessionalAgency,
        OrganisationKind::Other,
    ];

    /// The organisations every commune has, created for demo data and on request.
    pub const STANDARD: [OrganisationKind; 10] = [
        OrganisationKind::PartyCommittee,
        OrganisationKind::MobilizationBoard,
        OrganisationKind::PeoplesCommittee,
        OrganisationKind::PeoplesCouncil,
        OrganisationKind::FatherlandFront,
        OrganisationKind::WomensUnion,
        OrganisationKind::YouthUnion,
        OrganisationKind::FarmersAssociation,
        OrganisationKind::VeteransAssociation,
        OrganisationKind::TradeUnion,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrganisationKind::PartyCommittee => "party_committee",
            OrganisationKind::MobilizationBoard => "mobilization_board",
            OrganisationKind::PeoplesCommittee => "peoples_committee",
            OrganisationKind::PeoplesCouncil => "peoples_council",
            OrganisationKind::FatherlandFront => "fatherland_front",
            OrganisationKind::WomensUnion => "womens_union",
            OrganisationKind::YouthUnion => "youth_union",
            OrganisationKind::FarmersAssociation => "farmers_association",
            OrganisationKind::VeteransAssociation => "veterans_association",
            OrganisationKind::TradeUnion => "trade_union",
            OrganisationKind::ProfessionalAgency => "professional_agency",
            OrganisationKind::Other => "other",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            OrganisationKind::PartyCommittee => "Cấp ủy",
            OrganisationKind::MobilizationBoard => "Ban Dân vận (Ban Tuyên giáo và Dân vận)",
            OrganisationKind::PeoplesCommittee => "Ủy ban nhân dân",
            OrganisationKind::PeoplesCouncil => "Hội đồng nhân dân",
            OrganisationKind::FatherlandFront => "Ủy ban MTTQ Việt Nam",
            OrganisationKind::WomensUnion => "Hội Liên hiệp Phụ nữ",
            OrganisationKind::YouthUnion => "Đoàn Thanh niên",
            OrganisationKind::FarmersAssociation => "Hội Nông dân",
            OrganisationKind::VeteransAssociation => "Hội Cựu chiến binh",
            OrganisationKind::TradeUnion => "Công đoàn",
            OrganisationKind::ProfessionalAgency => "Cơ quan chuyên môn",
            OrganisationKind::Other => "Tổ chức khác",
        }
    }

    pub fn parse(s: &str) -> Result<Self, DomainError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| DomainError::validation(format!("loại cơ quan, tổ chức không hợp lệ '{s}'")))
    }

    /// The default name in a unit, e.g. "Ủy ban nhân dân Phường Ba Đình". The board is named
    /// by the 2025 merger when the unit belongs to the 2025 structure.
    pub fn default_name(self, unit_name: &str, after_2025_merger: bool) -> String {
        let base = match (self, after_2025_merger) {
            (OrganisationKind::MobilizationBoard, true) => "Ban Tuyên giáo và Dân vận",
            (OrganisationKind::MobilizationBoard, false) => "Ban Dân vận",
            (OrganisationKind::PartyCommittee, _) => "Đảng ủy",
            (k, _) => k.label_vi(),
        };
        format!("{base} {unit_name}")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Organisation {
    pub id: i64,
    pub unit_scheme: String,
    pub unit_code: String,
    pub kind: OrganisationKind,
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn board_is_named_by_the_merger() {
        let k = OrganisationKind::MobilizationBoard;
        assert_eq!(k.default_name("Xã Tam Nông", false), "Ban Dân vận Xã Tam Nông");
        assert_eq!(
            k.default_name("Xã Tam Nông", true),
            "Ban Tuyên giáo và Dân vận Xã Tam Nông"
        );
    }

    #[test]
    fn kinds_round_trip() {
        for k in OrganisationKind::ALL {
            assert_eq!(OrganisationKind::parse(k.as_str()).unwrap(), k);
        }
    }
}
