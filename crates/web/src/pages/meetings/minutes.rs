//! The minutes (biên bản) of a meeting as DOCX and PDF: the facts, every item raised with how it
//! ended, and the consistency warnings, in the layout officers retype today. Both formats read
//! the same `Minutes`. The DOCX is written with the report crate's WordprocessingML writer (the
//! reports' page layout); the PDF goes through its typst engine (`minutes.typ`).

use danvan_domain::figures::format_count;
use danvan_domain::meeting::{Item, Meeting};
use danvan_report::docx::{bordered_table, cell, package, para, Style};
use danvan_report::ReportError;
use serde::Serialize;

fn date(d: chrono::NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// How an item ended: `Tiếp thu, trả lời bằng văn bản; Phòng Kinh tế; hạn 13/05/2026`.
fn outcome_text(item: &Item) -> String {
    let mut outcome = item
        .outcome
        .map(|o| o.label_vi().to_string())
        .unwrap_or_else(|| "Chưa xử lý".into());
    if let Some(a) = &item.answering_agency {
        outcome.push_str(&format!("; {a}"));
    }
    if let Some(d) = item.answer_due {
        outcome.push_str(&format!("; hạn {}", date(d)));
    }
    if let Some(a) = &item.answer {
        outcome.push_str(&format!("; {a}"));
    }
    if let Some(r) = &item.reason {
        outcome.push_str(&format!("; {r}"));
    }
    outcome
}

/// The minutes' text, whichever the format.
#[derive(Serialize)]
struct Minutes {
    organiser: String,
    title: String,
    facts: Vec<String>,
    record: Option<String>,
    items_heading: String,
    /// (STT, Nguồn, Nội dung, Kết quả)
    items: Vec<[String; 4]>,
    notes: Vec<String>,
}

fn minutes(m: &Meeting) -> Minutes {
    let mut facts = vec![
        format!("Thời gian: ngày {}", date(m.held_on)),
        format!("Địa điểm: {}", m.place.as_deref().unwrap_or(&m.unit_name)),
    ];
    for c in &m.chairs {
        facts.push(format!("Chủ trì: {} – {}", c.name, c.position));
    }
    facts.push(format!(
        "Số đại biểu, người dân tham dự: {}",
        format_count(m.participants)
    ));
    if let Some(p) = &m.gpmb_project {
        facts.push(format!("Dự án liên quan: {p}"));
    }
    let mut notes: Vec<String> = m
        .warnings
        .iter()
        .map(|w| format!("Lưu ý số liệu: {}", w.message))
        .collect();
    if let (Some(on), Some(form)) = (m.announced_on, &m.announce_form) {
        notes.push(format!("Kết quả đã thông báo tới Nhân dân ngày {}: {form}", date(on)));
    }
    Minutes {
        organiser: m.organiser.to_uppercase(),
        title: format!("{}: {}", m.kind.label_vi(), m.topic),
        facts,
        record: m.minutes.clone(),
        items_heading: format!(
            "Ý KIẾN, KIẾN NGHỊ VÀ KẾT QUẢ TRẢ LỜI ({} ý kiến)",
            format_count(m.items.len() as i64)
        ),
        items: m
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                [
                    (i + 1).to_string(),
                    item.origin.label_vi().to_string(),
                    item.content.clone(),
                    outcome_text(item),
                ]
            })
            .collect(),
        notes,
    }
}

/// The document body of the minutes.
fn document(m: &Meeting) -> String {
    let doc = minutes(m);
    let plain = Style::default();
    let bold = Style { bold: true, ..plain };
    let title = Style { centred: true, ..bold };
    let mut body = vec![
        para(&doc.organiser, bold),
        para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", title),
        para("Độc lập - Tự do - Hạnh phúc", title),
        para("BIÊN BẢN", title),
        para(&doc.title, title),
    ];
    body.extend(doc.facts.iter().map(|f| para(f, plain)));
    if let Some(record) = &doc.record {
        body.push(para(record, plain));
    }
    body.push(para(&doc.items_heading, bold));
    // STT, Nguồn, Nội dung, Kết quả: the text block's 9354 twips.
    const WIDTHS: [u32; 4] = [700, 1700, 3800, 3154];
    let row = |texts: &[String], s: Style| -> String {
        texts.iter().zip(WIDTHS).map(|(t, w)| cell(&para(t, s), w)).collect()
    };
    let mut rows = vec![row(&["STT", "Nguồn", "Nội dung", "Kết quả"].map(String::from), bold)];
    rows.extend(doc.items.iter().map(|item| row(item, plain)));
    body.push(bordered_table(&WIDTHS, &rows));
    body.extend(doc.notes.iter().map(|n| para(n, plain)));
    body.concat()
}

/// The minutes as PDF bytes (A4, Liberation Serif, the same text as the DOCX).
pub fn pdf(m: &Meeting) -> Result<Vec<u8>, ReportError> {
    let json = serde_json::to_string(&minutes(m)).map_err(|e| ReportError::Pdf(e.to_string()))?;
    danvan_report::typeset(include_str!("minutes.typ"), json, m.held_on)
}

/// The minutes as DOCX bytes.
pub fn docx(m: &Meeting) -> Result<Vec<u8>, ReportError> {
    package(&document(m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use danvan_domain::meeting::{Item, ItemOrigin, ItemOutcome, ItemStatus, MeetingKind, MeetingStatus, SourceKind};
    use std::io::Read;

    fn meeting() -> Meeting {
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        Meeting {
            id: 7,
            unit_scheme: "2025".into(),
            unit_code: "00004".into(),
            unit_name: "Phường Ba Đình".into(),
            unit_level: danvan_domain::unit::Level::Commune,
            kind: MeetingKind::DialogueThematic,
            status: MeetingStatus::Held,
            organiser: "Đảng ủy – UBND phường Ba Đình".into(),
            chairs: vec![],
            held_on: d("2026-04-24"),
            place: None,
            topic: "Bồi thường <Vành đai 4> & tái định cư".into(),
            gpmb_project: None,
            participants: 1200,
            opinions_total: None,
            opinions_collected: None,
            opinions_direct: None,
            schedule_posted_on: None,
            minutes: None,
            announced_on: None,
            announce_form: None,
            closed_on: None,
            items: vec![Item {
                id: 1,
                source_kind: SourceKind::Meeting,
                source_id: 7,
                origin: ItemOrigin::Collected,
                content: "Đơn giá bồi thường đất nông nghiệp".into(),
                topic: None,
                raised_by: None,
                denunciation: false,
                from_unit: None,
                status: ItemStatus::AwaitingAnswer,
                outcome: Some(ItemOutcome::AnswerInWriting),
                answering_agency: Some("Phòng Kinh tế".into()),
                answer_due: Some(d("2026-05-13")),
                answered_on: None,
                answer: None,
                reason: None,
                petition_code: None,
            }],
            warnings: vec![],
            allowed_actions: vec![],
        }
    }

    #[test]
    fn the_minutes_open_as_a_word_document_with_every_item() {
        let bytes = docx(&meeting()).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        assert!(xml.contains("BIÊN BẢN") && xml.contains("Đối thoại chuyên đề"));
        assert!(
            xml.contains("Bồi thường &lt;Vành đai 4&gt; &amp; tái định cư"),
            "escaped"
        );
        assert!(xml.contains("Đơn giá bồi thường đất nông nghiệp"));
        assert!(xml.contains("Tiếp thu, trả lời bằng văn bản; Phòng Kinh tế; hạn 13/05/2026"));
        assert!(xml.contains("1.200"));
        assert!(zip.by_name("[Content_Types].xml").is_ok());
    }

    #[test]
    fn the_minutes_print_as_pdf_with_the_same_text() {
        let bytes = pdf(&meeting()).unwrap();
        assert!(bytes.starts_with(b"%PDF"));
        let dir = std::env::temp_dir().join(format!("danvan-minutes-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("bien-ban.pdf");
        std::fs::write(&file, &bytes).unwrap();
        let out = std::process::Command::new("pdftotext")
            .arg(&file)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils)");
        let text = String::from_utf8(out.stdout)
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(text.contains("BIÊN BẢN"), "{text}");
        assert!(text.contains("Bồi thường <Vành đai 4> & tái định cư"), "{text}");
        assert!(text.contains("Đơn giá bồi thường đất nông nghiệp"), "{text}");
        assert!(text.contains("hạn 13/05/2026"), "{text}");
    }
}
