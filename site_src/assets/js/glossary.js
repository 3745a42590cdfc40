/*
 * Glossary terms on a page (content/glossary.yml, as <abbr title="explanation">): the
 * first of each term in the text can be reached with the Tab key, so its explanation
 * (Material's tooltip, content.tooltips) opens on keyboard focus as on hover; the later
 * ones keep the hover. A term inside a heading or a link is plain text: a tooltip there
 * would sit on the anchor or inside another control.
 */
(function () {
  "use strict";

  function explain() {
    var seen = {};
    document.querySelectorAll(".md-content abbr[title]").forEach(function (abbr) {
      if (abbr.closest("a, h1, h2, h3, h4, h5, h6, button, summary")) {
        abbr.replaceWith(document.createTextNode(abbr.textContent));
        return;
      }
      var key = abbr.getAttribute("title");
      if (!seen[key]) {
        seen[key] = true;
        abbr.setAttribute("tabindex", "0");
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", explain);
  } else {
    explain();
  }
})();
