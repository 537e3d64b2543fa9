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
  // mark stays: boot.js disables them again if the app cannot start.)
  document.addEventListener("DOMContentLoaded", function () {
    var off = document.querySelectorAll("[data-until-js]");
    for (var i = 0; i < off.length; i++) off[i].disabled = false;
  });
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
  // The default dataset downloads with the wasm, but only for a link that reads it: not one
  // with its own `src`, nor one naming another dataset, or another version of this one (the
  // manifest gives those; a link without `data` reads the default, whatever its `dv`).
  var data = document.querySelector('meta[name="dsg-default-data"]');
  var wanted = function (key) { var found = query.filter(function (kv) { return kv[0] === key; }); return found.length ? found[0][1] : null; };
  var reads = wanted("src") === null && (wanted("data") === null || (wanted("data") === own.data && (wanted("dv") === null || wanted("dv") === own.dv)));
  if (data && reads) {
    var link = document.createElement("link");
    link.rel = "preload";
    link.as = "fetch";
    link.crossOrigin = "anonymous";
    link.href = data.getAttribute("content");
    // After the document is parsed, not now: made here, in the head, it raised Lighthouse's
    // mobile LCP from 1.1 s to 1.4 s (the page's text waited behind the download); made then, it
    // still starts long before the wasm asks for the file.
    document.addEventListener("DOMContentLoaded", function () { document.head.appendChild(link); });
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
  var seen = {};
  var other = false;
  query.forEach(function (kv) {
    var key = kv[0], value = kv[1];
    if (key === null || Object.prototype.hasOwnProperty.call(seen, key)) other = true; // undecodable or repeated: the app says which it used
    seen[key] = true;
    if (key === "page") { if (value !== page) other = true; }
    else if (!Object.prototype.hasOwnProperty.call(own, key) || own[key] !== value) other = true;
  });
  // A version without its dataset gets a notice from the app: not this very page.
  if (seen.dv && !seen.data) other = true;
  if (!other) return;
  root.classList.add("scenario-pending");
  // Until the app takes over, a link of the pre-rendered page to another of its pages carries
  // this link's scenario (its query without page and embed) in place of the default view's, as it
  // is pressed, clicked, opened or copied: a new tab from the menu had opened the default figures.
  var carried = location.search.replace(/^\?/, "").split("&").filter(function (p) { return p && !/^(page|embed)(=|$)/.test(p); });
  var folder = location.pathname.replace(/[^\/]*$/, "");
  function carry(e) {
    var pre = document.getElementById("prerendered");
    var a = e.target && e.target.closest ? e.target.closest("a[href]") : null;
    if (!pre || !a || !pre.contains(a) || a.hasAttribute("download")) return;
    var u = new URL(a.getAttribute("href"), location.href);
    var file = u.pathname.indexOf(folder) === 0 ? u.pathname.slice(folder.length) : null;
    if (u.origin !== location.origin || file === null || !/^([a-z-]+\.html)?$/.test(file)) return;
    var own = u.search.replace(/^\?/, "").split("&").filter(function (p) { return /^page=/.test(p); });
    var q = own.concat(carried).join("&");
    a.setAttribute("href", u.pathname + (q ? "?" + q : "") + u.hash);
  }
  ["pointerdown", "keydown", "click", "auxclick", "contextmenu", "dragstart"].forEach(function (type) {
    document.addEventListener(type, carry, true);
  });
})();
