// The proof-of-work check offered when many gifts come from one connection (ALTCHA's
// SHA-256 challenge): find the number n, at most data-max-number, for which
// SHA-256(salt + n) is the challenge, then send the form with the answer. Runs in the
// browser alone, with the browser's own crypto.subtle: no other site is contacted.
(function () {
    "use strict";
    var box = document.querySelector(".donation-challenge");
    if (!box || !window.crypto || !window.crypto.subtle || !window.TextEncoder) {
        return;
    }
    var form = box.closest("form");
    var answer = box.querySelector("input[name=altcha]");
    var status = box.querySelector(".donation-challenge__status");
    var button = form.querySelector("button[type=submit]");
    var encoder = new TextEncoder();
    var algorithm = box.dataset.algorithm || "SHA-256";
    var salt = box.dataset.salt;
    var target = box.dataset.challenge;
    var maxNumber = parseInt(box.dataset.maxNumber, 10) || 0;

    function hex(buffer) {
        var bytes = new Uint8Array(buffer);
        var out = "";
        for (var i = 0; i < bytes.length; i += 1) {
            out += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
        }
        return out;
    }

    async function solve() {
        for (var n = 0; n <= maxNumber; n += 1) {
            var digest = await window.crypto.subtle.digest(
                algorithm, encoder.encode(salt + n)
            );
            if (hex(digest) === target) {
                return n;
            }
        }
        return null;
    }

    form.addEventListener("submit", function (event) {
        if (answer.value) {
            return;
        }
        event.preventDefault();
        button.disabled = true;
        status.textContent = box.dataset.working;
        solve().then(function (number) {
            if (number === null) {
                status.textContent = box.dataset.failed;
                button.disabled = false;
                return;
            }
            answer.value = btoa(JSON.stringify({
                algorithm: algorithm,
                challenge: target,
                number: number,
                salt: salt,
                signature: box.dataset.signature
            }));
            form.submit();
        });
    });
}());
