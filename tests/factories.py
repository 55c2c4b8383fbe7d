"""Small factories for what the seed content does not hold (the seed's own things are fixtures in
tests/conftest.py: home, about, maatwerkbedrijven)."""

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
