/*
 * Page tools: a copy-link button on every claim and section, the "Cite this page" box,
 * and full URLs for printing.
 *
 * Words come from #__site (the page's `ui_js`, in the page's language). Links point to
 * the public address when the site has one (<link rel="canonical">), else to the
 * address the page was opened from, so a link copied from the offline bundle still
 * names the page.
 */
(function () {
  "use strict";

  var site = readSite();
  var ui = site.ui || {};
  var LINK_ICON = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M3.9 12c0-1.71 1.39-3.1 3.1-3.1h4V7H7a5 5 0 0 0-5 5 5 5 0 0 0 5 5h4v-1.9H7c-1.71 0-3.1-1.39-3.1-3.1M8 13h8v-2H8zm9-6h-4v1.9h4c1.71 0 3.1 1.39 3.1 3.1s-1.39 3.1-3.1 3.1h-4V17h4a5 5 0 0 0 5-5 5 5 0 0 0-5-5"/></svg>';

  function readSite() {
    var element = document.getElementById("__site");
    try { return element ? JSON.parse(element.textContent) : {}; } catch (e) { return {}; }
  }

  /** The page's address without its fragment: the public one when known. */
  function pageUrl() {
    var canonical = document.querySelector('link[rel="canonical"]');
    return (canonical ? canonical.href : location.href).split("#")[0];
  }

  /** Tell the reader something happened: Material's dialog and a live region. */
  function announce(text) {
    if (window.alert$ && typeof window.alert$.next === "function") window.alert$.next(text);
    var region = document.getElementById("page-tools-status");
    if (!region) {
      region = document.createElement("div");
      region.id = "page-tools-status";
      region.className = "page-tools-status";
      region.setAttribute("role", "status");
      document.body.appendChild(region);
    }
    region.textContent = text;
  }

  function copyByCommand(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more to try */ }
    area.remove();
  }

  /** Put text on the clipboard; resolves when done (or when it could not be done). */
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { copyByCommand(text); });
    }
    copyByCommand(text);
    return Promise.resolve();
  }

  function copyButton(target) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-link";
    button.innerHTML = LINK_ICON;
    button.setAttribute("aria-label", ui.copy_link || "Copy link");
    button.title = ui.copy_link || "Copy link";
    button.addEventListener("click", function () {
      var url = pageUrl() + "#" + target.id;
      button.dataset.copied = url;
      copy(url).then(function () { announce(ui.link_copied || "Link copied"); });
    });
    return button;
  }

  /** A copy-link button on every claim and every section heading. */
  function addCopyButtons(root) {
    root.querySelectorAll("p.claim[id], h2[id]").forEach(function (target) {
      if (target.querySelector(":scope > .copy-link")) return;
      target.appendChild(copyButton(target));
    });
  }

  /** The title as shown, without translation marks or the permalink sign. */
  function shownTitle(root) {
    var heading = root.querySelector("h1");
    if (!heading) return null;
    var clone = heading.cloneNode(true);
    clone.querySelectorAll(".headerlink, .untranslated-mark, .mt-mark, .copy-link").forEach(function (e) { e.remove(); });
    return clone.textContent.replace(/\s+/g, " ").trim();
  }

  /** Today in the reader's calendar, as YYYY-MM-DD: the date the page was accessed. */
  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  /** The address to cite: the public one (the site's canonical link, also when the page
   *  is opened from file://), else the one it was opened from unless that is a file. */
  function citedUrl(text) {
    var url = text.dataset.url || pageUrl();
    return /^https?:/.test(url) ? url : "";
  }

  /** A piece of the citation with its value filled in, or nothing when the value is unknown. */
  function piece(format, name, value) {
    return value && format ? format.replace("{" + name + "}", value) : "";
  }

  function citationText(text) {
    var url = citedUrl(text);
    var values = {
      title: shownTitle(document) || text.dataset.title || document.title,
      site: site.site_name || "",
      publisher: piece(ui.cite_publisher, "name", site.publisher),
      date: site.build_date || "",
      sources: piece(ui.cite_sources, "date", site.content_date),
      url: piece(ui.cite_url || " {url}", "url", url),
      accessed: url ? piece(ui.cite_accessed, "date", today()) : ""
    };
    return (ui.cite_format || "{title}. {site}, {date}. {url}").replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all;
    });
  }

  /** Fill "Cite this page" with the shown title and this page's address; wire its button. */
  function setUpCitation(root) {
    var box = root.querySelector(".cite-page");
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    var text = box.querySelector(".cite-page__text");
    text.textContent = citationText(text);
    box.querySelector(".cite-page__copy").addEventListener("click", function () {
      copy(text.textContent).then(function () { announce(ui.cite_copied || "Citation copied"); });
    });
  }

  /** Print shows the full address of every link to another page (see print.css). */
  function addPrintUrls(root) {
    var base = pageUrl();
    root.querySelectorAll(".md-content a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (href.charAt(0) === "#" || link.matches(".headerlink, .para-num, .claim a, .md-content__button")) return;
      var url = new URL(href, base).href;
      if (link.textContent.trim() !== url) link.dataset.printUrl = url;
    });
  }

  /** Printing opens the "Cite this page" box, so the citation is on paper too. */
  function openForPrint() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details.cite-page:not([open])").forEach(function (d) {
        d.open = true;
        opened.push(d);
      });
    });
    window.addEventListener("afterprint", function () {
      opened.splice(0).forEach(function (d) { d.open = false; });
    });
  }

  function setUp() {
    var root = document.querySelector(".md-content") || document.body;
    addCopyButtons(root);
    setUpCitation(root);
    addPrintUrls(document);
  }

  openForPrint();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else {
    setUp();
  }
})();
