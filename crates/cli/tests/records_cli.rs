//! `danvan models import|stats`, `danvan directives add|stats` and `danvan movements stats`
//! through the real binary.

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

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

fn sheet(path: &std::path::Path, rows: &[&[&str]]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

const HEADER: &[&str] = &[
    "STT",
    "Tên mô hình",
    "Tập thể/cá nhân",
    "Tên tập thể, cá nhân",
    "Lĩnh vực",
    "Nội dung, cách thức",
    "Ngày đăng ký",
];

#[test]
fn model_registrations_import_with_a_dry_run_report_per_row() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dang-ky.xlsx");
    sheet(
        &file,
        &[
            HEADER,
            &[
                "1",
                "Hiến đất làm đường",
                "Tập thể",
                "Chi hội Nông dân thôn Đông",
                "Kinh tế",
                "Vận động hiến đất",
                "10/03/2024",
            ],
            &[
                "2",
                "Tổ tuần tra",
                "Cá nhân",
                "Ông Lê Văn Tâm",
                "An ninh quốc phòng",
                "Tuần tra",
                "11/03/2024",
            ],
        ],
    );
    let path = file.to_str().unwrap();
    let dry = run(&dir, &["models", "import", path, "--unit", "legacy/236", "--dry-run"]);
    let report = text(&dry);
    assert!(!dry.status.success(), "{report}");
    assert!(
        report.contains("Dòng 2: hợp lệ — Hiến đất làm đường (Tập thể, Kinh tế, năm 2024)"),
        "{report}"
    );
    assert!(
        report.contains("Dòng 3, cột \"Lĩnh vực\": 'An ninh quốc phòng' không phải lĩnh vực nào"),
        "{report}"
    );
    assert!(
        report.contains("1/2 dòng hợp lệ, 1 lỗi.") && report.contains("Chạy thử: không ghi gì."),
        "{report}"
    );
    let refused = run(&dir, &["models", "import", path, "--unit", "legacy/236"]);
    assert!(!refused.status.success());
    assert!(text(&refused).contains("không ghi mô hình nào"));

    sheet(
        &file,
        &[
            HEADER,
            &[
                "1",
                "Hiến đất làm đường",
                "Tập thể",
                "Chi hội Nông dân thôn Đông",
                "Kinh tế",
                "Vận động hiến đất",
                "10/03/2024",
            ],
            &[
                "2",
                "Tổ tuần tra",
                "Cá nhân",
                "Ông Lê Văn Tâm",
                "Quốc phòng – an ninh",
                "Tuần tra",
                "11/03/2024",
            ],
        ],
    );
    let done = run(&dir, &["models", "import", path, "--unit", "legacy/236"]);
    assert!(done.status.success(), "{}", text(&done));
    assert!(text(&done).contains("Đã nhập 2 mô hình “Dân vận khéo”."));
    let stats = run(
        &dir,
        &[
            "models",
            "stats",
            "--unit",
            "legacy/236",
            "--from",
            "01/01/2024",
            "--to",
            "31/12/2024",
        ],
    );
    assert!(stats.status.success(), "{}", text(&stats));
    assert!(
        text(&stats).contains("2 mô hình, điển hình đăng ký (1 tập thể, 1 cá nhân)"),
        "{}",
        text(&stats)
    );
    let list = run(&dir, &["models", "list", "--unit", "legacy/236", "--format", "csv"]);
    assert_eq!(text(&list).lines().count(), 3, "{}", text(&list));
}

#[test]
fn directives_are_registered_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let add = |symbol: &str, kind: &str| {
        run(
            &dir,
            &[
                "directives",
                "add",
                "--unit",
                "legacy/236",
                "--type",
                kind,
                "--symbol",
                symbol,
                "--date",
                "05/02/2021",
                "--issuer",
                "Ban Thường vụ Huyện ủy",
                "--title",
                "Về công tác dân vận",
            ],
        )
    };
    let bad = add("85/KH/QU", "plan");
    assert!(!bad.status.success());
    assert!(
        text(&bad).contains("Số, ký hiệu văn bản không đúng thể thức"),
        "{}",
        text(&bad)
    );
    let ok = add("85-KH/HU", "plan");
    assert!(ok.status.success(), "{}", text(&ok));
    assert!(
        text(&ok).contains("Đã vào sổ văn bản Số 85-KH/HU (Kế hoạch)"),
        "{}",
        text(&ok)
    );
    assert!(add("04-CT/HU", "directive").status.success());
    let stats = run(
        &dir,
        &[
            "directives",
            "stats",
            "--unit",
            "legacy/236",
            "--from",
            "2021-01-01",
            "--to",
            "2021-12-31",
        ],
    );
    assert!(
        text(&stats).contains("ban hành 01 Chỉ thị; 01 Kế hoạch"),
        "{}",
        text(&stats)
    );
    let figures = run(
        &dir,
        &[
            "movements",
            "stats",
            "--unit",
            "legacy/236",
            "--from",
            "2021-01-01",
            "--to",
            "2021-12-31",
        ],
    );
    assert!(figures.status.success(), "{}", text(&figures));
    assert!(
        text(&figures).contains("huy động được 0,0 triệu đồng"),
        "{}",
        text(&figures)
    );
}

#[test]
fn files_are_attached_to_a_directive_and_a_model() {
    let dir = tempfile::tempdir().unwrap();
    let added = run(
        &dir,
        &[
            "directives",
            "add",
            "--unit",
            "2025/00004",
            "--type",
            "plan",
            "--symbol",
            "12/KH-UBND",
            "--date",
            "05/09/2025",
            "--issuer",
            "Ủy ban nhân dân phường",
            "--title",
            "Kế hoạch công tác dân vận",
            "--file",
            "Hộp lưu số 3",
        ],
    );
    assert!(added.status.success(), "{}", text(&added));
    let pdf = dir.path().join("Kế hoạch 12.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n% ke hoach\n%%EOF\n").unwrap();
    let fake = dir.path().join("virus.pdf");
    std::fs::write(&fake, b"MZ\x90\x00").unwrap();
    let ok = run(&dir, &["directives", "attach", "1", pdf.to_str().unwrap()]);
    assert!(ok.status.success(), "{}", text(&ok));
    assert!(
        text(&ok).contains("Đã lưu tệp Kế hoạch 12.pdf (application/pdf, 26 byte"),
        "{}",
        text(&ok)
    );
    // The bytes are in the files folder beside the database, named by their SHA-256.
    let files = dir.path().join("danvan.db-files");
    assert_eq!(std::fs::read_dir(&files).unwrap().count(), 1);
    let refused = run(&dir, &["directives", "attach", "1", fake.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(text(&refused).contains("[attachment_type]"), "{}", text(&refused));
    let missing = run(&dir, &["models", "attach", "7", pdf.to_str().unwrap()]);
    assert!(!missing.status.success());
    assert!(text(&missing).contains("[not_found]"), "{}", text(&missing));
}

/// The record lists from the command line take the web list's filters (`--q` folded, `--sort`,
/// dates) and print every page.
#[test]
fn record_lists_take_search_words_and_order() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = run(&dir, &["demo", "seed", "--petitions", "20"]);
    assert!(seeded.status.success(), "{}", text(&seeded));

    let movements = run(&dir, &["movements", "list", "--q", "MOI NGUOI DAN", "--format", "csv"]);
    assert!(movements.status.success(), "{}", text(&movements));
    let out = text(&movements);
    assert!(out.contains("Mỗi người dân - Mỗi ngày một việc"), "{out}");
    assert!(!out.contains("Ngày vì người nghèo"), "only the words searched: {out}");

    let votes = |sort: &str| {
        let o = run(
            &dir,
            &[
                "votes",
                "list",
                "--q",
                "be tong hoa",
                "--sort",
                sort,
                "--format",
                "json",
            ],
        );
        assert!(o.status.success(), "{}", text(&o));
        let list: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        list.as_array()
            .unwrap()
            .iter()
            .map(|d| d["voted_on"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let (newest, mut oldest) = (votes("newest"), votes("oldest"));
    assert!(newest.len() >= 2, "{newest:?}");
    oldest.reverse();
    assert_eq!(newest, oldest, "the same votes, the other way round");

    let bad = run(&dir, &["receptions", "list", "--sort", "due"]);
    assert!(!bad.status.success());
    assert!(text(&bad).contains("cách sắp xếp"), "{}", text(&bad));
    let none = run(&dir, &["receptions", "list", "--q", "không có ai", "--format", "csv"]);
    assert!(none.status.success(), "{}", text(&none));
    assert_eq!(text(&none).lines().count(), 1, "the header only: {}", text(&none));
}
