"""The licence under which the open data is published, stated in every payload and on the
open-data page.

CC0 1.0: the department waives every right it can, so partners may copy, combine and republish
the data without conditions, not even attribution. The Flemish government's own "Modellicentie
gratis hergebruik" also allows free reuse, but asks for attribution; for small pieces of
public information merged into partners' sites and apps, CC0 is the simplest for them
(docs/public-site.md).
"""

import icalendar
from django.utils.translation import gettext_lazy as _

LICENCE_ID = "CC0-1.0"  # its SPDX identifier
LICENCE_NAME = _("CC0 1.0 Universal (public domain dedication)")
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"


def licence():
    """The licence as the JSON payloads state it: {"id", "name", "url"}."""
    return {"id": LICENCE_ID, "name": str(LICENCE_NAME), "url": LICENCE_URL}


def calendar_with_licence(data):
    """An iCalendar file (bytes, as newsroom.calendar makes it) that also states the licence:
    X-LICENSE (its address) and the calendar's DESCRIPTION (RFC 7986). Returns bytes."""
    calendar = icalendar.Calendar.from_ical(data)
    calendar.add("description", _("Licence: %(licence)s") % {"licence": rights_statement()})
    calendar.add("x-license", LICENCE_URL)
    return calendar.to_ical()


def rights_statement():
    """One line for Atom's <rights> and iCalendar: the licence's name and address."""
    return f"{LICENCE_NAME} ({LICENCE_URL})"
