//! `danvan meetings …` and `danvan items overdue` through the real binary.

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

#[test]
fn meetings_are_recorded_listed_counted_and_followed_up() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hoi-nghi.json");
    std::fs::write(
        &file,
        r#"{
          "unit": "legacy/277", "kind": "dialogue_periodic", "organiser": "Huyện ủy – UBND huyện",
          "held_on": "2024-04-18", "topic": "Đối thoại 6 tháng đầu năm 2024", "participants": 580,
          "opinions_total": 67, "opinions_collected": 45, "opinions_direct": 23, "held": true,
          "items": [
            { "origin": "collected", "content": "Tiến độ bồi thường quốc lộ 6",
              "decision": { "outcome": "answer_in_writing", "answering_agency": "Ban Quản lý dự án huyện" } },
            { "origin": "direct", "content": "Nước sạch cho thôn Đồng Lệ", "decision": { "outcome": "answered_at_meeting" } }
          ]
        }"#,
    )
    .unwrap();
    let added = out(&run(&dir, &["meetings", "add", file.to_str().unwrap()]));
    assert!(added.contains("Đã ghi hội nghị số 1 với 2 ý kiến."), "{added}");
    assert!(
        added.contains("45 ý kiến tổng hợp + 23 ý kiến trực tiếp = 68, khác tổng số 67 ý kiến"),
        "{added}"
    );

    let list = out(&run(
        &dir,
        &["meetings", "list", "--unit", "legacy/277", "--format", "csv"],
    ));
    assert_eq!(list.lines().count(), 2, "{list}");
    assert!(list.contains("18/04/2024") && list.contains("Đối thoại định kỳ"));
    // The meeting's typed counts do not add up: it is what `--inconsistent` picks, and no
    // meeting in another period is.
    let flagged = out(&run(
        &dir,
        &[
            "meetings",
            "list",
            "--inconsistent",
            "--from",
            "01/01/2024",
            "--format",
            "csv",
        ],
    ));
    assert_eq!(flagged.lines().count(), 2, "{flagged}");
    let none = out(&run(
        &dir,
        &[
            "meetings",
            "list",
            "--inconsistent",
            "--from",
            "01/05/2024",
            "--format",
            "csv",
        ],
    ));
    assert_eq!(none.lines().count(), 1, "only the header: {none}");
    let file = dir.path().join("hoi-nghi.csv");
    let exported = out(&run(
        &dir,
        &[
            "meetings",
            "export",
            "--unit",
            "legacy/277",
            "--format",
            "csv",
            "--out",
            file.to_str().unwrap(),
        ],
    ));
    assert!(exported.contains("Đã xuất 1 hội nghị"), "{exported}");
    let csv = std::fs::read_to_string(&file).unwrap();
    assert!(
        csv.contains("18/04/2024") && csv.contains("Đối thoại định kỳ") && csv.contains(",580,"),
        "{csv}"
    );

    let stats = out(&run(
        &dir,
        &[
            "meetings",
            "stats",
            "--unit",
            "legacy/277",
            "--from",
            "01/01/2024",
            "--to",
            "30/06/2024",
        ],
    ));
    assert!(
        stats.contains("1 hội nghị đối thoại: cấp huyện 01 định kỳ và 00 đột xuất"),
        "{stats}"
    );
    assert!(stats.contains("580 lượt người") && stats.contains("1/2 ý kiến được trả lời"));

    // Ten working days after Thursday 18/04/2024 (29/4–1/5 off, Saturday 4/5 worked) end on
    // 06/05/2024, long past: the written answer is overdue.
    let overdue = out(&run(&dir, &["items", "overdue", "--format", "csv"]));
    assert_eq!(overdue.lines().count(), 2, "{overdue}");
    assert!(overdue.contains("Tiến độ bồi thường quốc lộ 6") && overdue.contains("quá hạn"));
    assert!(overdue.contains("06/05/2024"), "{overdue}");

    let bad = run(
        &dir,
        &[
            "meetings",
            "stats",
            "--unit",
            "legacy/277",
            "--from",
            "32/01/2024",
            "--to",
            "30/06/2024",
        ],
    );
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.starts_with("lỗi: ") && err.contains("[invalid_date]"), "{err}");
}
