//! The petition list as a table, with the Vietnamese column names of the register.

use crate::{Cell, Table};
use danvan_domain::petition::{PetitionSummary, Topics};

/// What the petition table needs besides the petitions: the topic names.
pub struct PetitionLabels<'a> {
    pub topics: &'a Topics,
}

const HEADERS: [&str; 11] = [
    "Mã đơn",
    "Ngày nhận",
    "Loại đơn",
    "Nguồn đơn",
    "Lĩnh vực",
    "Trích yếu",
    "Người viết đơn",
    "Đơn vị",
    "Trạng thái",
    "Hạn xử lý",
    "Quá hạn",
];

/// One row per petition, as the caller may see it (a denouncer's name comes already redacted
/// from the store).
pub fn petition_table(items: &[PetitionSummary], labels: &PetitionLabels<'_>) -> Table {
    let topic = |code: &str| {
        labels
            .topics
            .topics
            .iter()
            .find(|t| t.code == code)
            .map(|t| t.label.clone())
            .unwrap_or_else(|| code.to_string())
    };
    Table {
        title: "Đơn thư".into(),
        headers: HEADERS.iter().map(|h| h.to_string()).collect(),
        rows: items
            .iter()
            .map(|p| {
                vec![
                    Cell::from(p.code.clone()),
                    Cell::Date(p.received_on),
                    p.kind.label_vi().into(),
                    p.channel.label_vi().into(),
                    topic(&p.topic).into(),
                    p.subject.clone().into(),
                    p.petitioner.clone().map(Cell::Text).unwrap_or(Cell::Empty),
                    p.unit_name.clone().into(),
                    p.status.label_vi().into(),
                    p.due.into(),
                    if p.overdue { "x".into() } else { Cell::Empty },
                ]
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use danvan_domain::petition::{Channel, PetitionKind, Status};

    #[test]
    fn rows_use_vietnamese_labels() {
        let p = PetitionSummary {
            code: "D1".into(),
            unit_name: "Phường Ba Đình".into(),
            kind: PetitionKind::Denunciation,
            channel: Channel::Mail,
            received_on: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            subject: "Lấn chiếm đất".into(),
            topic: "land".into(),
            status: Status::Received,
            petitioner: Some("[đã ẩn]".into()),
            due: None,
            overdue: false,
            duplicate_of: None,
        };
        let topics = Topics::default();
        let t = petition_table(&[p], &PetitionLabels { topics: &topics });
        assert_eq!(t.headers.len(), t.rows[0].len());
        assert_eq!(t.rows[0][2], Cell::Text(PetitionKind::Denunciation.label_vi().into()));
        assert_eq!(t.rows[0][6], Cell::Text("[đã ẩn]".into()));
        assert_eq!(t.rows[0][9], Cell::Empty);
    }
}
