//! JSON reading through serde_json, with structs read from JSON objects
//! only: the tests' oracle for what the app reads by hand
//! ([`crate::model::read`]), and [`crate::storage::Store::get_json`]. The
//! wasm reads no JSON through it (the dataset's syntax pass, an import
//! file's split into records and a float's value did until 2026-12-05).
//!
//! serde_json also reads a struct from a JSON array, its fields by position.
//! No format of ours has that shape, yet the array reader that serde's derive
//! writes for each struct is built into the wasm because serde_json could
//! call it. Reading through [`from_str`] asks serde_json for a map wherever a
//! struct is read, so those readers are never called, and the compiler drops
//! them: 8.3 KB of brotli wasm measured (48 KB raw) with serde_json patched to
//! do the same.
//!
//! [`Objects`] wraps each serde part on the way down (deserializer, visitor,
//! map, list, enum and seed) and forwards every call unchanged, except
//! `deserialize_struct`, which becomes `deserialize_map`. A struct given as a
//! list now fails as any other wrong type does: "invalid type: sequence,
//! expected struct …", at its line and column. Everything else reads exactly
//! as `serde_json::from_str` reads it, borrowed strings and raw values
//! included.

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use std::fmt;

/// `serde_json::from_str`, structs read from objects only.
pub fn from_str<'a, T: Deserialize<'a>>(text: &'a str) -> serde_json::Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(Objects(&mut de))?;
    de.end()?;
    Ok(value)
}

/// One serde part, forwarded to with structs read as maps (see the module).
pub struct Objects<T>(pub T);

/// Deserializer methods passed on unchanged, their arguments first, the
/// visitor wrapped.
macro_rules! forward_deserialize {
    ($($method:ident($($arg:ident: $ty:ty),*)),*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.0.$method($($arg,)* Objects(visitor))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Objects<D> {
    type Error = D::Error;

    forward_deserialize!(
        deserialize_any(), deserialize_bool(), deserialize_i8(), deserialize_i16(), deserialize_i32(),
        deserialize_i64(), deserialize_i128(), deserialize_u8(), deserialize_u16(), deserialize_u32(),
        deserialize_u64(), deserialize_u128(), deserialize_f32(), deserialize_f64(), deserialize_char(),
        deserialize_str(), deserialize_string(), deserialize_bytes(), deserialize_byte_buf(),
        deserialize_option(), deserialize_unit(), deserialize_seq(), deserialize_map(),
        deserialize_identifier(), deserialize_ignored_any(),
        deserialize_unit_struct(name: &'static str),
        deserialize_newtype_struct(name: &'static str),
        deserialize_tuple(len: usize),
        deserialize_tuple_struct(name: &'static str, len: usize),
        deserialize_enum(name: &'static str, variants: &'static [&'static str])
    );

    /// The one change: a struct is read as a map.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(Objects(visitor))
    }
    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

macro_rules! forward_visit {
    ($($method:ident($ty:ty)),*) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            self.0.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Objects<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.expecting(f)
    }
    forward_visit!(
        visit_bool(bool), visit_i8(i8), visit_i16(i16), visit_i32(i32), visit_i64(i64),
        visit_i128(i128), visit_u8(u8), visit_u16(u16), visit_u32(u32), visit_u64(u64),
        visit_u128(u128), visit_f32(f32), visit_f64(f64), visit_char(char), visit_str(&str),
        visit_borrowed_str(&'de str), visit_string(String), visit_bytes(&[u8]),
        visit_borrowed_bytes(&'de [u8]), visit_byte_buf(Vec<u8>)
    );
    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_none()
    }
    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_unit()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.0.visit_some(Objects(d))
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.0.visit_newtype_struct(Objects(d))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(Objects(seq))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(Objects(map))
    }
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.0.visit_enum(Objects(data))
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Objects<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Objects(d))
    }
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Objects<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(Objects(seed))
    }
    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Objects<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(Objects(seed))
    }
    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.0.next_value_seed(Objects(seed))
    }
    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for Objects<A> {
    type Error = A::Error;
    type Variant = Objects<A::Variant>;

    fn variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<(T::Value, Self::Variant), A::Error> {
        self.0.variant_seed(Objects(seed)).map(|(value, variant)| (value, Objects(variant)))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Objects<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.0.newtype_variant_seed(Objects(seed))
    }
    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Objects(visitor))
    }
    fn struct_variant<V: Visitor<'de>>(self, fields: &'static [&'static str], visitor: V) -> Result<V::Value, A::Error> {
        self.0.struct_variant(fields, Objects(visitor))
    }
}

#[cfg(test)]
mod tests {
    use super::from_str;
    use serde::Deserialize;
    use serde_json::value::RawValue;
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Inner {
        n: u32,
        #[serde(default)]
        tags: Vec<String>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Plain,
        Counted(u32),
        Shaped { inner: Inner },
    }

    #[derive(Deserialize)]
    struct Outer<'a> {
        name: String,
        #[serde(borrow)]
        raw: &'a RawValue,
        boxed: Box<RawValue>,
        inner: Option<Inner>,
        list: Vec<Inner>,
        kinds: Vec<Kind>,
        map: BTreeMap<String, f64>,
        unit: (),
    }

    const TEXT: &str = r#"{"name":"Kayes \u00e9","raw":{"a":[1, 2]},"boxed":"x","inner":{"n":1},
        "list":[{"n":2,"tags":["a"]},{"n":3}],"kinds":["plain",{"counted":4},{"shaped":{"inner":{"n":5}}}],
        "map":{"b":1.5,"a":-2e3},"unit":null}"#;

    #[test]
    fn reads_what_serde_json_reads() {
        let ours: Outer = from_str(TEXT).unwrap();
        let theirs: Outer = serde_json::from_str(TEXT).unwrap();
        assert_eq!(ours.name, "Kayes é");
        let () = ours.unit;
        assert_eq!(ours.raw.get(), r#"{"a":[1, 2]}"#);
        assert_eq!(ours.boxed.get(), theirs.boxed.get());
        assert_eq!((ours.inner, ours.list, ours.kinds, ours.map), (theirs.inner, theirs.list, theirs.kinds, theirs.map));
    }

    #[test]
    fn errors_are_serde_jsons_own() {
        for bad in [
            r#"{"n": "1"}"#,
            r#"{"n": 1, "tags": [1]}"#,
            r#"{"tags": []}"#,
            r#"{"n": 1} x"#,
            r#"{"n": 1"#,
            "",
            "7",
        ] {
            let ours = from_str::<Inner>(bad).unwrap_err().to_string();
            assert_eq!(ours, serde_json::from_str::<Inner>(bad).unwrap_err().to_string(), "{bad}");
        }
    }

    #[test]
    fn a_struct_is_read_from_an_object_only() {
        assert_eq!(serde_json::from_str::<Inner>("[1, []]").unwrap(), Inner { n: 1, tags: vec![] });
        let e = from_str::<Inner>("[1, []]").unwrap_err();
        assert_eq!(e.to_string(), "invalid type: sequence, expected struct Inner at line 1 column 0");
        let e = from_str::<Vec<Inner>>("[{\"n\": 1},\n [2]]").unwrap_err();
        assert_eq!(e.to_string(), "invalid type: sequence, expected struct Inner at line 2 column 1");
    }
}
