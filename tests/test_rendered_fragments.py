"""Parts of templates rendered once and kept ({% fragment %}, fragments/templatetags): the
header, an actor page's sections and other actor types, the finder's form and results, the calls
overview's lists. They never outlive a publish or their next change, never keep a preview and
never keep what a visitor put in the address."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

import fragments.cache
from actortypes.models import ActorType
from pages.templatetags.navigation_tags import page_numbers
from partners.models import Partner
from support.models import CallIndexPage, MeasurePage
from tests.html import soup
from tests.support_factories import brussels, make_call, make_measure

pytestmark = pytest.mark.django_db

COUNTED = Template(
    "{% load fragment_tags %}"
    '{% fragment "counted" value until=until when=when %}{{ counter.next }}{% endfragment %}'
)


class Counter:
    """Says how often the fragment's body was rendered."""

    def __init__(self):
        self.renders = 0

    def next(self):
        self.renders += 1
        return self.renders


def render(counter, value="a", until=None, when=True, preview=False, host="localhost"):
    request = RequestFactory().get("/", HTTP_HOST=host)
    if preview:
        request.is_preview = True
    context = {"request": request, "counter": counter, "value": value, "until": until}
    return COUNTED.render(Context({**context, "when": when}))


def test_a_fragment_is_rendered_once_per_value_until_the_next_publish():
    counter = Counter()
    assert [render(counter), render(counter), render(counter, "b"), render(counter)] == [
        "1",
        "1",
        "2",
        "1",
    ]

    fragments.cache.clear()  # what a publish does

    assert render(counter) == "3"


def test_a_fragment_is_kept_until_the_moment_it_is_told_only():
    counter = Counter()
    until = timezone.now() + timedelta(minutes=5)
    assert render(counter, until=until) == "1"
    assert render(counter, until=until) == "1"

    with time_machine.travel(until, tick=False):
        assert render(counter, until=until) == "2"


def test_a_fragment_told_not_to_keep_or_in_a_preview_is_rendered_every_time_and_not_stored():
    counter = Counter()
    assert [render(counter, when=False), render(counter, when=False)] == ["1", "2"]
    assert [render(counter, preview=True), render(counter, preview=True)] == ["3", "4"]
    # Neither stored anything: the first kept render renders.
    assert render(counter) == "5"
    assert render(counter, preview=True) == "6"


def test_each_site_keeps_its_own_fragment(home):
    Site.objects.create(hostname="andere.example", root_page=home, site_name="Andere")
    counter = Counter()
    assert render(counter, host="localhost") == "1"
    assert render(counter, host="andere.example") == "2"
    assert render(counter, host="localhost") == "1"


@pytest.mark.parametrize(
    "tag",
    [
        "{% fragment %}{% endfragment %}",
        '{% fragment "x" until=a later %}{% endfragment %}',
        '{% fragment "x" timeout=5 %}{% endfragment %}',
    ],
)
def test_a_fragment_tag_written_wrong_says_so_when_the_template_loads(tag):
    with pytest.raises(TemplateSyntaxError):
        Template("{% load fragment_tags %}" + tag)


@pytest.mark.parametrize("public_first", [True, False])
def test_an_actor_types_preview_is_not_kept_nor_served_from_the_kept_page(
    client, settings, maatwerkbedrijven, public_first
):
    settings.PAGE_CACHE_TIMEOUT = 0  # as in the measure's preview test below
    address = "/over-ons/maatwerkbedrijven/"
    if public_first:
        assert "Ondersteuning voor maatwerkbedrijven" in client.get(address).content.decode()

    maatwerkbedrijven.name = "Geheime werkvorm"
    preview = maatwerkbedrijven.make_preview_request().content.decode()
    assert "Ondersteuning voor geheime werkvorm" in preview
    assert "Partners voor geheime werkvorm" in preview

    public = client.get(address).content.decode()
    assert "geheime werkvorm" not in public.lower()
    assert "Ondersteuning voor maatwerkbedrijven" in public
    assert "Partners voor maatwerkbedrijven" in public


def test_a_partner_leaves_the_actor_page_when_it_expires_and_its_next_view_reads_no_partner(
    client, settings
):
    settings.PAGE_CACHE_TIMEOUT = 0  # what is measured is the page's own work
    address = "/over-ons/maatwerkbedrijven/"
    expires = timezone.now() + timedelta(hours=1)
    Partner.objects.filter(name="Herw!n").update(expire_at=expires)

    def partners():
        html = soup(client.get(address))
        return [a["href"] for a in html.select(".partner-section .partner-card__name a")]

    both = ["https://www.hefboom.be", "https://www.herwin.be"]
    assert partners() == both
    with CaptureQueriesContext(connection) as next_view:
        assert partners() == both
    assert not [q for q in next_view if '"partners_partner"' in q["sql"]]
    with time_machine.travel(expires - timedelta(seconds=1), tick=False):
        assert partners() == both
    with time_machine.travel(expires, tick=False):
        assert partners() == ["https://www.hefboom.be"]


def test_the_header_marks_the_current_section_on_each_page(client):
    def current(address):
        html = soup(client.get(address))
        return [a.get_text(strip=True) for a in html.select(".main-nav__link[aria-current]")]

    for _ in range(2):  # rendered, then kept
        assert current("/over-ons/") == ["Over ons"]
        assert current("/over-ons/maatwerkbedrijven/") == ["Over ons"]
        assert current("/ondersteuning/") == ["Ondersteuning"]
        assert current("/") == []
    # The search page's header has no search box of its own.
    assert not soup(client.get("/zoeken/")).select(".site-header form")
    assert soup(client.get("/")).select(".site-header form")


def test_the_finders_kept_page_repeats_no_parameter_a_visitor_added(client, maatwerkbedrijven):
    for number in range(25):
        make_measure(f"Maatregel {number:02}", [maatwerkbedrijven], publish="bulk")

    tagged = client.get("/ondersteuning/?voor=maatwerkbedrijven&utm_source=ergens")
    assert "utm_source=ergens" in soup(tagged).select_one(".pagination a[rel=next]")["href"]

    plain = soup(client.get("/ondersteuning/?voor=maatwerkbedrijven"))
    assert plain.select_one(".pagination a[rel=next]")["href"] == ("?voor=maatwerkbedrijven&page=2")
    assert "utm_source" not in str(plain)


def test_the_calls_overviews_kept_lists_repeat_no_parameter_a_visitor_added(client):
    closed = timezone.now() - timedelta(days=30)
    for number in range(25):
        make_call(f"Oproep {number:02}", [(closed - timedelta(days=30), closed)], publish="bulk")

    tagged = client.get("/oproepen/?utm_source=ergens")
    assert "utm_source=ergens" in soup(tagged).select_one(".pagination a[rel=next]")["href"]

    plain = soup(client.get("/oproepen/"))
    assert plain.select_one(".pagination a[rel=next]")["href"] == "?page=2"
    assert "utm_source" not in str(plain)


def test_a_kept_calls_overview_reads_only_its_rendered_lists_and_keeps_their_max_age(
    client, settings
):
    """The lists' rendered HTML knows until when it is true: its next view neither reads nor
    computes the calls behind it, and still tells browsers and proxies that moment."""
    settings.PAGE_CACHE_TIMEOUT = 0  # every view renders; fragments are kept (a minute)
    opens = brussels(2027, 1, 15, 9, 0)
    make_call("Oproep die opent", [(opens, opens + timedelta(days=30))])
    lists = fragments.cache.fragment_key(f"calls-overview:{CallIndexPage.objects.get().pk}")
    with time_machine.travel(opens - timedelta(seconds=50), tick=False):
        client.get("/oproepen/")
        assert cache.get(lists) is not None
        cache.delete(lists)

    with time_machine.travel(opens - timedelta(seconds=25), tick=False):
        with CaptureQueriesContext(connection) as queries:
            kept = client.get("/oproepen/")
        assert "Oproep die opent" in kept.content.decode()
        assert "max-age=25" in kept["Cache-Control"]
        assert cache.get(lists) is None
        assert not any('"support_callpage"' in query["sql"] for query in queries)
        # A page of the archive is not kept, and says the same moment.
        assert "max-age=25" in client.get("/oproepen/?page=1")["Cache-Control"]


def test_a_kept_actor_page_reads_only_its_rendered_support_and_keeps_its_max_age(
    client, settings, maatwerkbedrijven
):
    """As the calls overview above, for an actor page's support section: its kept HTML is
    shown without reading (or computing) the measures and calls behind it, and the page still
    says when a call on it opens."""
    settings.PAGE_CACHE_TIMEOUT = 0
    opens = brussels(2027, 1, 15, 9, 0)
    make_call("Oproep die opent", [(opens, opens + timedelta(days=30))], [maatwerkbedrijven])
    support = fragments.cache.fragment_key(f"actor-type-support:{maatwerkbedrijven.pk}")
    address = "/over-ons/maatwerkbedrijven/"
    with time_machine.travel(opens - timedelta(seconds=50), tick=False):
        assert "Oproep die opent" in client.get(address).content.decode()
        assert cache.get(support) is not None
        cache.delete(support)

    with time_machine.travel(opens - timedelta(seconds=25), tick=False):
        with CaptureQueriesContext(connection) as queries:
            kept = client.get(address)
        assert "Oproep die opent" in kept.content.decode()
        assert "max-age=25" in kept["Cache-Control"]
        assert cache.get(support) is None
        assert not any('"support_' in query["sql"] for query in queries)

    # Once it opens, the section is rendered anew and shows the call as open.
    with time_machine.travel(opens - timedelta(seconds=1), tick=False):
        assert soup(client.get(address)).select(".status--upcoming")
    with time_machine.travel(opens + timedelta(seconds=1), tick=False):
        html = soup(client.get(address))
        assert cache.get(support) is not None
        assert html.select(".status--open") and not html.select(".status--upcoming")


def test_every_route_to_a_page_keeps_the_max_age_of_what_it_shows(client):
    """The max-age noted by a page's fragments is applied for every response, not by one view:
    a page an editor gave the slug "_util" is served by Wagtail's own view (socialeconomy/urls.py),
    and still says when a call on it opens."""
    index = CallIndexPage.objects.get()
    index.slug = "_util"
    index.save_revision().publish()
    opens = brussels(2027, 1, 15, 9, 0)
    make_call("Oproep die opent", [(opens, opens + timedelta(days=30))])
    with time_machine.travel(opens - timedelta(seconds=25), tick=False):
        response = client.get("/_util/")
    assert "Oproep die opent" in response.content.decode()
    assert "max-age=25" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        (1, [1, 2, 3, None, 30]),
        (15, [1, None, 13, 14, 15, 16, 17, None, 30]),
        (30, [1, None, 28, 29, 30]),
    ],
)
def test_a_long_list_links_the_first_and_last_pages_and_those_around_the_current_one(number, shown):
    assert page_numbers(Paginator(range(300), 10).page(number)) == shown


def test_a_short_list_links_every_page():
    assert page_numbers(Paginator(range(50), 10).page(3)) == [1, 2, 3, 4, 5]


def test_the_finder_shows_a_gap_between_distant_page_numbers(client):
    for number in range(7 * 20):
        make_measure(f"Maatregel {number:03}", publish="bulk")

    html = soup(client.get("/ondersteuning/"))
    items = [li.get_text(" ", strip=True) for li in html.select(".pagination__item")]
    last = html.select(".pagination__link")[-2].get_text(" ", strip=True)
    assert items == [
        "Pagina 1",
        "Pagina 2",
        "Pagina 3",
        "… Pagina's overgeslagen",
        last,
        "Volgende pagina",
    ]
    # A screen reader says what the gap is, not "ellipsis".
    gap = html.select_one(".pagination__gap")
    assert gap.select_one("[aria-hidden=true]").get_text() == "…"
    assert gap.select_one(".visually-hidden").get_text() == "Pagina's overgeslagen"
    assert int(last.removeprefix("Pagina ")) >= 7


# A measure's page lists its calls, whose status the clock changes; what it shows besides its own
# fields is kept until then (MeasurePage.shown_with).

MEASURE = "/ondersteuning/collectief-maatwerk/"


def call_status(client, title):
    html = soup(client.get(MEASURE))
    item = next(li for li in html.select(".support-item") if title in li.get_text())
    return item.select_one(".status").get_text(strip=True).split(":")[0]


def test_a_measures_call_closes_at_its_deadline_without_an_edit_and_its_next_view_reads_no_call(
    client,
):
    measure = MeasurePage.objects.get(slug="collectief-maatwerk")
    deadline = brussels(2027, 3, 1, 12, 0)
    with time_machine.travel(deadline - timedelta(days=1), tick=False):
        make_call(
            "Oproep werkplekken", [(deadline - timedelta(days=30), deadline)], measure=measure
        )
        assert call_status(client, "Oproep werkplekken") == "Open"
        with CaptureQueriesContext(connection) as next_view:
            assert call_status(client, "Oproep werkplekken") == "Open"
        assert not [q for q in next_view if '"support_callpage"' in q["sql"]]
    with time_machine.travel(deadline - timedelta(seconds=1), tick=False):
        assert call_status(client, "Oproep werkplekken") == "Open"
    with time_machine.travel(deadline, tick=False):
        assert call_status(client, "Oproep werkplekken") == "Afgesloten"


def test_a_measures_preview_shows_its_unsaved_actor_types_and_is_not_kept(
    client, settings, maatwerkbedrijven
):
    # The page cache off: an anonymous dummy request would be answered from it, as an editor's
    # preview (with a session) never is.
    settings.PAGE_CACHE_TIMEOUT = 0
    measure = MeasurePage.objects.get(slug="collectief-maatwerk")
    public = [
        a.get_text(strip=True) for a in soup(client.get(MEASURE)).select(".summary-box__actors a")
    ]
    assert "Ondernemingen" not in public
    measure.actor_types = [ActorType.objects.get(slug="ondernemingen")]

    preview = soup(measure.make_preview_request())
    assert [a.get_text(strip=True) for a in preview.select(".summary-box__actors a")] == [
        "Ondernemingen"
    ]
    after = [
        a.get_text(strip=True) for a in soup(client.get(MEASURE)).select(".summary-box__actors a")
    ]
    assert after == public


@pytest.mark.parametrize("until", ["", "niet een moment", timezone.now().replace(tzinfo=None)])
def test_a_fragment_without_a_moment_it_can_use_is_shown_not_broken(until):
    """A hook may leave out expires_at (a missing variable is ""): kept until the next publish.
    A naive datetime or any other value: shown, not kept."""
    counter = Counter()
    if until == "":
        assert [render(counter, until=until), render(counter, until=until)] == ["1", "1"]
    else:
        assert [render(counter, until=until), render(counter, until=until)] == ["1", "2"]


def test_equal_texts_of_other_types_or_other_templates_are_other_fragments(home, about):
    counter = Counter()
    request = RequestFactory().get("/", HTTP_HOST="localhost")

    def rendered(template, value):
        return template.render(Context({"request": request, "counter": counter, "value": value}))

    tag = '{% load fragment_tags %}{% fragment "x" value %}{{ counter.next }}{% endfragment %}'
    first, second = Template(tag), Template(tag)
    first.origin.template_name, second.origin.template_name = "een.html", "twee.html"
    assert [rendered(first, 1), rendered(first, "1"), rendered(first, None)] == ["1", "2", "3"]
    assert [rendered(first, "None"), rendered(second, 1)] == ["4", "5"]
    about.title = home.title  # two pages with one title: two fragments
    assert [rendered(first, home), rendered(first, about), rendered(first, home)] == ["6", "7", "6"]


def test_a_preview_keeps_no_header(client, settings, about, maatwerkbedrijven):
    settings.PAGE_CACHE_TIMEOUT = 0  # as in the preview tests above
    site = Site.objects.get(is_default_site=True)
    header = fragments.cache.fragment_key(f"header-html:{site.pk}:{about.pk}:1")

    maatwerkbedrijven.make_preview_request()
    assert cache.get(header) is None

    client.get("/over-ons/maatwerkbedrijven/")
    assert cache.get(header) is not None
