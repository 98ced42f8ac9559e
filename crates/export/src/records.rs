//! The reception sessions, movements and resident decisions as tables, with the column names of
//! the officers' own registers (sổ tiếp công dân, sổ theo dõi phong trào, biên bản biểu quyết).

use crate::{Cell, Table};
use danvan_domain::democracy::ResidentDecision;
use danvan_domain::movement::Movement;
use danvan_domain::reception::Reception;

fn table(title: &str, headers: &[&str], rows: Vec<Vec<Cell>>) -> Table {
    Table {
        title: title.into(),
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows,
    }
}

fn text(v: &Option<String>) -> Cell {
    v.clone().map(Cell::Text).unwrap_or(Cell::Empty)
}

pub fn reception_table(items: &[Reception]) -> Table {
    let rows = items
        .iter()
        .map(|r| {
            vec![
                Cell::Date(r.held_on),
                r.unit_name.clone().into(),
                r.kind.label_vi().into(),
                r.receiver.clone().into(),
                r.receiver_position.clone().into(),
                r.host.label_vi().into(),
                Cell::Int(r.citizens),
                Cell::Int(r.delegations),
                Cell::Int(r.delegation_people),
                text(&r.note),
            ]
        })
        .collect();
    table(
        "Tiếp công dân",
        &[
            "Ngày tiếp",
            "Đơn vị",
            "Hình thức tiếp",
            "Người tiếp",
            "Chức vụ",
            "Người đứng đầu tiếp",
            "Số lượt công dân",
            "Số đoàn đông người",
            "Số người trong đoàn",
            "Ghi chú",
        ],
        rows,
    )
}

pub fn movement_table(items: &[Movement]) -> Table {
    let rows = items
        .iter()
        .map(|m| {
            vec![
                Cell::Date(m.started_on),
                m.ended_on.into(),
                m.unit_name.clone().into(),
                m.kind.label_vi().into(),
                m.name.clone().into(),
                Cell::Int(m.groups),
                text(&m.description),
            ]
        })
        .collect();
    table(
        "Phong trào, cuộc vận động",
        &[
            "Ngày phát động",
            "Ngày kết thúc",
            "Đơn vị phát động",
            "Loại",
            "Tên phong trào, cuộc vận động",
            "Số tổ tự quản",
            "Nội dung",
        ],
        rows,
    )
}

pub fn resident_decision_table(items: &[ResidentDecision]) -> Table {
    let rows = items
        .iter()
        .map(|d| {
            vec![
                Cell::Date(d.voted_on),
                d.unit_name.clone().into(),
                d.matter.label_vi().into(),
                d.title.clone().into(),
                d.form.label_vi().into(),
                Cell::Int(d.electorate),
                Cell::Int(d.votes_for),
                Cell::Int(d.votes_against),
                d.tally_text.clone().into(),
                d.outcome.label_vi().into(),
                d.recognition.label_vi().into(),
            ]
        })
        .collect();
    table(
        "Nhân dân bàn và quyết định",
        &[
            "Ngày biểu quyết",
            "Đơn vị",
            "Loại nội dung",
            "Nội dung",
            "Hình thức",
            "Số hộ",
            "Số hộ tán thành",
            "Số hộ không tán thành",
            "Kết quả biểu quyết",
            "Kết luận",
            "Công nhận",
        ],
        rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use danvan_domain::reception::{ReceptionHost, ReceptionKind};

    #[test]
    fn a_reception_row_keeps_its_date_and_counts_as_cells() {
        let r = Reception {
            id: 1,
            unit_scheme: "2025".into(),
            unit_code: "26734".into(),
            unit_name: "Phường Bến Thành".into(),
            kind: ReceptionKind::Regular,
            held_on: chrono::NaiveDate::from_ymd_opt(2026, 3, 12).unwrap(),
            receiver: "Nguyễn Văn A".into(),
            receiver_position: "Chủ tịch UBND".into(),
            host: ReceptionHost::GovernmentHead,
            citizens: 14,
            delegations: 1,
            delegation_people: 9,
            note: None,
            matters: vec![],
        };
        let t = reception_table(&[r]);
        assert_eq!(t.headers.len(), t.rows[0].len());
        assert_eq!(
            t.rows[0][0],
            Cell::Date(chrono::NaiveDate::from_ymd_opt(2026, 3, 12).unwrap())
        );
        assert_eq!(t.rows[0][6], Cell::Int(14));
        assert_eq!(t.rows[0][9], Cell::Empty);
        let csv = String::from_utf8(crate::to_csv(&t).unwrap()[3..].to_vec()).unwrap();
        assert!(csv.contains("12/03/2026,Phường Bến Thành"), "{csv}");
    }
}
