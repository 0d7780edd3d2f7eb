//! Decoding values whose JSON shape (text, true/false, list, object) says which variant they are,
//! without serde's `untagged`: that buffers the value and tries each variant in turn, and every
//! failed try builds an error (in the browser, a JavaScript `Error` with its stack trace, which
//! made a draft's answers and a schema's option lists slow to decode at start-up).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};

/// A type decoded by the shape of its JSON. Each shape it does not take is refused with the
/// usual serde message ("invalid type: …, expected …").
pub trait ByShape: Sized {
    /// What the JSON should be, for messages.
    const EXPECTING: &'static str;

    fn text<E: de::Error>(text: String) -> Result<Self, E> {
        Err(E::invalid_type(Unexpected::Str(&text), &Expecting(Self::EXPECTING)))
    }

    fn flag<E: de::Error>(flag: bool) -> Result<Self, E> {
        Err(E::invalid_type(Unexpected::Bool(flag), &Expecting(Self::EXPECTING)))
    }

    fn list<'de, A: SeqAccess<'de>>(_list: A) -> Result<Self, A::Error> {
        Err(de::Error::invalid_type(Unexpected::Seq, &Expecting(Self::EXPECTING)))
    }

    fn object<'de, A: MapAccess<'de>>(_object: A) -> Result<Self, A::Error> {
        Err(de::Error::invalid_type(Unexpected::Map, &Expecting(Self::EXPECTING)))
    }
}

/// Decodes a `T` by the shape of the value in `deserializer`.
pub fn deserialize<'de, T: ByShape, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_any(ShapeVisitor(PhantomData))
}

struct Expecting(&'static str);

impl de::Expected for Expecting {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(self.0)
    }
}

struct ShapeVisitor<T>(PhantomData<T>);

impl<'de, T: ByShape> Visitor<'de> for ShapeVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(T::EXPECTING)
    }

    fn visit_bool<E: de::Error>(self, flag: bool) -> Result<T, E> {
        T::flag(flag)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        T::text(text.to_string())
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<T, E> {
        T::text(text)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, list: A) -> Result<T, A::Error> {
        T::list(list)
    }

    fn visit_map<A: MapAccess<'de>>(self, object: A) -> Result<T, A::Error> {
        T::object(object)
    }
}
