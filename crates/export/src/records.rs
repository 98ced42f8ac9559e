//! The record lists beyond petitions and meetings as tables, with the column names of the
//! officers' own registers (sổ tiếp công dân, sổ văn bản, sổ theo dõi phong trào, biên bản biểu
//! quyết, …): one function per list, each row one record.

use crate::{Cell, Table};
use danvan_domain::democracy::{Consultation, ResidentDecision};
use danvan_domain::directive::Directive;
use danvan_domain::dvk::DvkModel;
use danvan_domain::gpmb::Project;
use danvan_domain::meeting::{Contribution, Supervision, WorklistItem};
use danvan_domain::movement::{House, Movement, OrderedTask, RuralContribution};
use danvan_domain::reception::Reception;
use danvan_domain::situation::{Issue, SituationReport};

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

pub fn directive_table(items: &[Directive]) -> Table {
    let rows = items
        .iter()
        .map(|d| {
            vec![
                d.printed_symbol.clone().into(),
                Cell::Date(d.issued_on),
                d.doc_type.label_vi().into(),
                d.issuer.clone().into(),
                d.title.clone().into(),
                d.unit_name.clone().into(),
            ]
        })
        .collect();
    table(
        "Văn bản lãnh đạo, chỉ đạo",
        &[
            "Số, ký hiệu",
            "Ngày ban hành",
            "Loại văn bản",
            "Cơ quan ban hành",
            "Trích yếu",
            "Đơn vị",
        ],
        rows,
    )
}

pub fn dvk_model_table(items: &[DvkModel]) -> Table {
    let rows = items
        .iter()
        .map(|m| {
            vec![
                Cell::Int(m.year as i64),
                m.name.clone().into(),
                m.owner.clone().into(),
                text(&m.organisation),
                m.unit_name.clone().into(),
                m.field.label_vi().into(),
                m.holder.label_vi().into(),
                m.stage.label_vi().into(),
                Cell::Date(m.registered_on),
                m.recognised_on.into(),
            ]
        })
        .collect();
    table(
        "Mô hình Dân vận khéo",
        &[
            "Năm",
            "Tên mô hình",
            "Chủ thể",
            "Cơ quan, tổ chức",
            "Đơn vị",
            "Lĩnh vực",
            "Tập thể/cá nhân",
            "Bước",
            "Ngày đăng ký",
            "Ngày công nhận",
        ],
        rows,
    )
}

pub fn supervision_table(items: &[Supervision]) -> Table {
    let rows = items
        .iter()
        .map(|s| {
            vec![
                Cell::Date(s.held_on),
                s.unit_name.clone().into(),
                s.organisation.clone().into(),
                s.subject.clone().into(),
                s.topic.clone().into(),
                s.form.label_vi().into(),
                text(&s.conclusions),
            ]
        })
        .collect();
    table(
        "Giám sát",
        &[
            "Ngày giám sát",
            "Đơn vị",
            "Cơ quan giám sát",
            "Đối tượng giám sát",
            "Nội dung giám sát",
            "Hình thức",
            "Kết luận",
        ],
        rows,
    )
}

pub fn contribution_table(items: &[Contribution]) -> Table {
    let rows = items
        .iter()
        .map(|c| {
            vec![
                Cell::Date(c.given_on),
                c.unit_name.clone().into(),
                c.target.label_vi().into(),
                c.organisation.clone().into(),
                c.document.clone().into(),
            ]
        })
        .collect();
    table(
        "Góp ý xây dựng Đảng, chính quyền",
        &["Ngày góp ý", "Đơn vị", "Góp ý cho", "Cơ quan góp ý", "Văn bản góp ý"],
        rows,
    )
}

pub fn ordered_task_table(items: &[OrderedTask]) -> Table {
    let rows = items
        .iter()
        .map(|t| {
            vec![
                Cell::Date(t.ordered_on),
                Cell::Date(t.deadline),
                t.unit_name.clone().into(),
                t.orderer.clone().into(),
                t.contractor.clone().into(),
                t.content.clone().into(),
                text(&t.gpmb_project),
                Cell::Int(t.budget),
                t.status.label_vi().into(),
                t.done_on.into(),
                t.spent.map(Cell::Int).unwrap_or(Cell::Empty),
                text(&t.result),
            ]
        })
        .collect();
    table(
        "Nhiệm vụ đặt hàng",
        &[
            "Ngày đặt hàng",
            "Hạn hoàn thành",
            "Đơn vị",
            "Bên đặt hàng",
            "Bên nhận đặt hàng",
            "Nội dung",
            "Dự án GPMB",
            "Kinh phí (đồng)",
            "Trạng thái",
            "Ngày hoàn thành",
            "Kinh phí đã dùng (đồng)",
            "Kết quả",
        ],
        rows,
    )
}

pub fn gpmb_project_table(items: &[Project]) -> Table {
    let rows = items
        .iter()
        .map(|p| {
            vec![
                p.name.clone().into(),
                p.unit_name.clone().into(),
                text(&p.investor),
                text(&p.scale),
                p.started_on.into(),
                Cell::Int(p.progress.households),
                Cell::Int(p.progress.agreed),
                Cell::Int(p.progress.handed_over),
                Cell::Int(p.progress.obstructing),
                Cell::Int(p.progress.outstanding),
                p.progress.text.clone().into(),
            ]
        })
        .collect();
    table(
        "Dự án giải phóng mặt bằng",
        &[
            "Tên dự án",
            "Đơn vị chủ trì",
            "Chủ đầu tư",
            "Quy mô",
            "Ngày khởi công",
            "Số hộ",
            "Số hộ đồng thuận",
            "Số hộ đã bàn giao",
            "Số hộ chưa chấp hành",
            "Số hộ còn phải vận động",
            "Tiến độ",
        ],
        rows,
    )
}

pub fn worklist_table(items: &[WorklistItem]) -> Table {
    let rows = items
        .iter()
        .map(|w| {
            vec![
                Cell::Date(w.answer_due),
                if w.overdue {
                    format!("Quá hạn {} ngày", -w.days_left).into()
                } else {
                    format!("Còn {} ngày", w.days_left).into()
                },
                w.source_label.clone().into(),
                w.source_title.clone().into(),
                Cell::Date(w.raised_on),
                w.unit_name.clone().into(),
                w.content.clone().into(),
                text(&w.answering_agency),
            ]
        })
        .collect();
    table(
        "Ý kiến chờ trả lời",
        &[
            "Hạn trả lời",
            "Tình trạng",
            "Nguồn",
            "Hội nghị, cuộc giám sát",
            "Ngày nêu",
            "Đơn vị",
            "Nội dung ý kiến, kiến nghị",
            "Cơ quan trả lời",
        ],
        rows,
    )
}

pub fn issue_table(items: &[Issue]) -> Table {
    let rows = items
        .iter()
        .map(|i| {
            vec![
                i.severity.label_vi().into(),
                Cell::Date(i.first_seen_on),
                Cell::Int(i.age_days),
                i.title.clone().into(),
                text(&i.place),
                i.kind.label_vi().into(),
                i.unit_name.clone().into(),
                Cell::Int(i.people_affected),
                text(&i.follower),
                i.status.label_vi().into(),
                i.handling_unit_name.clone().into(),
            ]
        })
        .collect();
    table(
        "Vấn đề nóng, bức xúc",
        &[
            "Mức độ",
            "Phát sinh từ ngày",
            "Số ngày",
            "Vấn đề",
            "Địa điểm",
            "Loại",
            "Đơn vị",
            "Số người liên quan",
            "Người theo dõi",
            "Trạng thái",
            "Đơn vị đang xử lý",
        ],
        rows,
    )
}

pub fn house_table(items: &[House]) -> Table {
    let rows = items
        .iter()
        .map(|h| {
            vec![
                Cell::Date(h.handed_over_on),
                h.household.clone().into(),
                h.unit_name.clone().into(),
                h.kind.label_vi().into(),
                Cell::Int(h.value),
                Cell::Int(h.from_fund),
            ]
        })
        .collect();
    table(
        "Nhà Đại đoàn kết",
        &[
            "Ngày bàn giao",
            "Hộ được hỗ trợ",
            "Đơn vị",
            "Loại",
            "Trị giá (đồng)",
            "Từ Quỹ (đồng)",
        ],
        rows,
    )
}

pub fn rural_contribution_table(items: &[RuralContribution]) -> Table {
    let rows = items
        .iter()
        .map(|c| {
            vec![
                Cell::Date(c.on),
                c.unit_name.clone().into(),
                c.source.label_vi().into(),
                Cell::Int(c.amount),
                danvan_domain::figures::format_decimal(c.land_m2_tenths, 1).into(),
                Cell::Int(c.workdays),
                c.purpose.clone().into(),
            ]
        })
        .collect();
    table(
        "Xây dựng nông thôn mới",
        &[
            "Ngày",
            "Đơn vị",
            "Nguồn",
            "Số tiền (đồng)",
            "Đất hiến (m2)",
            "Ngày công",
            "Công trình, nội dung",
        ],
        rows,
    )
}

pub fn situation_report_table(items: &[SituationReport]) -> Table {
    let rows = items
        .iter()
        .map(|r| {
            vec![
                Cell::Date(r.submitted_on),
                r.unit_name.clone().into(),
                Cell::Date(r.period_from),
                Cell::Date(r.period_to),
                r.mood.label_vi().into(),
                r.summary.clone().into(),
                text(&r.issues),
                text(&r.reporter),
            ]
        })
        .collect();
    table(
        "Báo cáo tình hình Nhân dân",
        &[
            "Ngày báo cáo",
            "Đơn vị",
            "Từ ngày",
            "Đến ngày",
            "Tâm trạng",
            "Tóm tắt",
            "Vấn đề nổi lên",
            "Người báo cáo",
        ],
        rows,
    )
}

pub fn consultation_table(items: &[Consultation]) -> Table {
    let rows = items
        .iter()
        .map(|c| {
            vec![
                Cell::Date(c.opened_on),
                c.closes_on.into(),
                c.unit_name.clone().into(),
                c.matter.label_vi().into(),
                c.title.clone().into(),
                Cell::Int(c.opinions_total),
                Cell::Int(c.opinions_taken_up),
                Cell::Int(c.opinions_open),
                text(&c.summary),
            ]
        })
        .collect();
    table(
        "Nhân dân tham gia ý kiến",
        &[
            "Ngày lấy ý kiến",
            "Đến ngày",
            "Đơn vị",
            "Loại nội dung",
            "Dự thảo",
            "Số ý kiến",
            "Được tiếp thu",
            "Chưa xử lý",
            "Tổng hợp",
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
