/*
 * The language switch keeps the place on the page: its links get the address's
 * #fragment, so "…/topics/x.html#c-…" opens the same claim in the other language (claim
 * and section anchors are the same in every language). Works from file:// too: it only
 * rewrites the links' href, when the page loads, when the fragment changes and on click.
 */
(function () {
  "use strict";

  var SWITCH = 'a.md-select__link[hreflang]';

  /** A link's address without its fragment, then this page's fragment. */
  function withHash(link) {
    var href = link.getAttribute("href") || "";
    var base = href.split("#")[0];
    var hash = location.hash && location.hash.length > 1 ? location.hash : "";
    var wanted = base + hash;
    if (href !== wanted) link.setAttribute("href", wanted);
  }

  function update() {
    document.querySelectorAll(SWITCH).forEach(withHash);
  }

  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest(SWITCH) : null;
    if (link) withHash(link);
  }, true);
  window.addEventListener("hashchange", update);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
})();
