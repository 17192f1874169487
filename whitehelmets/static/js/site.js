/* The header's menu: Escape closes it and gives the focus back to its button, and a
   click outside closes it. Without this file the menu opens and closes all the same
   (it is a <details>); on wide screens its contents are always shown. */
(function () {
    "use strict";

    var menu = document.querySelector("[data-site-menu]");
    if (!menu) {
        return;
    }
    var button = menu.querySelector("summary");
    var wide = window.matchMedia("(min-width: 64rem)");

    // Browsers without ::details-content show a closed menu's contents only when open.
    if (!(window.CSS && CSS.supports("selector(::details-content)"))) {
        var follow = function () {
            menu.open = wide.matches;
        };
        follow();
        wide.addEventListener("change", follow);
    }

    document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && menu.open && !wide.matches) {
            menu.open = false;
            button.focus();
        }
    });
    document.addEventListener("click", function (event) {
        if (menu.open && !wide.matches && !menu.contains(event.target)) {
            menu.open = false;
        }
    });
})();
