//! serde_json's errors as [`Problem`]s in any language.
//!
//! serde_json explains in English only. Its messages follow a few fixed
//! patterns (`missing field `x``, `invalid type: A, expected B`…), so each is
//! classified into a message of the text table; the type words it names
//! (`a string`, `u32`, `struct Text`…) become words of the table too, while
//! code identifiers (field and variant names) stay as they are. A message
//! that fits no pattern keeps serde's words in a generic "unexpected shape".

use super::problem::{Problem, ProblemKind};
use crate::i18n::{msg, Arg, Msg};

/// The problem for text that is not JSON: line, column and what is wrong.
pub(crate) fn syntax(e: &super::read::Error) -> Problem {
    let what = match e.is_eof() {
        true => msg!(v_json_eof),
        false => syntax_what(&e.to_string()),
    };
    Problem::new(
        String::new(),
        ProblemKind::Syntax,
        msg!(v_json_syntax),
        vec![
            ("line", Arg::text(&e.line())),
            ("col", Arg::text(&e.column())),
            ("what", Arg::word(what)),
        ],
    )
}

/// What a syntax error message (`expected value at line 1 column 2`…) says.
pub(crate) fn syntax_what(message: &str) -> Msg {
    const PATTERNS: &[(&str, Msg)] = &[
        ("EOF while parsing", msg!(v_json_eof)),
        ("expected value", msg!(v_json_expected_value)),
        ("expected `:`", msg!(v_json_expected_colon)),
        ("expected `,` or `]`", msg!(v_json_expected_comma_list)),
        ("expected `,` or `}`", msg!(v_json_expected_comma_object)),
        ("expected ident", msg!(v_json_ident)),
        ("expected `\"`", msg!(v_json_key_string)),
        ("key must be a string", msg!(v_json_key_string)),
        ("trailing characters", msg!(v_json_trailing_chars)),
        ("trailing comma", msg!(v_json_trailing_comma)),
        ("invalid escape", msg!(v_json_escape)),
        ("invalid unicode code point", msg!(v_json_escape)),
        ("lone leading surrogate", msg!(v_json_escape)),
        ("unexpected end of hex escape", msg!(v_json_escape)),
        ("control character", msg!(v_json_control_char)),
        ("invalid number", msg!(v_json_number)),
        ("number out of range", msg!(v_json_number)),
        ("recursion limit exceeded", msg!(v_json_depth)),
    ];
    PATTERNS
        .iter()
        .find(|(p, _)| message.starts_with(p))
        .map_or(msg!(v_json_other), |(_, m)| *m)
}

/// The problem at `path` for serde's shape error `message`, as a
/// `serde_json::Error` displays it. Its position (` at line 1 column 9`,
/// within the raw item that was read) is dropped: the path says where.
pub(crate) fn shape(path: String, message: &str) -> Problem {
    let (msg, args) = classify(without_position(message));
    Problem::new(path, ProblemKind::Shape, msg, args)
}

/// `message` without serde_json's ` at line L column C` at its end.
pub(crate) fn without_position(message: &str) -> &str {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match message.rsplit_once(" at line ") {
        Some((bare, at)) if at.split_once(" column ").is_some_and(|(l, c)| digits(l) && digits(c)) => bare,
        _ => message,
    }
}

fn classify(m: &str) -> (Msg, Vec<(&'static str, Arg)>) {
    let code = |s: &str| Arg::Text(s.to_string());
    if let Some(field) = m
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        return (msg!(v_shape_missing_field), vec![("field", code(field))]);
    }
    if let Some(field) = m
        .strip_prefix("duplicate field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        return (msg!(v_shape_duplicate_field), vec![("field", code(field))]);
    }
    for (prefix, key) in [
        ("unknown variant `", msg!(v_shape_unknown_variant)),
        ("unknown field `", msg!(v_shape_unknown_field)),
    ] {
        // `unknown variant `x`, expected one of `a`, `b``, `… expected `a` or
        // `b``, `… expected `a``, `… there are no variants`. The allowed
        // names are ours; the found one is data, so split at the last marker.
        let Some(rest) = m.strip_prefix(prefix) else {
            continue;
        };
        let Some(cut) = rest
            .rfind("`, expected ")
            .or_else(|| rest.rfind("`, there are no "))
        else {
            continue;
        };
        let allowed = backticked(&rest[cut + 1..]);
        let allowed = if allowed.is_empty() {
            "–".to_string()
        } else {
            allowed.join(", ")
        };
        return (
            key,
            vec![
                ("found", code(&rest[..cut])),
                ("allowed", Arg::Text(allowed)),
            ],
        );
    }
    for (prefix, key) in [
        ("invalid type: ", msg!(v_shape_invalid_type)),
        ("invalid value: ", msg!(v_shape_invalid_value)),
    ] {
        // The expected part is ours; the found part may quote data.
        if let Some((found, expected)) = m
            .strip_prefix(prefix)
            .and_then(|r| r.rsplit_once(", expected "))
        {
            return (
                key,
                vec![
                    ("found", found_word(found)),
                    ("expected", expected_word(expected)),
                ],
            );
        }
    }
    // What serde_json's `from_str` says where a `Value` would have said
    // `invalid type` (a number, list… where a name from a list is read).
    // Raw items (the journal's import, the dataset's fields) are valid
    // JSON, so this is never a syntax error here.
    if m.starts_with("expected value") {
        return (msg!(v_shape_not_a_name), Vec::new());
    }
    (msg!(v_shape_other), vec![("detail", code(m))])
}

/// The names between backticks in `s`.
fn backticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

fn word_v(m: Msg, v: &str) -> Arg {
    Arg::Word(m, vec![("v", v.to_string())])
}

/// serde's `Unexpected` as displayed: `string "x"`, `integer `5``, `map`…
fn found_word(s: &str) -> Arg {
    let between = |prefix: &str| s.strip_prefix(prefix).and_then(|r| r.strip_suffix('`'));
    match s {
        "map" => Arg::word(msg!(v_w_object)),
        "sequence" => Arg::word(msg!(v_w_list)),
        _ => {
            if let Some(v) = s.strip_prefix("string ") {
                word_v(msg!(v_w_string_v), v)
            } else if let Some(v) = between("integer `") {
                word_v(msg!(v_w_integer_v), v)
            } else if let Some(v) = between("floating point `") {
                word_v(msg!(v_w_float_v), v)
            } else if let Some(v) = between("boolean `") {
                word_v(msg!(v_w_boolean_v), v)
            } else {
                // `null` and the rare others, as serde wrote them.
                Arg::Text(s.to_string())
            }
        }
    }
}

/// What serde expected: `a string`, `u32`, `struct Text`…
fn expected_word(s: &str) -> Arg {
    match s {
        "a string" => Arg::word(msg!(v_w_string)),
        "a boolean" => Arg::word(msg!(v_w_boolean)),
        "a sequence" => Arg::word(msg!(v_w_list)),
        "a map" => Arg::word(msg!(v_w_object)),
        "string or map" => Arg::word(msg!(v_w_string_or_object)),
        "a character" => Arg::word(msg!(v_w_char)),
        "a YYYY-MM-DD date" => Arg::word(msg!(v_w_date)),
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => word_v(msg!(v_w_unsigned), s),
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => word_v(msg!(v_w_signed), s),
        "f32" | "f64" => Arg::word(msg!(v_w_number)),
        _ => {
            if let Some(rest) = s.strip_prefix("struct ") {
                word_v(msg!(v_w_struct), rest)
            } else {
                Arg::Text(s.to_string())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn both(message: &str) -> (String, String) {
        let p = shape("x".into(), message);
        (p.message(Lang::Fr), p.message(Lang::En))
    }

    fn key(message: &str) -> &'static str {
        shape("x".into(), message).msg.key()
    }

    #[test]
    fn missing_and_duplicate_fields() {
        assert_eq!(key("missing field `home_region`"), "v_shape_missing_field");
        let (fr, en) = both("missing field `home_region`");
        assert_eq!(
            fr,
            "Forme inattendue\u{202f}: champ «\u{a0}home_region\u{a0}» manquant"
        );
        assert_eq!(en, "Unexpected shape: missing field “home_region”");
        assert_eq!(key("duplicate field `id`"), "v_shape_duplicate_field");
        assert!(both("duplicate field `id`")
            .0
            .contains("«\u{a0}id\u{a0}» en double"));
    }

    #[test]
    fn unknown_variants_list_the_allowed_names() {
        let m = "unknown variant `club`, expected one of `association`, `womens_group`, `ngo`";
        assert_eq!(key(m), "v_shape_unknown_variant");
        let (fr, en) = both(m);
        assert_eq!(fr, "Valeur «\u{a0}club\u{a0}» inconnue\u{202f}; valeurs possibles\u{202f}: association, womens_group, ngo");
        assert_eq!(
            en,
            "Unknown value “club”; allowed values: association, womens_group, ngo"
        );
        assert!(both("unknown variant `de`, expected `fr` or `en`")
            .0
            .ends_with(": fr, en"));
        assert!(both("unknown variant `x`, expected `only`")
            .1
            .ends_with("allowed values: only"));
        assert!(both("unknown variant `x`, there are no variants")
            .1
            .ends_with("allowed values: –"));
        // The found value is data: it may hold the markers.
        let (fr, _) = both("unknown variant `a`, expected `b`, expected one of `c`, `d`");
        assert!(
            fr.starts_with("Valeur «\u{a0}a`, expected `b\u{a0}»") && fr.ends_with(": c, d"),
            "{fr}"
        );
        assert_eq!(
            key("unknown field `colour`, expected `fr` or `en`"),
            "v_shape_unknown_field"
        );
        assert!(both("unknown field `colour`, expected `fr` or `en`")
            .0
            .starts_with("Champ «\u{a0}colour\u{a0}» inconnu"));
    }

    #[test]
    fn invalid_types_translate_serde_type_words() {
        let (fr, en) = both("invalid type: string \"three\", expected u32");
        assert_eq!(fr, "Type inattendu\u{202f}: la chaîne \"three\"\u{202f}; attendu\u{202f}: un entier positif ou nul (u32)");
        assert_eq!(
            en,
            "Unexpected type: the string \"three\"; expected a non-negative integer (u32)"
        );
        let fr = |m| both(m).0;
        assert!(fr("invalid type: map, expected a sequence")
            .ends_with(": un objet\u{202f}; attendu\u{202f}: une liste"));
        assert!(fr("invalid type: sequence, expected a map")
            .ends_with(": une liste\u{202f}; attendu\u{202f}: un objet"));
        assert!(fr("invalid type: integer `5`, expected a string")
            .ends_with("l'entier 5\u{202f}; attendu\u{202f}: une chaîne de caractères"));
        assert!(fr("invalid type: integer `1`, expected a boolean")
            .ends_with("un booléen (true ou false)"));
        assert!(fr("invalid type: floating point `1.5`, expected i64")
            .ends_with("le nombre décimal 1.5\u{202f}; attendu\u{202f}: un entier (i64)"));
        assert!(fr("invalid type: boolean `true`, expected f64")
            .ends_with("le booléen true\u{202f}; attendu\u{202f}: un nombre"));
        assert!(fr("invalid type: null, expected struct Figures")
            .ends_with("null\u{202f}; attendu\u{202f}: un objet Figures"));
        assert_eq!(
            both("invalid type: null, expected struct Figures").1,
            "Unexpected type: null; expected a Figures object"
        );
        assert!(fr("invalid type: integer `5`, expected string or map")
            .ends_with("une chaîne ou un objet"));
        // A data string holding the marker is split at the last one.
        assert!(
            fr("invalid type: string \"a, expected b\", expected a boolean")
                .contains("la chaîne \"a, expected b\"\u{202f};")
        );
    }

    #[test]
    fn invalid_values() {
        assert_eq!(
            key("invalid value: integer `-1`, expected u32"),
            "v_shape_invalid_value"
        );
        assert_eq!(
            both("invalid value: integer `-1`, expected u32").0,
            "Valeur inattendue\u{202f}: l'entier -1\u{202f}; attendu\u{202f}: un entier positif ou nul (u32)"
        );
        assert!(both("invalid value: string \"ab\", expected a character")
            .0
            .ends_with("un seul caractère"));
        assert!(
            both("invalid value: string \"2018-13-01\", expected a YYYY-MM-DD date")
                .0
                .ends_with("une date AAAA-MM-JJ")
        );
        // A struct given as a list (crate::json reads structs from objects).
        assert_eq!(
            both("invalid type: sequence, expected struct Figures"),
            (
                "Type inattendu\u{202f}: une liste\u{202f}; attendu\u{202f}: un objet Figures".into(),
                "Unexpected type: a list; expected a Figures object".into()
            )
        );
        // With the position `from_str` adds: dropped, the rest read alike;
        // data that only looks like one is kept.
        assert_eq!(
            both("invalid type: integer `4`, expected a string at line 1 column 12"),
            both("invalid type: integer `4`, expected a string")
        );
        assert!(both("unknown variant `a at line 2`, expected `b`").0.contains("a at line 2"));
        // As `from_str` says them in a raw item.
        assert_eq!(key("expected value"), "v_shape_not_a_name");
        assert!(both("expected value").0.contains("un des noms possibles"));
    }

    #[test]
    fn other_messages_keep_serde_words_in_a_generic_message() {
        let (fr, en) = both("something new");
        assert_eq!(fr, "Forme inattendue\u{202f}: something new");
        assert_eq!(en, "Unexpected shape: something new");
        assert_eq!(key("invalid type: no marker"), "v_shape_other");
    }

    #[test]
    fn syntax_messages_are_classified() {
        for (m, k) in [
            ("EOF while parsing a value at line 1 column 8", "v_json_eof"),
            ("EOF while parsing a string at line 1 column 6", "v_json_eof"),
            ("expected value at line 1 column 1", "v_json_expected_value"),
            ("expected `:` at line 1 column 6", "v_json_expected_colon"),
            ("expected `,` or `]` at line 1 column 4", "v_json_expected_comma_list"),
            ("expected `,` or `}` at line 1 column 9", "v_json_expected_comma_object"),
            ("expected ident at line 1 column 3", "v_json_ident"),
            ("key must be a string at line 1 column 2", "v_json_key_string"),
            ("trailing characters at line 1 column 9", "v_json_trailing_chars"),
            ("trailing comma at line 1 column 4", "v_json_trailing_comma"),
            ("invalid escape at line 1 column 3", "v_json_escape"),
            ("unexpected end of hex escape at line 1 column 8", "v_json_escape"),
            ("control character (\\u0000-\\u001F) found while parsing a string at line 1 column 3", "v_json_control_char"),
            ("number out of range at line 1 column 5", "v_json_number"),
            ("recursion limit exceeded at line 1 column 128", "v_json_depth"),
            ("anything else", "v_json_other"),
        ] {
            assert_eq!(syntax_what(m).key(), k, "{m}");
        }
    }

    #[test]
    fn syntax_problems_give_line_column_and_a_category() {
        let e = crate::model::read::syntax("{\n  \"a\": 1\n  \"b\": 2\n}").unwrap_err();
        let p = syntax(&e);
        assert_eq!(p.message(Lang::Fr), "JSON invalide (ligne 3, colonne 3)\u{202f}: «\u{a0},\u{a0}» ou «\u{a0}}\u{a0}» est attendu dans l'objet");
        assert_eq!(
            p.message(Lang::En),
            "Invalid JSON (line 3, column 3): “,” or “}” is expected in the object"
        );
        let e = crate::model::read::syntax("{\"a\": [1,").unwrap_err();
        assert!(syntax(&e)
            .message(Lang::Fr)
            .ends_with("(fichier tronqué\u{202f}?)"));
    }
}
