"""The admin speaks Dutch to editors throughout, and Help opens our own Dutch editors' guide."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from actortypes.models import ActorType
from pages.blocks import BodyBlock
from tests.editorial import ACTOR_TYPE_EDIT, actor_type_form
from tests.html import normalise, soup, visible_text

pytestmark = pytest.mark.django_db

ENGLISH_GUIDE = "guide.wagtail.org"


def test_the_page_listing_counts_with_spaces(client, redacteur, home):
    client.force_login(redacteur)

    text = normalise(soup(client.get(f"/admin/pages/{home.pk}/")).get_text(" "))

    count = home.get_children().count()
    assert f"1-{count} van {count} pagina's" in text
    assert "5van" not in text and "5pagina" not in text


def test_the_dashboard_summary_reads_aloud_with_spaces(client, redacteur):
    client.force_login(redacteur)

    summary = soup(client.get("/admin/")).select(".w-sr-only")
    texts = [item.get_text() for item in summary]

    assert "aangemaakt in Sociale economie" in texts
    assert not [text for text in texts if "inSociale" in text]


def test_the_workflow_status_says_how_long_ago_in_dutch(client, redacteur, hoofdredacteur):
    actor_type = ActorType.objects.get(slug="maatwerkbedrijven")
    client.force_login(redacteur)
    submitted = timezone.now()
    with time_machine.travel(submitted, tick=False):
        client.post(
            ACTOR_TYPE_EDIT.format(actor_type.pk),
            actor_type_form(actor_type, action="submit", summary="Nieuw."),
        )
    client.force_login(hoofdredacteur)

    # The clock stands still 13 seconds later, however slow the machine.
    with time_machine.travel(submitted + timedelta(seconds=13), tick=False):
        text = visible_text(client.get(ACTOR_TYPE_EDIT.format(actor_type.pk)))

    assert "13 seconden geleden" in text
    assert "seconds ago" not in text


def test_the_image_block_labels_its_image_in_dutch():
    image_block = BodyBlock().child_blocks["image"]
    assert str(image_block.child_blocks["image"].label) == "Afbeelding"
    assert str(image_block.child_blocks["alt_text"].label) == "Alt-tekst"


def test_help_offers_our_dutch_guide_and_no_english_one(client, redacteur):
    client.force_login(redacteur)

    dashboard = client.get("/admin/").content.decode()

    assert ENGLISH_GUIDE not in dashboard
    assert "Editor Guide" not in dashboard
    assert "Redactiegids" in dashboard
    assert '"/admin/redactiegids/"' in dashboard  # the help menu's item (sidebar data)
    account = soup(client.get("/admin/")).find("a", string="Redactiegids")
    assert account["href"] == "/admin/redactiegids/"


def test_the_guide_shows_docs_redactie_md_to_editors(client, redacteur):
    client.force_login(redacteur)

    response = client.get("/admin/redactiegids/")

    assert response.status_code == 200
    html = soup(response)
    guide = html.select_one(".editors-guide")
    assert guide.find("h1").get_text() == "Redactie: wie doet wat, en hoe"
    assert [th.get_text() for th in guide.find("table").find_all("th")] == ["Groep", "Mag"]
    # The other editors' page opens in the admin too; developers' docs are not links.
    assert guide.find("a", string="Content bewerken")["href"] == "/admin/redactiegids/bewerken/"
    assert not guide.select('a[href$=".md"], a[href*=".md#"]')
    assert html.title.get_text(strip=True).startswith("Redactiegids")
    editing = client.get("/admin/redactiegids/bewerken/")
    assert soup(editing).select_one(".editors-guide h1").get_text() == "Content bewerken"


def test_the_guide_is_for_logged_in_editors_only(client):
    response = client.get("/admin/redactiegids/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_lock_notice_keeps_the_space_before_its_date(client, redacteur):
    actor_type = ActorType.objects.get(slug="maatwerkbedrijven")
    actor_type.locked, actor_type.locked_by, actor_type.locked_at = True, redacteur, timezone.now()
    actor_type.save()
    client.force_login(redacteur)

    html = client.get(ACTOR_TYPE_EDIT.format(actor_type.pk)).content.decode()

    # As the browser shows it: "… door jou op 30 november 2026 14:05", not "op30 november".
    assert "is vergrendeld</b> door <b>jou</b> op <b>" in html
    assert "op<b>" not in html


@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/login/", "/admin/snippets/actortypes/actortype/"]
)
def test_admin_tab_titles_name_our_site_not_wagtail(client, redacteur, path):
    if path != "/admin/login/":
        client.force_login(redacteur)

    title = soup(client.get(path)).title.get_text()

    assert title.endswith("- Sociale economie")
    assert "Wagtail" not in title
