// Donation form: typing another amount clears the suggested one, and choosing a
// suggested amount clears what was typed, so the form sends what the donor sees.
(function () {
    "use strict";
    var form = document.querySelector(".donation-form");
    if (!form) {
        return;
    }
    var custom = form.querySelector("input[name=custom_amount]");
    var presets = form.querySelectorAll("input[name=amount]");
    if (!custom) {
        return;
    }
    custom.addEventListener("input", function () {
        if (custom.value.trim() !== "") {
            presets.forEach(function (radio) { radio.checked = false; });
        }
    });
    presets.forEach(function (radio) {
        radio.addEventListener("change", function () {
            if (radio.checked) {
                custom.value = "";
            }
        });
    });
}());
