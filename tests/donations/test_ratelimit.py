"""Fair limits: a shared address gets a higher burst, a donor over a limit is offered
a proof-of-work challenge instead of a refusal, a retry after one's own decline does
not count again, many small checkouts are still refused, and a cache that is down
never turns into an error page."""

import base64
import json
import os

import altcha
import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client, override_settings

from bench.server import free_port
from donations.models import Donation

pytestmark = pytest.mark.django_db

FORM = {
    "frequency": "one_off",
    "currency": "USD",
    "amount": "5000",
    "custom_amount": "",
    "website": "",
}
REDIS_URL = os.environ.get("DONATIONS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture(autouse=True)
def limits(settings):
    settings.DONATIONS_RATE_LIMIT = 2
    settings.DONATIONS_RATE_LIMIT_SESSION = 3
    settings.DONATIONS_SHARED_BROWSERS = 3
    settings.DONATIONS_SHARED_FACTOR = 5
    settings.DONATIONS_SMALL_CHECKOUTS = 4
    settings.DONATIONS_CHALLENGE_MAX_NUMBER = 2000  # quick to solve in tests
    cache.clear()
    yield
    cache.clear()


def browser(address="198.51.100.20"):
    """A browser behind ``address`` that has opened the form (so it has a CSRF
    cookie, as every browser posting the form has)."""
    client = Client(REMOTE_ADDR=address)
    client.get("/en/donate/")
    return client


def give(client, path="/en/donate/", **data):
    """Post the form; follow a 303 back to the form (PRG), not one to the payment."""
    response = client.post(path, {**FORM, **data})
    if response.status_code == 303 and "test-checkout" not in response["Location"]:
        return client.get(response["Location"])
    return response


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def solve(response):
    """What the page's script does: solve the challenge the page carries."""
    box = soup(response).select_one(".donation-challenge")
    challenge = box["data-challenge"]
    solution = altcha.solve_challenge_v1(
        challenge, box["data-salt"], "SHA-256", int(box["data-max-number"])
    )
    payload = {
        "algorithm": "SHA-256",
        "challenge": challenge,
        "number": solution.number,
        "salt": box["data-salt"],
        "signature": box["data-signature"],
    }
    return base64.b64encode(json.dumps(payload).encode()).decode()


def test_a_shared_address_gets_a_higher_burst(donation_page):
    browsers = [browser() for _ in range(4)]  # a carrier's NAT: one address
    codes = [give(b).status_code for _ in range(2) for b in browsers]
    # Past the plain limit (2) the address has been seen with three browsers: it is
    # shared, and its burst is 2 x 5.
    assert codes == [303] * 8
    assert Donation.objects.count() == 8
    # Each browser keeps its own limit (3), and the address its burst (10): every
    # attempt counts, the ones that met the challenge too.
    assert give(browsers[0]).status_code == 303
    assert give(browsers[0]).status_code == 429  # its fourth: the browser's limit
    assert give(browsers[1]).status_code == 429  # the address's eleventh


@pytest.mark.parametrize(
    ("path", "intro", "noscript"),
    [
        ("/en/donate/", "your browser first solves a short puzzle", "needs JavaScript"),
        ("/ar/تبرع/", "يحل متصفحك أولاً أحجية قصيرة", "يحتاج هذا التحقق إلى JavaScript"),
    ],
)
def test_over_the_limit_the_donor_can_pass_a_challenge(
    donation_page, path, intro, noscript
):
    donor = browser()
    assert give(donor, path).status_code == 303
    assert give(donor, path).status_code == 303
    offered = give(donor, path, amount="", custom_amount="75")

    assert offered.status_code == 429
    page = soup(offered)
    box = page.select_one(".donation-challenge")
    assert intro in box.get_text()
    assert noscript in box.select_one("noscript").get_text()
    assert page.select_one("input[name=custom_amount]")["value"] == "75"  # kept
    scripts = [s["src"] for s in page.select("script[src]")]
    assert any(src.endswith("js/donations-challenge.js") for src in scripts)
    assert all(src.startswith("/") for src in scripts)  # no other origin

    answer = solve(offered)
    passed = give(donor, path, amount="", custom_amount="75", altcha=answer)
    assert passed.status_code == 303
    assert Donation.objects.latest("pk").amount_minor == 7500
    # A solution solves one checkout: sent again, it is refused.
    again = give(donor, path, altcha=answer)
    assert again.status_code == 429
    assert soup(again).select_one(".donation-challenge")
    assert Donation.objects.count() == 3


def test_a_wrong_answer_does_not_pass(donation_page):
    donor = browser()
    give(donor)
    give(donor)
    offered = give(donor)
    forged = json.loads(base64.b64decode(solve(offered)))
    forged["number"] += 1
    answer = base64.b64encode(json.dumps(forged).encode()).decode()
    assert give(donor, altcha=answer).status_code == 429
    assert give(donor, altcha="not base64 at all").status_code == 429


def test_a_retry_after_ones_own_decline_does_not_count_again(donation_page):
    donor = browser()
    checkout = give(donor)["Location"]
    declined = donor.post(checkout, {"outcome": "decline"})
    donor.get(declined["Location"])  # the "did not go through" page
    second = give(donor)
    assert second.status_code == 303
    cancel = second["Location"]
    # Back from the payment page without paying: another retry that is not counted.
    donor.get(f"/en/donate/cancelled/?donation={Donation.objects.latest('pk').token}")
    assert cancel and give(donor).status_code == 303
    # Someone else's decline gives this browser nothing: the next gift counts.
    assert give(donor).status_code == 303
    assert give(donor).status_code == 429


def test_many_small_checkouts_from_one_address_are_still_refused(donation_page):
    small = {"amount": "", "custom_amount": "5"}
    testers = [browser("203.0.113.66") for _ in range(6)]
    codes = [give(t, **small).status_code for t in testers]
    assert codes == [303, 303, 303, 303, 429, 429]
    refused = give(testers[-1], **small)
    assert "cannot start more small gifts" in soup(refused).get_text()
    assert not soup(refused).select_one(".donation-challenge")  # no way round it
    # A larger gift from the same address is not caught by the pattern.
    assert (
        give(browser("203.0.113.66"), custom_amount="", amount="5000").status_code
        == 303
    )


def test_the_limit_never_fails_when_redis_is_down(donation_page, caplog):
    down = {
        "default": {
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/15",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    donor = browser()
    with override_settings(CACHES=down):
        codes = [give(donor).status_code for _ in range(4)]
    assert codes == [303] * 4  # the limit is not applied, and nothing fails
    assert "rate limit not applied" in caplog.text


def test_the_limit_and_challenge_with_a_real_redis(donation_page):
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).flushdb()
    except redis.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    real = {
        "default": {
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "donations-tests",
        }
    }
    with override_settings(CACHES=real):
        donor = browser()
        codes = [give(donor).status_code for _ in range(3)]
        assert codes == [303, 303, 429]
        offered = give(donor)
        assert give(donor, altcha=solve(offered)).status_code == 303
    redis.Redis.from_url(REDIS_URL).flushdb()
