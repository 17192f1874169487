"""The visitor's address, as the trusted proxies in front of the site saw it.

Anything that needs the visitor's address (the checkout rate limit, say) asks
``client_address(request)``. Headers are only believed as far as the deployment says:

- ``CLIENT_IP_TRUSTED_PROXIES`` (``N``): the number of proxies in front of the site that
  each append the address they saw to ``X-Forwarded-For`` (nginx alone: 1; a CDN and
  nginx: 2). The visitor is the ``N``-th entry from the right; whatever stands to its
  left was written by the visitor and is ignored. ``DONATIONS_TRUSTED_PROXIES`` is the
  old, deprecated name of the same setting.
- ``CLIENT_IP_HEADER``: a header the CDN sets itself, overwriting any the visitor sent
  (``CF-Connecting-IP``, ``True-Client-IP``). Believed only when set here, and only
  if the origin accepts connections from the CDN alone (docs/deployment.md).
- ``CLIENT_IP_PROXY_NETWORKS``: where the proxy next to the site connects from (private
  and loopback networks by default). A request from anywhere else reached the app
  server directly, so its headers are not believed at all.

An entry that is not an IP address is never believed; the connection's own address is
the answer then.
"""

import ipaddress

from django.conf import settings


def _address(value):
    """``value`` as a normalised IP address, or None (ports and brackets removed)."""
    value = (value or "").strip().strip('"')
    if value.startswith("["):  # [2001:db8::1]:443
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:  # 192.0.2.1:443
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def _trusted_peer(address):
    if address is None:
        return False
    ip = ipaddress.ip_address(address)
    return any(
        ip in ipaddress.ip_network(network, strict=False)
        for network in settings.CLIENT_IP_PROXY_NETWORKS
    )


def trusted_hops():
    return settings.CLIENT_IP_TRUSTED_PROXIES or getattr(
        settings, "DONATIONS_TRUSTED_PROXIES", 0
    )


def client_address(request):
    """The visitor's IP address (a string; "unknown" if there is none at all)."""
    peer = _address(request.META.get("REMOTE_ADDR"))
    hops = trusted_hops()
    header = settings.CLIENT_IP_HEADER
    if (hops > 0 or header) and _trusted_peer(peer):
        if header:
            meta = "HTTP_" + header.upper().replace("-", "_")
            address = _address(request.META.get(meta))
            if address:
                return address
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        entries = [entry for entry in forwarded.split(",") if entry.strip()]
        if hops > 0 and entries:
            # The furthest entry a trusted proxy wrote (fewer entries than proxies:
            # the request skipped the outer one, and the first is still trusted).
            address = _address(entries[-min(hops, len(entries))])
            if address:
                return address
    return peer or "unknown"


def known_client_address(request):
    """``client_address``, or None when the request carries no address at all (for
    records that store an IP address, such as sign-in attempts)."""
    address = client_address(request)
    return None if address == "unknown" else address
