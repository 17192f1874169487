// The preview panel shows the language picked in its "Preview mode" list.
// Wagtail sends a pick made while an update is loading to that update, which was
// asked for in the earlier language, so the list and the panel disagree. When a
// page has loaded in the panel in another mode than the list's, ask again.
(function () {
  "use strict";

  function modeOf(iframe) {
    try {
      return new URL(iframe.src).searchParams.get("mode");
    } catch (error) {
      return null;
    }
  }

  document.addEventListener("w-preview:loaded", function (event) {
    var panel = event.target;
    var select = panel.querySelector("[data-w-preview-target='mode']");
    var iframe = panel.querySelector("#w-preview-iframe");
    if (!select || !iframe) {
      return;
    }
    var shown = modeOf(iframe);
    if (shown !== null && shown !== select.value) {
      // The event's handler returns at once; Wagtail runs the update afterwards.
      window.setTimeout(function () {
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }, 0);
    }
  });
})();
