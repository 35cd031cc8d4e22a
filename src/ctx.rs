//! What every page and component is built from: the loaded data and the
//! language. Below both `pages` and `components`, so neither imports the
//! other for it.

use crate::i18n::{Lang, Texts};
use crate::model::Dataset;

#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub ds: &'a Dataset,
    pub lang: Lang,
}

impl<'a> Ctx<'a> {
    pub fn new(ds: &'a Dataset, lang: Lang) -> Self {
        Ctx { ds, lang }
    }

    pub fn t(&self) -> &'static Texts {
        self.lang.t()
    }
}
