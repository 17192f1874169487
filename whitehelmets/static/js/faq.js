/* Questions page: open the answer named in the address, open or close every answer,
   and narrow the questions as you type. The page works fully without this file:
   every answer opens on its own and the printable version shows them all. */
(function () {
    "use strict";

    var root = document.querySelector(".faq");
    if (!root) {
        return;
    }
    var questions = Array.prototype.slice.call(root.querySelectorAll("[data-faq-question]"));
    var categories = Array.prototype.slice.call(root.querySelectorAll("[data-faq-category]"));
    var tools = root.querySelector("[data-faq-tools]");
    var filter = root.querySelector("[data-faq-filter]");
    var toggle = root.querySelector("[data-faq-toggle]");
    var status = root.querySelector("#faq-filter-status");
    var contents = root.querySelector(".faq-contents");
    var messages = [];
    try {
        messages = JSON.parse(status.getAttribute("data-messages")) || [];
    } catch (error) {
        messages = [];
    }

    /* Lower case, no accents or Arabic short vowels, one spelling of alef, ya and ta marbuta. */
    function normalise(text) {
        return text
            .toLocaleLowerCase()
            .normalize("NFKD")
            .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, "")
            .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627")
            .replace(/\u0649/g, "\u064a")
            .replace(/\u0629/g, "\u0647")
            .replace(/\s+/g, " ")
            .trim();
    }

    var texts = questions.map(function (details) {
        return normalise(details.textContent);
    });

    function visibleQuestions() {
        return questions.filter(function (details) {
            return !details.hidden;
        });
    }

    function updateToggle() {
        if (!toggle) {
            return;
        }
        var visible = visibleQuestions();
        var allOpen = visible.length > 0 && visible.every(function (details) {
            return details.open;
        });
        toggle.textContent = toggle.getAttribute(allOpen ? "data-collapse" : "data-expand");
        toggle.setAttribute("data-all-open", allOpen ? "true" : "false");
    }

    function applyFilter() {
        var words = normalise(filter.value).split(" ").filter(Boolean);
        var count = 0;
        questions.forEach(function (details, index) {
            var matches = words.every(function (word) {
                return texts[index].indexOf(word) !== -1;
            });
            details.hidden = !matches;
            if (matches) {
                count += 1;
            }
            if (contents) {
                var link = contents.querySelector(
                    'a[href="#' + CSS.escape(details.getAttribute("data-anchor")) + '"]'
                );
                if (link) {
                    link.parentNode.hidden = !matches;
                }
            }
        });
        categories.forEach(function (category) {
            var shown = category.querySelector("[data-faq-question]:not([hidden])");
            category.hidden = !shown;
            if (contents) {
                var link = contents.querySelector('a[href="#' + CSS.escape(category.id) + '"]');
                if (link) {
                    link.parentNode.hidden = !shown;
                }
            }
        });
        status.textContent = words.length ? messages[Math.min(count, messages.length - 1)] || "" : "";
        updateToggle();
    }

    function openFromAddress(moveFocus) {
        var id;
        try {
            id = decodeURIComponent(window.location.hash.slice(1));
        } catch (error) {
            return;
        }
        if (!id) {
            return;
        }
        var target = document.getElementById(id);
        var details = target && target.closest("[data-faq-question]");
        if (!details) {
            return;
        }
        if (details.hidden && filter) {
            filter.value = "";
            applyFilter();
        }
        details.open = true;
        if (moveFocus) {
            details.scrollIntoView();
            details.querySelector("summary").focus({ preventScroll: true });
        }
        updateToggle();
    }

    if (tools) {
        tools.hidden = false;
    }
    if (filter) {
        filter.addEventListener("input", applyFilter);
    }
    if (toggle) {
        toggle.addEventListener("click", function () {
            var open = toggle.getAttribute("data-all-open") !== "true";
            visibleQuestions().forEach(function (details) {
                details.open = open;
            });
            updateToggle();
        });
    }
    questions.forEach(function (details) {
        details.addEventListener("toggle", updateToggle);
    });

    /* Printing the page prints every answer, then puts things back as they were. */
    var closedBeforePrint = [];
    window.addEventListener("beforeprint", function () {
        closedBeforePrint = questions.filter(function (details) {
            return !details.open;
        });
        closedBeforePrint.forEach(function (details) {
            details.open = true;
        });
    });
    window.addEventListener("afterprint", function () {
        closedBeforePrint.forEach(function (details) {
            details.open = false;
        });
        closedBeforePrint = [];
    });

    window.addEventListener("hashchange", function () {
        openFromAddress(true);
    });
    openFromAddress(false);
    updateToggle();
})();
