//! `danvan meetings …` and `danvan items …`: recording meetings from JSON, listing them, their
//! statistics, and the items whose written answer is due or overdue.

use crate::output::{print, Format};
use anyhow::Context;
use clap::Subcommand;
use danvan_domain::figures::Rounding;
use danvan_domain::meeting::{MeetingKind, NewMeeting};
use danvan_domain::scope::Actor;
use danvan_domain::unit::parse_date;
use danvan_store::{FollowUpQuery, MeetingQuery, Store, StoreError};
use std::process::ExitCode;

/// The meeting list's filters, as typed on the command line.
#[derive(clap::Args)]
pub struct MeetingFilter {
    /// Đơn vị và cấp dưới / this unit and those below it (`scheme/code`)
    #[arg(long)]
    unit: Option<String>,
    /// dialogue_periodic, dialogue_ad_hoc, voter_before_hdnd, social_criticism, …
    #[arg(long)]
    kind: Option<String>,
    #[arg(long)]
    from: Option<String>,
    #[arg(long)]
    to: Option<String>,
    /// Chỉ hội nghị có số ý kiến nhập tay không khớp / only meetings whose typed counts do not match
    #[arg(long)]
    inconsistent: bool,
    /// Tìm theo chủ đề, cơ quan tổ chức, địa điểm, dự án (có dấu hay không) / search words
    #[arg(long)]
    q: Option<String>,
}

impl MeetingFilter {
    fn query(self) -> anyhow::Result<MeetingQuery> {
        Ok(MeetingQuery {
            unit: self.unit,
            kind: self
                .kind
                .as_deref()
                .map(MeetingKind::parse)
                .transpose()
                .map_err(StoreError::from)?,
            from: opt_date(&self.from)?,
            to: opt_date(&self.to)?,
            inconsistent: self.inconsistent,
            q: self.q,
            limit: Some(500),
            ..Default::default()
        })
    }
}

#[derive(Subcommand)]
pub enum MeetingsCommand {
    /// Ghi nhận hội nghị từ tệp JSON / record a meeting from a JSON file (the API's body)
    Add { file: std::path::PathBuf },
    /// Liệt kê hội nghị / list meetings, newest first
    List {
        #[command(flatten)]
        filter: MeetingFilter,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Xuất danh sách hội nghị theo bộ lọc (CSV, XLSX) / export the meetings a filter picks
    Export {
        #[command(flatten)]
        filter: MeetingFilter,
        /// csv | xlsx
        #[arg(long)]
        format: String,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Thống kê hội nghị, giám sát, góp ý / meeting statistics for a unit subtree and period
    Stats {
        #[arg(long)]
        unit: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
}

#[derive(Subcommand)]
pub enum ItemsCommand {
    /// Ý kiến quá hạn trả lời bằng văn bản / items whose written answer is overdue
    Overdue {
        #[arg(long)]
        unit: Option<String>,
        /// Cũng liệt kê ý kiến đến hạn trong N ngày / also those due within N days
        #[arg(long)]
        within: Option<i64>,
        /// Tìm theo nội dung ý kiến (có dấu hay không) / search words
        #[arg(long)]
        q: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
}

fn date(s: &str) -> anyhow::Result<chrono::NaiveDate> {
    Ok(parse_date(s).map_err(StoreError::from)?)
}

fn opt_date(s: &Option<String>) -> anyhow::Result<Option<chrono::NaiveDate>> {
    s.as_deref().map(date).transpose()
}

pub async fn meetings(store: &Store, actor: &Actor, command: MeetingsCommand) -> anyhow::Result<ExitCode> {
    match command {
        MeetingsCommand::Add { file } => {
            let text =
                std::fs::read_to_string(&file).with_context(|| format!("không đọc được tệp {}", file.display()))?;
            let new: NewMeeting =
                serde_json::from_str(&text).with_context(|| format!("tệp {} không đúng mẫu", file.display()))?;
            let m = store.create_meeting(actor, &new).await?;
            println!("Đã ghi hội nghị số {} với {} ý kiến.", m.id, m.items.len());
            for w in &m.warnings {
                println!("Cảnh báo: {}", w.message);
            }
        }
        MeetingsCommand::Export { filter, format, out } => {
            let format = danvan_export::parse_format(&format).context("định dạng phải là csv hoặc xlsx")?;
            let query = filter.query()?;
            let items = store.export_meetings(actor, &query, 1_000_000).await?;
            std::fs::write(
                &out,
                danvan_export::write(&danvan_export::meeting_table(&items), format)?,
            )
            .with_context(|| format!("không ghi được tệp {}", out.display()))?;
            println!("Đã xuất {} hội nghị vào {}.", items.len(), out.display());
        }
        MeetingsCommand::List { filter, format } => {
            let query = filter.query()?;
            let page = store.list_meetings(actor, &query).await?;
            let rows = page
                .items
                .iter()
                .map(|m| {
                    vec![
                        m.id.to_string(),
                        m.held_on.format("%d/%m/%Y").to_string(),
                        m.unit_name.clone(),
                        m.kind.label_vi().to_string(),
                        m.status.label_vi().to_string(),
                        m.participants.to_string(),
                        m.topic.clone(),
                        m.warnings
                            .iter()
                            .map(|w| w.message.clone())
                            .collect::<Vec<_>>()
                            .join("; "),
                    ]
                })
                .collect();
            let header = [
                "ID",
                "Ngày",
                "Đơn vị",
                "Loại",
                "Trạng thái",
                "Tham dự",
                "Nội dung",
                "Cảnh báo",
            ];
            print(format, &header, rows, &page.items)?;
        }
        MeetingsCommand::Stats { unit, from, to, format } => {
            let s = store
                .meeting_stats(actor, &unit, date(&from)?, date(&to)?, Rounding::Truncate)
                .await?;
            let mut rows = vec![
                vec!["Hội nghị đã tổ chức".to_string(), s.meetings_held.to_string()],
                vec!["Đối thoại".into(), s.dialogues_text.clone()],
                vec!["Tham dự".into(), s.participants_text.clone()],
                vec!["Ý kiến".into(), s.answered_text.clone()],
                vec!["Kết quả".into(), s.outcome_text.clone()],
                vec!["Giám sát".into(), s.supervisions_text.clone()],
                vec!["Phản biện xã hội".into(), s.criticism_conferences.to_string()],
            ];
            rows.extend(
                s.contributions
                    .iter()
                    .map(|c| vec![c.target.label_vi().to_string(), c.text.clone()]),
            );
            for w in &s.warnings {
                for x in &w.warnings {
                    rows.push(vec![format!("Cảnh báo hội nghị {}", w.meeting_id), x.message.clone()]);
                }
            }
            print(format, &["Chỉ tiêu", "Số liệu"], rows, std::slice::from_ref(&s))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn items(store: &Store, actor: &Actor, command: ItemsCommand) -> anyhow::Result<ExitCode> {
    match command {
        ItemsCommand::Overdue {
            unit,
            within,
            q,
            format,
        } => {
            let query = FollowUpQuery {
                unit,
                q,
                overdue: within.is_none(),
                due_within_days: within,
                ..Default::default()
            };
            let list = store
                .export_follow_up(actor, &query, crate::list_filter::LIST_MAX_ROWS)
                .await?;
            let rows = list
                .iter()
                .map(|w| {
                    vec![
                        w.item_id.to_string(),
                        w.answer_due.format("%d/%m/%Y").to_string(),
                        if w.overdue {
                            format!("quá hạn {} ngày", -w.days_left)
                        } else {
                            format!("còn {} ngày", w.days_left)
                        },
                        w.source_label.clone(),
                        w.unit_name.clone(),
                        w.answering_agency.clone().unwrap_or_default(),
                        w.content.clone(),
                    ]
                })
                .collect();
            let header = [
                "ID",
                "Hạn trả lời",
                "Tình trạng",
                "Nguồn",
                "Đơn vị",
                "Cơ quan trả lời",
                "Nội dung",
            ];
            print(format, &header, rows, &list)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
