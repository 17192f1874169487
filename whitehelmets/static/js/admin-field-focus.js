// An edit screen opened at a field's box (the Translations report's links:
// "#id_introduction_ar", "#id_questions-2-question_ar", "#questions-2-answer_ar")
// shows that box and puts the cursor in it: the tab holding it is selected (Wagtail
// does that), the fields of its language are shown if the language picker hid them,
// every collapsed panel around it (an inline row, a block) is opened, and the page
// scrolls to it. A StreamField or rich text editor gets the cursor in its
// first text box.
(function () {
  "use strict";
  var editable =
    'textarea:not([hidden]), input[type="text"], input:not([type]), ' +
    '[contenteditable="true"]';

  function visibleBox(target) {
    var field = target.closest("[data-field]") || target;
    if (target.matches && target.matches(editable) && target.type !== "hidden") {
      return target;
    }
    // A rich text field's own input is hidden: its editor sits beside it.
    return (
      field.querySelector('[contenteditable="true"]') ||
      target.querySelector(editable) ||
      null
    );
  }

  function openPanels(element) {
    // Each collapsed panel's content has an id, named by its toggle's aria-controls.
    for (var node = element; node && node !== document.body; node = node.parentElement) {
      if (!node.id) {
        continue;
      }
      var toggle = document.querySelector(
        '[data-panel-toggle][aria-controls="' + node.id + '"]'
      );
      if (toggle && toggle.getAttribute("aria-expanded") === "false") {
        toggle.click();
      }
    }
  }

  // The editor's language picker (wagtail-modeltranslation) may hide the fields
  // of the box's language: show them.
  function showLanguage(id, target) {
    var code = window.adminFieldLanguage ? window.adminFieldLanguage(id) : null;
    if (!code || !target.closest(".l10n-hidden")) {
      return;
    }
    document.querySelectorAll("button.locale-toggle").forEach(function (toggle) {
      if (
        toggle.textContent.trim() === code &&
        !toggle.classList.contains("showing-locale")
      ) {
        toggle.click();
      }
    });
  }

  function selectTab(target) {
    var panel = target.closest('[role="tabpanel"]');
    var tab =
      panel && document.querySelector('[role="tab"][aria-controls="' + panel.id + '"]');
    if (tab && tab.getAttribute("aria-selected") !== "true") {
      tab.click();
    }
  }

  function show() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id || id.indexOf("panel-") === 0) {
      return false;
    }
    // A StreamField's editor replaces the element of that id with "<id>-root".
    var target =
      document.getElementById(id) || document.getElementById(id + "-root");
    if (!target) {
      return false;
    }
    selectTab(target);
    showLanguage(id, target);
    openPanels(target);
    var box = visibleBox(target);
    if (!box) {
      return false;
    }
    box.scrollIntoView({ block: "center" });
    box.focus({ preventScroll: true });
    if (document.activeElement !== box) {
      return false;
    }
    keepInView(box);
    return true;
  }

  // The editor's own scripts may scroll the page back as they finish setting up.
  function keepInView(box) {
    [150, 400, 800, 1500].forEach(function (delay) {
      window.setTimeout(function () {
        var rect = box.getBoundingClientRect();
        var hidden = rect.bottom < 0 || rect.top > window.innerHeight;
        if (hidden && document.activeElement === box) {
          box.scrollIntoView({ block: "center" });
        }
      }, delay);
    });
  }

  // StreamField and rich text editors are built by scripts after the page loads:
  // try again for a moment until the box exists.
  function start() {
    var tries = 0;
    (function attempt() {
      if (!show() && tries < 20) {
        tries += 1;
        window.setTimeout(attempt, 100);
      }
    })();
  }

  if (document.readyState === "complete") {
    start();
  } else {
    window.addEventListener("load", start);
  }
  window.addEventListener("hashchange", start);
})();
