//! What every page and component is built from: the loaded data and the
//! language. Below both `pages` and `components`, so neither imports the
//! other for it.

use crate::i18n::{Lang, Texts};
use crate::model::Dataset;

#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub ds: &'a Dataset,
    pub lang: Lang,
    /// The device's zone, minutes behind UTC (`Date.getTimezoneOffset`),
    /// for clock times; 0 on the host.
    pub tz_offset_min: i32,
    /// The verified public base URL the project pages build their QR code
    /// on ([`crate::kiosk::qr_base`]); `None`: no QR code.
    pub public: Option<&'a str>,
}

impl<'a> Ctx<'a> {
    pub fn new(ds: &'a Dataset, lang: Lang) -> Self {
        Ctx { ds, lang, tz_offset_min: 0, public: None }
    }

    pub fn t(&self) -> &'static Texts {
        self.lang.t()
    }
}
