"""What editors see in the admin where it guards the content: the footer's telephone number and
an image's alt text. And what visitors see of an image: it fills its column.

The admin is for desktops: these tests use a 1280 px wide window.
"""

import pytest

from pages.models import ContentPage, Footer, HomePage
from tests.browser.conftest import DESKTOP, PHONE, screenshot
from tests.factories import EDITOR_PASSWORD, make_editor, uploaded_image

FILE_NAME_TITLE = "IMG_2024-03_werkvloer"


@pytest.fixture
def rita(browser, site_url):
    """A Redacteur, logged in through the real login form, in a desktop window."""
    make_editor("rita", "Redacteurs")
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900}, locale="nl-BE")
    tab = context.new_page()
    tab.goto(site_url + "/admin/login/")
    tab.get_by_label("Gebruikersnaam").fill("rita")
    tab.get_by_label("Wachtwoord").fill(EDITOR_PASSWORD)
    tab.get_by_role("button", name="Inloggen").click()
    tab.wait_for_url(site_url + "/admin/")
    yield tab
    context.close()


@pytest.fixture
def photo(site_url):
    image = uploaded_image(FILE_NAME_TITLE + ".png")
    yield image
    image.file.delete(save=False)


def save_draft(tab):
    with tab.expect_navigation():
        tab.get_by_role("button", name="Bewaar concept").click()


def test_the_footer_is_edited_as_a_draft_and_refuses_what_is_no_telephone_number(rita, site_url):
    footer = Footer.objects.get()
    rita.goto(f"{site_url}/admin/snippets/pages/footer/edit/{footer.pk}/")
    screenshot(rita, "admin-footer-edit")

    rita.get_by_role("textbox", name="Telefoon").fill("bel ons maar")
    save_draft(rita)

    error = (
        rita.locator("[data-field-wrapper]").filter(has_text="Telefoon").locator(".error-message")
    )
    assert error.inner_text().strip() == (
        "Vul een telefoonnummer in, zoals 02 553 00 00, +32 2 553 00 00 of 1700."
    )
    assert rita.get_by_role("textbox", name="Telefoon").input_value() == "bel ons maar"
    screenshot(rita, "admin-footer-phone-error")

    rita.get_by_role("textbox", name="Telefoon").fill("02/553.00.00")
    save_draft(rita)
    assert "Voettekst is opgeslagen als concept" in rita.locator(".messages").inner_text()
    footer.refresh_from_db()
    assert footer.phone == "1700"  # visitors keep the published footer until approval
    assert footer.get_latest_revision_as_object().phone == "02 553 00 00"


def test_the_file_name_the_chooser_fills_in_is_refused_as_alt_text(rita, site_url, photo):
    page = HomePage.objects.get().add_child(
        instance=ContentPage(title="Werkplekken", slug="werkplekken")
    )
    page.save_revision().publish()
    rita.goto(f"{site_url}/admin/pages/{page.pk}/edit/")

    # Add an image block at the end of the content and choose the image.
    rita.locator('[data-contentpath="body"] button[title="Blok invoegen"]').last.click()
    rita.get_by_role("option", name="Afbeelding").click()
    rita.get_by_role("button", name="Kies een afbeelding").click()
    modal = rita.locator(".modal-dialog")
    modal.get_by_role("link", name=FILE_NAME_TITLE).click()
    modal.wait_for(state="hidden")
    alt_text = rita.get_by_role("textbox", name="Alt-tekst")
    assert alt_text.input_value() == FILE_NAME_TITLE  # Wagtail's suggestion: the file name

    save_draft(rita)

    error = rita.locator(".error-message").first
    assert "De bestandsnaam is geen alt-tekst." in error.inner_text()
    # Wagtail answers an invalid form with 400 and its editor again; let its scripts settle.
    rita.wait_for_load_state("networkidle")
    error.scroll_into_view_if_needed()
    screenshot(rita, "admin-image-alt-text-error")
    rita.get_by_role("textbox", name="Alt-tekst").fill("Een gele werkvloer, van bovenaf gezien")
    save_draft(rita)
    assert "Werkplekken' is opgeslagen als concept" in rita.locator(".messages").inner_text()
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert draft.body[0].value.contextual_alt_text == "Een gele werkvloer, van bovenaf gezien"


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_an_image_fills_its_column(browser, site_url, photo, width):
    page = HomePage.objects.get().add_child(
        instance=ContentPage(title="Werkplekken", slug="werkplekken")
    )
    page.body = [("image", {"image": photo, "decorative": False, "alt_text": "Een gele werkvloer"})]
    page.save_revision().publish()
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-BE")
    tab = context.new_page()
    tab.goto(site_url + "/werkplekken/")

    image = tab.locator(".image-block img").bounding_box()
    column = tab.locator(".image-block").bounding_box()

    assert image["width"] == pytest.approx(column["width"], abs=1)
    assert image["height"] == pytest.approx(column["width"] * 900 / 1600, abs=2)
    screenshot(tab, "content-page-image")
    context.close()
