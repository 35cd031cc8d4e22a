//! App state that is not data: what went wrong with the stored data on
//! start, where an update or import stands, the device's storage, what the
//! installable-app glue reports (pure types; `ui::state` holds them in
//! signals, components draw them).

use crate::model::refresh::Failure;
use crate::storage::StoreError;

/// Something wrong with the stored data, found on start (or later, for
/// [`DataWarning::NewerDatabase`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataWarning {
    /// Unreadable; set aside in quarantine (`kept`), or left in place when
    /// even that failed. Settings lists the copies.
    Corrupt { kept: bool },
    /// Shown although it breaks `problems` rules of this app version
    /// (Settings lists them).
    Invalid { problems: usize },
    /// In a newer format than this app reads: left untouched.
    Newer,
    /// The browser dropped it.
    Evicted,
    /// No usable data store.
    Unavailable,
    /// The store did not answer in time: the embedded data is shown
    /// meanwhile (the stored data replaces it if the store answers).
    Slow,
    /// The database belongs to a newer version of the app (another tab):
    /// this tab must reload.
    NewerDatabase,
}

/// Where an update or import stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Status {
    #[default]
    Idle,
    /// No data URL to update from.
    NoUrl,
    /// The data URL is plain HTTP to another machine: refused (HTTPS, this
    /// device, or the app's own server only).
    InsecureUrl,
    /// Bytes received so far, of `total` when the server said.
    Downloading { received: u64, total: Option<u64> },
    Unchanged,
    /// New data shown; `saved`: the outcome of storing it.
    Replaced { saved: Result<(), StoreError> },
    /// The current data was kept.
    Failed(Failure),
    /// Valid data with an older revision (`new`) than the data held
    /// (`current`): waits for the user to confirm or leave it.
    Older { new: u32, current: u32 },
    /// A quarantined copy is now the current data (`problems` rules broken).
    Restored { revision: u32, problems: usize },
    /// The stored data is still being read at start: try again in a moment.
    Starting,
    /// The copy was not restored: its text does not parse (`None`), or the
    /// store refused (nothing changed).
    RestoreFailed(Option<StoreError>),
}

/// The device's storage as `navigator.storage` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StorageInfo {
    pub usage: Option<u64>,
    pub quota: Option<u64>,
    /// `None`: the browser has no persistence API.
    pub persisted: Option<bool>,
}

/// What the installable-app glue (`public/pwa.js`) reports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PwaStatus {
    /// Last probe of the server: `None` before the first answer.
    pub online: Option<bool>,
    /// A new version is installed and waits for a reload.
    pub update_ready: bool,
    /// The browser offers installation (Chromium's `beforeinstallprompt`).
    pub can_install: bool,
    /// Running as an installed app.
    pub standalone: bool,
    /// iPhone or iPad Safari, where installing is done by hand.
    pub ios: bool,
    /// The user closed the install suggestion during this visit.
    pub install_dismissed: bool,
}
