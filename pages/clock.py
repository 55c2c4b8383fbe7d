"""Dates and times as the public pages show them: in Europe/Brussels, in Dutch words."""

import math
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _

BRUSSELS = ZoneInfo("Europe/Brussels")


def now():
    return timezone.now()


def brussels(moment):
    """The moment on the clocks in Brussels (CET in winter, CEST in summer)."""
    return timezone.localtime(moment, BRUSSELS)


def today():
    """The date on the clocks in Brussels (a news item's default date)."""
    return brussels(now()).date()


def long_date(moment):
    """E.g. "15 januari 2027": a date as it is, an aware datetime on the clocks in Brussels."""
    return format_date(brussels(moment) if isinstance(moment, datetime) else moment, "j F Y")


def long_datetime(moment):
    """E.g. "15 januari 2027 om 12.00 uur"."""
    local = brussels(moment)
    return _("%(date)s at %(time)s") % {
        "date": format_date(local, "j F Y"),
        "time": format_date(local, "H.i"),
    }


def limit_max_age(response, until):
    """Tells browsers, proxies and the page cache to keep the response no longer than `until`
    (an aware datetime, or None for no limit): Cache-Control max-age in whole seconds, which
    serving.middleware honours. Returns the response."""
    if until is not None:
        seconds = max(0, math.ceil((until - now()).total_seconds()))
        patch_cache_control(response, max_age=seconds)
    return response


def earliest(moments):
    """The earliest of the aware datetimes that are not None; None when there is none."""
    return min((moment for moment in moments if moment is not None), default=None)


def short_time(moment):
    """E.g. "09.30": the time on the clocks in Brussels, as long_datetime writes it."""
    return format_date(brussels(moment), "H.i")
