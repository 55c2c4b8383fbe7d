"""The admin login lockout (django-axes): who is counted, and how many failures each may have.

Failed sign-ins are counted three ways, each with its own limit (``LOGIN_LOCKOUT_LIMITS``): per
user name from one address (someone mistyping), per address (one address trying many user
names) and per user name (one account tried from many addresses). Reaching any limit locks that
way of signing in for ``AXES_COOLOFF_TIME``.
"""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def client_ip(request):
    """The visitor's address as our own proxies saw it, normalised; ``None`` if there is none.

    Each trusted proxy appends the address it received the request from to X-Forwarded-For, so
    with N proxies of ours the visitor is the N-th address from the right; anything further left
    was sent by the visitor and proves nothing. An entry that is not an address (a port added,
    garbage) falls back to the connection's address: the lockout stores addresses in an address
    column, which refuses anything else.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
        if len(addresses) >= count and (address := parse_address(addresses[-count])):
            return address
    return parse_address(request.META.get("REMOTE_ADDR", ""))


def parse_address(text):
    """The IP address in ``text`` as a normalised string, or ``None`` if it holds none.

    Accepts what proxies write: ``203.0.113.7``, ``203.0.113.7:5678``, ``2001:db8::1``,
    ``[2001:db8::1]`` and ``[2001:db8::1]:443``. An IPv4 address written as IPv6
    (``::ffff:203.0.113.7``) counts as the IPv4 address, and an IPv6 zone (``%eth0``) is dropped.
    """
    text = text.strip()
    if text.startswith("["):
        text, bracket, port = text[1:].partition("]")
        if not bracket or (port and not port.startswith(":")):
            return None
    elif text.count(":") == 1:  # IPv4 with a port; a bare IPv6 address has two colons or more
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text.partition("%")[0])
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return str(address)


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with one failure limit per way of counting.

    Axes counts each of its ``AXES_LOCKOUT_PARAMETERS`` separately but compares all counts with
    the one ``AXES_FAILURE_LIMIT``. Here each count has its own limit, from
    ``LOGIN_LOCKOUT_LIMITS``; the handler reports the failures on the scale of
    ``AXES_FAILURE_LIMIT``, so that axes locks as soon as any count reaches its own limit.
    """

    def get_failures(self, request, credentials=None):
        """The failures that bring the request closest to a lock, as axes expects them: the
        request is locked when the result reaches ``AXES_FAILURE_LIMIT``."""
        attempts_per_count = self.get_user_attempts(request, credentials)
        remaining = min(
            limit - (attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)
            for (_parameters, limit), attempts in zip(
                settings.LOGIN_LOCKOUT_LIMITS, attempts_per_count, strict=True
            )
        )
        return max(settings.AXES_FAILURE_LIMIT - remaining, 0)

    def reset_user_attempts(self, request, credentials=None):
        """After a successful sign-in, forgets that person's typos: only the failures of this
        user name from this address. The counts per address and per user name stay, so signing
        in to one account does not wipe out an attack on others from the same address."""
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        ).delete()
        return count
