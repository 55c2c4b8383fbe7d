"""Small factories for what the seed content does not hold (the seed's own things, and a photo,
are fixtures in tests/conftest.py: home, about, maatwerkbedrijven, photo)."""

from io import BytesIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images.models import Image

from actortypes.models import ActorType


def draft_actor_type(
    name="Sociale coöperaties",
    slug="sociale-cooperaties",
    summary="Coöperaties met een sociaal doel.",
    **fields,
):
    """A new actor type that is not live yet, with its first revision, as the admin saves it."""
    actor_type = ActorType.objects.create(
        name=name, slug=slug, summary=summary, body=f"<p>{summary}</p>", live=False, **fields
    )
    actor_type.save_revision()
    return actor_type


def uploaded_image(file_name="IMG_2024-03_werkvloer.png", title=None):
    """A 1600 × 900 image as Wagtail's upload makes it: the title is the file name without its
    extension, unless given."""
    buffer = BytesIO()
    PillowImage.new("RGB", (1600, 900), "#ffe615").save(buffer, "PNG")
    return Image.objects.create(
        title=title or Path(file_name).stem, file=ImageFile(buffer, name=file_name)
    )


EDITOR_PASSWORD = "redactie-wachtwoord-42"


def make_editor(username, group_name):
    """A user in one of the editorial groups (Redacteurs, Hoofdredacteurs, Beheerders)."""
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password=EDITOR_PASSWORD,
        first_name=username.capitalize(),
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user
