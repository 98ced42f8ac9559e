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
