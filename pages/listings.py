"""What every listing of pages shares: which pages visitors may see listed, and pagination."""

from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction

PER_PAGE = 20


def listable(queryset, at):
    """The pages of the queryset visitors may see listed at the moment `at`: live, public (no
    view restriction on them or above) and not expired."""
    # live() leaves out drafts; the expiry filter covers the minutes between a page's expiry
    # and the publish_scheduled job that unpublishes it.
    return (
        queryset.live()
        .filter(~Exists(_restrictions_above()))
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=at))
    )


def _restrictions_above():
    """The view restrictions (password, login, groups) on a page or one of its ancestors: what
    Wagtail's PageQuerySet.public() excludes, as a subquery instead of a query of its own."""
    return PageViewRestriction.objects.annotate(
        outer_prefix=Substr(OuterRef("path"), 1, Length("page__path"))
    ).filter(page__path=F("outer_prefix"))


def paginate(items, request, per_page=PER_PAGE, count=None):
    """A page of the list; an invalid number gives the first page, a too high one the last.

    `count`, when known (the number of items, e.g. from an aggregate query), saves the
    paginator's own count query; a queryset is then only read for the page shown."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # a cached_property: the known value takes its place
    return paginator.get_page(request.GET.get("page"))
