"""The test checkout page, the test customer portal and the webhooks (the donation
page's own pages are in ``donations.pages``).

Views never talk to a payment SDK: webhook bodies go to ``donations.webhooks.receive``.
"""

import logging

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import webhooks
from .models import Donation
from .money import format_amount, major_input, parse_amount
from .pages import return_urls
from .providers import InvalidEvent, get_provider

logger = logging.getLogger(__name__)


# The test provider's checkout page ------------------------------------------------


def _test_provider():
    try:
        return get_provider("test")
    except ImproperlyConfigured as exc:
        raise Http404("The test checkout is not available here.") from exc


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def test_checkout(request, reference):
    provider = _test_provider()
    donation = get_object_or_404(
        Donation.objects.select_related("page"),
        provider=provider.name,
        provider_reference=reference,
    )
    page = donation.page
    if page is None:
        raise Http404("The donation page has gone.")
    success_url, cancel_url = return_urls(request, page, donation)
    if request.method == "POST":
        outcome = request.POST.get("outcome")
        if outcome not in ("pay", "decline"):
            return HttpResponse(status=400)
        email = (request.POST.get("email") or "").strip()[:254]
        try:
            validate_email(email)
        except ValidationError:
            email = ""
        if donation.status == Donation.Status.OPEN:
            for body, signature in provider.events_for(donation, outcome, email):
                receipt = webhooks.receive(provider, body, signature)
                if receipt.result == webhooks.FAILED:
                    logger.error("Test checkout: event %s failed", receipt.event)
        return HttpResponseRedirect(success_url, status=303)
    context = {
        "donation": donation,
        "amount": format_amount(donation.amount_minor, donation.currency),
        "cancel_url": cancel_url,
        "page_title": _("Test payment"),
        "open": donation.status == Donation.Status.OPEN,
        "success_url": success_url,
    }
    return TemplateResponse(request, "donations/test_checkout.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def test_portal(request, token):
    """The test provider's stand-in for Stripe's customer portal: cancel the
    monthly gift or change its amount, through signed events and the webhook road."""
    provider = _test_provider()
    found = provider.portal_session(token)
    if found is None:
        raise Http404("This test portal link is not valid.")
    donation = get_object_or_404(
        Donation, pk=found[0], provider=provider.name, parent__isnull=True
    )
    return_url = found[1]
    current = donation.subscription_amount_minor or donation.amount_minor
    error = ""
    if request.method == "POST":
        action = request.POST.get("action")
        amount = None
        if action == "change":
            try:
                amount = parse_amount(request.POST.get("amount", ""), donation.currency)
            except ValueError:
                amount = None
            if not amount:
                error = _("Enter an amount in figures, such as 25 or 25.50.")
        elif action != "cancel":
            return HttpResponse(status=400)
        if not error:
            for body, signature in provider.subscription_events(
                donation, action, amount
            ):
                receipt = webhooks.receive(provider, body, signature)
                if receipt.result == webhooks.FAILED:
                    logger.error("Test portal: event %s failed", receipt.event)
            return HttpResponseRedirect(return_url, status=303)
    context = {
        "donation": donation,
        "amount": format_amount(current, donation.currency),
        "amount_value": major_input(current, donation.currency),
        "cancelled": donation.subscription_status
        == Donation.SubscriptionStatus.CANCELLED,
        "return_url": return_url,
        "error": error,
        "page_title": _("Test customer portal"),
    }
    status = 400 if error else 200
    return TemplateResponse(
        request, "donations/test_portal.html", context, status=status
    )


# Webhooks ------------------------------------------------------------------------


@csrf_exempt
@require_POST
def webhook(request, provider_name):
    """Signed events from a provider. 400 (nothing written) for a bad signature; 500
    when applying failed, so the provider sends the event again later."""
    try:
        provider = get_provider(provider_name)
    except ImproperlyConfigured as exc:
        raise Http404("No such provider here.") from exc
    try:
        receipt = webhooks.receive(
            provider, request.body, request.headers.get("Stripe-Signature")
        )
    except InvalidEvent as exc:
        logger.warning("Webhook refused (%s): %s", provider_name, exc)
        return JsonResponse({"error": "invalid event"}, status=400)
    if receipt.result == webhooks.FAILED:
        return JsonResponse({"error": "not applied, try again"}, status=500)
    return JsonResponse(
        {"received": True, "duplicate": receipt.result == webhooks.DUPLICATE}
    )
