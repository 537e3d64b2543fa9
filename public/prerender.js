// Runs before the pre-rendered page is shown (a plain script in <head>, allowed by the CSP).
// The pre-render is the page's default view: the shipped figures, the default assumptions. A link
// that asks for anything else (levers, another dataset or version, `src`, an embed, another page)
// must never show those figures as if they were its own, so the pre-rendered page is set aside
// behind "Loading your scenario…" until the app has worked the link's figures out
// (src/ui/takeover.rs). A link that names only this page and this view's own `v`, `data` and `dv`
// (<html data-link>, what "Copy link" writes for the Overview's default view) is this very page,
// and shows at once.
(function () {
  var root = document.documentElement;
  // The pre-render's inputs and selects come disabled (until_js in src/ui/prerender.rs): without
  // JavaScript nothing they changed would be worked out. It runs here, so they are enabled as
  // soon as the page is read, and a change made before the app takes over is carried over. (The
  // mark stays: if the app cannot start, __prerenderedCannotChange below disables them again.)
  // Not in a browser that cannot run the app's module script (boot.js): nothing would take over.
  var modules = typeof HTMLScriptElement !== "undefined" && "noModule" in HTMLScriptElement.prototype;
  if (modules) document.addEventListener("DOMContentLoaded", function () {
    var off = document.querySelectorAll("[data-until-js]");
    for (var i = 0; i < off.length; i++) off[i].disabled = false;
  });
  // A browser that has modules but not the syntax boot.js is written in (before 2020) fails to
  // read it, and its own catch never runs: the same note, from here.
  window.addEventListener("error", function (e) {
    if (e && /\/boot\.js$/.test(e.filename || "") && window.__prerenderedCannotChange) {
      window.__prerenderedCannotChange("The explorer could not start: this browser is too old to run it. This page shows the published figures with the default assumptions, as they were when it was built, and they cannot be changed.");
    }
  }, true);
  var page = root.getAttribute("data-page");
  // Read as the app reads a query (share::codec::from_query): split on & and the first =,
  // percent-decoded, "+" kept as it is.
  function pairs(q) {
    return q.replace(/^\?/, "").split("&").filter(Boolean).map(function (p) {
      var i = p.indexOf("=");
      var k = i < 0 ? p : p.slice(0, i), v = i < 0 ? "" : p.slice(i + 1);
      try { return [decodeURIComponent(k), decodeURIComponent(v)]; } catch (e) { return [null, null]; }
    });
  }
  var own = {};
  pairs(root.getAttribute("data-link") || "").forEach(function (kv) { own[kv[0]] = kv[1]; });
  var query = pairs(location.search);
  // The manifest and the default dataset download with the wasm, and are asked for here, once
  // the page is read, not when the app starts: the app takes these responses (src/ui/fetch.rs).
  // A preload the page does not use within seconds of its load is a console warning, and on a
  // slow line the wasm came later than that. The manifest's <link rel="preload"> at the end of
  // the head serves this request; the same CORS mode as the app's own fetches. Not asked for
  // before the document is parsed: a request made ahead of the page's text (the preload moved
  // before this script) put Sources' Lighthouse LCP from 1.3-1.6 s to 1.6-1.7 s.
  var early = {};
  function fetchEarly(path) {
    try {
      early[path] = fetch(path, { mode: "cors", credentials: "same-origin", redirect: "error" });
      early[path].catch(function () {}); // the app asks again if this one failed
    } catch (e) { /* the app fetches it itself */ }
  }
  if (modules && typeof fetch === "function") {
    window.__dsgEarly = early;
    document.addEventListener("DOMContentLoaded", function () { fetchEarly("data/manifest.json"); });
  }
  // The default dataset, only for a link that reads it: not one with its own `src`, nor one
  // naming another dataset, or another version of this one (the manifest gives those; a link
  // without `data` reads the default, whatever its `dv`).
  var data = document.querySelector('meta[name="dsg-default-data"]');
  var wanted = function (key) { var found = query.filter(function (kv) { return kv[0] === key; }); return found.length ? found[0][1] : null; };
  var reads = wanted("src") === null && (wanted("data") === null || (wanted("data") === own.data && (wanted("dv") === null || wanted("dv") === own.dv)));
  if (data && reads && window.__dsgEarly === early) {
    // After the document is parsed, not now: a preload of it made here, in the head, raised
    // Lighthouse's mobile LCP from 1.1 s to 1.4 s (the page's text waited behind the download);
    // made then, it still starts long before the wasm asks for the file.
    document.addEventListener("DOMContentLoaded", function () { fetchEarly(data.getAttribute("content")); });
  }
  // A link of that list reached with Tab is scrolled clear of its faded edges (the list's
  // scroll-padding): the browser scrolls a focused link only when none of it shows, and left one
  // 14 px in sight under the fade. On the document, so it serves the app's list too.
  document.addEventListener("focusin", function (e) {
    var a = e.target;
    var ul = a && a.closest ? a.closest("header.site nav ul") : null;
    if (!ul || ul.scrollWidth <= ul.clientWidth) return;
    var pad = parseFloat(getComputedStyle(ul).scrollPaddingLeft) || 0;
    var left = a.offsetLeft - ul.scrollLeft;
    if (left < pad) ul.scrollLeft = a.offsetLeft - pad;
    else if (left + a.offsetWidth > ul.clientWidth - pad) ul.scrollLeft = a.offsetLeft + a.offsetWidth - ul.clientWidth + pad;
  });
  if (!page) return;
  // On a phone the list of pages scrolls sideways: the current page in the middle of it, by the
  // same sum as ui::bring_into_view, so nothing moves when the app takes over. Done before the
  // first paint that shows the whole list (each frame until the parser is past the header), not
  // at DOMContentLoaded, which on a slow line comes after the header has been painted.
  function centre() {
    var a = document.querySelector('header.site nav a[aria-current="page"]');
    var ul = a && a.closest("ul");
    if (ul && ul.scrollWidth > ul.clientWidth) ul.scrollLeft = a.offsetLeft + Math.floor(a.offsetWidth / 2) - Math.floor(ul.clientWidth / 2);
  }
  (function whenParsed() {
    if (document.querySelector("header.site + *")) centre();
    else if (document.readyState === "loading") requestAnimationFrame(whenParsed);
  })();
  document.addEventListener("DOMContentLoaded", centre);
  // A button of the pre-rendered page does nothing until the app takes over. The last one pressed
  // is kept for the app to press then (takeover.rs), and a form it would send is not sent (that
  // would reload the page and lose what was typed).
  document.addEventListener("click", function (e) {
    var pre = document.getElementById("prerendered");
    var button = e.target && e.target.closest ? e.target.closest("button") : null;
    if (!pre || !button || !pre.contains(button)) return;
    e.preventDefault();
    window.__pressedBeforeApp = { button: button, at: e.timeStamp };
  }, true);
  document.addEventListener("submit", function (e) {
    var pre = document.getElementById("prerendered");
    if (pre && pre.contains(e.target)) e.preventDefault();
  }, true);
  // A change made (or a button pressed) before the app takes over is carried to it, but until
  // then the figures are still the default view's: a trial on a slow start moved a slider and saw
  // nothing happen, with nothing saying why. The bar (#before-app, after the header) says so; it
  // goes with the pre-rendered page, and takeover.rs takes its class off <html>. A press is
  // carried only if the app arrives within PRESS_KEPT_MS of it (takeover.rs has the same figure
  // and says why): after that the bar asks for the press again.
  var PRESS_KEPT_MS = 5000;
  // changed: a lever (the figures wait for it); entered: another control (a search, a choice of
  // what to show); over: the app cannot take over, and the bar says so instead.
  // (Without modules nothing takes over: no promise is made.)
  var did = { changed: false, entered: false, pressed: "", over: !modules };
  var pressTimer = null;
  function say() {
    var bar = document.getElementById("before-app");
    if (!bar || did.over) return;
    var clauses = [];
    if (did.changed) clauses.push("your change will be worked out as soon as it is ready");
    if (did.entered && !did.changed) clauses.push("what you entered will be used as soon as it is ready");
    var first = !clauses.length;
    if (did.pressed === "waiting") clauses.push(first ? "the button you pressed will act as soon as it is ready" : "the button you pressed will act then");
    if (did.pressed === "expired") clauses.push(first ? "press the button again once it is ready" : "press the button again then");
    if (!clauses.length) return;
    var text = "The explorer is still loading: " + clauses.join(", and ") + "." + (did.changed ? " Until then, the figures shown are those of the default assumptions." : "");
    bar.className = "pending";
    root.classList.add("before-app-bar");
    // Only when it says something new: a live region re-read at each step of a slider would
    // talk over the slider's own value.
    if (bar.textContent !== text) bar.textContent = text;
  }
  function changedBeforeApp(e) {
    var pre = document.getElementById("prerendered");
    var el = e.target;
    if (did.over || !pre || !el || !el.closest || !pre.contains(el) || el.type === "file") return;
    if (e.type === "click") {
      if (!el.closest("main button")) return;
      did.pressed = "waiting";
      clearTimeout(pressTimer);
      pressTimer = setTimeout(function () { did.pressed = "expired"; say(); }, PRESS_KEPT_MS);
    } else if (el.closest(".lever, .presets")) did.changed = true;
    else if (el.closest("main")) did.entered = true;
    else return;
    say();
  }
  ["input", "change", "click"].forEach(function (type) { document.addEventListener(type, changedBeforeApp, true); });
  // A slider and its number box (id "…-n") show the same value, as in the app: the box as the
  // slider moves; the slider once a number is entered in the box, unless the number is not one
  // or is out of the slider's range (the slider would show its middle, or an end, as if chosen).
  // The box holds the latest of the two, and it is the one the app takes (takeover.rs), so the
  // app's own checks decide what a typed value does.
  function twin(e) {
    var pre = document.getElementById("prerendered");
    var el = e.target;
    if (!pre || !el || !el.id || !pre.contains(el)) return;
    var other = el.type === "range" && e.type === "input" ? document.getElementById(el.id + "-n")
      : el.type === "number" && e.type === "change" && /-n$/.test(el.id) ? document.getElementById(el.id.slice(0, -2)) : null;
    if (!other || !pre.contains(other) || !(other.type === "range" || other.type === "number") || other.type === el.type) return;
    var v = el.validity;
    if (el.type === "number" && (el.value === "" || (v && (v.badInput || v.rangeOverflow || v.rangeUnderflow)))) return;
    other.value = el.value;
    speak(el.type === "range" ? el : other);
  }
  // A slider's spoken value ("8 % a year") follows it, as in the app.
  function speak(slider) {
    var t = slider.getAttribute("aria-valuetext");
    if (slider.type === "range" && t !== null) slider.setAttribute("aria-valuetext", slider.value + (t.indexOf(" ") < 0 ? "" : t.slice(t.indexOf(" "))));
  }
  document.addEventListener("input", twin, true);
  document.addEventListener("change", twin, true);
  // As in the app: a policy preset also sets the controls it sets there (its data-sets: control
  // id = value, from model::levers::preset_controls), so the page shows what the preset means and
  // carries it to another page; the preset checked is the first whose controls all agree (its
  // data-matches), else "Custom" shows; and a setting used only with one choice (data-needs: the
  // fade-out years, with "fades out") is enabled while that choice is made (a trial chose "fades
  // out" and could not set the years).
  function setControl(pre, id, value) {
    var el = document.getElementById(id);
    if (el && pre.contains(el) && (el.tagName === "SELECT" || el.type === "range" || el.type === "number")) {
      el.value = value;
      speak(el);
      var box = document.getElementById(id + "-n");
      if (box && pre.contains(box)) box.value = value;
      return;
    }
    var group = pre.querySelectorAll('input[type="radio"][name="' + id + '"]');
    for (var i = 0; i < group.length; i++) group[i].checked = group[i].value === value;
  }
  // A control's value as the app would take it: a slider's box holds the latest of the two.
  function valueOf(pre, id) {
    var box = document.getElementById(id + "-n");
    if (box && pre.contains(box)) return box.value;
    var el = document.getElementById(id);
    if (el && pre.contains(el) && el.tagName !== "DIV") return el.value;
    var on = pre.querySelector('input[type="radio"][name="' + id + '"]:checked');
    return on ? on.value : null;
  }
  function follow(pre) {
    var els = pre.querySelectorAll("[data-needs]");
    for (var i = 0; i < els.length; i++) {
      var want = els[i].getAttribute("data-needs").split("=");
      els[i].disabled = did.over || valueOf(pre, want[0]) !== want[1];
      var lever = els[i].closest(".lever");
      var why = lever && lever.querySelector("[data-idle-why]");
      if (why) why.hidden = !els[i].disabled;
    }
    var presets = pre.querySelectorAll('input[type="radio"][data-matches]');
    var found = false;
    for (var j = 0; j < presets.length; j++) {
      var agree = !found && pairs(presets[j].getAttribute("data-matches")).every(function (kv) { return valueOf(pre, kv[0]) === kv[1]; });
      presets[j].checked = agree;
      found = found || agree;
    }
    var custom = document.getElementById("hn-preset-custom");
    if (custom && presets.length) custom.hidden = found;
    // A field shown for one choice only (data-shown-when: control id = value), as the app shows
    // it: the goal seek's year, for the in-year goal.
    var shown = pre.querySelectorAll("[data-shown-when]");
    for (var k = 0; k < shown.length; k++) {
      var when = shown[k].getAttribute("data-shown-when").split("=");
      shown[k].hidden = valueOf(pre, when[0]) !== when[1];
    }
    // A result worked out for the page's first choices (data-stale-on: the ids of the selects it
    // follows) while one of them is another: marked, its note (data-stale-note) shown and its
    // buttons disabled, and a press of one kept for the app forgotten (a trial saw the first
    // goal's answer under another goal, pressed Apply, and the app applied an answer never seen).
    var results = pre.querySelectorAll("[data-stale-on]");
    for (var r = 0; r < results.length; r++) {
      var stale = results[r].getAttribute("data-stale-on").split(" ").some(function (id) { return chosen(pre, id); });
      if (stale) results[r].setAttribute("data-stale", ""); else results[r].removeAttribute("data-stale");
      var note = results[r].querySelector("[data-stale-note]");
      if (note) {
        note.hidden = !stale;
        if (stale) note.textContent = note.getAttribute("data-stale-note");
      }
      var own = results[r].querySelectorAll("button");
      for (var b = 0; b < own.length; b++) own[b].disabled = stale;
      var kept = window.__pressedBeforeApp;
      if (stale && kept && results[r].contains(kept.button)) {
        delete window.__pressedBeforeApp;
        did.pressed = "";
        clearTimeout(pressTimer);
        say();
      }
    }
  }
  // Whether the select `id` shows another option than the one the page was built with.
  function chosen(pre, id) {
    var el = document.getElementById(id);
    if (!el || !pre.contains(el) || el.tagName !== "SELECT" || !el.options.length) return false;
    var first = el.options[0];
    for (var i = 0; i < el.options.length; i++) if (el.options[i].defaultSelected) { first = el.options[i]; break; }
    return el.value !== first.value;
  }
  function followChange(e) {
    var pre = document.getElementById("prerendered");
    var el = e.target;
    if (did.over || !pre || !el || !pre.contains(el) || !el.closest) return;
    if (el.type === "radio" && el.checked && el.hasAttribute("data-sets") && el.closest(".presets")) {
      pairs(el.getAttribute("data-sets")).forEach(function (kv) { if (kv[0]) setControl(pre, kv[0], kv[1]); });
    }
    follow(pre);
  }
  // After twin (below), so a slider's box has its value.
  document.addEventListener("input", followChange);
  document.addEventListener("change", followChange);
  // Back to this page: the browser puts back what was entered in its controls (by pageshow, not
  // yet at DOMContentLoaded), with no input or change event. The page follows those values, and a
  // lever among them counts as changed, as the app will take it (a review found a deficit goal
  // put back with its year still shown).
  window.addEventListener("pageshow", function () {
    var pre = document.getElementById("prerendered");
    if (did.over || !pre) return;
    if (!did.changed && leverChanges()) {
      did.changed = true;
      say();
    }
    follow(pre);
    // A choice put back that a result waits for is one entered, as the bar says.
    if (!did.entered && pre.querySelector("[data-stale]")) {
      did.entered = true;
      say();
    }
  });
  // When the app cannot take over (boot.js, takeover.rs): nothing a control shows can be worked
  // out, so each goes back to the value the page was built with and is disabled, as without
  // JavaScript; `why`, where given, says so in the bar: at the foot of the screen for a reader
  // who was using the page, else at the page's top. `onlyIfUsed`: only for such a reader
  // (takeover.rs puts its own note at the top of the page).
  window.__prerenderedCannotChange = function (why, onlyIfUsed) {
    var pre = document.getElementById("prerendered");
    if (!pre) return;
    // What the reader changed goes into the address first, as a link's own scenario: a reload
    // (which the note may suggest) tries it again, and the menu's links carry it. (A trial's
    // changes were lost to the reset below.)
    var kept = !other && changedLevers();
    if (kept) {
      try { history.replaceState(history.state, "", location.pathname + "?" + kept.join("&") + location.hash); } catch (e) { kept = null; }
    }
    if (kept) { other = true; carried = kept; }
    did.over = true;
    clearTimeout(pressTimer);
    var controls = pre.querySelectorAll("input, select, textarea");
    for (var i = 0; i < controls.length; i++) {
      var el = controls[i];
      if (el.type === "checkbox" || el.type === "radio") el.checked = el.defaultChecked;
      else if (el.tagName === "SELECT") {
        var chosen = false;
        for (var j = 0; j < el.options.length; j++) { el.options[j].selected = el.options[j].defaultSelected; chosen = chosen || el.options[j].defaultSelected; }
        if (!chosen && el.options.length) el.selectedIndex = 0;
      } else if (el.type !== "file") el.value = el.defaultValue;
      speak(el);
      if (el.hasAttribute("data-until-js")) el.disabled = true;
    }
    follow(pre);
    // Its buttons too (Copy link, Reset, the downloads): none would do anything.
    var buttons = pre.querySelectorAll("main button");
    for (var k = 0; k < buttons.length; k++) buttons[k].disabled = true;
    // The levers' panel scrolls on a short screen: with nothing in it to focus now, it takes
    // focus itself, so a keyboard can still scroll it.
    var panels = pre.querySelectorAll("form.levers");
    for (var m = 0; m < panels.length; m++) panels[m].setAttribute("tabindex", "0");
    // Said where the reader is: at the foot of the screen if they were using the page (the
    // bar was there), else at the page's top.
    var bar = document.getElementById("before-app");
    if (bar) {
      var here = /pending/.test(bar.className);
      var shown = why && (here || !onlyIfUsed);
      bar.className = shown ? (here ? "failed pending" : "failed") : "";
      bar.textContent = shown ? why + (kept ? " Your changes are kept in the page's address, so reloading it will try them again." : "") : "";
      if (!shown || !here) root.classList.remove("before-app-bar");
    }
    delete window.__pressedBeforeApp;
  };
  // The pages' own view choices (Uncertainty's year ranked, say: share::codec::VIEW): another
  // page shows none of them, so they do not make its link another view, nor go with its links.
  var words = function (name) { return (root.getAttribute(name) || "").split(" ").filter(Boolean); };
  var viewKeys = words("data-view-keys"), ownView = words("data-own-view");
  var seen = {};
  var other = false;
  query.forEach(function (kv) {
    var key = kv[0], value = kv[1];
    if (key === null || Object.prototype.hasOwnProperty.call(seen, key)) other = true; // undecodable or repeated: the app says which it used
    seen[key] = true;
    if (key === "page") { if (value !== page) other = true; }
    else if (viewKeys.indexOf(key) >= 0 && ownView.indexOf(key) < 0) return;
    else if (!Object.prototype.hasOwnProperty.call(own, key) || own[key] !== value) other = true;
  });
  // A version without its dataset gets a notice from the app: not this very page.
  if (seen.dv && !seen.data) other = true;
  // The levers changed on the pre-rendered page, as the link's parameters (`key=value`, the key
  // read back from the control's id: `lever-hn-growth-mainstream` is hn.growth.mainstream, its
  // box `…-n` holds the value), or null if none was; a refused value is carried too, and the
  // app says it is refused.
  function changedLevers() {
    return did.changed ? leverChanges() : null;
  }
  // The same, whether or not a change was seen (Back puts values back without one).
  function leverChanges() {
    var pre = document.getElementById("prerendered");
    if (!pre) return null;
    var out = [], done = {};
    var els = pre.querySelectorAll('main input[id^="lever-"], main select[id^="lever-"], main input[type="radio"][name^="lever-"]');
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      var id = el.type === "radio" ? el.name : el.id.replace(/-n$/, "");
      if (done[id]) continue;
      done[id] = true;
      var value = null;
      if (el.type === "radio") {
        var group = pre.querySelectorAll('input[type="radio"][name="' + id + '"]');
        for (var j = 0; j < group.length; j++) if (group[j].checked && !group[j].defaultChecked) value = group[j].value;
      } else if (el.tagName === "SELECT") {
        if (chosen(pre, el.id)) value = el.value;
      } else {
        var box = document.getElementById(id + "-n") || el;
        if (box.value !== box.defaultValue) value = box.value;
      }
      if (value !== null) out.push(encodeURIComponent(id.slice("lever-".length).replace(/-/g, ".")) + "=" + encodeURIComponent(value));
    }
    // With the view's own link parameters (the dataset and its version), as "Copy link" writes.
    return out.length ? (root.getAttribute("data-link") || "").split("&").filter(Boolean).concat(out) : null;
  }
  // Until the app takes over, a link of the pre-rendered page to another of its pages carries
  // the scenario in place of the default view's, as it is pressed, clicked, opened or copied: a
  // link's own (its query without page and embed; a new tab from the menu had opened the default
  // figures), or on the default view the levers the reader changed (a trial changed one and went
  // to another page before the app had arrived, and lost it; in the app the scenario goes along).
  var carried = location.search.replace(/^\?/, "").split("&").filter(function (p) {
    return p && !/^(page|embed)(=|$)/.test(p) && viewKeys.indexOf(pairs(p)[0][0]) < 0;
  });
  var folder = location.pathname.replace(/[^\/]*$/, "");
  function carry(e) {
    var pre = document.getElementById("prerendered");
    var a = e.target && e.target.closest ? e.target.closest("a[href]") : null;
    // Not a link within the page ("Skip to content", a footnote): with a query it would load the
    // page again (a review found "Skip to content" reloading it behind "Loading your scenario").
    if (!pre || !a || !pre.contains(a) || a.hasAttribute("download") || a.getAttribute("href").charAt(0) === "#") return;
    // From the link as built, each time: a change undone takes its lever out of the link again.
    if (!a.hasAttribute("data-built-href")) a.setAttribute("data-built-href", a.getAttribute("href"));
    var built = a.getAttribute("data-built-href");
    var query = other ? carried : changedLevers();
    if (!query) { a.setAttribute("href", built); return; }
    var u = new URL(built, location.href);
    var file = u.pathname.indexOf(folder) === 0 ? u.pathname.slice(folder.length) : null;
    if (u.origin !== location.origin || file === null || !/^([a-z-]+\.html)?$/.test(file)) return;
    var own = u.search.replace(/^\?/, "").split("&").filter(function (p) { return /^page=/.test(p); });
    var q = own.concat(query).join("&");
    a.setAttribute("href", u.pathname + (q ? "?" + q : "") + u.hash);
  }
  ["pointerdown", "keydown", "click", "auxclick", "contextmenu", "dragstart"].forEach(function (type) {
    document.addEventListener(type, carry, true);
  });
  if (!other) return;
  root.classList.add("scenario-pending");
})();
