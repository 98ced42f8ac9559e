//! `danvan`: the one binary. Serves the web app and API, and does admin and bulk work.

mod calendar;
mod democracy;
mod list_filter;
mod meetings;
mod output;
mod petitions;
mod records;
mod report;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use danvan_demo::{DemoError, DemoOptions};
use danvan_domain::organisation::OrganisationKind;
use danvan_domain::role::Role;
use danvan_domain::scope::Actor;
use danvan_domain::unit::{parse_date, Level};
use danvan_store::{NewOrganisation, NewUser, Store, StoreError, UnitQuery};
use output::Format;
use std::io::Read;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "danvan",
    version,
    about = "danvan — phần mềm công tác dân vận / mass-mobilization work platform"
)]
struct Cli {
    /// Cơ sở dữ liệu / database URL: sqlite://FILE or postgres://…
    #[arg(
        long,
        global = true,
        env = "DANVAN_DATABASE_URL",
        default_value = "sqlite://danvan.db"
    )]
    db: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Chạy máy chủ web và API / run the web server and API
    Serve {
        /// Địa chỉ lắng nghe / address to listen on
        #[arg(long, default_value = "127.0.0.1:8080")]
        bind: String,
        /// Nạp dữ liệu mẫu vào cơ sở dữ liệu trống / load demo data into an empty database
        #[arg(long)]
        demo: bool,
        /// Cookie chỉ gửi qua HTTPS / mark cookies Secure (behind TLS)
        #[arg(long, env = "DANVAN_SECURE_COOKIES")]
        secure_cookies: bool,
        /// Thư mục lưu tệp đính kèm / attachment folder (default: beside the SQLite file)
        #[arg(long, env = "DANVAN_FILES_DIR")]
        files: Option<std::path::PathBuf>,
    },
    /// Cơ sở dữ liệu / database
    Db {
        #[command(subcommand)]
        command: DbCommand,
    },
    /// Đơn vị hành chính / administrative units
    Units {
        #[command(subcommand)]
        command: UnitsCommand,
    },
    /// Cơ quan, tổ chức / organisations
    Org {
        #[command(subcommand)]
        command: OrgCommand,
    },
    /// Người dùng / users
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Nhật ký hệ thống / audit log
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Đơn thư / petitions
    Petitions {
        #[command(subcommand)]
        command: PetitionsCommand,
    },
    /// Cấu hình quy tắc thời hạn và lịch nghỉ / deadline rules and holiday announcements
    Settings {
        #[command(subcommand)]
        command: SettingsCommand,
    },
    /// Dữ liệu mẫu / demo data
    Demo {
        #[command(subcommand)]
        command: DemoCommand,
    },
    /// Lịch làm việc: ngày nghỉ lễ, tính hạn / working-day calendar: holidays, deadlines
    Calendar {
        #[command(subcommand)]
        command: calendar::CalendarCommand,
    },
    /// Sổ tiếp công dân / citizen reception sessions
    Receptions {
        #[command(subcommand)]
        command: records::ReceptionsCommand,
    },
    /// Hội nghị, đối thoại, tiếp xúc cử tri / meetings, dialogues, voter contacts
    Meetings {
        #[command(subcommand)]
        command: meetings::MeetingsCommand,
    },
    /// Ý kiến, kiến nghị và việc trả lời / items raised and their follow-up
    Items {
        #[command(subcommand)]
        command: meetings::ItemsCommand,
    },
    /// Báo cáo định kỳ / periodic reports
    Report {
        #[command(subcommand)]
        command: report::ReportCommand,
    },
    /// Mô hình, điển hình “Dân vận khéo” / "skilful mobilization" models
    Models {
        #[command(subcommand)]
        command: records::ModelsCommand,
    },
    /// Sổ văn bản lãnh đạo, chỉ đạo / the directive documents register
    Directives {
        #[command(subcommand)]
        command: records::DirectivesCommand,
    },
    /// Phong trào, quỹ, nông thôn mới, nhiệm vụ đặt hàng / movements, funds, new-rural, ordered tasks
    Movements {
        #[command(subcommand)]
        command: records::MovementsCommand,
    },
    /// Công khai thông tin ở xã (Luật 10/2022) / disclosures, compliance, quarterly list, import
    Disclosures {
        #[command(subcommand)]
        command: democracy::DisclosuresCommand,
    },
    /// Nhân dân bàn và quyết định / resident votes
    Votes {
        #[command(subcommand)]
        command: democracy::VotesCommand,
    },
    /// Dân vận trong giải phóng mặt bằng / land-clearance projects and households
    Gpmb {
        #[command(subcommand)]
        command: democracy::GpmbCommand,
    },
    /// Vấn đề nóng, bức xúc, kéo dài / the register of pressing issues
    Issues {
        #[command(subcommand)]
        command: democracy::IssuesCommand,
    },
}

#[derive(Subcommand)]
enum DbCommand {
    /// Áp dụng các bản chuyển đổi lược đồ / apply pending migrations
    Migrate,
    /// Sao lưu trực tuyến SQLite / online SQLite backup (PostgreSQL: use pg_dump)
    Backup {
        #[arg(long)]
        to: std::path::PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum LevelArg {
    Province,
    District,
    Commune,
    Village,
}

impl From<LevelArg> for Level {
    fn from(l: LevelArg) -> Level {
        match l {
            LevelArg::Province => Level::Province,
            LevelArg::District => Level::District,
            LevelArg::Commune => Level::Commune,
            LevelArg::Village => Level::Village,
        }
    }
}

#[derive(Subcommand)]
enum UnitsCommand {
    /// Nạp danh mục đơn vị kèm theo (chạy lại không sao) / load the bundled units (idempotent)
    Import,
    /// Nạp đơn vị và kế thừa trước đây từ CSV / load earlier units and successions from CSV
    ImportHistory { file: std::path::PathBuf },
    /// Liệt kê đơn vị / list units
    List {
        /// Chỉ đơn vị còn hiệu lực ngày này / valid on this date (YYYY-MM-DD or dd/mm/yyyy)
        #[arg(long)]
        at: Option<String>,
        #[arg(long, value_enum)]
        level: Option<LevelArg>,
        /// Mã đơn vị cha / parent code (or scheme/code)
        #[arg(long)]
        parent: Option<String>,
        /// legacy | 2025 | …
        #[arg(long)]
        scheme: Option<String>,
        /// Tìm theo tên, không cần dấu / search names, diacritics optional
        #[arg(long)]
        q: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Đơn vị kế thừa / successors of a unit (scheme/code, or a code valid at --at)
    Successors {
        unit: String,
        #[arg(long)]
        at: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Đơn vị tiền thân / predecessors of a unit
    Predecessors {
        unit: String,
        #[arg(long)]
        at: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Thêm thôn, tổ dân phố / add a village or residential group under a commune
    AddVillage {
        /// Xã, phường / commune (scheme/code or code valid today)
        #[arg(long)]
        commune: String,
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        /// Thôn | Tổ dân phố | Khu dân cư | …
        #[arg(long, default_value = "Thôn")]
        kind: String,
    },
}

#[derive(Subcommand)]
enum OrgCommand {
    /// Tạo cơ quan, tổ chức / create an organisation
    Add {
        #[arg(long)]
        unit: String,
        /// party_committee | mobilization_board | peoples_committee | peoples_council | fatherland_front | …
        #[arg(long)]
        kind: String,
        #[arg(long)]
        name: Option<String>,
    },
    /// Tạo đủ các cơ quan, tổ chức chuẩn của đơn vị / create a unit's standard organisations
    Standard {
        #[arg(long)]
        unit: String,
    },
    /// Liệt kê / list
    List {
        #[arg(long)]
        unit: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Thêm người dùng / add a user
    Add {
        #[arg(long)]
        username: String,
        /// system_admin | unit_admin | officer | leader | handling_agency | viewer
        #[arg(long)]
        role: String,
        /// Đơn vị / unit (scheme/code or a code valid today)
        #[arg(long)]
        unit: String,
        #[arg(long)]
        display_name: Option<String>,
        #[arg(long)]
        organisation: Option<i64>,
        /// Đọc mật khẩu từ stdin; nếu không, in ra mật khẩu ngẫu nhiên / read the password from stdin, else print a random one
        #[arg(long)]
        password_stdin: bool,
    },
    /// Liệt kê / list
    List {
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Vô hiệu hóa / disable
    Disable { username: String },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Kiểm tra chuỗi băm / verify the hash chain
    Verify,
}

#[derive(Subcommand)]
enum PetitionsCommand {
    /// Nhập sổ theo dõi đơn thư (XLSX, CSV) / import a petition register
    Import {
        file: std::path::PathBuf,
        /// Đơn vị nhận mặc định / default receiving unit (scheme/code)
        #[arg(long)]
        unit: String,
        /// Chỉ kiểm tra, không ghi / check only
        #[arg(long)]
        dry_run: bool,
        /// Nhập các dòng hợp lệ, bỏ qua dòng lỗi / import the valid rows, skip the others
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Tạo tệp mẫu sổ theo dõi đơn thư (.xlsx hoặc .csv) / write the register template
    Template {
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Xuất danh sách đơn theo bộ lọc (CSV, XLSX) / export the petitions a filter picks
    Export {
        /// csv | xlsx
        #[arg(long)]
        format: String,
        #[arg(long)]
        out: std::path::PathBuf,
        /// Đơn vị và các đơn vị trực thuộc / this unit and those below it (scheme/code)
        #[arg(long)]
        unit: Option<String>,
        /// Tìm không dấu / full-text search
        #[arg(long)]
        q: Option<String>,
        /// complaint | denunciation | feedback | other
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        status: Option<String>,
        /// Ngày nhận từ / received from (YYYY-MM-DD or dd/mm/yyyy)
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        /// Chỉ đơn quá hạn / overdue only
        #[arg(long)]
        overdue: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum SettingKey {
    /// Quy tắc thời hạn xử lý, giải quyết đơn (JSON)
    DeadlineRules,
    /// Lịch nghỉ lễ, hoán đổi ngày làm việc do Chính phủ công bố (JSON)
    CalendarAnnouncements,
    /// Danh mục lĩnh vực đơn thư (JSON)
    PetitionTopics,
}

impl SettingKey {
    fn key(self) -> &'static str {
        match self {
            SettingKey::DeadlineRules => danvan_store::SETTING_DEADLINE_RULES,
            SettingKey::CalendarAnnouncements => danvan_store::SETTING_CALENDAR,
            SettingKey::PetitionTopics => danvan_store::SETTING_PETITION_TOPICS,
        }
    }
}

#[derive(Subcommand)]
enum SettingsCommand {
    /// In cấu hình đang dùng (mặc định nếu chưa sửa) / print the setting in force
    Show {
        #[arg(value_enum)]
        key: SettingKey,
    },
    /// Thay cấu hình bằng tệp JSON (được kiểm tra, ghi nhật ký) / replace it from a JSON file
    Set {
        #[arg(value_enum)]
        key: SettingKey,
        file: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
enum DemoCommand {
    /// Nạp dữ liệu mẫu / load demo data
    Seed {
        #[arg(long, default_value_t = 1)]
        scale: u32,
        #[arg(long, default_value_t = 2025)]
        seed: u64,
        /// Số đơn thư mẫu (mặc định 5.000 × scale) / demo petitions (default 5,000 × scale)
        #[arg(long)]
        petitions: Option<usize>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let verbose = matches!(cli.command, Command::Serve { .. });
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("DANVAN_LOG").unwrap_or_else(|_| {
                if verbose {
                    "info".into()
                } else {
                    "warn".into()
                }
            }),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("lỗi: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("lỗi: {}", one_line(&e));
            ExitCode::FAILURE
        }
    }
}

/// The user-facing message: the store's own Vietnamese text when there is one.
fn one_line(e: &anyhow::Error) -> String {
    if let Some(s) = e.downcast_ref::<StoreError>() {
        return format!("{s} [{}]", s.code().as_str());
    }
    if let Some(DemoError::Store(s)) = e.downcast_ref::<DemoError>() {
        return format!("{s} [{}]", s.code().as_str());
    }
    e.to_string().replace('\n', " ")
}

/// Opens and migrates the database; loads the bundled units into a fresh one.
async fn open(url: &str) -> anyhow::Result<Store> {
    let store = Store::open(url).await?;
    // The files folder `serve` uses, so `… attach` stores where the server reads.
    if let Some(dir) = std::env::var_os("DANVAN_FILES_DIR").filter(|d| !d.is_empty()) {
        store.set_files_dir(dir.into());
    }
    if !store.has_units().await? {
        eprintln!("Cơ sở dữ liệu mới: đang nạp danh mục đơn vị hành chính…");
        store.import_bundled_units(&cli_actor()).await?;
    }
    Ok(store)
}

fn cli_actor() -> Actor {
    Actor::system("cli")
}

fn date_arg(s: &Option<String>) -> anyhow::Result<Option<chrono::NaiveDate>> {
    Ok(s.as_deref().map(parse_date).transpose().map_err(StoreError::from)?)
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let actor = cli_actor();
    match cli.command {
        Command::Serve {
            bind,
            demo,
            secure_cookies,
            files,
        } => {
            let store = open(&cli.db).await?;
            if let Some(dir) = files {
                store.set_files_dir(dir);
            }
            if demo {
                seed_demo(&store, DemoOptions::default()).await?;
            }
            let listener = tokio::net::TcpListener::bind(&bind)
                .await
                .with_context(|| format!("không mở được cổng {bind}"))?;
            println!("danvan đang chạy tại http://{}", listener.local_addr()?);
            let state = danvan_web::AppState::new(store, danvan_web::WebConfig { secure_cookies });
            danvan_web::serve(listener, state).await?;
        }
        Command::Db {
            command: DbCommand::Migrate,
        } => {
            let store = Store::connect(&cli.db).await?;
            let applied = store.migrate().await?;
            if applied.is_empty() {
                println!("Cơ sở dữ liệu đã ở phiên bản mới nhất.");
            } else {
                println!(
                    "Đã áp dụng: {}",
                    applied.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
                );
            }
        }
        Command::Db {
            command: DbCommand::Backup { to },
        } => {
            let store = Store::open(&cli.db).await?;
            store.backup_to(&to).await?;
            println!("Đã sao lưu vào {}", to.display());
        }
        Command::Units { command } => units(&cli.db, &actor, command).await?,
        Command::Org { command } => orgs(&cli.db, &actor, command).await?,
        Command::User { command } => users(&cli.db, &actor, command).await?,
        Command::Audit {
            command: AuditCommand::Verify,
        } => {
            let store = Store::open(&cli.db).await?;
            let r = store.verify_audit().await?;
            match r.broken_at {
                None => println!("Nhật ký toàn vẹn: {} bản ghi đã kiểm tra.", r.checked),
                Some(seq) => {
                    println!("NHẬT KÝ BỊ SỬA tại bản ghi số {seq}: {}", r.reason.unwrap_or_default());
                    return Ok(ExitCode::from(3));
                }
            }
        }
        Command::Petitions { command } => match command {
            PetitionsCommand::Import {
                file,
                unit,
                dry_run,
                skip_invalid,
            } => {
                let store = open(&cli.db).await?;
                return petitions::import(&store, &actor, &file, &unit, dry_run, skip_invalid).await;
            }
            PetitionsCommand::Template { to } => {
                let store = open(&cli.db).await?;
                let topics = store.petition_topics().await?;
                petitions::template(&to, &topics)?
            }
            PetitionsCommand::Export {
                format,
                out,
                unit,
                q,
                kind,
                status,
                from,
                to,
                overdue,
            } => {
                let store = open(&cli.db).await?;
                let filter = petitions::ExportFilter {
                    unit,
                    q,
                    kind,
                    status,
                    from,
                    to,
                    overdue,
                };
                petitions::export(&store, &actor, &filter, &format, &out).await?
            }
        },
        Command::Settings { command } => {
            let store = open(&cli.db).await?;
            match command {
                SettingsCommand::Show { key } => {
                    println!("{}", store.setting_or_default(key.key()).await?.trim_end());
                }
                SettingsCommand::Set { key, file } => {
                    let text = std::fs::read_to_string(&file)
                        .with_context(|| format!("không đọc được tệp {}", file.display()))?;
                    store.put_setting(&actor, key.key(), &text).await?;
                    println!("Đã cập nhật {}", key.key());
                }
            }
        }
        Command::Demo {
            command: DemoCommand::Seed { scale, seed, petitions },
        } => {
            let store = open(&cli.db).await?;
            seed_demo(&store, DemoOptions { scale, seed, petitions }).await?;
        }
        Command::Calendar { command } => calendar::run(command)?,
        Command::Meetings { command } => return meetings::meetings(&open(&cli.db).await?, &actor, command).await,
        Command::Items { command } => return meetings::items(&open(&cli.db).await?, &actor, command).await,
        Command::Report { command } => return report::run(&open(&cli.db).await?, &actor, command).await,
        Command::Models { command } => return records::models(&open(&cli.db).await?, &actor, command).await,
        Command::Directives { command } => return records::directives(&open(&cli.db).await?, &actor, command).await,
        Command::Movements { command } => return records::movements(&open(&cli.db).await?, &actor, command).await,
        Command::Receptions { command } => return records::receptions(&open(&cli.db).await?, &actor, command).await,
        Command::Disclosures { command } => {
            return democracy::disclosures(&open(&cli.db).await?, &actor, command).await
        }
        Command::Votes { command } => return democracy::votes(&open(&cli.db).await?, &actor, command).await,
        Command::Gpmb { command } => return democracy::gpmb(&open(&cli.db).await?, &actor, command).await,
        Command::Issues { command } => return democracy::issues(&open(&cli.db).await?, &actor, command).await,
    }
    Ok(ExitCode::SUCCESS)
}

async fn seed_demo(store: &Store, opts: DemoOptions) -> anyhow::Result<()> {
    match danvan_demo::seed(store, opts).await {
        Ok(s) => {
            println!(
                "Đã nạp dữ liệu mẫu: {} cơ quan, tổ chức; {} người dùng.",
                s.organisations, s.users
            );
            println!(
                "Dữ liệu mẫu khác: {} văn bản, {} mô hình “Dân vận khéo”, {} nhà đại đoàn kết, {} nhiệm vụ đặt hàng.",
                s.records.directives, s.records.models, s.records.houses, s.records.ordered_tasks
            );
            for (u, p) in s.logins {
                println!("Đăng nhập mẫu: {u} / {p}");
            }
            Ok(())
        }
        Err(DemoError::NotEmpty) => {
            println!(
                "Cơ sở dữ liệu đã có người dùng, bỏ qua dữ liệu mẫu (đăng nhập mẫu: admin / {}).",
                danvan_demo::DEMO_PASSWORD
            );
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}

async fn units(db: &str, actor: &Actor, command: UnitsCommand) -> anyhow::Result<()> {
    match command {
        UnitsCommand::Import => {
            let store = Store::open(db).await?;
            let s = store.import_bundled_units(actor).await?;
            println!(
                "Đã thêm {} đơn vị, {} quan hệ kế thừa.",
                s.units_added, s.successions_added
            );
        }
        UnitsCommand::ImportHistory { file } => {
            let text =
                std::fs::read_to_string(&file).with_context(|| format!("không đọc được tệp {}", file.display()))?;
            let store = open(db).await?;
            let s = store.import_unit_history(actor, &text).await?;
            println!(
                "Đã thêm {} đơn vị, {} quan hệ kế thừa.",
                s.units_added, s.successions_added
            );
        }
        UnitsCommand::List {
            at,
            level,
            parent,
            scheme,
            q,
            format,
        } => {
            let query = UnitQuery {
                at: date_arg(&at)?,
                level: level.map(Level::from),
                parent,
                scheme,
                q,
                ..Default::default()
            };
            let store = open(db).await?;
            let units = store.list_units(actor, &query).await?;
            output::units(format, &units)?;
        }
        UnitsCommand::Successors { unit, at, format } => {
            let store = open(db).await?;
            let u = store.resolve_unit(&unit, date_arg(&at)?).await?;
            output::successions(format, &store.successors(&u).await?, true)?;
        }
        UnitsCommand::Predecessors { unit, at, format } => {
            let store = open(db).await?;
            let u = store.resolve_unit(&unit, date_arg(&at)?).await?;
            output::successions(format, &store.predecessors(&u).await?, false)?;
        }
        UnitsCommand::AddVillage {
            commune,
            code,
            name,
            kind,
        } => {
            let store = open(db).await?;
            let parent = store.resolve_unit(&commune, None).await?;
            let new = danvan_domain::unit::NewUnit {
                scheme: parent.scheme.clone(),
                code,
                name,
                kind,
                level: Level::Village,
                parent_code: Some(parent.code.clone()),
                valid_from: None,
                valid_to: None,
            };
            let u = store.add_unit(actor, &new).await?;
            println!("Đã thêm {}", u.label());
        }
    }
    Ok(())
}

async fn orgs(db: &str, actor: &Actor, command: OrgCommand) -> anyhow::Result<()> {
    let store = open(db).await?;
    match command {
        OrgCommand::Add { unit, kind, name } => {
            let kind = OrganisationKind::parse(&kind).map_err(StoreError::from)?;
            let o = store
                .create_organisation(actor, &NewOrganisation { unit, kind, name })
                .await?;
            println!("Đã tạo {} (mã {})", o.name, o.id);
        }
        OrgCommand::Standard { unit } => {
            let u = store.resolve_unit(&unit, None).await?;
            let list = store.ensure_standard_organisations(actor, &u).await?;
            output::organisations(Format::Table, &list)?;
        }
        OrgCommand::List { unit, format } => {
            let u = match unit {
                Some(u) => Some(store.resolve_unit(&u, None).await?),
                None => None,
            };
            output::organisations(format, &store.list_organisations(actor, u.as_ref()).await?)?;
        }
    }
    Ok(())
}

async fn users(db: &str, actor: &Actor, command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add {
            username,
            role,
            unit,
            display_name,
            organisation,
            password_stdin,
        } => {
            let role = Role::parse(&role).map_err(StoreError::from)?;
            let (password, generated) = if password_stdin {
                let mut s = String::new();
                std::io::stdin()
                    .read_to_string(&mut s)
                    .context("không đọc được mật khẩu từ stdin")?;
                (s.trim_end_matches(['\r', '\n']).to_string(), false)
            } else {
                (output::random_password(), true)
            };
            let store = open(db).await?;
            let new = NewUser {
                username,
                display_name: display_name.unwrap_or_default(),
                password: password.clone(),
                role,
                unit,
                organisation_id: organisation,
            };
            let u = store.create_user(actor, &new).await?;
            println!(
                "Đã tạo người dùng {} ({}, {})",
                u.username,
                u.role.label_vi(),
                u.unit_name
            );
            if generated {
                println!("Mật khẩu ban đầu: {password}");
            }
        }
        UserCommand::List { format } => {
            let store = open(db).await?;
            output::users(format, &store.list_users(actor).await?)?;
        }
        UserCommand::Disable { username } => {
            let store = open(db).await?;
            store.disable_user(actor, &username).await?;
            println!("Đã vô hiệu hóa {username}");
        }
    }
    Ok(())
}
