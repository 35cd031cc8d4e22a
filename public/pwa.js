/* Paix à la base — PWA glue: service worker, updates, installation, reachability.
 * A classic script loaded with `defer`; the wasm app may start before or after
 * it, so it reads the fields below at any time and listens for the events
 * (dispatched on window, only when the value changes).
 *
 * window.paixPwa
 *   updateReady      bool   a new version is installed and waits for a reload
 *   applyUpdate()           activates the waiting version, reloads this page once
 *   checkForUpdate() → Promise<void>  asks the browser to look for a new sw.js
 *   version()        → Promise<string|null>  build version of the active worker
 *   canInstall       bool   the browser offers installation (prompt kept)
 *   install()        → Promise<{outcome: 'accepted'|'dismissed'|'unavailable', platform?}>
 *                           shows the browser's install prompt (call on a click)
 *   installed        bool   the app was installed during this visit
 *   standalone()     → bool running as an installed app
 *   isIos()          → bool iPhone/iPad: install is Share → « Sur l'écran d'accueil »
 *   online           bool   last known reachability of the server (starts as
 *                           navigator.onLine until the first probe answers)
 *   probe(timeoutMs?) → Promise<bool>  GET probeUrl now (no-store, timeout); updates online
 *   probeUrl         string '/api/ping' (never answered by the service worker)
 *   probeIntervalMs  number 30000; setting it restarts the probe loop
 *   probeTimeoutMs   number 5000
 * Reachability: any HTTP answer of the origin counts as online, whatever its
 * status, so a static host without /api/ping (404, 405…) is online too; only
 * a network failure or the timeout means offline. The loop probes every
 * probeIntervalMs while the page is visible, pauses while it is hidden, and
 * probes once when it becomes visible again.
 * Updates in several tabs: the tab where the user taps « Recharger » reloads.
 * Other tabs are not reloaded under the user; when the new version takes
 * control they show the update banner (updateReady), and their next in-app
 * navigation (history.pushState) loads the new version instead.
 * Events on window
 *   paix:update-ready, paix:install-available, paix:installed,
 *   paix:reachability  detail {online}: once after the first probe, then on change
 */
(function () {
  'use strict';
  var sw = 'serviceWorker' in navigator && window.isSecureContext ? navigator.serviceWorker : null;
  var registration = null;
  var reloadOnChange = false;
  var stale = false; // this page runs a build older than the active worker's
  var controlled = !!(sw && sw.controller);
  var deferredPrompt = null;
  var announced = false;
  var probeSeq = 0;
  var timer = 0;
  var intervalMs = 30000;
  var lastUpdateCheck = Date.now();

  function emit(name, detail) {
    window.dispatchEvent(new CustomEvent(name, { detail: detail }));
  }

  var api = {
    updateReady: false,
    canInstall: false,
    installed: false,
    online: navigator.onLine !== false,
    probeUrl: '/api/ping',
    probeTimeoutMs: 5000,

    applyUpdate: function () {
      if (registration && registration.waiting) {
        reloadOnChange = true;
        registration.waiting.postMessage({ type: 'SKIP_WAITING' });
      } else if (api.updateReady) {
        location.reload(); // another tab already activated the new version
      }
    },

    checkForUpdate: function () {
      lastUpdateCheck = Date.now();
      return registration ? registration.update().then(function () {}, function () {}) : Promise.resolve();
    },

    version: function () {
      var worker = sw && sw.controller;
      if (!worker) return Promise.resolve(null);
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (e) { resolve(e.data); };
        worker.postMessage({ type: 'GET_VERSION' }, [channel.port2]);
        setTimeout(function () { resolve(null); }, 2000);
      });
    },

    install: function () {
      if (!deferredPrompt) return Promise.resolve({ outcome: 'unavailable' });
      var event = deferredPrompt;
      deferredPrompt = null;
      api.canInstall = false;
      event.prompt();
      return event.userChoice;
    },

    standalone: function () {
      return window.matchMedia('(display-mode: standalone)').matches || navigator.standalone === true;
    },

    isIos: function () {
      return /iPad|iPhone|iPod/.test(navigator.userAgent)
        || (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1);
    },

    probe: function (timeoutMs) {
      var seq = ++probeSeq;
      var abort = new AbortController();
      var t = setTimeout(function () { abort.abort(); }, timeoutMs || api.probeTimeoutMs);
      // The body is read to its end: a response left unread stays « in
      // flight » to the browser (Lighthouse waited 45 s for the network to
      // go quiet on every page).
      return fetch(api.probeUrl, { cache: 'no-store', signal: abort.signal })
        .then(function (res) { return res.arrayBuffer().then(function () { return true; }, function () { return true; }); },
          function () { return false; })
        .then(function (ok) {
          clearTimeout(t);
          if (seq === probeSeq) setOnline(ok); // only the newest probe decides
          return ok;
        });
    },
  };

  Object.defineProperty(api, 'probeIntervalMs', {
    enumerable: true,
    get: function () { return intervalMs; },
    set: function (ms) { intervalMs = Math.max(50, Number(ms) || 30000); schedule(); },
  });

  function setOnline(online) {
    if (announced && online === api.online) return;
    var regained = announced && online && !api.online;
    announced = true;
    api.online = online;
    emit('paix:reachability', { online: online });
    if (regained) api.checkForUpdate();
  }

  function schedule() {
    clearTimeout(timer);
    if (document.visibilityState === 'hidden') return;
    timer = setTimeout(function () {
      api.probe().then(schedule);
      if (Date.now() - lastUpdateCheck > 3600000) api.checkForUpdate();
    }, intervalMs);
  }

  function markUpdateReady() {
    if (api.updateReady) return;
    api.updateReady = true;
    emit('paix:update-ready');
  }

  function watch(reg) {
    registration = reg;
    if (reg.waiting && sw.controller) markUpdateReady();
    reg.addEventListener('updatefound', function () {
      var worker = reg.installing;
      if (!worker) return;
      worker.addEventListener('statechange', function () {
        if (worker.state === 'installed' && sw.controller) markUpdateReady();
      });
    });
  }

  window.paixPwa = api;

  if (sw) {
    sw.addEventListener('controllerchange', function () {
      if (reloadOnChange) {
        reloadOnChange = false;
        location.reload();
      } else if (controlled) {
        stale = true; // another tab switched versions: offer a reload here too
        markUpdateReady();
      }
      controlled = true;
    });
    var register = function () {
      sw.register('/sw.js', { scope: '/' }).then(watch, function (error) {
        console.warn('paix: service worker not registered', error);
      });
    };
    // After load and once the app's wasm has arrived (Trunk's loader sets
    // wasmBindings and dispatches TrunkApplicationStarted): the precache then
    // takes every content-hashed file from the HTTP cache. Registered at load
    // alone, the worker could ask for the wasm while the page's own download
    // of it was still under way: the HTTP cache missed and a first visit
    // downloaded the wasm twice (seen in make test's bench smoke: 637.5 KiB
    // on the network instead of 335). A page whose wasm never starts gets no
    // worker: its precache would have failed on the same file.
    var started = !!window.wasmBindings;
    var loaded = document.readyState === 'complete';
    var whenBoth = function () {
      if (started && loaded) register();
    };
    if (!started) window.addEventListener('TrunkApplicationStarted', function () { started = true; whenBoth(); }, { once: true });
    if (!loaded) window.addEventListener('load', function () { loaded = true; whenBoth(); }, { once: true });
    whenBoth();
  }

  // A stale page moves to the new version at its next navigation, not before.
  var pushState = history.pushState;
  history.pushState = function (state, title, url) {
    if (stale && url != null) location.assign(url);
    else pushState.apply(history, arguments);
  };
  window.addEventListener('pageshow', function (event) {
    if (event.persisted && stale) location.reload();
  });

  window.addEventListener('beforeinstallprompt', function (event) {
    event.preventDefault();
    deferredPrompt = event;
    if (!api.canInstall) {
      api.canInstall = true;
      emit('paix:install-available');
    }
  });
  window.addEventListener('appinstalled', function () {
    deferredPrompt = null;
    api.canInstall = false;
    api.installed = true;
    emit('paix:installed');
  });

  window.addEventListener('online', function () { api.probe(); });
  window.addEventListener('offline', function () { probeSeq++; setOnline(false); });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible') api.probe().then(schedule);
    else clearTimeout(timer);
  });
  api.probe();
  schedule();
})();
