// Translated fields in the admin carry their language's lang and dir.
// The server sets them on every field it renders; this does the same for the
// text boxes the browser builds itself (StreamField blocks, new rows, rich text
// editors), by the same rule: the last part of the input's name with a language
// suffix ("body_ar-0-value") names the language. The languages come from the page
// (#admin-field-languages).
(function () {
  "use strict";
  var data = document.getElementById("admin-field-languages");
  if (!data) {
    return;
  }
  var languages = JSON.parse(data.textContent);
  var suffixes = Object.keys(languages).map(function (code) {
    return code.replace(/-/g, "_");
  });
  var bySuffix = {};
  Object.keys(languages).forEach(function (code) {
    bySuffix[code.replace(/-/g, "_")] = languages[code];
  });
  var pattern = new RegExp("^\\w+?_(" + suffixes.join("|") + ")$");
  var selector =
    'input[type="text"][name], input:not([type])[name], textarea[name]';

  function languageOf(name) {
    var parts = name.split("-");
    for (var i = parts.length - 1; i >= 0; i -= 1) {
      var match = pattern.exec(parts[i]);
      if (match) {
        return bySuffix[match[1]];
      }
    }
    return null;
  }

  // For the other admin scripts (the glossary): the language code of an input name.
  window.adminFieldLanguage = function (name) {
    var language = languageOf(name);
    return language ? language.lang : null;
  };

  function mark(field) {
    if (field.hasAttribute("dir")) {
      return;
    }
    var language = languageOf(field.name);
    if (language) {
      field.setAttribute("dir", language.dir);
      field.setAttribute("lang", language.lang);
    }
  }

  // A rich text box (Draftail) keeps its value in a hidden input and draws its
  // editor in a wrapper beside it: the wrapper takes the input's language.
  var editors = "[data-draftail-editor-wrapper]";

  function markEditor(wrapper) {
    var input = wrapper.parentNode.querySelector('input[type="hidden"][name]');
    var language = input && languageOf(input.name);
    if (language && !wrapper.hasAttribute("dir")) {
      wrapper.setAttribute("dir", language.dir);
      wrapper.setAttribute("lang", language.lang);
    }
  }

  function markWithin(node) {
    if (node.nodeType !== 1) {
      return;
    }
    if (node.matches(selector)) {
      mark(node);
    }
    node.querySelectorAll(selector).forEach(mark);
    if (node.matches(editors)) {
      markEditor(node);
    }
    node.querySelectorAll(editors).forEach(markEditor);
  }

  function start() {
    markWithin(document.body);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(markWithin);
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
