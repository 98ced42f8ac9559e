//! The folded search keys of the record lists' search boxes (every record list but the
//! petitions, which have their own index): one function makes the key, for the writers and for
//! the rows stored before the column existed (migrations 0052–0057), so both agree.

use crate::sql::{col, Sql};
use crate::{Result, Store};
use danvan_domain::text::fold;

/// A record table searched by its `search_text`, and the text columns the key is made of.
pub(crate) struct Searched {
    pub table: &'static str,
    pub columns: &'static [&'static str],
}

pub(crate) const MEETINGS: Searched = Searched {
    table: "meetings",
    columns: &["topic", "organiser", "place", "gpmb_project"],
};

pub(crate) const DIRECTIVES: Searched = Searched {
    table: "directives",
    columns: &["symbol", "title"],
};

pub(crate) const DVK_MODELS: Searched = Searched {
    table: "dvk_models",
    columns: &["name", "owner", "organisation", "description"],
};

pub(crate) const RECEPTIONS: Searched = Searched {
    table: "reception_sessions",
    columns: &["receiver", "receiver_position", "note"],
};

pub(crate) const MOVEMENTS: Searched = Searched {
    table: "movements",
    columns: &["name", "description"],
};

pub(crate) const DISCLOSURES: Searched = Searched {
    table: "disclosures",
    columns: &["title", "content", "decision_ref", "place"],
};

pub(crate) const RESIDENT_DECISIONS: Searched = Searched {
    table: "resident_decisions",
    columns: &["title", "notes"],
};

pub(crate) const CONSULTATIONS: Searched = Searched {
    table: "consultations",
    columns: &["title", "summary"],
};

pub(crate) const ORDERED_TASKS: Searched = Searched {
    table: "ordered_tasks",
    columns: &["orderer", "contractor", "content", "gpmb_project"],
};

pub(crate) const SUPERVISIONS: Searched = Searched {
    table: "supervisions",
    columns: &["organisation", "subject", "topic", "conclusions"],
};

pub(crate) const CONTRIBUTIONS: Searched = Searched {
    table: "contributions",
    columns: &["organisation", "document"],
};

pub(crate) const GPMB_PROJECTS: Searched = Searched {
    table: "gpmb_projects",
    columns: &["name", "scale", "investor"],
};

pub(crate) const ITEMS: Searched = Searched {
    table: "items",
    columns: &["content"],
};

pub(crate) const HOT_ISSUES: Searched = Searched {
    table: "hot_issues",
    columns: &["title", "description", "place"],
};

pub(crate) const HOUSES: Searched = Searched {
    table: "houses",
    columns: &["household"],
};

pub(crate) const RURAL_CONTRIBUTIONS: Searched = Searched {
    table: "rural_contributions",
    columns: &["purpose"],
};

pub(crate) const SITUATION_REPORTS: Searched = Searched {
    table: "situation_reports",
    columns: &["summary", "issues"],
};

const ALL: [Searched; 17] = [
    MEETINGS,
    DIRECTIVES,
    DVK_MODELS,
    RECEPTIONS,
    MOVEMENTS,
    DISCLOSURES,
    RESIDENT_DECISIONS,
    CONSULTATIONS,
    ORDERED_TASKS,
    SUPERVISIONS,
    CONTRIBUTIONS,
    GPMB_PROJECTS,
    ITEMS,
    HOT_ISSUES,
    HOUSES,
    RURAL_CONTRIBUTIONS,
    SITUATION_REPORTS,
];

/// The search key of a record's texts, in `Searched::columns` order.
pub(crate) fn search_key(parts: &[Option<&str>]) -> String {
    fold(&parts.iter().flatten().copied().collect::<Vec<_>>().join(" "))
}

/// ` AND {column} LIKE '%key%'` for what was typed in a search box; nothing for blank input.
pub(crate) fn push_search(q: &mut Sql, column: &str, typed: Option<&str>) {
    let key = typed.map(fold).unwrap_or_default();
    if !key.is_empty() {
        q.push(&format!(" AND {column} LIKE ")).bind(format!("%{key}%"));
    }
}

impl Store {
    /// Folds the search keys migrations 0052–0057 left empty, a batch at a time: run after every
    /// migration, a no-op once every row has its key. Each batch starts past the last id
    /// folded, so a large table (the items) is read once, not once per batch.
    pub(crate) async fn fill_missing_search_texts(&self) -> Result<u64> {
        let mut filled = 0;
        for searched in ALL {
            let mut last_id = 0_i64;
            loop {
                let mut q = Sql::new(&format!(
                    "SELECT id, {} FROM {} WHERE search_text IS NULL AND id > ",
                    searched.columns.join(", "),
                    searched.table
                ));
                q.bind(last_id).push(" ORDER BY id LIMIT 500");
                let rows = q.query().fetch_all(&self.pool).await?;
                if rows.is_empty() {
                    break;
                }
                let mut tx = self.pool.begin().await?;
                for row in &rows {
                    let texts: Vec<Option<String>> = searched
                        .columns
                        .iter()
                        .map(|c| col::<Option<String>>(row, c))
                        .collect::<std::result::Result<_, _>>()?;
                    let parts: Vec<Option<&str>> = texts.iter().map(|t| t.as_deref()).collect();
                    let mut q = Sql::new(&format!("UPDATE {} SET search_text = ", searched.table));
                    q.bind(search_key(&parts))
                        .push(" WHERE id = ")
                        .bind(col::<i64>(row, "id")?);
                    q.query().execute(&mut *tx).await?;
                }
                tx.commit().await?;
                filled += rows.len() as u64;
                last_id = rows
                    .last()
                    .map(|r| col::<i64>(r, "id"))
                    .transpose()?
                    .unwrap_or(i64::MAX);
            }
        }
        Ok(filled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_folds_every_part_that_is_there() {
        let key = search_key(&[Some("Đối thoại về GPMB"), None, Some("Hội trường UBND phường")]);
        assert_eq!(key, "doi thoai ve gpmb hoi truong ubnd phuong");
        assert_eq!(search_key(&[Some("85-KH/QU"), Some("Kế hoạch")]), "85 kh qu ke hoach");
    }

    #[test]
    fn blank_searches_add_no_condition() {
        let mut q = Sql::new("SELECT 1 WHERE 1 = 1");
        push_search(&mut q, "m.search_text", Some("  --  "));
        push_search(&mut q, "m.search_text", None);
        assert_eq!(q.text(), "SELECT 1 WHERE 1 = 1");
        push_search(&mut q, "m.search_text", Some("Đối THOẠI"));
        assert!(q.text().ends_with("AND m.search_text LIKE $1"), "{}", q.text());
    }
}
