"""Money: integer minor units plus an ISO 4217 code; never a float.

Donors type amounts the way they write them: ``25``, ``25.50``, ``25,50``, ``1,000``
or in Arabic-Indic digits (``٢٥``, ``٢٥٫٥٠``). ``parse_amount`` turns any of these into
minor units or raises ``ValueError``; ``format_amount`` writes minor units back in the
reader's language.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel import Locale
from babel.numbers import format_currency, get_currency_name
from django.utils import translation


@dataclass(frozen=True)
class Currency:
    code: str
    exponent: int = 2  # minor units per major unit = 10 ** exponent

    @property
    def factor(self):
        return 10**self.exponent


# The currencies a donation page may offer. Every one of them is supported by Stripe
# Checkout; add one here (and to a page) to offer it.
CURRENCIES = {code: Currency(code) for code in ("USD", "EUR", "GBP")}
CURRENCY_CHOICES = [(code, code) for code in CURRENCIES]

_DIGITS = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹",  # Arabic-Indic and Extended Arabic-Indic (Persian)
    "01234567890123456789",
)
_SEPARATORS = str.maketrans(
    {
        "٫": ".",  # ARABIC DECIMAL SEPARATOR
        "٬": ",",  # ARABIC THOUSANDS SEPARATOR
        "،": ",",  # ARABIC COMMA
        "\u00a0": "",
        "\u202f": "",
        " ": "",
        "\u200f": "",  # right-to-left mark
        "\u200e": "",  # left-to-right mark
    }
)
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+$")
_PLAIN = re.compile(r"^\d+$")


def normalise_amount(text):
    """Western digits and separators only: ``"٢٬٥٠٠٫٥"`` becomes ``"2,500.5"``."""
    return (text or "").strip().translate(_DIGITS).translate(_SEPARATORS)


def parse_amount(text, currency):
    """Minor units for ``text`` in ``currency``; ``ValueError`` when it is no amount.

    A comma followed by one or two digits at the end is a decimal comma (``25,50``);
    otherwise commas must group thousands (``1,000``). At most ``exponent`` decimals.
    """
    cur = CURRENCIES[currency]
    value = normalise_amount(text)
    for symbol in ("$", "€", "£", currency, currency.lower()):
        value = value.replace(symbol, "")
    if not value:
        raise ValueError("empty")
    if "." in value:
        whole, _dot, fraction = value.rpartition(".")
    elif re.search(r",\d{1,2}$", value):
        whole, _comma, fraction = value.rpartition(",")
    else:
        whole, fraction = value, ""
    if whole and not (_PLAIN.match(whole) or _GROUPED.match(whole)):
        raise ValueError("malformed")
    if fraction and not _PLAIN.match(fraction):
        raise ValueError("malformed")
    if len(fraction) > cur.exponent:
        raise ValueError("too many decimals")
    whole = whole.replace(",", "") or "0"
    try:
        major = Decimal(f"{whole}.{fraction or '0'}")
    except InvalidOperation as exc:  # pragma: no cover - guarded by the patterns
        raise ValueError("malformed") from exc
    return int(major * cur.factor)


def to_major(amount_minor, currency):
    return Decimal(amount_minor) / CURRENCIES.get(currency, Currency(currency)).factor


def major_input(amount_minor, currency):
    """A plain value for a form field: ``2500`` -> ``"25"``, ``2550`` -> ``"25.50"``."""
    cur = CURRENCIES.get(currency, Currency(currency))
    whole, rest = divmod(amount_minor, cur.factor)
    return f"{whole}.{rest:0{cur.exponent}d}" if rest else str(whole)


def major_units(amount_minor, currency):
    """Major units with every decimal, for spreadsheets: ``1250`` -> ``"12.50"``."""
    cur = CURRENCIES.get(currency, Currency(currency))
    whole, rest = divmod(amount_minor or 0, cur.factor)
    return f"{whole}.{rest:0{cur.exponent}d}" if cur.exponent else str(whole)


def _babel_locale(language):
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (ValueError, LookupError):
        return Locale.parse("en")


# Unicode's isolates: the amount is laid out on its own, whatever text is around it.
RIGHT_TO_LEFT_ISOLATE = "\u2067"
POP_DIRECTIONAL_ISOLATE = "\u2069"
_DIRECTION_MARKS = str.maketrans("", "", "\u200e\u200f\u061c")


def currency_name(currency, language=None, count=None):
    """The currency's name in ``language``: "US Dollar", "دولار أمريكي"; with a
    ``count``, the form for that many ("US dollars")."""
    language = language or translation.get_language() or "en"
    return get_currency_name(currency, count=count, locale=_babel_locale(language))


def format_amount(amount_minor, currency, language=None):
    """``2500, "USD"`` -> ``"$25"`` in English; in a right-to-left language, the
    amount and the currency's name in that language, isolated so that the sentence
    around it cannot reorder it: ``"\u206725 دولار أمريكي\u2069"``.

    Whole amounts are written without decimals (``$25``, not ``$25.00``).
    """
    language = language or translation.get_language() or "en"
    locale = _babel_locale(language)
    value = to_major(amount_minor, currency)
    whole = amount_minor % CURRENCIES.get(currency, Currency(currency)).factor == 0
    if translation.get_language_info(language.split("-")[0]).get("bidi"):
        text = format_currency(
            value,
            currency,
            locale=locale,
            format_type="name",
            currency_digits=not whole,
            format="#,##0" if whole else None,
        )
        text = text.translate(_DIRECTION_MARKS)
        return f"{RIGHT_TO_LEFT_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"
    if whole:
        pattern = locale.currency_formats["standard"].pattern.split(";")[0]
        pattern = re.sub(r"\.0+", "", pattern)
        return format_currency(
            value, currency, format=pattern, locale=locale, currency_digits=False
        )
    return format_currency(value, currency, locale=locale)
