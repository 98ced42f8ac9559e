//! `danvan-bench`: seeds a database with the demo province and N petitions, serves it on a
//! loopback port, and measures what the petitions issue sets targets for:
//! - recording a petition through the HTTP API (throughput, p50/p99),
//! - full-text search over all petitions (p50/p99),
//! - the statistics of a province-year (p50/p99),
//! - rendering the petition list page (p50/p99).
//!
//! Results go to a Markdown file (default `bench/RESULTS.md`). Traffic goes to 127.0.0.1 only
//! and every loop is bounded in count.

use anyhow::{bail, Context};
use clap::Parser;
use danvan_demo::{DemoOptions, DEMO_PASSWORD};
use danvan_store::Store;
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Parser)]
struct Args {
    /// Petitions in the seeded database.
    #[arg(long, default_value_t = 1_000_000)]
    petitions: usize,
    /// Meetings in the seeded database (the demo's own plus generated ones), for the reports.
    #[arg(long, default_value_t = 100_000)]
    meetings: usize,
    /// Petitions recorded through the API during the write test.
    #[arg(long, default_value_t = 20_000)]
    writes: usize,
    /// Concurrent HTTP clients during the write test.
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    /// Repetitions of each read query.
    #[arg(long, default_value_t = 100)]
    reads: usize,
    /// Reuse or create this database file (default: a temporary one).
    #[arg(long)]
    db: Option<std::path::PathBuf>,
    /// Where to write the results.
    #[arg(long, default_value = "bench/RESULTS.md")]
    out: std::path::PathBuf,
}

struct Timing {
    name: String,
    samples: Vec<Duration>,
    wall: Duration,
}

impl Timing {
    fn pct(&self, p: f64) -> Duration {
        let mut s = self.samples.clone();
        s.sort();
        s[((s.len() as f64 - 1.0) * p).round() as usize]
    }
    fn ms(d: Duration) -> String {
        format!("{:.1} ms", d.as_secs_f64() * 1000.0)
    }
    fn per_sec(&self) -> f64 {
        self.samples.len() as f64 / self.wall.as_secs_f64()
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let tmp = tempfile::tempdir()?;
    let path = args.db.clone().unwrap_or_else(|| tmp.path().join("bench.db"));
    let url = format!("sqlite://{}", path.display());
    let store = Store::open(&url).await?;

    let seed_started = Instant::now();
    let seeded = if store.has_users().await? {
        eprintln!("reusing {}", path.display());
        None
    } else {
        let opts = DemoOptions {
            petitions: Some(args.petitions),
            ..Default::default()
        };
        let s = danvan_demo::seed(&store, opts).await?;
        eprintln!("seeded {} petitions in {:?}", s.petitions, seed_started.elapsed());
        let more = args.meetings.saturating_sub(s.meetings.meetings as usize);
        let meetings_started = Instant::now();
        let written = seed_meetings(&store, more).await?;
        eprintln!("seeded {written} more meetings in {:?}", meetings_started.elapsed());
        Some((s.petitions, seed_started.elapsed()))
    };

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let state = danvan_web::AppState::new(store.clone(), danvan_web::WebConfig::default());
    tokio::spawn(danvan_web::serve(listener, state));
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(args.concurrency * 2)
        .build()?;

    let officer = token(&client, &base, "xa00004.canbo1").await?;
    let province = token(&client, &base, "tinh.canbo").await?;

    let writes = write_test(&client, &base, &officer, args.writes, args.concurrency).await?;
    eprintln!("writes: {:.0}/s", writes.per_sec());
    let today = chrono::Utc::now().date_naive();
    let searches = [
        "giai phong mat bang",
        "o nhiem moi truong",
        "vanh dai 4",
        "thai do phuc vu",
        "den chieu sang",
        "giay chung nhan quyen su dung dat",
    ];
    let search = read_test(&client, &base, &province, "search", args.reads, |i| {
        format!(
            "/api/v1/petitions?limit=20&q={}",
            searches[i % searches.len()].replace(' ', "%20")
        )
    })
    .await?;
    let year_from = today - chrono::Duration::days(365);
    let stats = read_test(&client, &base, &province, "stats", args.reads.min(50), |_| {
        format!("/api/v1/petitions/stats?unit=2025/01&from={year_from}&to={today}")
    })
    .await?;
    let legacy_stats = read_test(
        &client,
        &base,
        &province,
        "stats (legacy 2024)",
        args.reads.min(50),
        |_| "/api/v1/petitions/stats?unit=legacy/01&from=2023-12-15&to=2024-12-14".to_string(),
    )
    .await?;
    let cookie = session(&client, &base, "tinh.canbo").await?;
    let mut pages = Vec::new();
    for (name, path) in [
        ("dashboard page", "/"),
        ("petition list page", "/petitions"),
        ("overdue worklist page", "/petitions?overdue=true"),
        ("search page", "/petitions?q=giai%20phong%20mat%20bang"),
        ("statistics page", "/petitions/stats"),
        ("new petition form", "/petitions/new"),
        ("reception list page", "/receptions"),
        ("meeting list page", "/meetings"),
        ("meeting search page", "/meetings?q=doi%20thoai"),
        ("meeting list oldest first", "/meetings?sort=oldest"),
        ("follow-up worklist page", "/follow-up"),
        ("follow-up search page", "/follow-up?q=den%20chieu%20sang"),
        ("supervisions page", "/supervisions"),
        ("resident decisions page", "/democracy/decisions"),
        ("movements page", "/movements"),
        ("hot issues page", "/situation"),
    ] {
        pages.push(read_page(&client, &base, &cookie, name, path, args.reads).await?);
    }
    let dashboard_api = read_test(&client, &base, &province, "dashboard (API)", args.reads, |_| {
        "/api/v1/dashboard".to_string()
    })
    .await?;
    // The dashboard and statistics are reused until the next write: measure them recomputed
    // too, with a petition recorded before each read.
    let mut cold = Vec::new();
    for (name, path) in [
        ("dashboard page after a write (recomputed)", "/"),
        ("statistics page after a write (recomputed)", "/petitions/stats"),
    ] {
        cold.push(read_after_write(&client, &base, &officer, &cookie, name, path, args.reads.min(20)).await?);
    }

    // Issue 7: a province-year report over all of it (the year before this one, which also spans
    // the 2025 reform when run in 2026), in each format.
    let report_year = (today - chrono::Duration::days(365)).format("%Y").to_string();
    let mut reports = Vec::new();
    for format in ["pdf", "docx", "xlsx", "json"] {
        let name = format!("report {format}, province-year");
        let year = report_year.clone();
        reports.push(
            read_test(&client, &base, &province, &name, args.reads.min(10), move |_| {
                format!("/api/v1/reports/render?unit=2025/01&period={year}&format={format}")
            })
            .await?,
        );
    }
    let report_page = format!("/reports?unit=2025/01&period={report_year}&family=party");
    reports.push(read_page(&client, &base, &cookie, "report page", &report_page, args.reads.min(20)).await?);
    // The report's figures are reused until the next write, as the dashboard's are.
    cold.push(
        read_after_write(
            &client,
            &base,
            &officer,
            &cookie,
            "report page after a write (recomputed)",
            &report_page,
            args.reads.min(10),
        )
        .await?,
    );

    let mut all = vec![&writes, &search, &stats, &legacy_stats, &dashboard_api];
    all.extend(cold.iter());
    all.extend(reports.iter());
    all.extend(pages.iter());
    write_report(&args, seeded, &all)?;
    println!("{}", std::fs::read_to_string(&args.out)?);
    Ok(())
}

/// Spreads `n` generated meetings over the demo province's units of both structures.
async fn seed_meetings(store: &Store, n: usize) -> anyhow::Result<u64> {
    if n == 0 {
        return Ok(0);
    }
    let system = danvan_domain::scope::Actor::system("bench");
    let mut units = Vec::new();
    for scheme in ["legacy", "2025"] {
        let province = store.unit(scheme, danvan_demo::DEMO_PROVINCE).await?;
        for child in store.children(&province).await? {
            if scheme == "legacy" {
                units.extend(store.children(&child).await?.into_iter().take(3));
            }
            units.push(child);
        }
    }
    let today = danvan_store::today();
    let from = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).context("date")?;
    Ok(danvan_demo::seed_more_meetings(store, &system, &units, n, 2025, from, today).await?)
}

async fn token(client: &reqwest::Client, base: &str, user: &str) -> anyhow::Result<String> {
    let res: Value = client
        .post(format!("{base}/api/v1/auth/token"))
        .json(&json!({ "username": user, "password": DEMO_PASSWORD }))
        .send()
        .await?
        .json()
        .await?;
    Ok(res["token"].as_str().context("no token")?.to_string())
}

async fn session(client: &reqwest::Client, base: &str, user: &str) -> anyhow::Result<String> {
    let page = client.get(format!("{base}/")).send().await?;
    let csrf_cookie = cookie_value(page.headers(), "danvan_login_csrf").context("login csrf cookie")?;
    let html = page.text().await?;
    let at = html.find("name=\"csrf\" value=\"").context("csrf field")? + 19;
    let csrf = html[at..].split('"').next().unwrap_or_default().to_string();
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?
        .post(format!("{base}/login"))
        .header("cookie", format!("danvan_login_csrf={csrf_cookie}"))
        .form(&[("username", user), ("password", DEMO_PASSWORD), ("csrf", &csrf)])
        .send()
        .await?;
    cookie_value(res.headers(), "danvan_session").context("no session cookie")
}

fn cookie_value(headers: &reqwest::header::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .and_then(|v| v.split(';').next())
        .and_then(|v| v.split_once('='))
        .map(|(_, v)| v.to_string())
}

async fn write_test(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    total: usize,
    concurrency: usize,
) -> anyhow::Result<Timing> {
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (client, base, token, next) = (client.clone(), base.to_string(), token.to_string(), next.clone());
        tasks.push(tokio::spawn(async move {
            let mut samples = Vec::new();
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= total {
                    break;
                }
                let body = json!({
                    "unit": "2025/00004", "kind": "feedback", "channel": "online", "received_on": "2026-01-05",
                    "subject": format!("Phản ánh số {i} về đèn chiếu sáng"),
                    "content": "Đèn chiếu sáng ngõ 12 bị hỏng nhiều ngày, đề nghị sửa chữa.",
                    "topic": "other",
                    "petitioners": [{ "name": "Nguyễn Văn Bench", "phone": "0912345678" }]
                });
                let t = Instant::now();
                let res = client
                    .post(format!("{base}/api/v1/petitions"))
                    .bearer_auth(&token)
                    .json(&body)
                    .send()
                    .await?;
                if res.status() != 201 {
                    bail!("write {i}: {} {}", res.status(), res.text().await.unwrap_or_default());
                }
                samples.push(t.elapsed());
            }
            anyhow::Ok(samples)
        }));
    }
    let mut samples = Vec::new();
    for t in tasks {
        samples.extend(t.await??);
    }
    Ok(Timing {
        name: format!("record a petition (POST /api/v1/petitions, {concurrency} clients)"),
        samples,
        wall: started.elapsed(),
    })
}

async fn read_test(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    name: &str,
    n: usize,
    path: impl Fn(usize) -> String,
) -> anyhow::Result<Timing> {
    let started = Instant::now();
    let mut samples = Vec::new();
    for i in 0..n {
        let t = Instant::now();
        let res = client
            .get(format!("{base}{}", path(i)))
            .bearer_auth(token)
            .send()
            .await?;
        if !res.status().is_success() {
            bail!("{name}: {} {}", res.status(), res.text().await.unwrap_or_default());
        }
        res.bytes().await?;
        samples.push(t.elapsed());
    }
    Ok(Timing {
        name: name.to_string(),
        samples,
        wall: started.elapsed(),
    })
}

/// A staff page read `n` times, each right after a petition is recorded (so nothing cached
/// from before the write can be served).
async fn read_after_write(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    cookie: &str,
    name: &str,
    path: &str,
    n: usize,
) -> anyhow::Result<Timing> {
    let started = Instant::now();
    let mut samples = Vec::new();
    for i in 0..n {
        let body = json!({
            "unit": "2025/00004", "kind": "feedback", "channel": "online", "received_on": "2026-01-06",
            "subject": format!("Phản ánh trước khi đọc lại số {i}"),
            "content": "Rác thải tồn đọng ở đầu ngõ.", "topic": "environment",
            "petitioners": [{ "name": "Trần Thị Bench" }]
        });
        let res = client
            .post(format!("{base}/api/v1/petitions"))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await?;
        if res.status() != 201 {
            bail!("{name}: write {}", res.status());
        }
        let t = Instant::now();
        let res = client
            .get(format!("{base}{path}"))
            .header("cookie", format!("danvan_session={cookie}"))
            .send()
            .await?;
        if !res.status().is_success() {
            bail!("{name}: {}", res.status());
        }
        res.bytes().await?;
        samples.push(t.elapsed());
    }
    Ok(Timing {
        name: name.to_string(),
        samples,
        wall: started.elapsed(),
    })
}

/// A staff page over its session, `n` times; the name carries the page's weight.
async fn read_page(
    client: &reqwest::Client,
    base: &str,
    cookie: &str,
    name: &str,
    path: &str,
    n: usize,
) -> anyhow::Result<Timing> {
    // One unmeasured read first: what is reused until the next write (dashboard, statistics,
    // report figures) is measured here as served, and recomputed in the "after a write" rows.
    client
        .get(format!("{base}{path}"))
        .header("cookie", format!("danvan_session={cookie}"))
        .send()
        .await?
        .error_for_status()?;
    let started = Instant::now();
    let mut samples = Vec::new();
    let mut bytes = 0;
    for _ in 0..n {
        let t = Instant::now();
        let res = client
            .get(format!("{base}{path}"))
            .header("cookie", format!("danvan_session={cookie}"))
            .send()
            .await?;
        if !res.status().is_success() {
            bail!("{name}: {}", res.status());
        }
        bytes = res.bytes().await?.len();
        samples.push(t.elapsed());
    }
    Ok(Timing {
        name: format!("{name}, HTML ({} KB)", bytes / 1024),
        samples,
        wall: started.elapsed(),
    })
}

fn write_report(args: &Args, seeded: Option<(u64, Duration)>, timings: &[&Timing]) -> anyhow::Result<()> {
    let mut md = String::new();
    md.push_str("# danvan benchmark results\n\n");
    md.push_str(&format!(
        "Run `cargo run --release -p danvan-bench -- --petitions {}` ({}). Machine: {} cores. SQLite (embedded default), server and clients in one process over loopback.\n\n",
        args.petitions,
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC"),
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0)
    ));
    if let Some((n, d)) = seeded {
        md.push_str(&format!(
            "Seeding: {n} demo petitions in {:.1} s ({:.0} rows/s).\n\n",
            d.as_secs_f64(),
            n as f64 / d.as_secs_f64()
        ));
    }
    md.push_str("| measurement | count | throughput | p50 | p99 |\n| --- | --- | --- | --- | --- |\n");
    for t in timings {
        md.push_str(&format!(
            "| {} | {} | {:.0}/s | {} | {} |\n",
            t.name,
            t.samples.len(),
            t.per_sec(),
            Timing::ms(t.pct(0.5)),
            Timing::ms(t.pct(0.99))
        ));
    }
    md.push_str("\nTargets (issue 4, 2-core machine): ≥ 2,000 petition writes/s over HTTP on SQLite; search p50 ≤ 20 ms; statistics for a province-year ≤ 300 ms. Every page ≤ 50 ms p99 and ≤ 200 KB (issue 3). A province-year report over 1,000,000 petitions and 100,000 meetings rendered as PDF in ≤ 2 s (issue 7).\n");
    if let Some(dir) = args.out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&args.out, md)?;
    Ok(())
}
