use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn doc(doc_type: DocumentType, symbol: &str) -> NewDirective {
    NewDirective {
        unit: "legacy/236".into(),
        doc_type,
        symbol: symbol.into(),
        issued_on: d(2021, 3, 22),
        issuer: "Ban Thường vụ Huyện ủy".into(),
        title: "Về đẩy mạnh cải cách hành chính".into(),
        file: None,
    }
}

#[test]
fn party_symbols_parse() {
    let s = DocumentSymbol::parse("85-KH/QU").unwrap();
    assert_eq!(s.style, SymbolStyle::Party);
    assert_eq!(
        (s.number, s.type_abbr.as_deref(), s.issuer_abbr.as_str()),
        (85, Some("KH"), "QU")
    );
    assert_eq!(s.document_type(), Some(DocumentType::Plan));
    let s = DocumentSymbol::parse("11-QĐi/TW").unwrap();
    assert_eq!(s.document_type(), Some(DocumentType::Regulation));
    let s = DocumentSymbol::parse("Số 152-BC/ĐU").unwrap();
    assert_eq!(s.document_type(), Some(DocumentType::Report));
    assert_eq!(s.printed(), "Số 152-BC/ĐU");
    assert_eq!(DocumentSymbol::parse("3-HD/BTGDVTU").unwrap().text(), "03-HD/BTGDVTU");
}

#[test]
fn state_symbols_parse() {
    let s = DocumentSymbol::parse("05/BC-UBND").unwrap();
    assert_eq!(s.style, SymbolStyle::State);
    assert_eq!(s.document_type(), Some(DocumentType::Report));
    assert_eq!(s.issuer_abbr, "UBND");
    assert_eq!(s.printed(), "Số: 05/BC-UBND");
    let s = DocumentSymbol::parse("Số: 30/2020/NĐ-CP").unwrap();
    assert_eq!(s.year, Some(2020));
    assert_eq!(s.type_abbr, None, "NĐ is not a register type");
    assert_eq!(s.text(), "30/2020/NĐ-CP");
    let s = DocumentSymbol::parse("16/CT-TTg").unwrap();
    assert_eq!(s.document_type(), Some(DocumentType::Directive));
    let letter = DocumentSymbol::parse("249/UBND-VP").unwrap();
    assert_eq!((letter.type_abbr, letter.issuer_abbr.as_str()), (None, "UBND-VP"));
}

#[test]
fn symbols_that_do_not_parse_are_refused() {
    for bad in [
        "",
        "Số",
        "85",
        "KH/QU",
        "85 KH/QU",
        "85-/QU",
        "85-KH/",
        "85-kh/qu",
        "0-KH/QU",
        "05/",
        "05/bc-ubnd",
        "05/BC--UBND",
        "x5/BC-UBND",
        "05/20/NĐ-CP",
    ] {
        let e = DocumentSymbol::parse(bad).expect_err(bad);
        assert_eq!(e.code, ErrorCode::InvalidDocumentSymbol, "{bad}");
        assert!(
            e.to_string().starts_with("Số, ký hiệu văn bản không đúng thể thức"),
            "{e}"
        );
    }
}

#[test]
fn the_symbol_must_agree_with_the_type_and_the_date() {
    let today = d(2026, 1, 1);
    let ok = validate_directive(&doc(DocumentType::Plan, "85-KH/QU"), today).unwrap();
    assert_eq!(ok.symbol.text(), "85-KH/QU");
    validate_directive(&doc(DocumentType::OfficialLetter, "249/UBND-VP"), today).unwrap();
    validate_directive(&doc(DocumentType::Regulation, "11-QĐi/TW"), today).unwrap();
    let e = validate_directive(&doc(DocumentType::Plan, "05/BC-UBND"), today).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidDocumentSymbol);
    assert!(e.detail.contains("Báo cáo"), "{e}");
    let e = validate_directive(&doc(DocumentType::Report, "249/UBND-VP"), today).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidDocumentSymbol);
    let e = validate_directive(&doc(DocumentType::Other, "30/2019/NĐ-CP"), today).unwrap_err();
    assert!(e.detail.contains("2019"), "{e}");
    let e = validate_directive(&doc(DocumentType::Plan, "85-KH/QU"), d(2020, 1, 1)).unwrap_err();
    assert_eq!(e.code, ErrorCode::FutureDate);
    let mut blank = doc(DocumentType::Plan, "85-KH/QU");
    blank.title = "  ".into();
    assert_eq!(
        validate_directive(&blank, today).unwrap_err().code,
        ErrorCode::Validation
    );
}

#[test]
fn counts_by_type_read_like_the_seed() {
    let counts = by_type_counts(|t| match t {
        DocumentType::Directive | DocumentType::Decision => 1,
        DocumentType::OfficialLetter | DocumentType::Report => 4,
        DocumentType::Programme => 2,
        DocumentType::Plan => 3,
        _ => 0,
    });
    assert_eq!(
        directive_text(&counts),
        "ban hành 01 Chỉ thị; 01 Quyết định; 04 Công văn; 02 Chương trình; 03 Kế hoạch; 04 Báo cáo"
    );
}
