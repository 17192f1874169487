// The questions page's editor (faq/wagtail_hooks.py): each row of the categories
// and questions lists is labelled with its text (not "Question 3"), the questions
// are shown under a heading per category, and a choice above the list shows one
// category's questions only; a question added then goes into that category.
(function () {
  "use strict";

  var ROW = "[data-inline-panel-child]";

  function rows(container) {
    return Array.prototype.filter.call(container.children, function (row) {
      var deleted = row.querySelector('input[name$="-DELETE"]');
      return row.matches(ROW) && !(deleted && deleted.value === "1");
    });
  }

  function field(row, name) {
    return row.querySelector('[name$="-' + name + '"]');
  }

  // The row's heading reads its text; the count Wagtail keeps up to date stays,
  // hidden, for its own scripts.
  function label(row, names, fallback) {
    var heading = row.querySelector("[data-panel-heading-text]");
    if (!heading) return;
    var text = "";
    names.some(function (name) {
      var input = field(row, name);
      text = input ? input.value.trim() : "";
      return text;
    });
    var own = heading.querySelector("[data-faq-row-label]");
    var count = heading.querySelector("[data-inline-panel-child-count]");
    if (!own) {
      own = document.createElement("span");
      own.setAttribute("data-faq-row-label", "");
      Array.prototype.forEach.call(heading.childNodes, function (node) {
        if (node.nodeType === Node.TEXT_NODE) node.textContent = "";
      });
      heading.insertBefore(own, heading.firstChild);
      if (count) count.hidden = true;
    }
    own.textContent = text || fallback + (count ? count.textContent : "");
  }

  function categoryNames(container) {
    var select = container.querySelector('select[name$="-category"]');
    var template = document.getElementById(container.id.replace("-FORMS", "-EMPTY_FORM_TEMPLATE"));
    if (!select && template) {
      select = template.content.querySelector('select[name$="-category"]');
    }
    var names = [];
    if (select) {
      Array.prototype.forEach.call(select.options, function (option) {
        if (option.value) names.push([option.value, option.textContent.trim()]);
      });
    }
    return names;
  }

  function setUpQuestions(container, messages) {
    var names = categoryNames(container);
    var titles = {};
    names.forEach(function (pair) {
      titles[pair[0]] = pair[1];
    });

    var filter = document.createElement("div");
    filter.className = "faq-admin-filter";
    filter.style.cssText =
      "display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; margin: 1rem 0 0.5rem";
    var id = container.id + "-category-filter";
    var caption = document.createElement("label");
    caption.setAttribute("for", id);
    caption.textContent = messages.filter;
    caption.style.fontWeight = "600";
    var select = document.createElement("select");
    select.id = id;
    select.setAttribute("data-faq-category-filter", "");
    [["", messages.all]].concat(names).forEach(function (pair) {
      var option = document.createElement("option");
      option.value = pair[0];
      option.textContent = pair[1];
      select.appendChild(option);
    });
    filter.appendChild(caption);
    filter.appendChild(select);
    container.parentNode.insertBefore(filter, container);

    function refresh() {
      var shown = select.value;
      var previous = null;
      rows(container).forEach(function (row) {
        label(row, ["question_en", "question_ar", "question"], messages.question);
        var input = field(row, "category");
        var category = input ? input.value : "";
        row.hidden = Boolean(shown) && category !== shown && category !== "";
        var heading = row.querySelector("[data-faq-group-heading]");
        if (category !== previous && !row.hidden) {
          if (!heading) {
            heading = document.createElement("p");
            heading.className = "faq-admin-group";
            heading.style.cssText = "margin: 1.5rem 0 0.5rem; font-size: 1.125rem; font-weight: 700";
            heading.setAttribute("data-faq-group-heading", "");
            row.insertBefore(heading, row.firstChild);
          }
          heading.textContent = titles[category] || messages.none;
        } else if (heading) {
          heading.remove();
        }
        if (!row.hidden) previous = category;
      });
    }

    select.addEventListener("change", refresh);
    container.addEventListener("input", function (event) {
      if (event.target.matches('[name*="-question"]')) refresh();
    });
    container.addEventListener("change", refresh);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        Array.prototype.forEach.call(change.addedNodes, function (node) {
          if (node.nodeType !== 1 || !node.matches(ROW)) return;
          var input = field(node, "category");
          if (input && select.value && !input.value) input.value = select.value;
        });
      });
      refresh();
    }).observe(container, { childList: true });
    refresh();
  }

  function setUpCategories(container, messages) {
    function refresh() {
      rows(container).forEach(function (row) {
        label(row, ["title_en", "title_ar", "title"], messages.category);
      });
    }
    container.addEventListener("input", refresh);
    new MutationObserver(refresh).observe(container, { childList: true });
    refresh();
  }

  function start() {
    var data = document.getElementById("faq-admin-messages");
    if (!data) return;
    var messages = JSON.parse(data.textContent);
    var questions = document.getElementById("id_questions-FORMS");
    var categories = document.getElementById("id_categories-FORMS");
    if (questions) setUpQuestions(questions, messages);
    if (categories) setUpCategories(categories, messages);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
