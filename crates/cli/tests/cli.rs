//! The real `danvan` binary on a fresh SQLite file.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Output, Stdio};

struct Db {
    dir: tempfile::TempDir,
}

impl Db {
    fn new() -> Db {
        Db {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn url(&self) -> String {
        format!("sqlite://{}", self.dir.path().join("danvan.db").display())
    }
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_danvan"))
            .args(args)
            .env("DANVAN_DATABASE_URL", self.url())
            .output()
            .unwrap()
    }
    fn run_with_stdin(&self, args: &[&str], input: &str) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_danvan"))
            .args(args)
            .env("DANVAN_DATABASE_URL", self.url())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Data rows of a table printout (the first line is the header).
fn rows(o: &Output) -> usize {
    assert!(o.status.success(), "{}", stderr(o));
    stdout(o).lines().count() - 1
}

#[test]
fn units_list_counts_both_structures() {
    let db = Db::new();
    assert_eq!(
        rows(&db.run(&["units", "list", "--at", "2024-06-30", "--level", "province"])),
        63
    );
    assert_eq!(
        rows(&db.run(&["units", "list", "--at", "2025-07-01", "--level", "province"])),
        34
    );
    assert_eq!(
        rows(&db.run(&["units", "list", "--at", "2024-06-30", "--level", "commune"])),
        10_035
    );
    assert_eq!(
        rows(&db.run(&["units", "list", "--at", "2025-07-01", "--level", "commune"])),
        3_321
    );
    let again = db.run(&["units", "import"]);
    assert!(
        stdout(&again).contains("Đã thêm 0 đơn vị, 0 quan hệ kế thừa"),
        "{}",
        stdout(&again)
    );

    let succ = db.run(&["units", "successors", "legacy/00004"]);
    assert!(stdout(&succ).contains("Phường Ba Đình"));
    let preds = db.run(&[
        "units",
        "predecessors",
        "00004",
        "--at",
        "2025-07-01",
        "--format",
        "csv",
    ]);
    let text = stdout(&preds);
    assert!(text.starts_with("scheme,code,name,kind,is_default"));
    assert!(text.contains("legacy,00004,Phường Trúc Bạch,whole,"));
    assert!(text.contains("legacy,00016,Phường Ngọc Hà,divided,1"));

    let json = db.run(&["units", "list", "--parent", "legacy/001", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(v.as_array().unwrap().iter().any(|u| u["name"] == "Phường Trúc Bạch"));
}

#[test]
fn bad_input_fails_with_one_vietnamese_line_and_writes_nothing() {
    let db = Db::new();
    let bad_date = db.run(&["units", "list", "--at", "31/02/2024"]);
    assert_eq!(bad_date.status.code(), Some(1));
    assert!(stderr(&bad_date).contains("Ngày không hợp lệ") && stderr(&bad_date).contains("[invalid_date]"));

    let unknown = db.run_with_stdin(
        &[
            "user",
            "add",
            "--username",
            "cb.x",
            "--role",
            "officer",
            "--unit",
            "2025/99999",
            "--password-stdin",
        ],
        "mat-khau-123\n",
    );
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stderr(&unknown).contains("[unknown_unit]"), "{}", stderr(&unknown));

    let ok = db.run_with_stdin(
        &[
            "user",
            "add",
            "--username",
            "cb.x",
            "--role",
            "officer",
            "--unit",
            "2025/00004",
            "--password-stdin",
        ],
        "mat-khau-123\n",
    );
    assert!(ok.status.success(), "{}", stderr(&ok));
    let dup = db.run_with_stdin(
        &[
            "user",
            "add",
            "--username",
            "cb.x",
            "--role",
            "viewer",
            "--unit",
            "2025/00008",
            "--password-stdin",
        ],
        "mat-khau-123\n",
    );
    assert_eq!(dup.status.code(), Some(1));
    assert!(stderr(&dup).contains("Tên đăng nhập đã tồn tại"));
    let role = db.run(&[
        "user",
        "add",
        "--username",
        "cb.y",
        "--role",
        "boss",
        "--unit",
        "2025/00004",
    ]);
    assert_eq!(role.status.code(), Some(1));
    assert_eq!(rows(&db.run(&["user", "list"])), 1);
    let disabled = db.run(&["user", "disable", "cb.x"]);
    assert!(disabled.status.success());
    assert!(stdout(&db.run(&["user", "list"])).contains("disabled"));
}

#[tokio::test(flavor = "multi_thread")]
async fn audit_verify_detects_an_edited_row() {
    let db = Db::new();
    let out = db.run(&[
        "user",
        "add",
        "--username",
        "cb.audit",
        "--role",
        "officer",
        "--unit",
        "2025/00004",
    ]);
    assert!(
        stdout(&out).contains("Mật khẩu ban đầu:"),
        "a random initial password is printed once"
    );
    let ok = db.run(&["audit", "verify"]);
    assert!(
        ok.status.success() && stdout(&ok).contains("Nhật ký toàn vẹn"),
        "{}",
        stdout(&ok)
    );

    let store = danvan_store::Store::open(&db.url()).await.unwrap();
    store
        .raw_execute_for_tests("DROP TRIGGER audit_log_no_update")
        .await
        .unwrap();
    store
        .raw_execute_for_tests("UPDATE audit_log SET actor = 'ai-do' WHERE entity = 'user'")
        .await
        .unwrap();
    store.close().await;
    let bad = db.run(&["audit", "verify"]);
    assert_eq!(bad.status.code(), Some(3));
    assert!(
        stdout(&bad).contains("NHẬT KÝ BỊ SỬA tại bản ghi số 2"),
        "{}",
        stdout(&bad)
    );
}

#[test]
fn migrate_and_backup() {
    let db = Db::new();
    let first = db.run(&["db", "migrate"]);
    assert!(
        stdout(&first).contains("Đã áp dụng: 1, 2, 3, 4, 5, 6"),
        "{}",
        stdout(&first)
    );
    assert!(stdout(&db.run(&["db", "migrate"])).contains("mới nhất"));
    let to = db.dir.path().join("copy.db");
    let backup = db.run(&["db", "backup", "--to", to.to_str().unwrap()]);
    assert!(backup.status.success(), "{}", stderr(&backup));
    assert!(to.exists());
    let again = db.run(&["db", "backup", "--to", to.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1), "never overwrites a backup");
}

#[tokio::test(flavor = "multi_thread")]
async fn serve_demo_answers_health_and_shows_the_login_page() {
    let db = Db::new();
    let mut child = Command::new(env!("CARGO_BIN_EXE_danvan"))
        .args(["serve", "--demo", "--bind", "127.0.0.1:0", "--db", &db.url()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut printed = Vec::new();
    let addr = loop {
        let line = lines.next().expect("serve exited early").unwrap();
        printed.push(line.clone());
        if let Some(a) = line.strip_prefix("danvan đang chạy tại ") {
            break a.to_string();
        }
    };
    assert!(
        printed.iter().any(|l| l.starts_with("Đăng nhập mẫu: admin / ")),
        "{printed:?}"
    );
    let health = reqwest::get(format!("{addr}/healthz")).await.unwrap();
    assert_eq!(health.status(), 200);
    let page = reqwest::get(format!("{addr}/")).await.unwrap().text().await.unwrap();
    assert!(page.contains("action=\"/login\""));
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn deadline_rules_are_settings_an_admin_can_replace() {
    let db = Db::new();
    let shown = db.run(&["settings", "show", "deadline-rules"]);
    assert!(shown.status.success(), "{}", stderr(&shown));
    let text = stdout(&shown);
    assert!(text.contains("KN1_GIAI_QUYET") && text.contains("Luật Khiếu nại 2011"));

    let file = db.dir.path().join("rules.json");
    std::fs::write(
        &file,
        text.replace("\"normal\": 30, \"complex\": 45", "\"normal\": 20, \"complex\": 45"),
    )
    .unwrap();
    let set = db.run(&["settings", "set", "deadline-rules", file.to_str().unwrap()]);
    assert!(set.status.success(), "{}", stderr(&set));
    assert!(stdout(&db.run(&["settings", "show", "deadline-rules"])).contains("\"normal\": 20, \"complex\": 45"));

    std::fs::write(&file, "{ not json").unwrap();
    let bad = db.run(&["settings", "set", "deadline-rules", file.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("quy tắc thời hạn không đọc được"),
        "{}",
        stderr(&bad)
    );
    assert!(
        stdout(&db.run(&["settings", "show", "deadline-rules"])).contains("\"normal\": 20, \"complex\": 45"),
        "kept"
    );
    assert!(stdout(&db.run(&["audit", "verify"])).contains("Nhật ký toàn vẹn"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_petition_register_imports_all_or_nothing() {
    let db = Db::new();
    let header = "STT,Ngày nhận,Loại đơn,Nguồn đơn,Lĩnh vực,Trích yếu,Nội dung,Người viết đơn,Số CCCD,Số điện thoại,Địa chỉ,Đơn vị nhận,Nặc danh,Vùng sâu vùng xa\n";
    let good = "1,15/01/2025,Khiếu nại,Trực tiếp,Đất đai,Khiếu nại cấp giấy,Chưa cấp giấy chứng nhận,Nguyễn Văn An,001088012345,0912345678,Tổ 1,,,\n\
                2,16/01/2025,kien nghi,Buu chinh,Moi truong,Phản ánh rác,Rác thải ven kênh,Trần Thị Bình,,,Tổ 2,,,\n";
    let bad = "3,32/01/2025,Tố cáo,Trực tiếp,Đất đai,Tố cáo,Nội dung,Lê Văn C,123,,,,,\n";
    let file = db.dir.path().join("so-don.csv");
    std::fs::write(&file, format!("{header}{good}{bad}")).unwrap();
    let path = file.to_str().unwrap();

    let dry = db.run(&["petitions", "import", path, "--unit", "2025/00004", "--dry-run"]);
    assert_eq!(dry.status.code(), Some(1));
    let report = stdout(&dry);
    assert!(
        report.contains("Dòng 4") && report.contains("Ngày nhận") && report.contains("Số CCCD"),
        "{report}"
    );
    assert!(report.contains("2 dòng hợp lệ"), "{report}");
    let refused = db.run(&["petitions", "import", path, "--unit", "2025/00004"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stdout(&refused).contains("không ghi đơn nào"));
    let count = || async {
        let store = danvan_store::Store::open(&db.url()).await.unwrap();
        let n = store
            .list_petitions(&danvan_store::Actor::system("t"), &Default::default())
            .await
            .unwrap()
            .items
            .len();
        store.close().await;
        n
    };
    assert_eq!(count().await, 0, "nothing written while the file has errors");
    let partial = db.run(&["petitions", "import", path, "--unit", "2025/00004", "--skip-invalid"]);
    assert!(partial.status.success(), "{}", stdout(&partial));
    assert!(stdout(&partial).contains("Đã nhập 2 đơn"));
    assert_eq!(count().await, 2);
    let elsewhere = db.dir.path().join("khac.csv");
    std::fs::write(&elsewhere, format!("{header}{good}")).unwrap();
    let unknown = db.run(&[
        "petitions",
        "import",
        elsewhere.to_str().unwrap(),
        "--unit",
        "2025/99999",
    ]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        stdout(&unknown).contains("Không tìm thấy đơn vị"),
        "{}",
        stdout(&unknown)
    );
    assert_eq!(count().await, 2);

    // The imported register comes back out, filtered, as the officers' spreadsheet.
    let out = db.dir.path().join("khieu-nai.csv");
    let export = db.run(&[
        "petitions",
        "export",
        "--format",
        "csv",
        "--kind",
        "complaint",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(export.status.success(), "{}", stderr(&export));
    assert!(stdout(&export).contains("Đã xuất 1 đơn"), "{}", stdout(&export));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.starts_with('\u{feff}') && text.contains("Khiếu nại cấp giấy") && text.contains("15/01/2025"),
        "{text}"
    );
    assert!(!text.contains("Phản ánh rác"), "only the complaints");
    let bad_format = db.run(&["petitions", "export", "--format", "pdf", "--out", out.to_str().unwrap()]);
    assert_eq!(bad_format.status.code(), Some(1));
    assert!(stderr(&bad_format).contains("csv hoặc xlsx"), "{}", stderr(&bad_format));
}
