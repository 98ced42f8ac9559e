//! Vietnamese text: normalization and the folded search key.
//!
//! Text arrives in NFC and NFD, and with two tone-placement styles (hòa / hoà). Both fold to the
//! same key once diacritics are gone. `đ` is a letter, not a diacritic: NFD does not split it,
//! so it is mapped to `d` by hand.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Canonical stored form of user text: NFC, trimmed, inner whitespace collapsed.
pub fn normalize(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Search key: lower case, no diacritics, đ→d, punctuation to spaces, single spaces.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        };
        out.extend(c.to_lowercase());
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_diacritics_and_d_stroke() {
        assert_eq!(fold("Phường Ba Đình"), "phuong ba dinh");
        assert_eq!(fold("Xã Đất Mũi"), "xa dat mui");
    }

    #[test]
    fn nfd_input_folds_like_nfc() {
        let nfd: String = "Thủy Nguyên".nfd().collect();
        assert_ne!(nfd, "Thủy Nguyên");
        assert_eq!(fold(&nfd), fold("Thủy Nguyên"));
    }

    #[test]
    fn both_tone_placements_fold_alike() {
        assert_eq!(fold("Hòa Bình"), fold("Hoà Bình"));
        assert_eq!(fold("Thủy"), fold("Thuỷ"));
    }

    #[test]
    fn normalize_composes_and_trims() {
        let nfd: String = "  Hà   Nội ".nfd().collect();
        assert_eq!(normalize(&nfd), "Hà Nội");
    }

    #[test]
    fn apostrophes_and_hyphens_become_spaces() {
        assert_eq!(fold("Ea H'leo"), "ea h leo");
        assert_eq!(fold("Ba La - Xuân Mai"), "ba la xuan mai");
    }
}
