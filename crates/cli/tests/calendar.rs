//! `danvan calendar …` on the real binary. These commands need no database: each test points
//! DANVAN_DATABASE_URL at a file in an empty folder and checks that nothing was created.

use std::process::{Command, Output};

struct Run {
    dir: tempfile::TempDir,
}

impl Run {
    fn new() -> Run {
        Run {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        let db = self.dir.path().join("danvan.db");
        let out = Command::new(env!("CARGO_BIN_EXE_danvan"))
            .args(args)
            .current_dir(self.dir.path())
            .env("DANVAN_DATABASE_URL", format!("sqlite://{}", db.display()))
            .output()
            .unwrap();
        let created: Vec<_> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(created.is_empty(), "created {created:?}");
        out
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}", stderr(o));
    stdout(o)
}

/// A failure: exit code 1 and one Vietnamese line ending in `[code]`.
fn failed(o: &Output, code: &str) -> String {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(stdout(o).is_empty(), "{}", stdout(o));
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.trim_end().ends_with(&format!("[{code}]")), "{err}");
    err
}

#[test]
fn holidays_table_2025() {
    let r = Run::new();
    let text = ok(&r.run(&["calendar", "holidays", "--year", "2025"]));
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("date"), "{text}");
    // 16 days off and 2 make-up Saturdays.
    assert_eq!(lines.len() - 1, 18, "{text}");
    assert!(lines[1].starts_with("01/01/2025  Thứ Tư"), "{text}");
    assert!(lines[1].contains("Tết Dương lịch") && lines[1].ends_with("Nghỉ"));
    let make_up = lines
        .iter()
        .find(|l| l.starts_with("08/02/2025"))
        .expect("make-up Saturday listed");
    assert!(make_up.contains("Thứ Bảy") && make_up.ends_with("Làm bù"), "{make_up}");
    assert!(text.contains("07/04/2025  Thứ Hai"), "{text}");
    assert!(text.contains("Giỗ Tổ Hùng Vương"));
    assert!(text.contains("Chủ nhật"));
}

#[test]
fn holidays_json_for_a_computed_year() {
    let r = Run::new();
    let out = ok(&r.run(&["calendar", "holidays", "--year", "2026", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let list = v.as_array().unwrap();
    let find = |date: &str| {
        list.iter()
            .find(|h| h["date"] == date)
            .unwrap_or_else(|| panic!("{date} missing from {out}"))
    };
    assert_eq!(find("2026-02-17")["name"], "Tết Nguyên đán");
    assert_eq!(find("2026-02-17")["weekday"], "Thứ Ba");
    assert_eq!(find("2026-04-26")["weekday"], "Chủ nhật");
    assert_eq!(find("2026-04-27")["name"], "Nghỉ bù Giỗ Tổ Hùng Vương");
    assert_eq!(find("2026-04-27")["kind"], "day_off");
    assert_eq!(list.len(), 12);

    let csv = ok(&r.run(&["calendar", "holidays", "--year", "2024", "--format", "csv"]));
    assert!(csv.starts_with("date,weekday,name,kind\n"), "{csv}");
    assert!(csv.contains("2024-05-04,Thứ Bảy,Làm bù cho ngày 29/04/2024,work_day"));
}

#[test]
fn deadline_in_working_days_and_days() {
    let r = Run::new();
    let out = ok(&r.run(&["calendar", "deadline", "--from", "2025-01-24", "--working-days", "1"]));
    assert_eq!(out, "03/02/2025 (Thứ Hai)\n");
    let out = ok(&r.run(&["calendar", "deadline", "--from", "24/01/2025", "--working-days", "7"]));
    assert_eq!(out, "10/02/2025 (Thứ Hai)\n");
    // 20/01/2025 + 10 days = 30/01, inside Tết: moves to the next working day.
    let out = ok(&r.run(&["calendar", "deadline", "--from", "2025-01-20", "--days", "10"]));
    assert_eq!(out, "03/02/2025 (Thứ Hai)\n");
    // A plain weekday stays as it is; a make-up Saturday is a working day.
    let out = ok(&r.run(&["calendar", "deadline", "--from", "2025-03-03", "--days", "30"]));
    assert_eq!(out, "02/04/2025 (Thứ Tư)\n");
    let out = ok(&r.run(&["calendar", "deadline", "--from", "2025-04-16", "--days", "10"]));
    assert_eq!(out, "26/04/2025 (Thứ Bảy)\n");
}

#[test]
fn bad_input_fails_with_one_vietnamese_line() {
    let r = Run::new();
    let bad_date = r.run(&["calendar", "deadline", "--from", "31/02/2025", "--days", "3"]);
    assert!(failed(&bad_date, "invalid_date").contains("Ngày không hợp lệ"));

    let missing = r.run(&["calendar", "deadline", "--from", "2025-01-24"]);
    let err = failed(&missing, "validation");
    assert!(err.contains("--working-days") && err.contains("--days"), "{err}");

    let both = r.run(&[
        "calendar",
        "deadline",
        "--from",
        "2025-01-24",
        "--days",
        "3",
        "--working-days",
        "3",
    ]);
    assert!(failed(&both, "validation").contains("cần đúng một"));

    let twice = r.run(&[
        "calendar",
        "deadline",
        "--from",
        "2025-01-24",
        "--days",
        "3",
        "--days",
        "4",
    ]);
    failed(&twice, "validation");

    let not_a_number = r.run(&["calendar", "deadline", "--from", "2025-01-24", "--working-days", "-2"]);
    assert!(failed(&not_a_number, "validation").contains("số ngày '-2'"));

    let bad_year = r.run(&["calendar", "holidays", "--year", "hai nghìn"]);
    assert!(failed(&bad_year, "validation").contains("năm"));
}
