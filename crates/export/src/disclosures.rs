//! The quarterly list of disclosures (danh mục thông tin đã công khai, Luật 10/2022 Điều 13(2))
//! as a table to post at the commune office: what, when, in which forms, for how long.

use crate::{Cell, Table};
use danvan_domain::democracy::Disclosure;

const HEADERS: [&str; 9] = [
    "STT",
    "Mã nội dung",
    "Nội dung công khai",
    "Số, ký hiệu văn bản",
    "Ngày ban hành",
    "Hình thức công khai",
    "Ngày bắt đầu",
    "Ngày kết thúc",
    "Đánh giá",
];

pub fn disclosure_table(items: &[Disclosure]) -> Table {
    Table {
        title: "Danh mục thông tin công khai".into(),
        headers: HEADERS.iter().map(|h| h.to_string()).collect(),
        rows: items
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let forms: Vec<&str> = d.forms.iter().map(|f| f.label_vi()).collect();
                let findings: Vec<&str> = d.check.findings.iter().map(|f| f.message.as_str()).collect();
                vec![
                    Cell::Int(i as i64 + 1),
                    d.item.clone().into(),
                    d.title.clone().into(),
                    d.decision_ref.clone().unwrap_or_default().into(),
                    Cell::Date(d.decided_on),
                    forms.join("; ").into(),
                    d.start_on.into(),
                    d.end_on.into(),
                    if findings.is_empty() {
                        d.check.timing.label_vi().to_string().into()
                    } else {
                        findings.join("; ").into()
                    },
                ]
            })
            .collect(),
    }
}
