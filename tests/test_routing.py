"""Pages are found as Wagtail finds them (serving.routing): by address, below the site's root,
private pages behind their password, whatever the depth or the namesakes elsewhere."""

import pytest
from wagtail.blocks import StreamValue
from wagtail.models import Page, PageViewRestriction

from serving import compiled
from serving.routing import DEEPEST
from support.models import CallIndexPage, MeasurePage, SupportIndexPage
from tests.html import main_text, visible_text
from tests.support_factories import make_measure

pytestmark = pytest.mark.django_db


def test_a_measure_named_like_a_page_elsewhere_is_served_at_its_own_address(client):
    make_measure("Contact", summary="Een maatregel die Contact heet.")

    measure = client.get("/ondersteuning/contact/")
    page = client.get("/contact/")

    assert measure.status_code == page.status_code == 200
    assert "Een maatregel die Contact heet." in main_text(measure)
    assert "Een maatregel die Contact heet." not in main_text(page)
    assert measure.context["page"].specific_class is MeasurePage


@pytest.mark.parametrize(
    "address",
    [
        "/ondersteuning/bestaat-niet/",
        "/ondersteuning/collectief-maatwerk/bestaat-niet/",
        "/over-ons/maatwerkbedrijven/bestaat-niet/",
        "/bestaat-niet/collectief-maatwerk/",
        "/ondersteuning/conceptmaatregel/",
    ],
)
def test_unknown_addresses_and_drafts_are_not_found(client, address):
    make_measure("Conceptmaatregel", publish=False)

    assert client.get(address).status_code == 404


@pytest.mark.parametrize("address", ["/a" * 1000 + "/", "/over-ons" + "/x" * 1000 + "/"])
def test_an_address_deeper_than_any_page_is_a_dutch_404(client, address):
    # SQLite refused the query of a thousand levels ("Expression tree is too large"): a 500.
    response = client.get(address)

    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]


def test_addresses_of_every_depth_compile_a_bounded_number_of_queries(client):
    for levels in range(1, 3 * DEEPEST):
        assert client.get("/x" * levels + "/").status_code == 404

    shapes = [key for key in compiled._compiled if key[0] == "pages along"]
    assert len(shapes) <= DEEPEST


def test_a_query_that_follows_relations_is_left_to_the_orm():
    # RawQuerySet would not fill the related objects select_related asks for.
    def pages(slug):
        return Page.objects.select_related("owner").filter(slug=slug)

    found = compiled.instances(("test select_related",), pages, ["over-ons"])

    assert compiled._compiled[("test select_related",)] is None
    assert [page.slug for page in found] == ["over-ons"]
    assert "owner" in found[0]._state.fields_cache


def test_a_page_below_a_private_page_asks_for_the_password(client):
    PageViewRestriction.objects.create(
        page=SupportIndexPage.objects.get(),
        restriction_type=PageViewRestriction.PASSWORD,
        password="geheim",
    )

    response = client.get("/ondersteuning/collectief-maatwerk/")

    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    assert "Collectief maatwerk" not in visible_text(response)


def test_an_alias_of_a_private_page_asks_for_the_password_too(client):
    measure = make_measure("Besloten maatregel", summary="Alleen met wachtwoord.")
    PageViewRestriction.objects.create(
        page=measure, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    measure.create_alias(parent=CallIndexPage.objects.get(), update_slug="kopie")

    response = client.get("/oproepen/kopie/")

    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    assert "Alleen met wachtwoord." not in visible_text(response)


def test_the_page_served_is_the_one_wagtail_reads_field_for_field(client, settings):
    """The routing's queries run as SQL compiled once (serving.compiled): the first view and
    the ones after it get the same page as Wagtail's own lookup."""
    settings.PAGE_CACHE_TIMEOUT = 0

    def values(page):
        # A stream as its blocks' data (rendering it may change its JSON's key order only).
        return [
            list(value.raw_data) if isinstance(value, StreamValue) else field.value_to_string(page)
            for field in MeasurePage._meta.concrete_fields
            for value in [field.value_from_object(page)]
        ]

    expected = MeasurePage.objects.get(slug="collectief-maatwerk")
    for _ in range(2):
        page = client.get("/ondersteuning/collectief-maatwerk/").context["page"]
        assert type(page) is MeasurePage
        assert values(page) == values(expected)
