use super::*;
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use danvan_domain::figures::Rounding;
use danvan_domain::period::{bundled_families, family, PeriodSpec};
use danvan_domain::report::{DocStyle, FigureValues, Submission};
use danvan_domain::unit::Level;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn unit(scheme: &str, code: &str, name: &str, level: Level) -> ReportUnit {
    ReportUnit {
        scheme: scheme.into(),
        code: code.into(),
        name: name.into(),
        level,
    }
}

/// Seed 004's figures (huyện Tam Nông) as recorded values.
fn seed_input() -> ReportInput {
    let families = bundled_families();
    let party = family(&families, "party").unwrap();
    let spec = PeriodSpec::parse("2020-2025").unwrap();
    let values: FigureValues = [
        ("petitions.received", 2588),
        ("petitions.received.province", 0),
        ("petitions.received.district", 905),
        ("petitions.received.commune", 1683),
        ("petitions.complaint", 21),
        ("petitions.denunciation", 36),
        ("petitions.feedback", 2431),
        ("petitions.other", 100),
        ("petitions.within_jurisdiction", 2484),
        ("petitions.resolved", 2453),
        ("petitions.overdue", 12),
        ("petitions.many_person", 7),
        ("petitions.long_running", 0),
        ("meetings.held", 200),
        ("meetings.dialogues", 199),
        ("meetings.dialogues.province", 0),
        ("meetings.dialogues.district", 28),
        ("meetings.dialogues.commune", 171),
        ("meetings.participants", 9685),
        ("meetings.items", 1015),
        ("meetings.items.answered", 1015),
        ("meetings.items.answered_at_meeting", 1015),
        ("meetings.items.answer_in_writing", 0),
        ("meetings.items.forwarded", 0),
        ("meetings.items.not_accepted", 0),
        ("supervision.count", 173),
        ("supervision.recommendations", 0),
        ("supervision.criticism_conferences", 1),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), *v))
    .collect();
    let mut texts = BTreeMap::new();
    texts.insert(
        "meetings.dialogues".to_string(),
        "199 hội nghị đối thoại: cấp huyện 05 định kỳ và 23 đột xuất; cấp xã 92 định kỳ và 79 đột xuất".to_string(),
    );
    texts.insert("meetings.participants".to_string(), "9.685 lượt người".to_string());
    texts.insert(
        "meetings.answered".to_string(),
        "1.015/1.015 ý kiến được trả lời, đạt 100,0%".to_string(),
    );
    texts.insert(
        "supervision.count".to_string(),
        "173 cuộc: huyện 17, xã 156".to_string(),
    );
    ReportInput {
        unit: unit("legacy", "236", "Huyện Tam Nông", Level::District),
        period: spec.resolve(party).unwrap(),
        previous: spec.previous().resolve(party).unwrap(),
        current: values,
        previous_values: FigureValues::new(),
        submissions: vec![],
        silent_units: vec![],
        gathered_warnings: vec![],
        texts,
        notes: vec![],
        rounding: Rounding::Truncate,
    }
}

fn header() -> ReportHeader {
    ReportHeader {
        style: DocStyle::Party,
        parent_body: "Tỉnh ủy Phú Thọ".into(),
        issuing_body: "Ban Dân vận Huyện ủy Tam Nông".into(),
        number: "15-BC/BDVHU".into(),
        place: "Tam Nông".into(),
        date: Some("2025-06-20".into()),
        signer_authority: "T/M Ban Thường vụ".into(),
        signer_title: "Trưởng ban".into(),
        signer_name: "Nguyễn Thị Hường".into(),
        recipients: vec!["Ban Dân vận Tỉnh ủy;".into(), "Lưu VP.".into()],
        title: None,
    }
}

fn seed_report() -> Report {
    let mut free = FreeSections::new();
    free.insert(
        "assessment".into(),
        "Công tác dân vận được các cấp ủy quan tâm lãnh đạo; đội ngũ cán bộ nhiệt tình, trách nhiệm.".into(),
    );
    build(
        &seed_input(),
        &header(),
        &free,
        None,
        None,
        &BTreeMap::new(),
        d("2025-06-20"),
    )
    .unwrap()
}

#[test]
fn the_narrative_reads_like_the_seed_report() {
    let r = seed_report();
    let petitions = r.sections.iter().find(|s| s.id == SectionId::Petitions).unwrap();
    assert!(
        petitions.paragraphs[0].starts_with("Tiếp nhận 2.588 đơn (cấp huyện 905 đơn, cấp xã 1.683 đơn)"),
        "{:?}",
        petitions.paragraphs
    );
    assert!(
        petitions.paragraphs[1].contains("2.453/2.484 đơn, đạt 98,7%"),
        "{:?}",
        petitions.paragraphs
    );
    let meetings = r.sections.iter().find(|s| s.id == SectionId::Meetings).unwrap();
    assert!(meetings.paragraphs[0].starts_with("Tổ chức 199 hội nghị đối thoại: cấp huyện 05 định kỳ"));
    assert!(meetings.paragraphs[1].contains("1.015/1.015 ý kiến được trả lời"));
    assert_eq!(r.title, "Kết quả công tác dân vận nhiệm kỳ 2020–2025");
    assert_eq!(date_line(&r), "Tam Nông, ngày 20 tháng 6 năm 2025");
    assert_eq!(r.free_sections[0].title, "Đánh giá chung");
}

#[test]
fn an_admins_template_replaces_the_bundled_one_and_a_broken_one_is_refused() {
    let mut templates = BTreeMap::new();
    templates.insert(
        "petitions".to_string(),
        "Đã nhận {{ f[\"petitions.received\"].value | count }} đơn.".to_string(),
    );
    let r = build(
        &seed_input(),
        &header(),
        &FreeSections::new(),
        None,
        None,
        &templates,
        d("2025-06-20"),
    )
    .unwrap();
    let petitions = r.sections.iter().find(|s| s.id == SectionId::Petitions).unwrap();
    assert_eq!(petitions.paragraphs, vec!["Đã nhận 2.588 đơn.".to_string()]);
    let e = validate_template("petitions", "{% if %}", &seed_input()).unwrap_err();
    assert!(e.to_string().starts_with("mẫu lời văn “petitions” lỗi"), "{e}");
    assert!(validate_template("khong-co", "x", &seed_input()).is_err());
}

fn pdftotext(pdf: &[u8]) -> Option<String> {
    let dir = tempdir();
    let path = dir.join("r.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn tempdir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "danvan-report-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The PDF keeps its Vietnamese text through extraction, and is rendered to PNG for a look
/// (`target/report-artifacts/`), as the issue asks.
#[test]
fn the_pdf_carries_the_seed_figures_in_vietnamese_format() {
    let pdf = render(&seed_report(), Format::Pdf).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let artifacts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/report-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    std::fs::write(artifacts.join("seed-004.pdf"), &pdf).unwrap();
    let _ = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "60"])
        .arg(artifacts.join("seed-004.pdf"))
        .arg(artifacts.join("seed-004"))
        .status();
    let Some(text) = pdftotext(&pdf) else {
        panic!("pdftotext (poppler-utils) is needed for this test: apt-get install poppler-utils");
    };
    for needle in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "BAN DÂN VẬN HUYỆN ỦY",
        "Số 15-BC/BDVHU",
        "Tam Nông, ngày 20 tháng 6 năm 2025",
        "BÁO CÁO",
        "2.588",
        "98,7%",
        "199",
        "1.015/1.015",
        "9.685 lượt người",
        "Nguyễn Thị Hường",
        "Nơi nhận:",
        "nhiệt tình",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
}

#[test]
fn the_xlsx_holds_numbers_as_numbers() {
    let bytes = render(&seed_report(), Format::Xlsx).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("Tiếp dân, đơn thư").unwrap();
    let row = (0..sheet.height() as u32)
        .find(|r| sheet.get_value((*r, 0)) == Some(&Data::String("petitions.received".into())))
        .unwrap();
    assert_eq!(sheet.get_value((row, 2)), Some(&Data::Float(2588.0)));
    let rate = (0..sheet.height() as u32)
        .find(|r| sheet.get_value((*r, 0)) == Some(&Data::String("petitions.resolution_rate".into())))
        .unwrap();
    assert_eq!(sheet.get_value((rate, 2)), Some(&Data::Float(2453.0)));
    assert_eq!(sheet.get_value((rate, 3)), Some(&Data::Float(2484.0)));
    assert_eq!(sheet.get_value((rate, 4)), Some(&Data::Float(98.7)));
    assert!(book.sheet_names().contains(&"Cảnh báo".to_string()));
}

#[test]
fn the_docx_and_json_carry_the_same_figures() {
    let r = seed_report();
    let docx = render(&r, Format::Docx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    assert!(xml.contains("2.453/2.484 đơn, đạt 98,7%"));
    assert!(xml.contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
    assert!(xml.contains("<w:titlePg/>"), "page numbers start on page 2");
    let json: serde_json::Value = serde_json::from_slice(&render(&r, Format::Json).unwrap()).unwrap();
    let figures = json["figures"]["figures"].as_array().unwrap();
    let received = figures.iter().find(|f| f["id"] == "petitions.received").unwrap();
    assert_eq!(received["value"], 2588);
    assert_eq!(received["source"], "recorded");
}

fn commune() -> ReportUnit {
    unit("2025", "00100", "Xã Minh Châu", Level::Commune)
}

fn year_2024() -> Period {
    let families = bundled_families();
    PeriodSpec::parse("2024")
        .unwrap()
        .resolve(family(&families, "party").unwrap())
        .unwrap()
}

#[test]
fn a_filled_template_reads_back_and_a_wrong_one_names_its_cell() {
    let mut values = FigureValues::new();
    values.insert("petitions.received".into(), 30);
    values.insert("petitions.complaint".into(), 5);
    let bytes = filled_template(&commune(), &year_2024(), &values).unwrap();
    assert_eq!(read_submission(&bytes, &commune(), &year_2024()).unwrap(), values);

    // Another period.
    let families = bundled_families();
    let other = PeriodSpec::parse("2024-H1")
        .unwrap()
        .resolve(family(&families, "party").unwrap())
        .unwrap();
    let e = read_submission(&bytes, &commune(), &other).unwrap_err();
    assert!(
        e.to_string()
            .contains("ô B3: biểu mẫu của kỳ báo cáo “2024”, cần “2024-H1”"),
        "{e}"
    );
    // Another unit.
    let e = read_submission(
        &bytes,
        &unit("2025", "00004", "Phường Ba Đình", Level::Commune),
        &year_2024(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("ô B2"), "{e}");
}

#[test]
fn text_in_a_number_cell_and_an_edited_formula_are_refused() {
    use rust_xlsxwriter::{Formula, Workbook};
    // Rebuild the template by hand with one cell spoiled each time.
    let spoil = |row: u32, col: u16, text: Option<&str>, formula: Option<&str>| {
        let template = submission_template(&commune(), &year_2024()).unwrap();
        let mut source: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(template)).unwrap();
        let range = source.worksheet_range("Số liệu").unwrap();
        let formulas = source.worksheet_formula("Số liệu").unwrap();
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("Số liệu").unwrap();
        for (r, c, v) in range.used_cells() {
            if let Data::String(s) = v {
                sheet.write_string(r as u32, c as u16, s).unwrap();
            }
        }
        for (r, c, f) in formulas.used_cells() {
            if !f.is_empty() {
                let (r, c) = (
                    r as u32 + formulas.start().unwrap().0,
                    c as u16 + formulas.start().unwrap().1 as u16,
                );
                sheet.write_formula(r, c, Formula::new(format!("={f}"))).unwrap();
            }
        }
        if let Some(t) = text {
            sheet.write_string(row, col, t).unwrap();
        }
        if let Some(f) = formula {
            sheet.write_formula(row, col, Formula::new(f)).unwrap();
        }
        book.save_to_buffer().unwrap()
    };
    let e = read_submission(&spoil(6, 2, Some("mười"), None), &commune(), &year_2024()).unwrap_err();
    assert!(e.to_string().contains("ô C7: “mười” không phải là số"), "{e}");
    // The check formula sits on the row of a total with parts: petitions received.
    let template = submission_template(&commune(), &year_2024()).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(template)).unwrap();
    let range = book.worksheet_range("Số liệu").unwrap();
    let row = (0..range.height() as u32)
        .find(|r| range.get_value((*r, 0)) == Some(&Data::String("petitions.received".into())))
        .unwrap();
    let e = read_submission(&spoil(row, 3, None, Some("=0")), &commune(), &year_2024()).unwrap_err();
    assert!(
        e.to_string()
            .contains(&format!("ô D{}: công thức kiểm tra đã bị sửa", row + 1)),
        "{e}"
    );
}

#[test]
fn a_submitted_unit_is_listed_and_its_figures_marked() {
    let mut input = seed_input();
    let mut values = FigureValues::new();
    values.insert("petitions.received".into(), 12);
    input.submissions.push(Submission {
        unit: commune(),
        values,
        recorded: FigureValues::new(),
        channel: "xlsx".into(),
        submitted_at: "2025-06-01T00:00:00Z".into(),
        submitted_by: "tinh.canbo".into(),
    });
    let r = build(
        &input,
        &header(),
        &FreeSections::new(),
        None,
        None,
        &BTreeMap::new(),
        d("2025-06-20"),
    )
    .unwrap();
    assert_eq!(r.figures.get("petitions.received").unwrap().value, 2600);
    assert_eq!(r.submitted_units.len(), 1);
    let text = pdftotext(&render(&r, Format::Pdf).unwrap()).unwrap();
    assert!(text.contains("Tổng số đơn thư tiếp nhận*"), "{text}");
}
