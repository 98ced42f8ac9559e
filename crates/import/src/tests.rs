use super::*;
use danvan_domain::petition::{Channel, PetitionKind, MANY_PERSON_THRESHOLD};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use unicode_normalization::UnicodeNormalization;

const HEADER: &str = "STT,Ngày nhận,Loại đơn,Nguồn đơn,Lĩnh vực,Trích yếu,Nội dung,Người viết đơn,Số CCCD,\
                      Số điện thoại,Địa chỉ,Đơn vị nhận,Nặc danh,Vùng sâu vùng xa";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn read_csv(lines: &[&str]) -> Result<Register, ImportError> {
    read_register(
        "so-don-thu.csv",
        lines.join("\n").as_bytes(),
        "2025/00004",
        today(),
        &Topics::default(),
    )
}

/// (row, column, code) of every problem, in order.
fn where_(register: &Register) -> Vec<(usize, String, ErrorCode)> {
    register.problems().map(|p| (p.row, p.column.clone(), p.code)).collect()
}

#[test]
fn csv_happy_path() {
    let register = read_csv(&[
        HEADER,
        "1,15/01/2026,Khiếu nại,Trực tiếp,Đất đai,Chưa cấp sổ đỏ,Hộ ông An khiếu nại việc chưa cấp sổ đỏ,\
         Nguyễn Văn An,001088012345,0912.345.678,\"Thôn Đông, xã Minh Châu\",,,x",
        "2,2026-01-20,Tố cáo,Bưu chính,officials_conduct,Cán bộ gây phiền hà,Nội dung tố cáo,,,,,2025/00123,có,",
    ])
    .unwrap();
    assert!(register.is_all_valid(), "{:?}", where_(&register));
    assert_eq!(register.rows.iter().map(|r| r.row).collect::<Vec<_>>(), vec![2, 3]);
    let petitions: Vec<_> = register.valid().collect();
    assert_eq!(petitions.len(), 2);

    let first = petitions[0];
    assert_eq!(first.unit, "2025/00004");
    assert_eq!(first.kind, PetitionKind::Complaint);
    assert_eq!(first.channel, Channel::InPerson);
    assert_eq!(first.received_on, ymd(2026, 1, 15));
    assert_eq!(first.topic, "land");
    assert_eq!(first.subject, "Chưa cấp sổ đỏ");
    assert_eq!(first.round, 1);
    assert!(first.remote && !first.anonymous);
    assert_eq!(first.petitioners.len(), 1);
    let an = &first.petitioners[0];
    assert_eq!(an.name, "Nguyễn Văn An");
    assert_eq!(an.cccd.as_deref(), Some("001088012345"));
    assert_eq!(an.phone.as_deref(), Some("0912345678"));
    assert_eq!(an.address.as_deref(), Some("Thôn Đông, xã Minh Châu"));

    let second = petitions[1];
    assert_eq!(second.unit, "2025/00123");
    assert_eq!(second.kind, PetitionKind::Denunciation);
    assert_eq!(second.channel, Channel::Mail);
    assert_eq!(second.topic, "officials_conduct");
    assert!(second.anonymous && !second.remote);
    assert!(second.petitioners.is_empty());

    let all = register.into_petitions().unwrap();
    assert_eq!(all.len(), 2);
}

#[test]
fn several_bad_rows_report_each_problem() {
    let register = read_csv(&[
        HEADER,
        "1,15/01/2026,Khiếu nại,,Đất đai,Trích yếu,Nội dung,Nguyễn Văn An,,,,,,",
        "2,15/03/2026,Khiếu nại,,Đất đai,Trích yếu,Nội dung,Nguyễn Văn An,,12345,,,,",
        "",
        "4,31/02/2026,Thư,,Giao thông,Trích yếu,Nội dung,Nguyễn Văn An,,,,,,",
        "5,16/01/2026,Kiến nghị,Fax,Môi trường,,,Nguyễn Văn An,,,,,,",
        "6,16/01/2026,Khiếu nại,,Đất đai,Trích yếu,Nội dung,Nguyễn Văn An; Trần Thị Bình,001088012345,,,,,",
        "7,16/01/2026,Khiếu nại,,Đất đai,Trích yếu,Nội dung,,,,,,,",
        "8,16/01/2026,Tố cáo,,Đất đai,Trích yếu,Nội dung,,,,,,x,",
        "9,16/01/2026,Khiếu nại,,Đất đai,Trích yếu,Nội dung,Lê Văn Cường,00108801234,,,,có lẽ,",
        "10,,Khiếu nại,,Đất đai,Trích yếu,Nội dung,\"Phạm Văn Dũng, Hoàng Thị Em\",,,,,,",
    ])
    .unwrap();

    use ErrorCode::*;
    let expected: Vec<(usize, &str, ErrorCode)> = vec![
        (3, "Ngày nhận", FutureDate),
        (3, "Số điện thoại", InvalidPhone),
        (5, "Ngày nhận", InvalidDate),
        (5, "Loại đơn", Validation),
        (5, "Lĩnh vực", Validation),
        (6, "Nguồn đơn", Validation),
        (6, "Trích yếu", Validation),
        (6, "Nội dung", Validation),
        (7, "Số CCCD", Validation),
        (8, "Người viết đơn", Validation),
        (10, "Nặc danh", Validation),
        (10, "Số CCCD", InvalidCccd),
        (11, "Ngày nhận", Validation),
        (11, "Người viết đơn", Validation),
    ];
    let expected: Vec<_> = expected.into_iter().map(|(r, c, e)| (r, c.to_string(), e)).collect();
    assert_eq!(where_(&register), expected);

    // Rows are numbered as a spreadsheet shows them: the blank line 5 is skipped but counted.
    let rows: Vec<_> = register.rows.iter().map(|r| (r.row, r.is_valid())).collect();
    assert_eq!(
        rows,
        vec![
            (2, true),
            (3, false),
            (5, false),
            (6, false),
            (7, false),
            (8, false),
            (9, true),
            (10, false),
            (11, false)
        ]
    );
    assert!(!register.is_all_valid());
    assert_eq!(register.valid().count(), 2);
    for r in &register.rows {
        assert_eq!(r.petition.is_some(), r.problems.is_empty(), "row {}", r.row);
    }

    let messages: Vec<String> = register.problems().map(|p| p.to_string()).collect();
    assert_eq!(
        messages[0],
        "Dòng 3, cột \"Ngày nhận\": Ngày không được sau ngày hôm nay: 15/03/2026"
    );
    assert_eq!(
        messages[1],
        "Dòng 3, cột \"Số điện thoại\": Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0: '12345'"
    );
    assert!(messages[2].contains("'31/02/2026'"), "{}", messages[2]);
    assert!(
        messages[3].contains("'Thư' không phải loại đơn hợp lệ"),
        "{}",
        messages[3]
    );
    assert!(
        messages[4].contains("'Giao thông' không có trong danh mục lĩnh vực"),
        "{}",
        messages[4]
    );
    assert!(messages[6].ends_with("không được để trống"), "{}", messages[6]);
    assert!(
        messages[8].contains("có 1 số CCCD nhưng 2 người viết đơn"),
        "{}",
        messages[8]
    );
    assert!(messages[9].contains("Nặc danh"), "{}", messages[9]);
    assert!(messages[10].contains("'có lẽ'"), "{}", messages[10]);
    assert!(messages[11].contains("12 chữ số"), "{}", messages[11]);
    assert!(messages[13].contains("dấu chấm phẩy"), "{}", messages[13]);

    let problems = register.into_petitions().unwrap_err();
    assert_eq!(problems.len(), 14);
}

#[test]
fn headers_without_diacritics_or_in_another_order() {
    let register = read_csv(&[
        "noi dung,TRICH YEU,linh vuc,loai don,ngay nhan,nguoi viet don,ghi chu",
        "Nội dung đơn,Trích yếu,dat dai,khieu nai,15/01/2026,Nguyễn Văn An,chuyển phòng TNMT",
        "Nội dung đơn,Trích yếu,dat dai,to cao,ngày mai,Nguyễn Văn An,",
    ])
    .unwrap();
    let p = &register.rows[0].petition.as_ref().unwrap();
    assert_eq!(
        (p.kind, p.topic.as_str(), p.channel),
        (PetitionKind::Complaint, "land", Channel::InPerson)
    );
    // The column is named as the file names it.
    assert_eq!(
        where_(&register),
        vec![(3, "ngay nhan".to_string(), ErrorCode::InvalidDate)]
    );
}

#[test]
fn a_missing_required_column_refuses_the_file() {
    let err = read_csv(&[
        "STT,Ngày nhận,Loại đơn,Trích yếu,Nội dung,Người viết đơn",
        "1,15/01/2026,Khiếu nại,Trích yếu,Nội dung,Nguyễn Văn An",
    ])
    .unwrap_err();
    assert_eq!(err, ImportError::MissingColumns(vec!["Lĩnh vực".into()]));
    assert_eq!(err.code(), ErrorCode::Validation);
    assert_eq!(err.to_string(), "Thiếu cột bắt buộc: Lĩnh vực");

    let err = read_csv(&["Họ tên,Địa chỉ", "An,Hà Nội"]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Thiếu cột bắt buộc: Ngày nhận, Loại đơn, Lĩnh vực, Trích yếu, Nội dung"
    );
}

#[test]
fn file_level_errors() {
    let csv = format!("{HEADER}\n");
    assert!(matches!(
        read_register("so.ods", csv.as_bytes(), "u", today(), &Topics::default()),
        Err(ImportError::UnknownExtension(_))
    ));
    assert_eq!(
        read_register("so.csv", b"", "u", today(), &Topics::default()),
        Err(ImportError::Empty)
    );
    assert_eq!(
        read_register("so.csv", b"\n\n , \n", "u", today(), &Topics::default()),
        Err(ImportError::Empty)
    );
    assert_eq!(
        read_register("so.csv", csv.as_bytes(), "u", today(), &Topics::default()),
        Err(ImportError::NoRows)
    );
    let garbage = read_register("so.xlsx", b"not a zip file", "u", today(), &Topics::default()).unwrap_err();
    assert!(matches!(garbage, ImportError::Unreadable(_)), "{garbage:?}");
    assert!(garbage.to_string().starts_with("Không đọc được tệp"));
    let dup = read_csv(&[&format!("{HEADER},Ngay nhan"), "1,15/01/2026"]).unwrap_err();
    assert_eq!(dup, ImportError::DuplicateColumn("Ngày nhận / Ngay nhan".into()));
    for e in [ImportError::Empty, ImportError::NoRows, dup] {
        assert_eq!(e.code(), ErrorCode::Validation);
    }
}

#[test]
fn nfd_text_is_read_like_nfc() {
    let nfc = [
        HEADER,
        "1,15/01/2026,Khiếu nại,Đường dây nóng,Môi trường,Ô nhiễm từ xưởng gỗ,Khói bụi từ xưởng gỗ,\
         Nguyễn Thị Thủy; Đặng Văn Hòa,,,,,,",
    ]
    .join("\n");
    let nfd: String = nfc.nfd().collect();
    assert_ne!(nfd, nfc);
    let register = read_register("so.csv", nfd.as_bytes(), "2025/00004", today(), &Topics::default()).unwrap();
    assert!(register.is_all_valid(), "{:?}", where_(&register));
    let p = register.valid().next().unwrap();
    assert_eq!(p.kind, PetitionKind::Complaint);
    assert_eq!(p.channel, Channel::Hotline);
    assert_eq!(p.topic, "environment");
    assert_eq!(p.subject, "Ô nhiễm từ xưởng gỗ");
    let names: Vec<_> = p.petitioners.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["Nguyễn Thị Thủy", "Đặng Văn Hòa"]);
}

#[test]
fn many_person_rows() {
    let names = "Nguyễn Văn An; Trần Thị Bình; Lê Văn Cường; Phạm Thị Dung; Hoàng Văn Em; Vũ Thị Gấm";
    // Aligned with the names; the third person has none; a trailing ; is fine.
    let cccds = "001088012345; 001190054321;; 001088000003; 001188000004; 001088000005;";
    let row = |phones: &str, addresses: &str| {
        format!(
            "1,15/01/2026,Kiến nghị - phản ánh,Hội nghị,\"Bồi thường, hỗ trợ, tái định cư\",Giá bồi thường thấp,\
             Các hộ kiến nghị xem lại giá bồi thường,\"{names}\",\"{cccds}\",\"{phones}\",\"{addresses}\",,,x"
        )
    };
    let register = read_csv(&[HEADER, &row("0912345678", "Thôn Đông")]).unwrap();
    assert!(register.is_all_valid(), "{:?}", where_(&register));
    let p = register.valid().next().unwrap();
    assert_eq!(p.kind, PetitionKind::Feedback);
    assert_eq!(p.channel, Channel::Meeting);
    assert_eq!(p.topic, "compensation");
    let people = &p.petitioners;
    assert!(people.len() >= MANY_PERSON_THRESHOLD);
    assert_eq!(people.len(), 6);
    assert_eq!(people[5].name, "Vũ Thị Gấm");
    assert_eq!(people[1].cccd.as_deref(), Some("001190054321"));
    assert_eq!(people[2].cccd, None);
    assert_eq!(people[5].cccd.as_deref(), Some("001088000005"));
    // One phone and one address belong to the first petitioner (the representative).
    assert_eq!(people[0].phone.as_deref(), Some("0912345678"));
    assert_eq!(people[0].address.as_deref(), Some("Thôn Đông"));
    assert!(people[1..].iter().all(|x| x.phone.is_none() && x.address.is_none()));

    // Several phones go in the order of the names, gaps allowed.
    let register = read_csv(&[HEADER, &row("0912345678;;;;;0987654321", "")]).unwrap();
    let people = &register.valid().next().expect("valid").petitioners;
    assert_eq!(people[5].phone.as_deref(), Some("0987654321"));
    assert_eq!(people[1].phone, None);

    // Two phones or addresses for six people, or two CCCDs: which belongs to whom?
    let register = read_csv(&[HEADER, &row("0912345678;0987654321", "Thôn Đông;Thôn Đoài")]).unwrap();
    assert_eq!(
        where_(&register),
        vec![
            (2, "Số điện thoại".to_string(), ErrorCode::Validation),
            (2, "Địa chỉ".to_string(), ErrorCode::Validation)
        ]
    );
    assert!(register.rows[0].problems[0]
        .message
        .contains("có 2 số điện thoại nhưng 6 người viết đơn"));
    let short = row("", "").replace(cccds, "001088012345;001190054321");
    let register = read_csv(&[HEADER, &short]).unwrap();
    assert_eq!(
        where_(&register),
        vec![(2, "Số CCCD".to_string(), ErrorCode::Validation)]
    );
    assert!(register.rows[0].problems[0]
        .message
        .contains("có 2 số CCCD nhưng 6 người viết đơn"));
}

/// Windows-1258 has the letters with a vowel mark (ô, ư, ă...) but writes the tone as a separate
/// combining mark after them.
fn to_cp1258(text: &str) -> Vec<u8> {
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut split = String::new();
    for c in text.chars() {
        let parts: String = c.to_string().nfd().collect();
        let tone: Option<char> = parts.chars().find(|m| TONES.contains(m));
        split.extend(parts.chars().filter(|m| !TONES.contains(m)).nfc());
        split.extend(tone);
    }
    let (bytes, _, lossy) = encoding_rs::WINDOWS_1258.encode(&split);
    assert!(!lossy, "{split}");
    bytes.into_owned()
}

#[test]
fn semicolon_csv_from_excel_in_cp1258() {
    // Excel on a Vietnamese Windows saves "CSV" with ; between fields in code page 1258.
    let text = "Ngày nhận;Loại đơn;Lĩnh vực;Trích yếu;Nội dung;Người viết đơn\n\
                15/01/2026;Tố cáo;Tư pháp;Trích yếu;Nội dung;\"An;Bình\"\n";
    let bytes = to_cp1258(text);
    assert!(std::str::from_utf8(&bytes).is_err());
    let register = read_register("so.csv", &bytes, "2025/00004", today(), &Topics::default()).unwrap();
    let p = register.valid().next().expect("valid");
    assert_eq!(p.kind, PetitionKind::Denunciation);
    assert_eq!(p.topic, "justice");
    assert_eq!(p.petitioners.len(), 2);
}

fn xlsx_register() -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    // A title and a blank line above the header, as registers often have.
    sheet.write_string(0, 0, "SỔ THEO DÕI ĐƠN THƯ NĂM 2026").unwrap();
    let headers = [
        "STT",
        "Ngày nhận",
        "Loại đơn",
        "Nguồn đơn",
        "Lĩnh vực",
        "Trích yếu",
        "Nội dung",
        "Người viết đơn",
        "Số CCCD",
        "Số điện thoại",
        "Địa chỉ",
        "Ghi chú",
        "Nặc danh",
        "Vùng sâu vùng xa",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    // Row 4: a real Excel date; CCCD and phone typed as numbers (leading zeros lost).
    sheet.write_number(3, 0, 1).unwrap();
    let day = ExcelDateTime::from_ymd(2026, 1, 15).unwrap();
    sheet.write_datetime_with_format(3, 1, &day, &date).unwrap();
    for (c, v) in [
        (2, "Khiếu nại"),
        (3, "Trực tuyến"),
        (4, "Đất đai"),
        (5, "Tranh chấp ranh giới đất"),
        (6, "Tranh chấp ranh giới với hộ liền kề"),
        (7, "Nguyễn Văn An"),
        (10, "Thôn Đông"),
        (11, "đã hòa giải lần 1"),
        (13, "x"),
    ] {
        sheet.write_string(3, c, v).unwrap();
    }
    sheet.write_number(3, 8, 1088012345.0).unwrap();
    sheet.write_number(3, 9, 912345678.0).unwrap();
    sheet.write_boolean(3, 12, false).unwrap();
    // Row 5: the date as text, anonymous.
    for (c, v) in [
        (1, "20/01/2026"),
        (2, "Tố cáo"),
        (4, "Tinh thần, thái độ, trách nhiệm của cán bộ"),
        (5, "Cán bộ địa chính nhũng nhiễu"),
        (6, "Nội dung"),
        (12, "có"),
    ] {
        sheet.write_string(4, c, v).unwrap();
    }
    // Row 6 left blank; row 7: a date cell in the future and a date-formatted serial.
    let later = ExcelDateTime::from_ymd(2026, 3, 1).unwrap();
    sheet.write_datetime_with_format(6, 1, &later, &date).unwrap();
    for (c, v) in [
        (2, "Kiến nghị"),
        (4, "Khác"),
        (5, "Trích yếu"),
        (6, "Nội dung"),
        (7, "Bùi Thị Hạnh"),
    ] {
        sheet.write_string(6, c, v).unwrap();
    }
    // Another sheet: only the first is read.
    workbook.add_worksheet().write_string(0, 0, "không đọc").unwrap();
    workbook.save_to_buffer().unwrap()
}

#[test]
fn xlsx_happy_path_with_real_dates() {
    let register = read_register(
        "Sổ đơn thư.xlsx",
        &xlsx_register(),
        "2025/00004",
        today(),
        &Topics::default(),
    )
    .unwrap();
    let rows: Vec<_> = register.rows.iter().map(|r| r.row).collect();
    assert_eq!(rows, [4, 5, 7]);

    let first = register.rows[0].petition.as_ref().expect("row 4 is valid");
    assert_eq!(first.received_on, ymd(2026, 1, 15));
    assert_eq!(first.kind, PetitionKind::Complaint);
    assert_eq!(first.channel, Channel::Online);
    assert_eq!(first.unit, "2025/00004");
    assert!(first.remote && !first.anonymous);
    let an = &first.petitioners[0];
    assert_eq!(an.cccd.as_deref(), Some("001088012345"));
    assert_eq!(an.phone.as_deref(), Some("0912345678"));
    assert_eq!(an.address.as_deref(), Some("Thôn Đông"));

    let second = register.rows[1].petition.as_ref().expect("row 5 is valid");
    assert_eq!(second.received_on, ymd(2026, 1, 20));
    assert_eq!(second.topic, "officials_conduct");
    assert!(second.anonymous);

    assert_eq!(
        where_(&register),
        vec![(7, "Ngày nhận".to_string(), ErrorCode::FutureDate)]
    );
    assert!(register.problems().next().unwrap().message.contains("01/03/2026"));
}

#[test]
fn templates_read_back_empty_and_fill_in() {
    // The example row is skipped: an untouched template has nothing to import.
    assert_eq!(
        read_register(
            "mau.xlsx",
            &template_xlsx(&Topics::default()),
            "u",
            today(),
            &Topics::default()
        ),
        Err(ImportError::NoRows)
    );
    let csv = template_csv();
    assert!(csv.starts_with('\u{feff}'));
    assert_eq!(
        read_register("mau.csv", csv.as_bytes(), "u", today(), &Topics::default()),
        Err(ImportError::NoRows)
    );

    // The example row itself is valid once it is no longer marked as the example.
    let filled = csv.replacen("Ví dụ,", "1,", 1);
    let register = read_register("mau.csv", filled.as_bytes(), "2025/00004", today(), &Topics::default()).unwrap();
    assert!(register.is_all_valid(), "{:?}", where_(&register));
    let p = register.valid().next().unwrap();
    assert_eq!(p.petitioners.len(), 2);
    assert_eq!(p.received_on, ymd(2026, 1, 15));

    // Every documented column is in the template header, and the required ones are marked.
    let header_line = csv.trim_start_matches('\u{feff}').lines().next().unwrap().to_string();
    for c in columns() {
        assert!(header_line.contains(c.header), "{}", c.header);
    }
    let required: Vec<_> = columns().into_iter().filter(|c| c.required).map(|c| c.header).collect();
    assert_eq!(required, ["Ngày nhận", "Loại đơn", "Lĩnh vực", "Trích yếu", "Nội dung"]);
}

#[test]
fn the_xlsx_template_has_the_header_and_example_on_its_first_sheet() {
    use calamine::{Data, Reader, Xlsx};
    let bytes = template_xlsx(&Topics::default());
    let mut workbook: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(workbook.sheet_names(), ["Sổ theo dõi đơn thư", "Hướng dẫn", "Danh mục"]);
    let range = workbook.worksheet_range_at(0).unwrap().unwrap();
    let header: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    let expected: Vec<&str> = columns().iter().map(|c| c.header).collect();
    assert_eq!(header, expected);
    let example = range.rows().nth(1).unwrap();
    assert_eq!(example[0], Data::String("Ví dụ".into()));
    assert!(matches!(example[1], Data::DateTime(_)), "{:?}", example[1]);
}
