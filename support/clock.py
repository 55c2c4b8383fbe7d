"""Dates and times as the support pages show them: in Europe/Brussels, in Dutch words."""

from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _

BRUSSELS = ZoneInfo("Europe/Brussels")


def now():
    return timezone.now()


def brussels(moment):
    """The moment on the clocks in Brussels (CET in winter, CEST in summer)."""
    return timezone.localtime(moment, BRUSSELS)


def long_date(moment):
    """E.g. "15 januari 2027"."""
    return format_date(brussels(moment), "j F Y")


def long_datetime(moment):
    """E.g. "15 januari 2027 om 12.00 uur"."""
    local = brussels(moment)
    return _("%(date)s at %(time)s") % {
        "date": format_date(local, "j F Y"),
        "time": format_date(local, "H.i"),
    }
