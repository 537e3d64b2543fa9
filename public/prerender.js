// Runs before the pre-rendered page is shown (a plain script in <head>, allowed by the CSP).
// The pre-render is the page's default view: the shipped figures, the default assumptions. A link
// that asks for anything else (levers, another dataset or version, `src`, an embed, another page)
// must never show those figures as if they were its own, so the pre-rendered page is set aside
// behind "Loading your scenario…" until the app has worked the link's figures out
// (src/ui/takeover.rs). A link that names only this page and this view's own `v`, `data` and `dv`
// (what "Copy link" writes for the default view) is this very page, and shows at once.
(function () {
  var root = document.documentElement;
  var page = root.getAttribute("data-page");
  if (!page) return;
  var own = new URLSearchParams(root.getAttribute("data-link") || "");
  var query = new URLSearchParams(location.search);
  var seen = {};
  var other = false;
  query.forEach(function (value, key) {
    if (seen[key]) other = true; // a repeated parameter: the app will say which one it used
    seen[key] = true;
    if (key === "page") { if (value !== page) other = true; }
    else if (own.get(key) !== value) other = true;
  });
  if (other) root.classList.add("scenario-pending");
})();
