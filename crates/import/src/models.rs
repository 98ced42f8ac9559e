//! Reading a sheet of "Dân vận khéo" model registrations (the list units send up each year)
//! into checked registrations, row by row, the way the petition register is read: every
//! problem with its row, column and a Vietnamese message, before anything is recorded.
//!
//! Columns (header row found among the first rows; diacritics and notes in brackets do not
//! matter): STT, Tên mô hình*, Tập thể/cá nhân*, Tên tập thể, cá nhân*, Lĩnh vực*, Nội dung,
//! cách thức*, Năm, Ngày đăng ký, Đơn vị, Tổ chức phụ trách, Lĩnh vực chi tiết, Kết quả dự
//! kiến, Minh chứng. A row whose STT is "Ví dụ" is the template's example and is skipped.

use crate::columns::header_key;
use crate::sheet::{read_rows, Cell, Format, RawRow};
use crate::values::{cell_text, parse_date_cell};
use crate::{ImportError, Problem};
use chrono::{Datelike, NaiveDate};
use danvan_domain::dvk::{validate_model, DvkField, Holder, NewDvkModel};
use danvan_domain::text::{fold, normalize};
use danvan_domain::ErrorCode;
use rust_xlsxwriter::{Format as XFormat, Workbook, XlsxError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Col {
    Stt,
    Name,
    Holder,
    Owner,
    Field,
    Description,
    Year,
    RegisteredOn,
    Unit,
    Organisation,
    SubField,
    Expected,
    Evidence,
}

/// (column, header as the template writes it, required, other folded headers accepted)
const COLUMNS: [(Col, &str, bool, &[&str]); 13] = [
    (Col::Stt, "STT", false, &["so thu tu", "tt"]),
    (
        Col::Name,
        "Tên mô hình",
        true,
        &["ten mo hinh dien hinh", "mo hinh", "mo hinh dien hinh"],
    ),
    (
        Col::Holder,
        "Tập thể/cá nhân",
        true,
        &["loai", "doi tuong", "tap the hay ca nhan"],
    ),
    (
        Col::Owner,
        "Tên tập thể, cá nhân",
        true,
        &["tap the ca nhan dang ky", "ten don vi ca nhan", "nguoi dang ky"],
    ),
    (Col::Field, "Lĩnh vực", true, &["linh vuc chinh"]),
    (
        Col::Description,
        "Nội dung, cách thức",
        true,
        &["noi dung", "mo ta", "noi dung cach thuc thuc hien"],
    ),
    (Col::Year, "Năm", false, &["nam dang ky"]),
    (Col::RegisteredOn, "Ngày đăng ký", false, &["ngay dang ki"]),
    (Col::Unit, "Đơn vị", false, &["ma don vi", "don vi hanh chinh"]),
    (
        Col::Organisation,
        "Tổ chức phụ trách",
        false,
        &["to chuc", "co quan to chuc", "to chuc chu tri"],
    ),
    (Col::SubField, "Lĩnh vực chi tiết", false, &["linh vuc phu"]),
    (Col::Expected, "Kết quả dự kiến", false, &["ket qua", "muc tieu"]),
    (
        Col::Evidence,
        "Minh chứng",
        false,
        &["tep minh chung", "tai lieu minh chung"],
    ),
];

/// One data row: the registration when the row is all right, otherwise its problems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelRow {
    /// Spreadsheet row number (1-based, as Excel shows it).
    pub row: usize,
    pub model: Option<NewDvkModel>,
    pub problems: Vec<Problem>,
}

/// A sheet of registrations as read, one result per data row in file order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ModelSheet {
    pub rows: Vec<ModelRow>,
}

impl ModelSheet {
    pub fn problems(&self) -> impl Iterator<Item = &Problem> {
        self.rows.iter().flat_map(|r| r.problems.iter())
    }

    /// The rows that are all right, with their row numbers.
    pub fn valid(&self) -> impl Iterator<Item = (usize, &NewDvkModel)> {
        self.rows.iter().filter_map(|r| r.model.as_ref().map(|m| (r.row, m)))
    }
}

fn col_for(text: &str) -> Option<Col> {
    let key = header_key(text);
    if key.is_empty() {
        return None;
    }
    COLUMNS
        .iter()
        .find(|(_, header, _, aliases)| fold(header) == key || aliases.contains(&key.as_str()))
        .map(|(c, ..)| *c)
}

type Layout = Vec<(Col, usize, String)>;

fn layout_of(row: &RawRow) -> Result<Layout, ImportError> {
    let mut layout: Layout = Vec::new();
    for (i, cell) in row.cells.iter().enumerate() {
        let Cell::Text(t) = cell else { continue };
        if let Some(c) = col_for(t) {
            if let Some((_, _, first)) = layout.iter().find(|(x, ..)| *x == c) {
                return Err(ImportError::DuplicateColumn(format!("{first} / {}", normalize(t))));
            }
            layout.push((c, i, normalize(t)));
        }
    }
    Ok(layout)
}

fn missing(layout: &Layout) -> Vec<String> {
    COLUMNS
        .iter()
        .filter(|(c, _, required, _)| *required && !layout.iter().any(|(x, ..)| x == c))
        .map(|(_, h, ..)| h.to_string())
        .collect()
}

fn parse_field(v: &str) -> Option<DvkField> {
    let f = fold(v);
    let aliases: [(&str, DvkField); 6] = [
        ("kt", DvkField::Economy),
        ("vhxh", DvkField::CultureSociety),
        ("qpan", DvkField::DefenceSecurity),
        ("quoc phong an ninh", DvkField::DefenceSecurity),
        ("xdhtct", DvkField::PoliticalSystem),
        (
            "xay dung he thong chinh tri xay dung nong thon moi",
            DvkField::PoliticalSystem,
        ),
    ];
    DvkField::ALL
        .iter()
        .copied()
        .find(|x| f == fold(x.as_str()) || f == fold(x.label_vi()))
        .or_else(|| aliases.iter().find(|(a, _)| *a == f).map(|(_, x)| *x))
}

fn parse_holder(v: &str) -> Option<Holder> {
    let f = fold(v);
    Holder::ALL
        .iter()
        .copied()
        .find(|h| f == fold(h.as_str()) || f == fold(h.label_vi()))
}

/// Reads a sheet of registrations (`.csv`, `.xlsx`, `.xls`, the first sheet). Rows without a
/// unit get `default_unit`; without a date, `today`; without a year, the date's year.
pub fn read_model_registrations(
    file_name: &str,
    bytes: &[u8],
    default_unit: &str,
    today: NaiveDate,
) -> Result<ModelSheet, ImportError> {
    let rows = read_rows(Format::from_file_name(file_name)?, bytes)?;
    let mut found = None;
    let mut best: Option<Layout> = None;
    for (pos, row) in rows.iter().enumerate().filter(|(_, r)| !r.is_blank()).take(10) {
        let layout = layout_of(row)?;
        if missing(&layout).is_empty() {
            found = Some((pos, layout));
            break;
        }
        if best.as_ref().is_none_or(|b| layout.len() > b.len()) {
            best = Some(layout);
        }
    }
    let Some((header, layout)) = found else {
        return Err(match best {
            None => ImportError::Empty,
            Some(b) => ImportError::MissingColumns(missing(&b)),
        });
    };
    let mut out = Vec::new();
    for raw in rows[header + 1..].iter().filter(|r| !r.is_blank()) {
        let cell = |c: Col| -> (&Cell, String) {
            static EMPTY: Cell = Cell::Empty;
            match layout.iter().find(|(x, ..)| *x == c) {
                Some((_, i, h)) => (raw.cells.get(*i).unwrap_or(&EMPTY), h.clone()),
                None => (
                    &EMPTY,
                    COLUMNS.iter().find(|x| x.0 == c).map_or("", |x| x.1).to_string(),
                ),
            }
        };
        let text = |c: Col| normalize(&cell_text(cell(c).0));
        if fold(&text(Col::Stt)) == "vi du" {
            continue;
        }
        let mut problems = Vec::new();
        let problem = |problems: &mut Vec<Problem>, c: Col, code: ErrorCode, message: String| {
            problems.push(Problem {
                row: raw.number,
                column: cell(c).1,
                code,
                message,
            })
        };
        for c in [Col::Name, Col::Owner, Col::Description] {
            if text(c).is_empty() {
                problem(&mut problems, c, ErrorCode::Validation, "chưa ghi".into());
            }
        }
        let field = parse_field(&text(Col::Field));
        if field.is_none() {
            problem(
                &mut problems,
                Col::Field,
                ErrorCode::Validation,
                format!(
                    "'{}' không phải lĩnh vực nào ({})",
                    text(Col::Field),
                    DvkField::ALL
                        .iter()
                        .map(|f| f.label_vi())
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            );
        }
        let holder = parse_holder(&text(Col::Holder));
        if holder.is_none() {
            problem(
                &mut problems,
                Col::Holder,
                ErrorCode::Validation,
                format!("'{}': ghi Tập thể hoặc Cá nhân", text(Col::Holder)),
            );
        }
        let registered_on = match cell(Col::RegisteredOn).0 {
            c if c.is_blank() => Some(today),
            c => match parse_date_cell(c) {
                Ok(d) => Some(d),
                Err(v) => {
                    problem(
                        &mut problems,
                        Col::RegisteredOn,
                        ErrorCode::InvalidDate,
                        format!("ngày {v} không đọc được (dd/mm/yyyy)"),
                    );
                    None
                }
            },
        };
        let year = match text(Col::Year).replace('.', "") {
            y if y.is_empty() => registered_on.map(|d| d.year()),
            y => match y.parse::<i32>() {
                Ok(y) => Some(y),
                Err(_) => {
                    problem(
                        &mut problems,
                        Col::Year,
                        ErrorCode::Validation,
                        format!("năm '{y}' không hợp lệ"),
                    );
                    None
                }
            },
        };
        let unit = Some(text(Col::Unit))
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| default_unit.to_string());
        let opt = |c: Col| Some(text(c)).filter(|s| !s.is_empty());
        let model = match (field, holder, registered_on, year) {
            (Some(field), Some(holder), Some(on), Some(year)) if problems.is_empty() => {
                let m = NewDvkModel {
                    unit,
                    year,
                    holder,
                    name: text(Col::Name),
                    owner: text(Col::Owner),
                    organisation: opt(Col::Organisation),
                    field,
                    sub_field: opt(Col::SubField),
                    description: text(Col::Description),
                    expected_results: opt(Col::Expected),
                    evidence: text(Col::Evidence)
                        .split([';', '\n'])
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect(),
                    registered_on: Some(on),
                };
                match validate_model(&m, today) {
                    Ok(()) => Some(m),
                    Err(e) => {
                        let c = if e.code == ErrorCode::FutureDate {
                            Col::RegisteredOn
                        } else {
                            Col::Year
                        };
                        problem(&mut problems, c, e.code, e.to_string());
                        None
                    }
                }
            }
            _ => None,
        };
        out.push(ModelRow {
            row: raw.number,
            model,
            problems,
        });
    }
    if out.is_empty() {
        return Err(ImportError::NoRows);
    }
    Ok(ModelSheet { rows: out })
}

/// An empty registration sheet with the headers and one example row.
pub fn model_template_xlsx() -> Vec<u8> {
    build_template().expect("the template is built from constants and always writes")
}

fn build_template() -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Đăng ký mô hình")?;
    let bold = XFormat::new().set_bold().set_text_wrap();
    let example = [
        "Ví dụ",
        "Dân vận khéo trong hiến đất làm đường",
        "Tập thể",
        "Chi bộ khu dân cư số 3",
        "Kinh tế",
        "Vận động các hộ hiến đất, góp ngày công mở rộng đường giao thông nông thôn",
        "2026",
        "15/01/2026",
        "",
        "Ban công tác Mặt trận khu 3",
        "",
        "Mở rộng 1,2 km đường liên thôn",
        "bien-ban-hop-dan.pdf; anh-cong-trinh.jpg",
    ];
    for (i, (_, header, required, _)) in COLUMNS.iter().enumerate() {
        let h = if *required {
            format!("{header} *")
        } else {
            header.to_string()
        };
        ws.write_string_with_format(0, i as u16, &h, &bold)?;
        ws.write_string(1, i as u16, example[i])?;
        ws.set_column_width(i as u16, if i == 0 { 6.0 } else { 22.0 })?;
    }
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn xlsx(rows: &[&[&str]]) -> Vec<u8> {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
        wb.save_to_buffer().unwrap()
    }

    #[test]
    fn a_sheet_reads_into_registrations_and_problems_by_row() {
        let bytes = xlsx(&[
            &["DANH SÁCH ĐĂNG KÝ MÔ HÌNH “DÂN VẬN KHÉO” NĂM 2026"],
            &[
                "STT",
                "Tên mô hình",
                "Tập thể/Cá nhân",
                "Tên tập thể, cá nhân",
                "Lĩnh vực",
                "Nội dung, cách thức",
                "Ngày đăng ký",
                "Minh chứng",
            ],
            &["Ví dụ", "x", "Tập thể", "x", "Kinh tế", "x", "", ""],
            &[
                "1",
                "Hiến đất làm đường",
                "Tập thể",
                "Chi hội Nông dân thôn Đông",
                "Kinh tế",
                "Vận động hiến đất",
                "15/01/2026",
                "a.pdf; b.jpg",
            ],
            &[
                "2",
                "Tổ an ninh tự quản",
                "cá nhân",
                "Ông Lê Văn Tâm",
                "quoc phong an ninh",
                "Tuần tra ban đêm",
                "",
                "",
            ],
            &["3", "", "Nhóm", "Bà Hoa", "Thể thao", "x", "32/01/2026", ""],
        ]);
        let sheet = read_model_registrations("dang-ky.xlsx", &bytes, "2025/00004", d(2026, 3, 1)).unwrap();
        assert_eq!(sheet.rows.len(), 3, "the example row is skipped");
        let first = sheet.rows[0].model.as_ref().unwrap();
        assert_eq!(
            (first.field, first.holder, first.year),
            (DvkField::Economy, Holder::Collective, 2026)
        );
        assert_eq!(first.evidence, vec!["a.pdf", "b.jpg"]);
        assert_eq!(first.unit, "2025/00004");
        let second = sheet.rows[1].model.as_ref().unwrap();
        assert_eq!(
            (second.field, second.registered_on),
            (DvkField::DefenceSecurity, Some(d(2026, 3, 1)))
        );
        let bad = &sheet.rows[2];
        assert!(bad.model.is_none());
        assert_eq!(bad.row, 6);
        let columns: Vec<&str> = bad.problems.iter().map(|p| p.column.as_str()).collect();
        assert_eq!(
            columns,
            vec!["Tên mô hình", "Lĩnh vực", "Tập thể/Cá nhân", "Ngày đăng ký"]
        );
        assert!(bad.problems[1]
            .to_string()
            .starts_with("Dòng 6, cột \"Lĩnh vực\": 'Thể thao' không phải lĩnh vực nào"));
    }

    #[test]
    fn missing_columns_are_named_and_the_template_reads_back() {
        let bytes = xlsx(&[&["STT", "Tên mô hình", "Lĩnh vực"]]);
        let e = read_model_registrations("a.xlsx", &bytes, "u", d(2026, 3, 1)).unwrap_err();
        assert_eq!(
            e,
            ImportError::MissingColumns(vec![
                "Tập thể/cá nhân".into(),
                "Tên tập thể, cá nhân".into(),
                "Nội dung, cách thức".into()
            ])
        );
        let e = read_model_registrations("mau.xlsx", &model_template_xlsx(), "u", d(2026, 3, 1)).unwrap_err();
        assert_eq!(e, ImportError::NoRows, "only the example row");
    }

    #[test]
    fn csv_works_too() {
        let csv = "Tên mô hình,Tập thể/cá nhân,Tên tập thể, cá nhân,Lĩnh vực,Nội dung\n";
        // A header with a comma inside must be quoted in CSV; unquoted it splits in two.
        assert!(read_model_registrations("a.csv", csv.as_bytes(), "u", d(2026, 3, 1)).is_err());
        let csv = "Tên mô hình,Tập thể/cá nhân,\"Tên tập thể, cá nhân\",Lĩnh vực,Nội dung\nMô hình A,Tập thể,Hội Phụ nữ,Văn hóa – xã hội,Nội dung A\n";
        let sheet = read_model_registrations("a.csv", csv.as_bytes(), "u", d(2026, 3, 1)).unwrap();
        assert_eq!(sheet.rows[0].model.as_ref().unwrap().field, DvkField::CultureSociety);
    }
}
