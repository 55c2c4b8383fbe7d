"""What the partner pages look like in use, for the HTML and axe checks."""

from partners.models import Partner

PARTNER_PAGES = {
    "partners": "/partners/",
    "partners-filtered": "/partners/?voor=maatwerkbedrijven",
    "partners-empty": "/partners/?voor=activiteitencooperaties",
    "actor-type-with-partners": "/over-ons/maatwerkbedrijven/",
}


def partner_showcase(logo):
    """The seed partners, Herw!n with a released logo (an uploaded image) and its alt text."""
    herwin = Partner.objects.get(name="Herw!n")
    herwin.logo = logo
    herwin.logo_alt_text = "Herw!n"
    herwin.save_revision().publish()
