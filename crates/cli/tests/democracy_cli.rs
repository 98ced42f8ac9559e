//! `danvan disclosures import FILE.xlsx` (dry run with a per-row report, then the real
//! import), the compliance view, votes, GPMB and issues through the real binary.

use std::process::{Command, Output};

fn run(dir: &tempfile::TempDir, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_danvan"))
        .args(args)
        .env(
            "DANVAN_DATABASE_URL",
            format!("sqlite://{}", dir.path().join("danvan.db").display()),
        )
        .output()
        .unwrap()
}

fn out(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn xlsx(path: &std::path::Path, rows: &[[&str; 6]]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let header = [
        "Mã nội dung",
        "Nội dung công khai",
        "Ngày ban hành",
        "Hình thức",
        "Ngày bắt đầu",
        "Ngày kết thúc",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(r as u32 + 1, c as u16, *v).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

#[test]
fn disclosures_are_imported_with_a_per_row_report() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("mau.xlsx");
    let o = out(&run(
        &dir,
        &["disclosures", "template", "--to", template.to_str().unwrap()],
    ));
    assert!(o.contains("Đã tạo mẫu danh mục công khai"), "{o}");
    let o = run(
        &dir,
        &[
            "disclosures",
            "import",
            template.to_str().unwrap(),
            "--unit",
            "2025/00004",
            "--dry-run",
        ],
    );
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("Tệp chỉ có dòng tiêu đề"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let bad = dir.path().join("cong-khai-loi.xlsx");
    xlsx(
        &bad,
        &[
            [
                "CK_02",
                "Dự toán ngân sách 2024",
                "02/01/2024",
                "niêm yết",
                "03/01/2024",
                "02/02/2024",
            ],
            [
                "CK_03",
                "Phương án bồi thường",
                "05/01/2024",
                "posting",
                "20/01/2024",
                "10/01/2024",
            ],
        ],
    );
    let o = run(
        &dir,
        &[
            "disclosures",
            "import",
            bad.to_str().unwrap(),
            "--unit",
            "2025/00004",
            "--dry-run",
        ],
    );
    assert!(!o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("Dòng 3, cột \"Ngày kết thúc\""), "{text}");
    assert!(text.contains("Chạy thử: không ghi gì (1 dòng có thể nhập)."), "{text}");
    let o = run(
        &dir,
        &["disclosures", "import", bad.to_str().unwrap(), "--unit", "2025/00004"],
    );
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("không ghi dòng nào"));

    let good = dir.path().join("cong-khai.xlsx");
    xlsx(
        &good,
        &[
            [
                "CK_02",
                "Dự toán ngân sách 2024",
                "02/01/2024",
                "niêm yết; portal",
                "03/01/2024",
                "02/02/2024",
            ],
            [
                "CK_05",
                "Quỹ vì người nghèo",
                "05/01/2024",
                "posting",
                "19/01/2024",
                "25/01/2024",
            ],
        ],
    );
    let done = out(&run(
        &dir,
        &["disclosures", "import", good.to_str().unwrap(), "--unit", "2025/00004"],
    ));
    assert!(done.contains("Đã nhập 2 nội dung công khai."), "{done}");
    let view = out(&run(
        &dir,
        &[
            "disclosures",
            "compliance",
            "--unit",
            "2025/00004",
            "--from",
            "01/01/2024",
            "--to",
            "31/03/2024",
        ],
    ));
    assert!(
        view.contains(
            "Đến hạn 2 nội dung: đúng hạn 1, chậm 1, chưa công khai 0; 1 nội dung niêm yết chưa đủ thời gian"
        ),
        "{view}"
    );
    let quarter = out(&run(
        &dir,
        &[
            "disclosures",
            "quarter",
            "--unit",
            "2025/00004",
            "--year",
            "2024",
            "--quarter",
            "1",
            "--format",
            "csv",
        ],
    ));
    assert_eq!(quarter.lines().count(), 3, "{quarter}");
    let sheet = dir.path().join("quy-1.xlsx");
    let o = out(&run(
        &dir,
        &[
            "disclosures",
            "quarter",
            "--unit",
            "2025/00004",
            "--year",
            "2024",
            "--quarter",
            "1",
            "--out",
            sheet.to_str().unwrap(),
        ],
    ));
    assert!(o.contains("Đã xuất 2 nội dung công khai quý 1/2024"), "{o}");
    assert!(std::fs::read(&sheet).unwrap().starts_with(b"PK"));
}

#[test]
fn votes_projects_and_issues_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let vote = dir.path().join("bieu-quyet.json");
    std::fs::write(
        &vote,
        r#"{ "unit": "2025/00004", "matter": "contribution", "scope": "village", "form": "meeting",
             "title": "Đóng góp làm đường ngõ 5", "voted_on": "2024-10-05", "electorate": 90,
             "votes_for": 60, "votes_against": 30 }"#,
    )
    .unwrap();
    let o = out(&run(&dir, &["votes", "add", vote.to_str().unwrap()]));
    assert!(
        o.contains("60/90 hộ đồng ý (66,6%), cần từ 2/3 trở lên — Được thông qua"),
        "{o}"
    );
    std::fs::write(
        &vote,
        r#"{ "unit": "2025/00004", "matter": "contribution", "scope": "village", "form": "meeting",
             "title": "x", "voted_on": "2024-10-05", "electorate": 90, "votes_for": 60, "votes_against": 31 }"#,
    )
    .unwrap();
    let o = run(&dir, &["votes", "add", vote.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("Số phiếu biểu quyết nhiều hơn số hộ gia đình"));

    let project = dir.path().join("du-an.json");
    std::fs::write(
        &project,
        r#"{ "unit": "2025/00004", "name": "Đường Vành đai 4", "started_on": "2023-01-02" }"#,
    )
    .unwrap();
    assert!(out(&run(&dir, &["gpmb", "add", project.to_str().unwrap()])).contains("Đã ghi dự án GPMB số 1"));
    let hs = dir.path().join("ho.json");
    std::fs::write(
        &hs,
        r#"[{ "head_name": "Nguyễn Văn A", "state": "handed_over" },
            { "head_name": "Trần Thị B", "state": "obstructing", "reason": "Chưa đồng ý giá đất" }]"#,
    )
    .unwrap();
    let o = out(&run(&dir, &["gpmb", "households", "1", hs.to_str().unwrap()]));
    assert!(
        o.contains("1/2 hộ đã bàn giao mặt bằng, đạt 50,0%; còn 1 hộ (01 hộ chưa chấp hành)"),
        "{o}"
    );
    let o = out(&run(&dir, &["gpmb", "outstanding", "1", "--format", "csv"]));
    assert!(o.contains("Trần Thị B") && !o.contains("Nguyễn Văn A"), "{o}");

    let issue = dir.path().join("van-de.json");
    std::fs::write(
        &issue,
        r#"{ "unit": "2025/00004", "title": "Ngập úng tổ 3", "kind": "pressing", "severity": "high", "first_seen_on": "2024-05-01" }"#,
    )
    .unwrap();
    out(&run(&dir, &["issues", "add", issue.to_str().unwrap()]));
    let o = out(&run(&dir, &["issues", "list", "--format", "csv"]));
    assert!(o.contains("Ngập úng tổ 3"), "{o}");
}
