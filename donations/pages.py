"""The donation page's own pages: the form, the return pages and the "manage my
monthly gift" pages (``DonationPage``'s routes call these).

Views never talk to a payment SDK: they call a provider's ``start_checkout``. The page
model calls into this module when it serves a request; nothing here imports the other
views (``donations.views``: the test checkout and the webhooks).
"""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import manage, ratelimit
from .forms import DonationForm, ManageRequestForm
from .models import Donation
from .money import currency_name, format_amount
from .providers import ProviderError, get_provider

logger = logging.getLogger(__name__)


def _provider_or_none():
    try:
        return get_provider()
    except ImproperlyConfigured:
        logger.exception("Donations are switched off: the provider is not configured")
        return None


def _no_cache(response):
    add_never_cache_headers(response)  # every donation page carries a CSRF token
    return response


def return_urls(request, page, donation):
    """Absolute thank-you and cancel addresses, in the donor's language."""
    with translation.override(donation.language):
        base = page.get_url(request=request)
    query = "?" + urlencode({"donation": donation.token})
    thanks = request.build_absolute_uri(base + page.reverse_subpage("thank_you"))
    cancel = request.build_absolute_uri(base + page.reverse_subpage("cancelled"))
    return thanks + query, cancel + query


def _render_form(
    request, page, form, *, message=None, notice=None, status=200, challenge=None
):
    options = page.get_currency_options()
    current = form.option.currency if form.option else ""
    frequency = (
        form.data.get("frequency") if form.is_bound else form.initial.get("frequency")
    ) or form.fields["frequency"].initial
    if frequency not in Donation.Frequency.values:
        frequency = Donation.Frequency.ONE_OFF
    currency_links = [
        {
            "code": code,
            "name": currency_name(code),
            "url": "?" + urlencode({"currency": code, "frequency": frequency}),
            "current": code == current,
        }
        for code in options
    ]
    context = page.get_context(request)
    context.update(
        {
            "form": form,
            "currency_links": currency_links,
            "current_currency": current,
            "current_currency_name": currency_name(current, count=2) if current else "",
            "message": message,
            "notice": notice,
            "available": form.option is not None,
            "challenge": challenge,
        }
    )
    response = TemplateResponse(
        request, "donations/donation_page.html", context, status=status
    )
    return _no_cache(response)


# Why a POST did not lead to the payment page, told on the page it redirects to.
MESSAGES = {
    "unavailable": gettext_lazy(
        "Online donations are not available at the moment. Please try again later."
    ),
    "timeout": gettext_lazy(
        "The payment service took too long to answer, so your gift has not "
        "been taken. Your choices are kept: please try again."
    ),
    "provider_down": gettext_lazy(
        "The payment service is not answering at the moment, so your gift has "
        "not been taken. Your choices are kept: please try again in a moment."
    ),
    "challenge": gettext_lazy(
        "We have received many donation attempts from your connection. "
        "Please wait a few minutes, then try again."
    ),
    "card_testing": gettext_lazy(
        "We cannot start more small gifts from your connection at the moment. "
        "Please try again later, or give a larger amount."
    ),
}
STATUS_BY_MESSAGE = {
    "unavailable": 503,
    "timeout": 503,
    "provider_down": 503,
    "challenge": 429,
    "card_testing": 429,
}
FORM_FIELDS = ("frequency", "currency", "amount", "custom_amount", "website")


def _flash_key(page):
    return f"donations:form:{page.pk}"


def _back_to_form(request, page, form, message=None):
    """Post/redirect/get: keep what the donor sent (and why it went no further) in
    the session and send them back to the form with a 303, so Back and Reload never
    post the form again."""
    data = {name: str(form.data.get(name, ""))[:100] for name in FORM_FIELDS}
    request.session[_flash_key(page)] = {"data": data, "message": message}
    _remember_choices(request, page, data)
    return _no_cache(HttpResponseRedirect(request.path, status=303))


def _remember_choices(request, page, data):
    """Keep the donor's last choices, so the form opened again (Reload after an
    error, Back from the payment page) shows them."""
    request.session[f"donations:choices:{page.pk}"] = {
        name: str(data.get(name, ""))[:20]
        for name in ("frequency", "currency", "amount", "custom_amount")
    }


def _remembered_choices(request, page, options):
    choices = request.session.get(f"donations:choices:{page.pk}") or {}
    if (choices.get("currency") or "") not in options:
        return {}
    initial = {"currency": choices["currency"]}
    if choices.get("frequency") in Donation.Frequency.values:
        initial["frequency"] = choices["frequency"]
    if choices.get("custom_amount"):
        initial.update(amount="", custom_amount=choices["custom_amount"])
    elif choices.get("amount"):
        initial["amount"] = choices["amount"]
    return initial


def _form_from_query(request, page, options):
    """The form for a GET: the choices in the address (currency, frequency and, from
    "Try again", the amount in minor units), else the donor's last choices."""
    source = request.GET
    if not any(source.get(name) for name in ("currency", "frequency", "amount")):
        initial = _remembered_choices(request, page, options)
        if initial:
            return DonationForm(
                options=options, currency=initial["currency"], initial=initial
            )
    currency = (source.get("currency") or "").upper()
    frequency = source.get("frequency")
    amount = source.get("amount") or ""
    initial = DonationForm.initial_for(
        options,
        currency=currency,
        frequency=frequency if frequency in Donation.Frequency.values else None,
        amount_minor=int(amount) if amount.isdigit() and len(amount) < 10 else None,
    )
    return DonationForm(
        options=options, currency=initial.get("currency", currency), initial=initial
    )


def donation_form(request, page):
    """GET: the form. POST: validate, write the donation, 303 to the provider, or
    303 back to the form with what went wrong."""
    if request.method not in ("GET", "HEAD", "POST"):
        return _no_cache(HttpResponse(status=405, headers={"Allow": "GET, POST"}))
    options = page.get_currency_options()
    if request.method != "POST":
        flash = request.session.pop(_flash_key(page), None)
        if flash is None:
            return _render_form(request, page, _form_from_query(request, page, options))
        data = flash.get("data") or {}
        form = DonationForm(
            data, options=options, currency=(data.get("currency") or "").upper()
        )
        form.is_valid()  # the same messages as when it was sent
        code = flash.get("message")
        return _render_form(
            request,
            page,
            form,
            message=MESSAGES.get(code),
            status=STATUS_BY_MESSAGE.get(code, 400 if form.errors else 200),
            challenge=ratelimit.new_challenge() if code == "challenge" else None,
        )

    currency = (request.POST.get("currency") or "").upper()
    form = DonationForm(request.POST, options=options, currency=currency)
    provider = _provider_or_none()
    if provider is None:
        return _back_to_form(request, page, form, "unavailable")
    if not form.is_valid():
        if form.has_error("__all__", "honeypot"):
            logger.info("Donation form refused: the hidden field was filled in")
        return _back_to_form(request, page, form)
    _remember_choices(request, page, form.data)
    data = form.cleaned_data
    decision = ratelimit.check_checkout(
        request,
        data["amount_minor"],
        form.option.minimum_minor,
        challenge_solved=ratelimit.challenge_solved(request.POST.get("altcha")),
    )
    if decision == ratelimit.REFUSE:
        logger.warning("Donation checkout refused: many small checkouts, one address")
        return _back_to_form(request, page, form, "card_testing")
    if decision == ratelimit.CHALLENGE:
        logger.info("Donation checkout: over the limit, challenge offered")
        return _back_to_form(request, page, form, "challenge")

    donation = Donation.objects.create(
        page=page,
        amount_minor=data["amount_minor"],
        currency=data["currency"],
        frequency=data["frequency"],
        language=translation.get_language(),
        provider=provider.name,
    )
    success_url, cancel_url = return_urls(request, page, donation)
    try:
        session = provider.start_checkout(
            donation, success_url=success_url, cancel_url=cancel_url
        )
    except ProviderError as exc:
        logger.warning("Donation %s: the provider failed (%s)", donation.pk, exc)
        donation.status = Donation.Status.PROVIDER_ERROR
        donation.last_error = str(exc)[:2000]
        donation.save(update_fields=["status", "last_error", "updated_at"])
        code = "timeout" if exc.kind == "timeout" else "provider_down"
        return _back_to_form(request, page, form, code)

    donation.provider_reference = session.reference
    donation.advance(Donation.Status.OPEN)
    donation.save(update_fields=["provider_reference", "status", "updated_at"])
    ratelimit.remember_checkout(request, donation)
    return _no_cache(HttpResponseRedirect(session.url, status=303))


def _donation_from_query(request):
    token = (request.GET.get("donation") or "")[:64]
    if not token:
        return None
    return Donation.objects.filter(token=token, parent__isnull=True).first()


STATE_BY_STATUS = {
    Donation.Status.PAID: "confirmed",
    Donation.Status.REFUNDED: "refunded",
    Donation.Status.FAILED: "failed",
    Donation.Status.EXPIRED: "failed",
    Donation.Status.PROVIDER_ERROR: "failed",
}


def retry_url(request, page, donation):
    """The form again with the donor's currency, frequency and amount."""
    query = {
        "currency": donation.currency,
        "frequency": donation.frequency,
        "amount": donation.amount_minor,
    }
    return page.get_url(request=request) + "?" + urlencode(query)


def thank_you(request, page):
    """Where the provider sends the donor back. Shows what the webhooks have said:
    the redirect itself confirms nothing."""
    if request.method not in ("GET", "HEAD"):
        return _no_cache(HttpResponse(status=405, headers={"Allow": "GET"}))
    donation = _donation_from_query(request)
    context = page.get_context(request)
    if donation is None:
        context["state"] = "unknown"
        status = 404
    else:
        context["state"] = STATE_BY_STATUS.get(donation.status, "pending")
        if context["state"] == "failed":
            ratelimit.forgive_retry(request, donation)
        context["donation"] = donation
        context["amount"] = format_amount(donation.amount_minor, donation.currency)
        context["retry_url"] = retry_url(request, page, donation)
        status = 200
    response = TemplateResponse(
        request, "donations/thank_you.html", context, status=status
    )
    return _no_cache(response)


def cancelled(request, page):
    """Back from the provider without paying: the form again, choices kept."""
    if request.method not in ("GET", "HEAD"):
        return _no_cache(HttpResponse(status=405, headers={"Allow": "GET"}))
    options = page.get_currency_options()
    donation = _donation_from_query(request)
    if donation is not None:
        ratelimit.forgive_retry(request, donation)
    initial = DonationForm.initial_from(donation) if donation else {}
    form = DonationForm(
        options=options, currency=initial.get("currency", ""), initial=initial
    )
    notice = _(
        "You left the payment page, so nothing has been taken. "
        "Your choices are kept below if you would like to try again."
    )
    return _render_form(request, page, form, notice=notice)


# Managing a monthly gift -------------------------------------------------------------


def _manage_url(request, page, name, *args):
    return request.build_absolute_uri(
        page.get_url(request=request) + page.reverse_subpage(name, args=args)
    )


def manage_request(request, page):
    """A monthly donor asks, by email address, for a link to change or cancel the
    gift. The answer is the same whether we know the address or not."""
    if request.method not in ("GET", "HEAD", "POST"):
        return _no_cache(HttpResponse(status=405, headers={"Allow": "GET, POST"}))
    form = ManageRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        manage.request_links(
            form.cleaned_data["email"],
            lambda token: _manage_url(request, page, "manage_open", token),
        )
        return _no_cache(
            HttpResponseRedirect(
                page.get_url(request=request) + page.reverse_subpage("manage_sent"),
                status=303,
            )
        )
    context = page.get_context(request)
    context.update({"form": form, "step": "ask"})
    status = 400 if form.is_bound else 200
    return _no_cache(
        TemplateResponse(request, "donations/manage.html", context, status=status)
    )


def manage_sent(request, page):
    if request.method not in ("GET", "HEAD"):
        return _no_cache(HttpResponse(status=405, headers={"Allow": "GET"}))
    context = page.get_context(request)
    context.update({"step": "sent", "minutes": settings.DONATIONS_MANAGE_LINK_MINUTES})
    return _no_cache(TemplateResponse(request, "donations/manage.html", context))


def manage_open(request, page, token):
    """GET: our own page, explaining what the provider's page will show. POST: use
    the link (once) and go to the provider's page."""
    if request.method not in ("GET", "HEAD", "POST"):
        return _no_cache(HttpResponse(status=405, headers={"Allow": "GET, POST"}))
    context = page.get_context(request)
    context["step"] = "open"
    context["ask_url"] = page.get_url(request=request) + page.reverse_subpage("manage")
    if request.method != "POST":
        link = manage.usable_link(token)
        context["link"] = link
        status = 200 if link else 410
        return _no_cache(
            TemplateResponse(request, "donations/manage.html", context, status=status)
        )
    with transaction.atomic():
        link = manage.usable_link(token, lock=True)
        if link is None:
            context["link"] = None
            return _no_cache(
                TemplateResponse(request, "donations/manage.html", context, status=410)
            )
        try:
            provider = get_provider(link.donation.provider)
            url = provider.open_portal(
                link.donation, return_url=_manage_url(request, page, "manage")
            )
        except (ProviderError, ImproperlyConfigured) as exc:
            logger.warning("Customer portal not opened: %s", exc)
            context["link"] = link
            context["message"] = _(
                "The payment service is not answering at the moment. Your link "
                "still works: please try again in a moment."
            )
            return _no_cache(
                TemplateResponse(request, "donations/manage.html", context, status=503)
            )
        link.used_at = timezone.now()
        link.save(update_fields=["used_at"])
    return _no_cache(HttpResponseRedirect(url, status=303))
