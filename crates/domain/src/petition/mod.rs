//! Petitions (đơn thư): complaints, denunciations, petitions/feedback; their workflow,
//! validation of what a citizen gives us, and who may see a denouncer's identity.

mod confidentiality;
mod record;
mod topic;
mod validate;
mod workflow;

pub use confidentiality::{can_see_identity, redact, Viewer, REDACTED};
pub use record::{
    Count, DuplicateCandidate, Event, NewPetition, Petition, PetitionPage, PetitionStats, PetitionSummary, Petitioner,
    Step,
};
pub use topic::{Topic, TopicEdit, Topics, DEFAULT_TOPICS};
pub use validate::{validate_cccd, validate_phone, validate_received_date};
pub use workflow::{Action, Status};

use crate::DomainError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Generates the stable string form, the Vietnamese label and `parse` for a simple enum.
macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => ($code:literal, $vi:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn label_vi(self) -> &'static str {
                match self { $($name::$variant => $vi),+ }
            }

            pub fn parse(s: &str) -> Result<Self, DomainError> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s).ok_or_else(|| {
                    let names: Vec<_> = Self::ALL.iter().map(|v| v.as_str()).collect();
                    DomainError::validation(format!("'{s}' không hợp lệ ({})", names.join("|")))
                })
            }
        }
    };
}
pub(crate) use named_enum;

named_enum!(
    /// Loại đơn.
    PetitionKind {
        /// Khiếu nại
        Complaint => ("complaint", "Khiếu nại"),
        /// Tố cáo
        Denunciation => ("denunciation", "Tố cáo"),
        /// Kiến nghị, phản ánh
        Feedback => ("feedback", "Kiến nghị, phản ánh"),
        /// Loại khác
        Other => ("other", "Loại khác"),
    }
);

named_enum!(
    /// Nguồn đơn: how the petition reached us.
    Channel {
        InPerson => ("in_person", "Trực tiếp tại nơi tiếp công dân"),
        Mail => ("mail", "Qua bưu chính"),
        Online => ("online", "Trực tuyến"),
        Hotline => ("hotline", "Đường dây nóng"),
        Forwarded => ("forwarded", "Cơ quan khác chuyển đến"),
        Meeting => ("meeting", "Nêu tại hội nghị, tiếp xúc"),
    }
);

named_enum!(
    /// Kết quả giải quyết khiếu nại, tố cáo.
    Outcome {
        Right => ("right", "Đúng"),
        PartlyRight => ("partly_right", "Đúng một phần"),
        Wrong => ("wrong", "Sai"),
    }
);

/// A petition signed by this many people or more is a many-person petition (đơn đông người).
pub const MANY_PERSON_THRESHOLD: usize = 5;

/// The folded text a petition is searched by. A denouncer's identity stays out of it, so a
/// search by name cannot reveal which denunciation they made.
pub fn search_text(kind: PetitionKind, subject: &str, content: &str, petitioners: &[Petitioner]) -> String {
    let mut parts = vec![crate::text::fold(subject), crate::text::fold(content)];
    if kind != PetitionKind::Denunciation {
        for p in petitioners {
            parts.push(crate::text::fold(&p.name));
            if let Some(a) = &p.address {
                parts.push(crate::text::fold(a));
            }
        }
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_channels_round_trip() {
        for k in PetitionKind::ALL {
            assert_eq!(PetitionKind::parse(k.as_str()).unwrap(), *k);
        }
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.as_str()).unwrap(), *c);
        }
        assert!(PetitionKind::parse("letter").is_err());
        assert_eq!(PetitionKind::Denunciation.label_vi(), "Tố cáo");
    }

    #[test]
    fn a_denouncer_is_not_searchable_by_name() {
        let p = Petitioner {
            name: "Trần Thị Bình".into(),
            cccd: None,
            phone: None,
            address: None,
            address_unit: None,
        };
        let shown = search_text(
            PetitionKind::Complaint,
            "Đất",
            "giải phóng mặt bằng",
            std::slice::from_ref(&p),
        );
        assert!(shown.contains("tran thi binh") && shown.contains("giai phong mat bang"));
        let hidden = search_text(PetitionKind::Denunciation, "Đất", "nội dung", &[p]);
        assert!(!hidden.contains("binh"));
    }
}
