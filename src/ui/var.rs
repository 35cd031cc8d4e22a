//! [`Var`]: a reactive value, as Leptos' `RwSignal`, through one signal type
//! for every value type.
//!
//! Each `RwSignal<T>` brings its own copies of the reactive graph's methods
//! (read, write, track, subscribe, drop, each 0.1–0.5 KB of wasm) for its
//! `T`: about 47 KB of the raw wasm for the app's 40-odd value types. A
//! `Var<T>` holds its value boxed as `dyn Any` in one `RwSignal` type, so
//! those methods exist once; what is left for each `T` is a downcast.
//! Tracking is unchanged: each `Var` is its own signal, read and written as
//! finely as before.
//!
//! [`Derived`] (memos, built by [`memo`]) and [`Keep`] (stored values) do
//! the same for Leptos' `Memo` and `StoredValue`. Measured on the release
//! wasm, brotli: signals −5.0 KB, memos −2.8 KB, stored values −0.3 KB.
//!
//! The downcast cannot fail: a `Var<T>` is only ever built from a `T` and
//! only ever set to one. So it is not checked in release builds (see
//! `cast`).

use leptos::prelude::*;
use leptos::reactive::signal::guards::{Plain, ReadGuard};
use std::any::Any;
use std::marker::PhantomData;
use std::ops::Deref;

type Erased = Box<dyn Any + Send + Sync>;

/// A handle: the erased value's one Leptos type, and the `T` it holds;
/// `Copy` whatever `T` is, as Leptos' own handles are.
macro_rules! handle {
    ($(#[$doc:meta])* $name:ident, $inner:ident) => {
        $(#[$doc])*
        pub struct $name<T> {
            inner: $inner<Erased>,
            ty: PhantomData<fn() -> T>,
        }

        impl<T> Clone for $name<T> {
            fn clone(&self) -> Self {
                *self
            }
        }

        impl<T> Copy for $name<T> {}
    };
}

handle! {
    /// A reactive value of type `T` (see the module).
    Var, RwSignal
}

/// The value of a [`Var`], borrowed while this lives (as `RwSignal::read`).
pub struct Ref<T> {
    guard: ReadGuard<Erased, Plain<Erased>>,
    ty: PhantomData<fn() -> T>,
}

impl<T: 'static> Deref for Ref<T> {
    type Target = T;

    fn deref(&self) -> &T {
        cast(&**self.guard)
    }
}

// The value as the `T` it is, without comparing type ids: the check,
// inlined at each of several hundred reads, cost 2.0 KB of brotli wasm
// (9.8 KB raw), and it cannot fail.
//
// SAFETY: a handle's erased value is always a `T`. The handles' fields are
// private to this module, and every value put in one is a `T`: `Var::new`
// and `Var::set` box a `T`, `memo` boxes what its `Fn() -> T` returns,
// `Keep::new` boxes a `T`, and the only `&mut` given out is a `&mut T`
// (`try_update`, `try_update_value`), which can only hold a `T`. A handle
// whose value was freed finds nothing (Leptos' arena keys are versioned),
// never another handle's value. Debug builds check it anyway.
fn cast<T: 'static>(value: &(dyn Any + Send + Sync)) -> &T {
    debug_assert!(value.is::<T>());
    unsafe { &*(value as *const (dyn Any + Send + Sync) as *const T) }
}

fn cast_mut<T: 'static>(value: &mut (dyn Any + Send + Sync)) -> &mut T {
    debug_assert!(value.is::<T>());
    unsafe { &mut *(value as *mut (dyn Any + Send + Sync) as *mut T) }
}

impl<T: Send + Sync + 'static> Var<T> {
    pub fn new(value: T) -> Self {
        Var { inner: RwSignal::new(Box::new(value)), ty: PhantomData }
    }

    /// Subscribes the running effect or memo to this value.
    pub fn track(&self) {
        self.inner.track();
    }

    /// The value, borrowed, without subscribing.
    pub fn read_untracked(&self) -> Ref<T> {
        Ref { guard: self.inner.read_untracked(), ty: PhantomData }
    }

    /// The value, borrowed, subscribing.
    pub fn read(&self) -> Ref<T> {
        self.track();
        self.read_untracked()
    }

    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.read())
    }

    pub fn with_untracked<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.read_untracked())
    }

    pub fn get(&self) -> T
    where
        T: Clone,
    {
        self.read().clone()
    }

    pub fn get_untracked(&self) -> T
    where
        T: Clone,
    {
        self.read_untracked().clone()
    }

    /// As [`Var::get_untracked`], or `None` when the signal was disposed
    /// (read by a task that outlived its page).
    pub fn try_get_untracked(&self) -> Option<T>
    where
        T: Clone,
    {
        self.inner.try_read_untracked().map(|g| cast::<T>(&**g).clone())
    }

    /// Replaces the value and notifies.
    pub fn set(&self, value: T) {
        self.inner.set(Box::new(value));
    }

    /// Changes the value in place and notifies.
    pub fn update(&self, f: impl FnOnce(&mut T)) {
        self.try_update(f);
    }

    /// As [`Var::update`], or `None` when the signal was disposed (its
    /// owner gone, as after leaving a page while a task still runs).
    pub fn try_update<R>(&self, f: impl FnOnce(&mut T) -> R) -> Option<R> {
        let mut guard = self.inner.try_write()?;
        Some(f(cast_mut(&mut **guard)))
    }

    /// As [`Var::set`], or nothing when the signal was disposed.
    pub fn try_set(&self, value: T) {
        self.try_update(move |v| *v = value);
    }
}

handle! {
    /// A memo (Leptos' `Memo`) of type `T` through one memo type, as [`Var`]
    /// is for signals: its value is computed again when what it read changes,
    /// and those who read it are told only when the new value is not equal to
    /// the old one.
    Derived, Memo
}

type Compute = Box<dyn Fn(Option<&Erased>) -> Erased + Send + Sync>;

/// Leptos' own test for a memo's change, `old != new`, on the boxed values.
fn changed<T: PartialEq + 'static>(old: Option<&Erased>, new: Option<&Erased>) -> bool {
    match (old, new) {
        (Some(old), Some(new)) => cast::<T>(&**old) != cast::<T>(&**new),
        _ => true,
    }
}

/// Memoises `f` (as `Memo::new(move |_| f())`).
pub fn memo<T: PartialEq + Send + Sync + 'static>(f: impl Fn() -> T + Send + Sync + 'static) -> Derived<T> {
    let compute: Compute = Box::new(move |_| Box::new(f()));
    Derived { inner: Memo::new_with_compare(compute, changed::<T>), ty: PhantomData }
}

impl<T: Send + Sync + 'static> Derived<T> {
    /// Subscribes the running effect or memo to this value.
    pub fn track(&self) {
        self.inner.track();
    }

    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        f(cast(&**self.inner.read()))
    }

    pub fn with_untracked<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        f(cast(&**self.inner.read_untracked()))
    }

    pub fn get(&self) -> T
    where
        T: Clone,
    {
        self.with(T::clone)
    }

    pub fn get_untracked(&self) -> T
    where
        T: Clone,
    {
        self.with_untracked(T::clone)
    }
}

handle! {
    /// A value kept for the life of its owner, not reactive (Leptos'
    /// `StoredValue`), through one stored type, as [`Var`] is for signals.
    Keep, StoredValue
}

impl<T: Send + Sync + 'static> Keep<T> {
    pub fn new(value: T) -> Self {
        Keep { inner: StoredValue::new(Box::new(value)), ty: PhantomData }
    }

    /// Calls `f` with the value, or returns `None` when its owner is gone.
    pub fn try_update_value<R>(&self, f: impl FnOnce(&mut T) -> R) -> Option<R> {
        let (mut f, mut out) = (Some(f), None);
        visit(self.inner, &mut |b| {
            if let Some(f) = f.take() {
                out = Some(f(cast_mut(&mut **b)));
            }
        });
        out
    }

    /// Calls `f` with the value read (several readers may nest, as with
    /// `StoredValue::with_value`), or returns `None` when its owner is gone.
    pub fn try_with_value<R>(&self, f: impl FnOnce(&T) -> R) -> Option<R> {
        let (mut f, mut out) = (Some(f), None);
        look(self.inner, &mut |b| {
            if let Some(f) = f.take() {
                out = Some(f(cast(&**b)));
            }
        });
        out
    }

    pub fn with_value<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        match self.try_with_value(f) {
            Some(r) => r,
            None => panic!("value kept after its owner"),
        }
    }

    pub fn try_get_value(&self) -> Option<T>
    where
        T: Clone,
    {
        self.try_with_value(T::clone)
    }

    pub fn get_value(&self) -> T
    where
        T: Clone,
    {
        self.with_value(T::clone)
    }

    pub fn set_value(&self, value: T) {
        self.try_update_value(move |v| *v = value);
    }
}

/// The one copy of `StoredValue::try_update_value` for every [`Keep`].
fn visit(stored: StoredValue<Erased>, f: &mut dyn FnMut(&mut Erased)) {
    stored.try_update_value(|b| f(b));
}

/// The one copy of `StoredValue::try_with_value` for every [`Keep`].
fn look(stored: StoredValue<Erased>, f: &mut dyn FnMut(&Erased)) {
    stored.try_with_value(|b| f(b));
}

/// A `Copy` handle of one pointer to app-wide state made once per mount
/// (the app state, the journal, the sync, the lock, the kiosk): many
/// closures capture these, and each capture copies the handle, which as a
/// struct of eight to eleven signal handles was 64–88 bytes (measured: the
/// wasm smaller without those copies). Fields are read through `Deref`.
/// The state lives as long as the page: it is never freed, and the signals
/// in it are freed with the app's owner, as before.
pub struct Shared<T: 'static>(&'static T);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Shared<T> {}

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Box::leak(Box::new(value)))
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.0
    }
}
