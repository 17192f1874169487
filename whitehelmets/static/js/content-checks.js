// The site's content checks (core/content_checks.py), evaluated by axe-core in the
// page being previewed. Each check of the userbar's configuration names its
// evaluation in its options; it is registered with the userbar before axe runs.
(function () {
  "use strict";

  var ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/g;
  var LATIN = /[A-Za-z\u00C0-\u024F]/g;
  var LATIN_WORD = /[A-Za-z\u00C0-\u024F]{2,}/g;
  var WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

  function count(text, pattern) {
    return (text.match(pattern) || []).length;
  }

  function plain(text) {
    return text.toLowerCase().replace(/[\s_.-]+/g, " ").trim();
  }

  function fileName(src) {
    // ".../images/rescue-team.2e16d0ba.fill-800x600.format-webp.webp" -> "rescue team"
    var name = (src || "").split(/[?#]/)[0].split("/").pop() || "";
    try {
      name = decodeURIComponent(name);
    } catch (error) {
      // keep it as it is
    }
    return plain(name.split(".")[0]);
  }

  // The text of ``node`` that is its own: not inside another measured block, and in
  // the language of ``node`` (a child marked with another lang is left out).
  function ownText(node, blocks) {
    var language = node.closest("[lang]");
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    var parts = [];
    while (walker.nextNode()) {
      var parent = walker.currentNode.parentElement;
      if (parent.closest(blocks) === node && parent.closest("[lang]") === language) {
        parts.push(walker.currentNode.nodeValue);
      }
    }
    return parts.join(" ");
  }

  var evaluations = {
    // False (a problem) when an image's alternative text says nothing.
    "alt-text": function (node, options) {
      var alt = plain(node.getAttribute("alt") || "");
      if (!alt) return false;
      if (new RegExp(options.pattern, "i").test((node.getAttribute("alt") || "").trim())) {
        return false;
      }
      if ((options.generic || []).indexOf(alt) !== -1) return false;
      var names = [node.getAttribute("src")].concat(
        (node.getAttribute("srcset") || "").split(",").map(function (candidate) {
          return candidate.trim().split(/\s+/)[0];
        }),
      );
      return !names.some(function (src) {
        return src && fileName(src) === alt;
      });
    },
    // False when an element in ``options.language`` is mostly in the other script.
    "script-of-language": function (node, options) {
      var language = (node.closest("[lang]") || document.documentElement).getAttribute("lang") || "";
      if (language.toLowerCase().split("-")[0] !== options.language) return true;
      var text = ownText(node, options.blocks);
      var arabic = count(text, ARABIC);
      var latin = count(text, LATIN);
      if (options.script === "arabic") {
        return !(arabic >= options.minimum && arabic > latin);
      }
      return !(count(text, LATIN_WORD) >= options.minimum && latin > arabic);
    },
    // False when the element's text is longer than ``options.limit`` words.
    "word-limit": function (node, options) {
      return count(node.textContent || "", WORD) <= options.limit;
    },
  };

  // The evaluations by name, for tests.
  window.whContentChecks = evaluations;

  var userbar = window.wagtail && window.wagtail.userbar;
  var root = userbar && userbar.shadowRoot;
  var script = root && root.querySelector("#checker-axe-configuration");
  if (!script || typeof userbar.registerCheck !== "function") return;
  var configuration;
  try {
    configuration = JSON.parse(script.textContent);
  } catch (error) {
    return;
  }
  ((configuration.spec && configuration.spec.checks) || []).forEach(function (check) {
    var evaluate = check.options && evaluations[check.options.evaluation];
    if (evaluate) userbar.registerCheck(check.id, evaluate);
  });
})();
