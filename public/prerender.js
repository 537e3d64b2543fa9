// Runs before the pre-rendered page is shown (a plain script in <head>, allowed by the CSP).
// The pre-render is the page's default view: the shipped figures, the default assumptions. A link
// that asks for anything else (levers, a vintage, `src`, an embed, another page) must never show
// those figures as if they were its own, so the pre-rendered page is set aside behind "Loading
// your scenario…" until the app has worked the link's figures out (src/ui/takeover.rs).
(function () {
  var root = document.documentElement;
  var page = root.getAttribute("data-page");
  if (!page) return;
  var query = new URLSearchParams(location.search);
  var other = false;
  query.forEach(function (_, key) { if (key !== "page") other = true; });
  var asked = query.get("page");
  if (other || (asked !== null && asked !== page)) root.classList.add("scenario-pending");
})();
