"""Findings of a review that tried the support hub as a visitor, a careless editor and an
attacker would; each test failed before its fix."""

import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from actortypes.models import ActorType
from support.models import CallIndexPage, CallPage
from tests.support_factories import make_call, make_measure, open_round

pytestmark = pytest.mark.django_db

XSS = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def call_form(rounds, **changes):
    data = {
        "title": "Oproep circulaire economie",
        "slug": "oproep-circulaire-economie",
        "summary": "Projectvoorstellen voor circulaire sociale economie.",
        "measure": "",
        "rounds": inline_formset(rounds, min=1),
        "funding": "",
        "amount": "",
        "how_to_apply": "",
        "application_url": "",
        "body": streamfield([]),
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(changes)
    return nested_form_data(data)


def test_a_call_without_rounds_is_refused_in_plain_dutch(client, hoofdredacteur):
    index = CallIndexPage.objects.get()
    client.force_login(hoofdredacteur)
    response = client.post(
        f"/admin/pages/add/support/callpage/{index.pk}/",
        {**call_form([]), "action-publish": "1"},
    )
    assert response.status_code == 200
    assert "Voeg er minstens 1 toe." in response.content.decode()
    assert not CallPage.objects.filter(slug="oproep-circulaire-economie").exists()


def test_a_round_without_deadline_is_refused(client, hoofdredacteur):
    index = CallIndexPage.objects.get()
    client.force_login(hoofdredacteur)
    response = client.post(
        f"/admin/pages/add/support/callpage/{index.pk}/",
        {
            **call_form([{"name": "", "opens_at": "01-12-2026 09:00", "closes_at": ""}]),
            "action-publish": "1",
        },
    )
    assert response.status_code == 200
    assert "Dit is een verplicht veld." in response.content.decode()
    assert not CallPage.objects.filter(slug="oproep-circulaire-economie").exists()


def test_a_call_whose_measure_was_deleted_edits_previews_and_publishes(client, hoofdredacteur):
    now = timezone.now()
    measure = make_measure("Wegwerpmaatregel")
    call = make_call("Oproep wees", [open_round(now)], measure=measure)
    # a draft that still names the measure
    call.title = "Oproep wees (concept)"
    call.save_revision()
    measure.delete()
    client.force_login(hoofdredacteur)
    assert client.get(call.url).status_code == 200
    edit = client.get(f"/admin/pages/{call.pk}/edit/")
    assert edit.status_code == 200
    preview = client.get(f"/admin/pages/{call.pk}/edit/preview/")
    assert preview.status_code == 200
    call.refresh_from_db()
    revision = call.get_latest_revision()
    revision.publish()
    assert client.get(CallPage.objects.get(pk=call.pk).url).status_code == 200


def test_markup_typed_in_any_support_field_is_shown_as_text(client, hoofdredacteur):
    now = timezone.now()
    actor_type = ActorType.objects.get(slug="maatwerkbedrijven")
    actor_type.name = XSS
    actor_type.save()
    measure = make_measure(
        XSS,
        actor_types=[actor_type],
        slug="xss-maatregel",
        amount=XSS,
        contact=XSS,
        how_to_apply=XSS,
        summary=XSS,
    )
    make_call(
        XSS,
        [open_round(now)],
        actor_types=[actor_type],
        measure=measure,
        slug="xss-oproep",
        summary=XSS,
        funding=XSS,
        amount=XSS,
        how_to_apply=XSS,
    )
    for url in (
        "/",
        "/ondersteuning/",
        "/ondersteuning/xss-maatregel/",
        "/oproepen/",
        "/oproepen/xss-oproep/",
        "/over-ons/maatwerkbedrijven/",
        "/over-ons/",
        "/zoeken/?q=" + XSS,
        "/ondersteuning/?voor=" + XSS,
        "/over-ons/" + XSS + "/",
    ):
        response = client.get(url, follow=True)
        html = response.content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url


def test_accounts_have_no_copy_action_that_crashes_or_overwrites(admin_client, redacteur):
    # Wagtail's Copy link on every account led to a 500 (our forms need for_user), and its
    # form would have saved over the copied account.
    assert "/admin/users/copy/" not in admin_client.get("/admin/users/").content.decode()
    edit = admin_client.get(f"/admin/users/edit/{redacteur.pk}/")
    assert "/admin/users/copy/" not in edit.content.decode()
    assert admin_client.get(f"/admin/users/copy/{redacteur.pk}/").status_code == 404


def test_a_beheerder_does_not_see_a_superusers_usage(client, beheerder, superuser, redacteur):
    client.force_login(beheerder)
    response = client.get(f"/admin/users/usage/{superuser.pk}/")
    assert response.status_code != 200
    assert superuser.username not in response.content.decode()
    assert client.get(f"/admin/users/usage/{redacteur.pk}/").status_code == 200


def test_the_404_page_never_reveals_a_private_pages_address(client, home):
    # A near miss of a password-protected page (or of one below it) suggested its address,
    # and a case variant answered 301 to it: a private page's slug is not for strangers.
    plan = home.add_child(instance=Page(title="Vertrouwelijk plan", slug="vertrouwelijk-plan-2027"))
    plan.save_revision().publish()
    bijlage = plan.add_child(instance=Page(title="Bijlage", slug="bijlage-begroting"))
    bijlage.save_revision().publish()
    PageViewRestriction.objects.create(
        page=plan, restriction_type=PageViewRestriction.PASSWORD, password="geheim-genoeg"
    )

    for typed in ("/vertrouwelijk-plan-2028/", "/vertrouwelijk-plan-2027/bijlage-begrotin/"):
        response = client.get(typed)
        assert response.status_code == 404
        assert "vertrouwelijk-plan-2027" not in response.content.decode()
    assert client.get("/Vertrouwelijk-Plan-2027/").status_code == 404
    # The public pages keep theirs.
    near_miss = client.get("/over-ons/maatwerkbedrijf/").content.decode()
    assert 'href="/over-ons/maatwerkbedrijven/"' in near_miss


def test_a_measure_or_call_never_links_to_an_unpublished_actor_type(client):
    # Unpublishing an actor type left "Voor wie" on measures and calls linking to its address,
    # now a 404, and naming it in their JSON-LD audience.
    ondernemingen = ActorType.objects.get(slug="ondernemingen")
    maatwerkbedrijven = ActorType.objects.get(slug="maatwerkbedrijven")
    measure = make_measure(
        "Tijdelijke steun", actor_types=[ondernemingen, maatwerkbedrijven], slug="tijdelijk"
    )
    make_call(
        "Oproep tijdelijk",
        [open_round(timezone.now())],
        actor_types=[ondernemingen, maatwerkbedrijven],
        measure=measure,
        slug="oproep-tijdelijk",
    )
    ondernemingen.unpublish()

    for url in ("/ondersteuning/tijdelijk/", "/oproepen/oproep-tijdelijk/"):
        html = client.get(url).content.decode()
        assert "/over-ons/ondernemingen/" not in html, url
        assert "Ondernemingen" not in html, url
        assert 'href="/over-ons/maatwerkbedrijven/"' in html, url


def test_a_call_never_links_to_a_private_measure(client):
    # A password on the measure hid it from the finder, but its calls still linked to it and
    # named it in their JSON-LD.
    measure = make_measure("Besloten steun", slug="besloten-steun")
    make_call(
        "Oproep besloten", [open_round(timezone.now())], measure=measure, slug="oproep-besloten"
    )
    assert (
        'href="/ondersteuning/besloten-steun/"'
        in client.get("/oproepen/oproep-besloten/").content.decode()
    )

    PageViewRestriction.objects.create(
        page=measure, restriction_type=PageViewRestriction.PASSWORD, password="geheim-genoeg"
    )

    html = client.get("/oproepen/oproep-besloten/").content.decode()
    assert "/ondersteuning/besloten-steun/" not in html
    assert "Besloten steun" not in html


def test_search_never_finds_an_expired_news_item_event_or_publication(client):
    # Between a page's expiry and the publish_scheduled job that unpublishes it, the listings,
    # feeds and JSON left it out, but the site search still listed it.
    from datetime import date, timedelta

    from tests.newsroom_factories import make_event, make_news, make_publication

    now = timezone.now()
    expired = {"expire_at": now - timedelta(minutes=1)}
    make_news("Verlopen nieuwsbericht", date(2026, 11, 1), slug="verlopen-nieuws", **expired)
    make_event("Verlopen infosessie", now + timedelta(days=3), slug="verlopen-sessie", **expired)
    make_publication("Verlopen brochure", date(2026, 11, 1), slug="verlopen-brochure", **expired)
    make_news("Geldig nieuwsbericht", date(2026, 11, 1), slug="geldig-nieuws")

    html = client.get("/zoeken/", {"q": "nieuwsbericht infosessie brochure"}).content.decode()
    html += client.get("/zoeken/", {"q": "verlopen"}).content.decode()
    html += client.get("/zoeken/", {"q": "nieuwsbericht"}).content.decode()

    assert "Geldig nieuwsbericht" in html
    for title in ("Verlopen nieuwsbericht", "Verlopen infosessie", "Verlopen brochure"):
        assert title not in html


def test_a_promoted_search_result_that_became_private_is_not_shown(client):
    # A promotion ("Uitgelicht") only checked that its page was live: a page made private
    # after it was promoted still showed its title and description to every searcher.
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    measure = make_measure("Besloten steunmaatregel", slug="besloten-steunmaatregel")
    SearchPromotion.objects.create(
        query=Query.get("subsidie"), page=measure, description="Uitgelicht voor subsidie."
    )
    assert "Uitgelicht voor subsidie." in client.get("/zoeken/", {"q": "subsidie"}).content.decode()

    PageViewRestriction.objects.create(
        page=measure, restriction_type=PageViewRestriction.PASSWORD, password="geheim-genoeg"
    )

    html = client.get("/zoeken/", {"q": "subsidie"}).content.decode()
    assert "Uitgelicht voor subsidie." not in html
    assert "Besloten steunmaatregel" not in html
