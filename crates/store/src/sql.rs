//! A small SQL builder that numbers placeholders `$1, $2, …`, which both SQLite and PostgreSQL
//! accept, and binds values through the `Any` driver.

use sqlx::any::{AnyArguments, AnyRow};
use sqlx::{Any, Arguments, Row};

#[derive(Debug, Clone)]
pub(crate) enum Param {
    Int(i64),
    Text(String),
    NullText,
    NullInt,
}

impl From<Option<i64>> for Param {
    fn from(v: Option<i64>) -> Self {
        v.map(Param::Int).unwrap_or(Param::NullInt)
    }
}

impl From<i64> for Param {
    fn from(v: i64) -> Self {
        Param::Int(v)
    }
}
impl From<&str> for Param {
    fn from(v: &str) -> Self {
        Param::Text(v.to_string())
    }
}
impl From<String> for Param {
    fn from(v: String) -> Self {
        Param::Text(v)
    }
}
impl From<&String> for Param {
    fn from(v: &String) -> Self {
        Param::Text(v.clone())
    }
}
impl From<Option<String>> for Param {
    fn from(v: Option<String>) -> Self {
        v.map(Param::Text).unwrap_or(Param::NullText)
    }
}
impl From<bool> for Param {
    fn from(v: bool) -> Self {
        Param::Int(v as i64)
    }
}

#[derive(Debug, Default, Clone)]
pub(crate) struct Sql {
    text: String,
    params: Vec<Param>,
}

impl Sql {
    pub fn new(text: &str) -> Sql {
        Sql {
            text: text.to_string(),
            params: Vec::new(),
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends a placeholder for `value`.
    pub fn bind(&mut self, value: impl Into<Param>) -> &mut Self {
        self.params.push(value.into());
        self.text.push_str(&format!("${}", self.params.len()));
        self
    }

    /// Appends `(a, b, …)` placeholders for a row of values.
    pub fn bind_row(&mut self, values: Vec<Param>) -> &mut Self {
        self.text.push('(');
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.bind(v);
        }
        self.text.push(')');
        self
    }

    /// Appends `(…), (…), …` for many rows (a multi-row VALUES list).
    pub fn bind_rows<I: IntoIterator<Item = Vec<Param>>>(&mut self, rows: I) -> &mut Self {
        for (i, row) in rows.into_iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.bind_row(row);
        }
        self
    }

    #[cfg(test)]
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn query(&self) -> sqlx::query::Query<'_, Any, AnyArguments<'_>> {
        let mut args = AnyArguments::default();
        for p in &self.params {
            // Adding to AnyArguments cannot fail for these types.
            let _ = match p {
                Param::Int(v) => args.add(*v),
                Param::Text(v) => args.add(v.clone()),
                Param::NullText => args.add(Option::<String>::None),
                Param::NullInt => args.add(Option::<i64>::None),
            };
        }
        sqlx::query_with(&self.text, args)
    }
}

/// Reads a column, naming it in the error when the type is off.
pub(crate) fn col<'r, T>(row: &'r AnyRow, name: &str) -> Result<T, sqlx::Error>
where
    T: sqlx::Decode<'r, Any> + sqlx::Type<Any>,
{
    row.try_get(name)
}

/// LIKE pattern for "starts with", with the prefix's own wildcards impossible by construction
/// (unit codes and schemes cannot contain '%' or '_').
pub(crate) fn starts_with(prefix: &str) -> String {
    format!("{prefix}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_order() {
        let mut s = Sql::new("SELECT * FROM t WHERE a = ");
        s.bind(1i64).push(" AND b IN ").bind_row(vec!["x".into(), "y".into()]);
        assert_eq!(s.text(), "SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)");
    }

    #[test]
    fn many_rows_are_comma_separated() {
        let mut s = Sql::new("INSERT INTO t VALUES ");
        s.bind_rows(vec![vec![1i64.into()], vec![2i64.into()]]);
        assert_eq!(s.text(), "INSERT INTO t VALUES ($1), ($2)");
    }
}
