// After a search or a page of results, the page opens at the results (the form and
// the page links end in #memorial-results); the count gets the focus, so a screen
// reader says how many were found and the keyboard goes on from there.
(function () {
  "use strict";
  if (window.location.hash !== "#memorial-results") {
    return;
  }
  var summary = document.getElementById("memorial-results");
  if (summary) {
    summary.focus({ preventScroll: true });
  }
})();
