"""Security as visitors and editors meet it: headers, the admin login lockout, uploads."""

import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.models import Collection

from security.csp import ContentSecurityPolicyMiddleware, allow_sources
from security.lockout import client_ip
from tests.html import form_errors, soup
from tests.test_database_unavailable import database_unreachable

pytestmark = pytest.mark.django_db


def directives(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    policy = response["Content-Security-Policy"]
    return {name: sources for name, *sources in (part.split() for part in policy.split("; "))}


# Content-Security-Policy


@pytest.mark.parametrize(
    "path", ["/", "/over-ons/", "/over-ons/maatwerkbedrijven/", "/bestaat-niet/"]
)
def test_public_pages_forbid_inline_and_foreign_code(client, path):
    response = client.get(path)

    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert "unsafe" not in response["Content-Security-Policy"]


def test_the_wagtail_admin_gets_its_own_looser_policy(client):
    policy = directives(client.get("/admin/login/"))

    # Wagtail's date pickers and inline panels use inline scripts, its widgets inline styles.
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in policy["script-src"]
    # The editor shows previews of the site in a frame of its own.
    assert policy["frame-ancestors"] == ["'self'"]


def test_code_can_allow_a_source_for_one_response_only():
    def view_with_widget(request):
        allow_sources(request, {"script-src": ["https://widgets.example.org"]})
        allow_sources(request, {"script-src": ["https://cdn.example.org"], "img-src": ["https:"]})
        return HttpResponse("<p>widget</p>")

    factory = RequestFactory()
    with_widget = ContentSecurityPolicyMiddleware(view_with_widget)(factory.get("/"))
    without = ContentSecurityPolicyMiddleware(lambda request: HttpResponse())(factory.get("/"))

    assert directives(with_widget)["script-src"] == [
        "'self'",
        "https://widgets.example.org",
        "https://cdn.example.org",
    ]
    assert "https:" in directives(with_widget)["img-src"]
    assert directives(without)["script-src"] == ["'self'"]


def test_a_preview_gets_the_admin_policy_with_the_sources_the_page_added(admin_client, about):
    # Wagtail renders a preview as a dummy request for the page's own URL, inside the admin
    # request; the page's widget sources must survive into the admin's policy.
    def page_with_widget(request):
        allow_sources(request, {"script-src": ["https://widgets.example.org"]})
        return HttpResponse("<p>preview</p>")

    factory = RequestFactory()
    preview_request = factory.get("/over-ons/")
    preview_request.is_dummy = True
    preview = ContentSecurityPolicyMiddleware(page_with_widget)(preview_request)
    assert "Content-Security-Policy" not in preview

    response = ContentSecurityPolicyMiddleware(lambda request: preview)(
        factory.get(f"/admin/pages/{about.pk}/edit/preview/")
    )

    assert directives(response)["script-src"] == [
        "'self'",
        "'unsafe-inline'",
        "https://widgets.example.org",
    ]
    assert directives(response)["frame-ancestors"] == ["'self'"]


def test_every_page_sends_the_browser_security_headers(client):
    response = client.get("/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"]
    # No browser feature that asks for permission is available to the site or what it embeds.
    permissions = response["Permissions-Policy"]
    for feature in ["camera", "geolocation", "microphone", "payment", "usb"]:
        assert f"{feature}=()" in permissions


# Admin login lockout


def sign_in(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password})


def messages(response):
    return [li.get_text(" ", strip=True) for li in soup(response).select(".messages li")]


def limit(parameters):
    """The lockout limit configured for one way of counting failures."""
    return dict((tuple(p), n) for p, n in settings.LOGIN_LOCKOUT_LIMITS)[parameters]


PER_USER_AND_ADDRESS = ("username", "ip_address")
PER_ADDRESS = ("ip_address",)
PER_USER = ("username",)


WRONG = ["Je gebruikersnaam en wachtwoord komen niet overeen. Probeer het opnieuw."]
LOCKED = [
    "Te veel mislukte aanmeldpogingen. Voor je veiligheid is aanmelden een uur geblokkeerd. "
    "Probeer het later opnieuw, of vraag een beheerder om de blokkering op te heffen."
]


def test_repeated_failed_sign_ins_lock_the_admin_login_with_a_dutch_message(client, superuser):
    for _ in range(limit(PER_USER_AND_ADDRESS) - 1):
        response = sign_in(client, "beheerder", "fout-wachtwoord")
        assert response.status_code == 200
        assert messages(response) == WRONG

    response = sign_in(client, "beheerder", "fout-wachtwoord")

    assert response.status_code == 429
    assert soup(response).h1.get_text(strip=True) == "Aanmelden tijdelijk geblokkeerd"
    assert messages(response) == LOCKED
    # Even the right password does not get in while the lock holds.
    response = sign_in(client, "beheerder", "test-wachtwoord")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_does_not_tell_whether_an_account_exists(client, superuser):
    def attempts(username):
        return [
            (response.status_code, messages(response))
            for response in (
                sign_in(client, username, "fout-wachtwoord")
                for _ in range(limit(PER_USER_AND_ADDRESS) + 1)
            )
        ]

    existing = attempts("beheerder")
    unknown = attempts("niemand-heet-zo")

    assert existing == unknown
    assert existing[-1] == (429, LOCKED)


def test_a_lock_holds_for_one_user_name_from_one_address(client, superuser):
    for _ in range(limit(PER_USER_AND_ADDRESS)):
        sign_in(client, "niemand-heet-zo", "fout-wachtwoord")

    response = sign_in(client, "beheerder", "test-wachtwoord")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(superuser.pk)


def test_signing_in_works_and_forgives_earlier_typos(client, superuser):
    for _ in range(limit(PER_USER_AND_ADDRESS) - 1):
        sign_in(client, "beheerder", "fout-wachtwoord")
    assert sign_in(client, "beheerder", "test-wachtwoord").status_code == 302
    client.logout()

    for _ in range(limit(PER_USER_AND_ADDRESS) - 1):
        assert sign_in(client, "beheerder", "fout-wachtwoord").status_code == 200


def test_one_address_trying_many_user_names_is_locked(client, superuser):
    for number in range(limit(PER_ADDRESS) - 1):
        assert sign_in(client, f"gok-{number}", "fout-wachtwoord").status_code == 200
    assert sign_in(client, "gok-laatste", "fout-wachtwoord").status_code == 429

    # From that address nobody gets in, not even with the right password ...
    assert sign_in(client, "beheerder", "test-wachtwoord").status_code == 429
    # ... while the account itself works from elsewhere.
    elsewhere = client.post(
        "/admin/login/",
        {"username": "beheerder", "password": "test-wachtwoord"},
        REMOTE_ADDR="198.51.100.9",
    )
    assert elsewhere.status_code == 302


def test_one_user_name_tried_from_many_addresses_is_locked(client, superuser):
    def sign_in_from(address, password):
        return client.post(
            "/admin/login/",
            {"username": "beheerder", "password": password},
            REMOTE_ADDR=address,
        )

    for number in range(limit(PER_USER) - 1):
        assert sign_in_from(f"198.51.100.{number}", "fout-wachtwoord").status_code == 200
    assert sign_in_from("198.51.100.99", "fout-wachtwoord").status_code == 429

    assert sign_in_from("203.0.113.200", "test-wachtwoord").status_code == 429
    assert sign_in(client, "iemand-anders", "fout-wachtwoord").status_code == 200


def test_signing_in_does_not_wipe_out_the_count_per_address(client, superuser):
    for number in range(limit(PER_ADDRESS) - 1):
        sign_in(client, f"gok-{number}", "fout-wachtwoord")
    assert sign_in(client, "beheerder", "test-wachtwoord").status_code == 302
    client.logout()

    assert sign_in(client, "gok-laatste", "fout-wachtwoord").status_code == 429


# The visitor's address behind the proxy


def test_behind_the_proxy_the_lock_uses_the_address_the_proxy_saw(settings):
    request = RequestFactory().post(
        "/admin/login/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7", REMOTE_ADDR="10.0.0.2"
    )

    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    # The visitor may send any X-Forwarded-For; only what our proxy appended counts.
    assert client_ip(request) == "203.0.113.7"


@pytest.mark.parametrize(
    "forwarded, address",
    [
        ("203.0.113.7:5678", "203.0.113.7"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("[2001:db8::1]", "2001:db8::1"),
        ("2001:DB8::1", "2001:db8::1"),
        ("fe80::1%eth0", "fe80::1"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("6.6.6.6, 203.0.113.7:5678", "203.0.113.7"),
        # Not an address: the connection's address instead.
        ("garbage", "10.0.0.2"),
        ("unknown", "10.0.0.2"),
        ("999.0.113.7", "10.0.0.2"),
        ("203.0.113.7:port:8", "10.0.0.2"),
        ("[2001:db8::1", "10.0.0.2"),
        (" , ", "10.0.0.2"),
        ("", "10.0.0.2"),
    ],
)
def test_the_client_address_is_parsed_robustly(settings, forwarded, address):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().post(
        "/admin/login/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.2"
    )

    assert client_ip(request) == address


def test_without_any_address_the_lock_still_works(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().post("/admin/login/", HTTP_X_FORWARDED_FOR="x", REMOTE_ADDR="")

    assert client_ip(request) is None


@pytest.mark.parametrize(
    "forwarded", ["203.0.113.7:5678", "[2001:db8::1]:443", "garbage", "a" * 300, "1.2.3.4\x00"]
)
def test_a_malformed_client_address_never_breaks_the_login(client, settings, superuser, forwarded):
    # On PostgreSQL the lockout's address column refused these: every login was a 500.
    settings.TRUSTED_PROXY_COUNT = 1

    def sign_in_via_proxy(password):
        return client.post(
            "/admin/login/",
            {"username": "beheerder", "password": password},
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    wrong = sign_in_via_proxy("fout-wachtwoord")
    assert wrong.status_code == 200
    assert messages(wrong) == WRONG
    right = sign_in_via_proxy("test-wachtwoord")
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(superuser.pk)


def test_a_very_long_user_name_is_just_a_failed_login(client):
    response = sign_in(client, "x" * 5000, "fout-wachtwoord")

    assert response.status_code == 200


# Sessions


def test_an_editors_session_ends_after_a_working_day_without_activity(client, superuser):
    sign_in(client, "beheerder", "test-wachtwoord")

    response = client.get("/admin/")

    # Each admin request moves the end forward to eight hours later: the session is saved (and
    # its cookie sent again) though nothing in it changed.
    assert settings.SESSION_COOKIE_NAME in response.cookies
    assert client.session.get_expiry_age() == 8 * 60 * 60
    # Eight hours without a request later, the session is over.
    Session.objects.filter(pk=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_a_made_up_session_cookie_creates_no_session(client):
    client.cookies[settings.SESSION_COOKIE_NAME] = "verzonnen-sessie-0123456789abcdef"

    for path in ("/", "/admin/", "/admin/login/"):
        client.get(path)

    assert not Session.objects.exists()


def test_an_editors_session_cookie_keeps_the_dutch_503_while_the_database_is_down(
    client, superuser
):
    client.force_login(superuser)

    with database_unreachable():
        response = client.get("/over-ons/")

    assert response.status_code == 503


def test_visitors_get_no_session(client):
    response = client.get("/")

    assert settings.SESSION_COOKIE_NAME not in response.cookies


# Uploads


def upload_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1},
    )


@pytest.mark.parametrize("name", ["tekening.svg", "pagina.html", "script.js", "programma.exe"])
def test_documents_of_other_types_are_refused_in_dutch(admin_client, name):
    response = upload_document(admin_client, name, b"<svg onload='alert(1)'></svg>")

    assert response.status_code == 200
    assert get_document_model().objects.count() == 0
    extension = name.rsplit(".", 1)[1]
    assert form_errors(response) == [
        f"Bestandsextensie ‘{extension}’ is niet toegestaan. Toegestane extensies zijn: "
        "‘csv, docx, odt, ods, pdf, pptx, rtf, txt, xlsx’."
    ]


def test_documents_are_served_as_downloads_that_cannot_run_code(admin_client, client):
    upload_document(admin_client, "adressen.csv", b"naam,gemeente\nAtelier,Gent\n")
    document = get_document_model().objects.get()

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_svg_images_are_refused_in_dutch(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Logo", "file": SimpleUploadedFile("logo.svg", svg), "collection": 1},
    )

    assert response.status_code == 200
    assert form_errors(response) == [
        "Geen ondersteund afbeeldingsformaat. "
        "Ondersteunde formaten: AVIF, GIF, JPG, JPEG, PNG, WEBP."
    ]


def test_oversized_images_are_refused_in_dutch(admin_client):
    too_big = b"\x89PNG\r\n\x1a\n" + b"\0" * settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Foto", "file": SimpleUploadedFile("foto.png", too_big), "collection": 1},
    )

    assert response.status_code == 200
    assert form_errors(response) == [
        "Dit bestand is te groot (10,0\xa0MB). De maximale bestandsgrootte is 10,0\xa0MB."
    ]


def test_images_with_too_many_pixels_are_refused_in_dutch(admin_client):
    # A small file that would take gigabytes of memory to resize: 8000 × 6000 pixels.
    buffer = io.BytesIO()
    PILImage.new("1", (8000, 6000)).save(buffer, "PNG")
    response = admin_client.post(
        "/admin/images/add/",
        {
            "title": "Poster",
            "file": SimpleUploadedFile("poster.png", buffer.getvalue()),
            "collection": Collection.get_first_root_node().pk,
        },
    )

    assert response.status_code == 200
    assert form_errors(response) == [
        "Deze afbeelding bevat teveel pixels (48000000). Het maximum aantal toegestane pixels is "
        "40000000. Snij de afbeelding bij of verlaag de resolutie en probeer het opnieuw."
    ]
