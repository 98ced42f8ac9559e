//! The topic taxonomy (lĩnh vực) petitions are classified by. It is data an admin edits: topics
//! can be added, renamed and retired, but a topic's code never changes and a topic never
//! disappears, so old cases keep their classification and last year's figures stay the same.

use crate::text::fold;
use crate::DomainError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One topic. `code` is what records store; `label` is what people read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Topic {
    pub code: String,
    pub label: String,
    /// Retired topics still label old cases but are not offered for new ones.
    #[serde(default)]
    pub retired: bool,
}

/// The taxonomy in the order it is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Topics {
    pub topics: Vec<Topic>,
}

/// The default topic taxonomy, as the petitions issue lists it.
pub const DEFAULT_TOPICS: [(&str, &str); 8] = [
    ("land", "Đất đai"),
    ("compensation", "Bồi thường, hỗ trợ, tái định cư"),
    ("construction", "Trật tự xây dựng"),
    ("environment", "Môi trường"),
    ("social_policy", "Chính sách xã hội"),
    ("officials_conduct", "Tinh thần, thái độ, trách nhiệm của cán bộ"),
    ("justice", "Tư pháp"),
    ("other", "Khác"),
];

impl Default for Topics {
    fn default() -> Self {
        Topics {
            topics: DEFAULT_TOPICS
                .iter()
                .map(|(code, label)| Topic {
                    code: (*code).into(),
                    label: (*label).into(),
                    retired: false,
                })
                .collect(),
        }
    }
}

/// A code is lower-case ASCII letters, digits and `_`, so it is safe in URLs, files and columns.
fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 40
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// One change an admin makes on the topics page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TopicEdit {
    Add { code: String, label: String },
    Rename { code: String, label: String },
    Retire { code: String },
    Restore { code: String },
}

impl Topics {
    /// The taxonomy after one edit, checked as a whole.
    pub fn edited(&self, edit: TopicEdit) -> Result<Topics, DomainError> {
        let mut next = self.clone();
        let find = |next: &mut Topics, code: &str| -> Result<usize, DomainError> {
            next.topics
                .iter()
                .position(|t| t.code == code)
                .ok_or_else(|| DomainError::new(crate::ErrorCode::NotFound, format!("lĩnh vực '{code}'")))
        };
        match edit {
            TopicEdit::Add { code, label } => next.topics.push(Topic {
                code: code.trim().to_string(),
                label: crate::text::normalize(&label),
                retired: false,
            }),
            TopicEdit::Rename { code, label } => {
                let i = find(&mut next, &code)?;
                next.topics[i].label = crate::text::normalize(&label);
            }
            TopicEdit::Retire { code } => {
                let i = find(&mut next, &code)?;
                next.topics[i].retired = true;
            }
            TopicEdit::Restore { code } => {
                let i = find(&mut next, &code)?;
                next.topics[i].retired = false;
            }
        }
        next.check()?;
        Ok(next)
    }

    /// Parses and checks an edited taxonomy.
    pub fn from_json(text: &str) -> Result<Topics, DomainError> {
        let topics: Topics = serde_json::from_str(text)
            .map_err(|e| DomainError::validation(format!("danh mục lĩnh vực không đúng định dạng: {e}")))?;
        topics.check()?;
        Ok(topics)
    }

    /// Codes are well-formed and unique, labels present and unique once folded, and at least one
    /// topic stays open for new cases.
    pub fn check(&self) -> Result<(), DomainError> {
        let mut codes = std::collections::HashSet::new();
        let mut labels = std::collections::HashSet::new();
        for t in &self.topics {
            if !valid_code(&t.code) {
                return Err(DomainError::validation(format!(
                    "mã lĩnh vực '{}' chỉ gồm chữ thường không dấu, chữ số và dấu _",
                    t.code
                )));
            }
            if t.label.trim().is_empty() {
                return Err(DomainError::validation(format!("lĩnh vực '{}' chưa có tên", t.code)));
            }
            if !codes.insert(t.code.as_str()) {
                return Err(DomainError::validation(format!("mã lĩnh vực '{}' bị trùng", t.code)));
            }
            if !labels.insert(fold(&t.label)) {
                return Err(DomainError::validation(format!("tên lĩnh vực '{}' bị trùng", t.label)));
            }
        }
        if self.topics.iter().all(|t| t.retired) {
            return Err(DomainError::validation("cần ít nhất một lĩnh vực đang dùng"));
        }
        Ok(())
    }

    /// Checks that an edit keeps every code already in use (records refer to them).
    pub fn keeps_codes<'a>(&self, in_use: impl IntoIterator<Item = &'a str>) -> Result<(), DomainError> {
        for code in in_use {
            if self.get(code).is_none() {
                return Err(DomainError::validation(format!(
                    "lĩnh vực '{code}' đang được dùng trong hồ sơ: không xóa được, hãy đánh dấu ngừng dùng"
                )));
            }
        }
        Ok(())
    }

    pub fn get(&self, code: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.code == code)
    }

    /// The label to show for a stored code (the code itself if unknown).
    pub fn label<'a>(&'a self, code: &'a str) -> &'a str {
        self.get(code).map(|t| t.label.as_str()).unwrap_or(code)
    }

    /// Topics a new case may be filed under.
    pub fn open(&self) -> impl Iterator<Item = &Topic> {
        self.topics.iter().filter(|t| !t.retired)
    }

    /// Checks a new case's topic.
    pub fn require_open(&self, code: &str) -> Result<(), DomainError> {
        match self.get(code) {
            Some(t) if !t.retired => Ok(()),
            Some(t) => Err(DomainError::validation(format!(
                "lĩnh vực '{}' đã ngừng sử dụng",
                t.label
            ))),
            None => Err(DomainError::validation(format!(
                "lĩnh vực '{code}' không có trong danh mục"
            ))),
        }
    }

    /// A topic by its code or its label, insensitive to diacritics and case (for imports).
    pub fn find(&self, value: &str) -> Option<&Topic> {
        let folded = fold(value);
        self.open().find(|t| t.code == value.trim() || fold(&t.label) == folded)
    }

    /// The labels of the open topics, for messages listing the choices.
    pub fn choices(&self) -> String {
        self.open().map(|t| t.label.as_str()).collect::<Vec<_>>().join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_taxonomy_is_the_issue_list_and_valid() {
        let t = Topics::default();
        assert_eq!(t.topics.len(), 8);
        t.check().unwrap();
        assert_eq!(t.label("compensation"), "Bồi thường, hỗ trợ, tái định cư");
        assert!(t.require_open("land").is_ok());
    }

    #[test]
    fn admin_adds_renames_and_retires_topics() {
        let text = r#"{"topics":[{"code":"land","label":"Đất đai – nhà ở"},{"code":"traffic","label":"Giao thông"},
            {"code":"other","label":"Khác","retired":true}]}"#;
        let t = Topics::from_json(text).unwrap();
        assert_eq!(t.label("land"), "Đất đai – nhà ở");
        assert!(t.require_open("traffic").is_ok());
        let retired = t.require_open("other").unwrap_err();
        assert!(retired.to_string().contains("ngừng sử dụng"), "{retired}");
        assert_eq!(t.open().count(), 2);
        assert_eq!(t.label("other"), "Khác", "a retired topic still labels old cases");
    }

    #[test]
    fn bad_taxonomies_are_refused_with_the_reason() {
        let cases = [
            (r#"{"topics":[{"code":"Đất","label":"Đất"}]}"#, "chữ thường"),
            (r#"{"topics":[{"code":"a","label":" "}]}"#, "chưa có tên"),
            (
                r#"{"topics":[{"code":"a","label":"X"},{"code":"a","label":"Y"}]}"#,
                "mã lĩnh vực 'a' bị trùng",
            ),
            (
                r#"{"topics":[{"code":"a","label":"Đất đai"},{"code":"b","label":"dat dai"}]}"#,
                "bị trùng",
            ),
            (r#"{"topics":[{"code":"a","label":"X","retired":true}]}"#, "ít nhất một"),
            (r#"{"topic":[]}"#, "định dạng"),
        ];
        for (text, expect) in cases {
            let e = Topics::from_json(text).unwrap_err();
            assert!(e.to_string().contains(expect), "{text}: {e}");
        }
    }

    #[test]
    fn edits_add_rename_retire_and_restore() {
        let t = Topics::default();
        let t = t
            .edited(TopicEdit::Add {
                code: "traffic".into(),
                label: " Giao thông ".into(),
            })
            .unwrap();
        assert_eq!(t.label("traffic"), "Giao thông");
        let t = t
            .edited(TopicEdit::Rename {
                code: "traffic".into(),
                label: "Giao thông, vận tải".into(),
            })
            .unwrap();
        assert_eq!(t.label("traffic"), "Giao thông, vận tải");
        let t = t.edited(TopicEdit::Retire { code: "justice".into() }).unwrap();
        assert!(t.require_open("justice").is_err());
        let t = t.edited(TopicEdit::Restore { code: "justice".into() }).unwrap();
        assert!(t.require_open("justice").is_ok());
        let dup = t.edited(TopicEdit::Add {
            code: "land2".into(),
            label: "ĐẤT ĐAI".into(),
        });
        assert!(dup.unwrap_err().to_string().contains("bị trùng"));
        let missing = t.edited(TopicEdit::Retire { code: "nope".into() }).unwrap_err();
        assert_eq!(missing.code, crate::ErrorCode::NotFound);
    }

    #[test]
    fn codes_in_use_cannot_be_dropped() {
        let t = Topics::from_json(r#"{"topics":[{"code":"land","label":"Đất đai"}]}"#).unwrap();
        assert!(t.keeps_codes(["land"]).is_ok());
        let e = t.keeps_codes(["land", "justice"]).unwrap_err();
        assert!(e.to_string().contains("'justice' đang được dùng"), "{e}");
    }

    #[test]
    fn imports_find_topics_by_code_or_folded_label() {
        let t = Topics::default();
        assert_eq!(t.find("land").map(|t| t.code.as_str()), Some("land"));
        assert_eq!(t.find("dat dai").map(|t| t.code.as_str()), Some("land"));
        assert_eq!(
            t.find("BỒI THƯỜNG, HỖ TRỢ, TÁI ĐỊNH CƯ").map(|t| t.code.as_str()),
            Some("compensation")
        );
        assert!(t.find("Giao thông").is_none());
    }
}
