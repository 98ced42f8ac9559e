//! The meeting list as a table, with the column names of the officers' own registers.

use crate::{Cell, Table};
use danvan_domain::meeting::Meeting;

const HEADERS: [&str; 10] = [
    "Ngày",
    "Đơn vị",
    "Loại hội nghị",
    "Nội dung, chủ đề",
    "Cơ quan tổ chức",
    "Người chủ trì",
    "Số đại biểu, lượt người",
    "Tổng số ý kiến (ghi tay)",
    "Trạng thái",
    "Dự án GPMB",
];

pub fn meeting_table(items: &[Meeting]) -> Table {
    let opt_int = |v: Option<i64>| v.map(Cell::Int).unwrap_or(Cell::Empty);
    Table {
        title: "Hội nghị, đối thoại".into(),
        headers: HEADERS.iter().map(|h| h.to_string()).collect(),
        rows: items
            .iter()
            .map(|m| {
                let chairs: Vec<String> = m
                    .chairs
                    .iter()
                    .map(|c| format!("{} ({})", c.name, c.position))
                    .collect();
                vec![
                    Cell::Date(m.held_on),
                    m.unit_name.clone().into(),
                    m.kind.label_vi().into(),
                    m.topic.clone().into(),
                    m.organiser.clone().into(),
                    chairs.join("; ").into(),
                    Cell::Int(m.participants),
                    opt_int(m.opinions_total),
                    m.status.label_vi().into(),
                    m.gpmb_project.clone().map(Cell::Text).unwrap_or(Cell::Empty),
                ]
            })
            .collect(),
    }
}
