//! String catalogues: every UI string comes from `locales/<lang>.json`, none is hard-coded in a
//! template. Vietnamese is the default; English is the second language.

use std::collections::BTreeMap;
use std::sync::OnceLock;

pub type Catalogue = BTreeMap<String, String>;

const VI: &str = include_str!("../locales/vi.json");
const EN: &str = include_str!("../locales/en.json");

fn parse(name: &str, text: &str) -> Catalogue {
    // The catalogues are compiled in; a broken one is a build defect caught by the tests below.
    serde_json::from_str(text).unwrap_or_else(|e| panic!("locales/{name}.json: {e}"))
}

/// The catalogue for a language code; anything but "en" gets Vietnamese.
pub fn catalogue(lang: &str) -> &'static Catalogue {
    static VI_CAT: OnceLock<Catalogue> = OnceLock::new();
    static EN_CAT: OnceLock<Catalogue> = OnceLock::new();
    match lang {
        "en" => EN_CAT.get_or_init(|| parse("en", EN)),
        _ => VI_CAT.get_or_init(|| parse("vi", VI)),
    }
}

/// English names of the domain's coded values (`{group: {code: label}}`). Vietnamese names come
/// from the domain itself (`label_vi`), which is where the law's wording lives.
const EN_LABELS: &str = include_str!("../locales/labels.en.json");

type Labels = BTreeMap<String, BTreeMap<String, String>>;

fn en_labels() -> &'static Labels {
    static LABELS: OnceLock<Labels> = OnceLock::new();
    LABELS.get_or_init(|| serde_json::from_str(EN_LABELS).unwrap_or_else(|e| panic!("locales/labels.en.json: {e}")))
}

/// A coded value's name in `lang`: the domain's Vietnamese, or the English catalogue's (the
/// Vietnamese when a value has no English name yet, e.g. a topic an admin added).
pub fn label(lang: &str, group: &str, code: &str, vi: &str) -> String {
    if lang != "en" {
        return vi.to_string();
    }
    en_labels()
        .get(group)
        .and_then(|g| g.get(code))
        .cloned()
        .unwrap_or_else(|| vi.to_string())
}

/// `(code, name)` for every value, in order, for a `<select>`.
pub fn label_pairs<T: Copy>(
    lang: &str,
    group: &str,
    all: &[T],
    code: fn(T) -> &'static str,
    vi: fn(T) -> &'static str,
) -> Vec<(&'static str, String)> {
    all.iter()
        .map(|v| (code(*v), label(lang, group, code(*v), vi(*v))))
        .collect()
}

/// code → name, for looking a stored value's name up in a template.
pub fn label_map<T: Copy>(
    lang: &str,
    group: &str,
    all: &[T],
    code: fn(T) -> &'static str,
    vi: fn(T) -> &'static str,
) -> BTreeMap<&'static str, String> {
    label_pairs(lang, group, all, code, vi).into_iter().collect()
}

pub fn normalize_lang(lang: &str) -> &'static str {
    if lang == "en" {
        "en"
    } else {
        "vi"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_have_the_same_keys() {
        let vi: Vec<_> = catalogue("vi").keys().collect();
        let en: Vec<_> = catalogue("en").keys().collect();
        assert_eq!(vi, en);
    }

    /// Every coded value the pages show has an English name.
    #[test]
    fn every_coded_value_has_an_english_name() {
        use danvan_domain::meeting::*;
        use danvan_domain::petition::*;
        fn all<T: Copy>(group: &str, values: &[T], code: fn(T) -> &'static str) {
            for v in values {
                let c = code(*v);
                assert!(
                    en_labels().get(group).is_some_and(|g| g.contains_key(c)),
                    "labels.en.json lacks {group}.{c}"
                );
            }
        }
        all("petition_kind", PetitionKind::ALL, PetitionKind::as_str);
        all("unit_level", &danvan_domain::unit::Level::ALL, |l| l.as_str());
        all("channel", Channel::ALL, Channel::as_str);
        all("petition_outcome", Outcome::ALL, Outcome::as_str);
        all("petition_status", Status::ALL, Status::as_str);
        all("petition_action", Action::ALL, Action::as_str);
        all("reception_kind", danvan_domain::reception::ReceptionKind::ALL, |k| {
            k.as_str()
        });
        all("meeting_kind", MeetingKind::ALL, MeetingKind::as_str);
        all("meeting_status", MeetingStatus::ALL, MeetingStatus::as_str);
        all("meeting_action", MeetingAction::ALL, MeetingAction::as_str);
        all("item_source", SourceKind::ALL, SourceKind::as_str);
        all("item_origin", ItemOrigin::ALL, ItemOrigin::as_str);
        all("item_outcome", ItemOutcome::ALL, ItemOutcome::as_str);
        all("item_status", ItemStatus::ALL, ItemStatus::as_str);
        all("supervision_form", SupervisionForm::ALL, SupervisionForm::as_str);
        all(
            "proposer",
            danvan_domain::democracy::Proposer::ALL,
            danvan_domain::democracy::Proposer::as_str,
        );
        all(
            "land_type",
            danvan_domain::gpmb::LandType::ALL,
            danvan_domain::gpmb::LandType::as_str,
        );
        all(
            "contribution_target",
            ContributionTarget::ALL,
            ContributionTarget::as_str,
        );
        {
            use danvan_domain::directive::DocumentType;
            use danvan_domain::dvk::*;
            use danvan_domain::movement::*;
            all("document_type", DocumentType::ALL, DocumentType::as_str);
            all("dvk_field", DvkField::ALL, DvkField::as_str);
            all("dvk_holder", Holder::ALL, Holder::as_str);
            all("dvk_stage", DvkStage::ALL, DvkStage::as_str);
            all("dvk_action", DvkAction::ALL, DvkAction::as_str);
            all("recognition_level", RecognitionLevel::ALL, RecognitionLevel::as_str);
            all("commendation_form", CommendationForm::ALL, CommendationForm::as_str);
            all("movement_kind", MovementKind::ALL, MovementKind::as_str);
            all("group_field", GroupField::ALL, GroupField::as_str);
            all("fund_kind", FundKind::ALL, FundKind::as_str);
            all("entry_kind", EntryKind::ALL, EntryKind::as_str);
            all("house_kind", HouseKind::ALL, HouseKind::as_str);
            all(
                "contribution_source",
                ContributionSource::ALL,
                ContributionSource::as_str,
            );
            all("task_status", TaskStatus::ALL, TaskStatus::as_str);
        }
        for (code, _) in DEFAULT_TOPICS {
            assert!(en_labels()["topic"].contains_key(code), "topic {code}");
        }
        assert_eq!(label("en", "petition_status", "received", "Đã tiếp nhận"), "Received");
        assert_eq!(
            label("vi", "petition_status", "received", "Đã tiếp nhận"),
            "Đã tiếp nhận"
        );
        assert_eq!(
            label("en", "topic", "traffic", "Giao thông"),
            "Giao thông",
            "an admin's own topic"
        );
    }

    #[test]
    fn every_role_has_a_label_in_both_languages() {
        for role in danvan_domain::role::Role::ALL {
            for lang in ["vi", "en"] {
                assert!(
                    catalogue(lang).contains_key(&format!("role_{}", role.as_str())),
                    "{lang} {role:?}"
                );
            }
        }
    }

    #[test]
    fn templates_use_only_known_keys() {
        let keys = catalogue("vi");
        for (name, text) in crate::pages::TEMPLATES {
            for part in text.split("tr.").skip(1) {
                let key: String = part
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                assert!(keys.contains_key(&key), "{name} uses unknown key tr.{key}");
            }
        }
    }
}
