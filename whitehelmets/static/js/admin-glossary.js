// The glossary beside the field being written: when a text box in a language
// that has a glossary (lang="ar") gets the focus, that language's glossary is shown
// right after the field, with a box to filter the terms.
(function () {
  "use strict";
  var shown = {};

  function languageOf(target) {
    if (target.hasAttribute && target.hasAttribute("lang")) {
      return target.getAttribute("lang");
    }
    // Rich text editors: the language of the field's own input.
    var wrapper = target.closest && target.closest(".w-field__input");
    var input = wrapper && wrapper.querySelector("input[lang], textarea[lang]");
    if (input) {
      return input.getAttribute("lang");
    }
    var named = wrapper && wrapper.querySelector("input[name]");
    return named && window.adminFieldLanguage
      ? window.adminFieldLanguage(named.name)
      : null;
  }

  function glossaryFor(language) {
    if (!(language in shown)) {
      var template = document.getElementById("admin-glossary-" + language);
      shown[language] = template
        ? template.content.firstElementChild.cloneNode(true)
        : null;
      if (shown[language]) {
        var filter = shown[language].querySelector(".admin-glossary__filter");
        filter.addEventListener("input", function () {
          var text = filter.value.trim().toLowerCase();
          shown[language].querySelectorAll("tr").forEach(function (row) {
            row.hidden = text && row.textContent.toLowerCase().indexOf(text) < 0;
          });
        });
      }
    }
    return shown[language];
  }

  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target.closest(".admin-glossary")) {
      return;
    }
    var language = languageOf(target);
    var glossary = language && glossaryFor(language);
    Object.keys(shown).forEach(function (code) {
      if (shown[code] && shown[code] !== glossary) {
        shown[code].hidden = true;
      }
    });
    if (!glossary) {
      return;
    }
    var field = target.closest(".w-field") || target.parentElement;
    if (glossary.previousElementSibling !== field) {
      field.insertAdjacentElement("afterend", glossary);
    }
    glossary.hidden = false;
  });
})();
