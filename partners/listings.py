"""What visitors see of the partners: the list at /partners/, filtered by actor type, and the
partners on an actor page.

A listing takes a fixed number of queries however many partners there are: their actor types
and logo renditions are prefetched, links and filters are worked out in Python.
"""

from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _
from wagtail.models import CollectionViewRestriction

from fragments.cache import remember_until
from pages import clock, facets
from pages.facets import Facet, Option
from pages.listings import paginate
from pages.models import AboutPage
from pages.references import is_public_media
from pages.sections import Section
from partners.models import Partner


@dataclass
class PartnerCard:
    """A partner as a card shows it: the actor types it serves with their addresses (published
    ones only, in the editors' order) and its logo when visitors may see it."""

    partner: Partner
    actor_type_links: list
    logo: object

    @classmethod
    def of(cls, partner, actor_type_urls=None, with_logo=True):
        """actor_type_urls as actor_type_urls() gives them; None for a card without them (and
        without touching the partner's actor types)."""
        links = [
            (actor_type, actor_type_urls[actor_type.pk])
            for actor_type in (partner.actor_types.all() if actor_type_urls is not None else [])
            if actor_type.pk in actor_type_urls
        ]
        logo = partner.logo if with_logo else None
        # A logo still in Te keuren is not shown: listed_partners() knows, else pages.references.
        is_private = getattr(partner, "logo_is_private", None)
        if logo is not None and (is_private or (is_private is None and not is_public_media(logo))):
            logo = None
        return cls(partner, links, logo)


@dataclass
class Directory:
    facets: list[Facet]
    results: object  # a Django Page of PartnerCards
    result_count: int
    selected_count: int
    # False for an unknown actor type or page number: shown, not stored in the page cache.
    is_canonical: bool
    # When the first listed partner's scheduled expiry comes, or None.
    expires_at: object

    @property
    def query(self):
        return facets.normalised_query(self.facets, self.results.number)

    @property
    def noindex(self):
        """More than one filter: too many combinations for search engines to index."""
        return self.selected_count > 1


def listed_partners(at, with_logos=True):
    """Live partners that have not expired (the publish_scheduled job unpublishes them a few
    minutes late), alphabetical; with_logos, with their logos, the renditions made of them and
    whether each logo is still private."""
    partners = Partner.objects.live().filter(Q(expire_at__isnull=True) | Q(expire_at__gt=at))
    if not with_logos:
        return partners
    return (
        partners.select_related("logo")
        .annotate(logo_is_private=Exists(_restrictions_above_logo()))
        .prefetch_related("logo__renditions")
    )


def _restrictions_above_logo():
    """The view restrictions on a logo's collection or one above it (such as Te keuren): what
    pages.references.is_public_media checks per image, as a subquery instead of queries."""
    return CollectionViewRestriction.objects.annotate(
        logo_prefix=Substr(OuterRef("logo__collection__path"), 1, Length("collection__path"))
    ).filter(collection__path=F("logo_prefix"))


def next_expiry(partners, at):
    """The first scheduled expiry after `at` among these partners, or None."""
    return min((p.expire_at for p in partners if p.expire_at and p.expire_at > at), default=None)


def actor_type_urls(request):
    """{actor type id: its address} for every published actor type, in the editors' order (the
    address is None while Over ons is not live): the site-wide fragment the actor pages use too,
    so no query of its own once any page has filled it."""
    links = AboutPage.published_actor_type_links(request)
    return {actor_type.pk: url for actor_type, url in links}


def find_partners(request):
    """The partner list for this request: the actor-type filter with its counts, one page of
    partner cards, and until when the list stays true."""
    at = clock.now()
    published = AboutPage.published_actor_type_links(request)
    actor_types = [actor_type for actor_type, _url in published]
    urls = {actor_type.pk: url for actor_type, url in published}
    partners = list(listed_partners(at).prefetch_related("actor_types"))
    cards = [PartnerCard.of(partner, urls) for partner in partners]
    list_facets = [Facet("voor", _("For whom"), [Option(a.slug, a.name) for a in actor_types])]
    selected, is_canonical = facets.choose(list_facets, request)
    keyed = [(card, {"voor": {a.slug for a, _url in card.actor_type_links}}) for card in cards]
    matching = facets.count_and_filter(list_facets, keyed, selected)
    results = paginate(matching, request)
    return Directory(
        facets=list_facets,
        results=results,
        result_count=len(matching),
        selected_count=sum(len(chosen) for chosen in selected.values()),
        is_canonical=is_canonical and facets.page_is_canonical(results, request),
        expires_at=next_expiry(partners, at),
    )


def partners_for(actor_type, request):
    """The section of an actor page that lists the partners serving it (see wagtail_hooks), or
    None when there are none.

    No logos (the actor page holds what the department offers, not a gallery) and no link to
    the partner list, which the main navigation already gives. The cards are a fragment until
    one of them expires (fragments.cache); a preview's are not kept. The section holds the
    actor type given, never one kept: a preview's unsaved name stays in the preview.
    """

    def cards():
        at = clock.now()
        partners = list(listed_partners(at, with_logos=False).filter(actor_types=actor_type))
        expires_at = next_expiry(partners, at)
        found = [PartnerCard.of(partner, with_logo=False) for partner in partners]
        return (found, expires_at), expires_at

    found, expires_at = remember_until(request, f"actor-type-partners:{actor_type.pk}", cards)
    if not found:
        return None
    context = {"actor_type": actor_type, "cards": found}
    return Section.of("partners/actor_type_partners.html", context, expires_at)


def card_for_preview(partner, request):
    """The card of a partner being edited (its unsaved actor types and logo included)."""
    return PartnerCard.of(partner, actor_type_urls(request))
