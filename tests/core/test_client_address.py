"""The visitor's address comes from the configured proxy chain; spoofed headers are
ignored."""

import pytest
from django.test import RequestFactory

from core.client import client_address
from donations import ratelimit

NGINX = "172.18.0.5"  # the proxy next to the app server, on the private network


def request(remote=NGINX, forwarded=None, **headers):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    meta.update({f"HTTP_{k.upper()}": v for k, v in headers.items()})
    return RequestFactory().get("/", **meta)


@pytest.fixture
def nginx_alone(settings):
    settings.CLIENT_IP_TRUSTED_PROXIES = 1
    settings.DONATIONS_TRUSTED_PROXIES = 0
    settings.CLIENT_IP_HEADER = ""


@pytest.fixture
def cdn_and_nginx(settings):
    settings.CLIENT_IP_TRUSTED_PROXIES = 2
    settings.DONATIONS_TRUSTED_PROXIES = 0
    settings.CLIENT_IP_HEADER = ""


def test_without_trusted_proxies_the_connection_is_the_client(settings):
    settings.CLIENT_IP_TRUSTED_PROXIES = settings.DONATIONS_TRUSTED_PROXIES = 0
    assert client_address(request("198.51.100.7", "1.1.1.1")) == "198.51.100.7"
    assert client_address(request("198.51.100.7", cf_connecting_ip="1.1.1.1")) == (
        "198.51.100.7"
    )


def test_behind_nginx_the_address_it_appended_is_the_client(nginx_alone):
    assert client_address(request(forwarded="198.51.100.7")) == "198.51.100.7"


def test_behind_nginx_spoofed_entries_to_the_left_are_ignored(nginx_alone):
    for spoof in ("1.1.1.1", "2.2.2.2, 3.3.3.3", "not-an-address"):
        forwarded = f"{spoof}, 198.51.100.7"
        assert client_address(request(forwarded=forwarded)) == "198.51.100.7"


def test_behind_a_cdn_every_donor_of_one_edge_is_told_apart(cdn_and_nginx):
    edge = "203.0.113.50"
    first = client_address(request(forwarded=f"198.51.100.7, {edge}"))
    second = client_address(request(forwarded=f"9.9.9.9, 198.51.100.8, {edge}"))
    # Before: both were the edge's address (the last hop), one shared bucket.
    assert (first, second) == ("198.51.100.7", "198.51.100.8")


def test_headers_are_ignored_when_the_app_server_is_reached_directly(nginx_alone):
    # Not from the proxy's network: X-Forwarded-For can be rotated at will.
    for forwarded in ("1.1.1.1", "2.2.2.2"):
        assert client_address(request("198.51.100.9", forwarded)) == "198.51.100.9"


def test_the_cdn_header_is_believed_only_when_configured(nginx_alone, settings):
    spoofed = request(forwarded="203.0.113.50", cf_connecting_ip="1.1.1.1")
    assert client_address(spoofed) == "203.0.113.50"
    settings.CLIENT_IP_HEADER = "CF-Connecting-IP"
    assert client_address(spoofed) == "1.1.1.1"
    # A header that is not an address falls back to the proxy chain.
    garbage = request(forwarded="198.51.100.7", cf_connecting_ip="<script>")
    assert client_address(garbage) == "198.51.100.7"
    # And never from a connection that did not come through the proxy.
    direct = request("198.51.100.9", cf_connecting_ip="1.1.1.1")
    assert client_address(direct) == "198.51.100.9"


def test_true_client_ip_and_ipv6_with_ports(nginx_alone, settings):
    settings.CLIENT_IP_HEADER = "True-Client-IP"
    assert client_address(request(true_client_ip="2001:DB8::1")) == "2001:db8::1"
    settings.CLIENT_IP_HEADER = ""
    assert client_address(request(forwarded="[2001:db8::2]:443")) == "2001:db8::2"
    assert client_address(request(forwarded="198.51.100.7:5555")) == "198.51.100.7"


def test_the_old_setting_name_still_works(settings):
    settings.CLIENT_IP_TRUSTED_PROXIES = 0
    settings.DONATIONS_TRUSTED_PROXIES = 1
    assert client_address(request(forwarded="1.1.1.1, 198.51.100.7")) == (
        "198.51.100.7"
    )


def test_the_rate_limit_uses_the_same_rule():
    assert ratelimit.client_address is client_address
