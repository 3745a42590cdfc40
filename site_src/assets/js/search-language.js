/*
 * Search only the reader's language.
 *
 * mkdocs-static-i18n builds one search index for all languages. Material's page script
 * sends that index to its search worker in a setup message ({type: 0, data: {docs}});
 * this script, loaded before it (and after the file:// worker shim), keeps only the
 * documents of the page's language in that message. A document belongs to a language
 * when its location starts with the language's folder ("en/..."), and to the default
 * language otherwise. The page's language and the folders come from #__site.
 */
(function () {
  "use strict";

  var SETUP = 0;
  var element = document.getElementById("__site");
  var Worker = window.Worker;
  if (!element || !Worker || !Worker.prototype.postMessage) return;
  var site = JSON.parse(element.textContent);
  var prefixes = site.prefixes || [];

  function languageOf(location) {
    var first = String(location).split("/")[0];
    return prefixes.indexOf(first) >= 0 ? first : site["default"];
  }

  function onlyPageLanguage(message) {
    var data = message && message.type === SETUP && message.data;
    if (!data || !Array.isArray(data.docs)) return message;
    var docs = data.docs.filter(function (doc) { return languageOf(doc.location) === site.lang; });
    return { type: message.type, data: Object.assign({}, data, { docs: docs }) };
  }

  var postMessage = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    var args = Array.prototype.slice.call(arguments);
    args[0] = onlyPageLanguage(message);
    return postMessage.apply(this, args);
  };
})();
