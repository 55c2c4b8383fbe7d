"""Realistic content in bulk for the benchmark: `--items N` measures, calls, events, news and
actor types on top of the seed content.

    DATABASE_URL=… python -m bench.fill --items 5000

Only for throwaway databases: the items are invented (titled "Benchmark …" so nobody mistakes
them for real content) and published without revisions, as the test factories' publish="bulk".

Wagtail's `add_child` costs several queries per page (it locks and rereads the parent), which
takes minutes for 5,000 pages. Here each page type's pages are inserted in a few statements: the
tree paths, depths and `url_path`s are computed the way treebeard and Wagtail compute them, the
`wagtailcore_page` rows go in with one `bulk_create`, the specific rows with a raw save each
(Django cannot bulk-create a model with a parent table; a raw save, as `loaddata` makes,
inserts only the child's own row), and the parent's `numchild` is set once. Then the search
index is brought up to date in bulk. `tests/test_bench.py` checks the tree with treebeard's
`find_problems()`.
"""

import argparse
import random
import sys
import time
import uuid
from datetime import timedelta

# What N items are made of, by share. Most of a grown site is measures and calls (and news and
# events); actor types grow slowly, one per hundred items.
ACTOR_TYPES_PER_ITEM = 1 / 100

WORDS = (
    "sociale economie werk begeleiding maatwerk onderneming lokale besturen opleiding "
    "tewerkstelling ondersteuning subsidie advies innovatie samenwerking doelgroep "
    "werknemers arbeidsmarkt coöperatie netwerk investering erkenning projecten regio "
    "duurzaam inclusief ondernemerschap buurt diensten kwaliteit traject coaching"
).split()


def sentence(rng, words=14):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraphs(rng, count=3):
    return "".join(f"<p>{' '.join(sentence(rng) for _ in range(4))}</p>" for _ in range(count))


def add_children(parent, pages, published_at):
    """Appends `pages` (unsaved instances of one page model, with title and slug) below
    `parent`, live, in as few statements as Wagtail allows; returns them saved."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    if not pages:
        return []
    parent.refresh_from_db()
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    content_type = ContentType.objects.get_for_model(type(pages[0]))
    for number, page in enumerate(pages, start=step + 1):
        page.path = Page._get_path(parent.path, parent.depth + 1, number)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.locale_id = parent.locale_id
        page.translation_key = uuid.uuid4()
        page.content_type = content_type
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = published_at
    base_fields = [field.attname for field in Page._meta.concrete_fields if not field.primary_key]
    rows = Page.objects.bulk_create(
        [Page(**{name: getattr(page, name) for name in base_fields}) for page in pages]
    )
    for page, row in zip(pages, rows, strict=True):
        page.id = page.page_ptr_id = row.id
        page.save_base(raw=True, force_insert=True)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    return pages


def add_actor_types(rng, count):
    from actortypes.models import ActorType

    start = ActorType.objects.count()
    return ActorType.objects.bulk_create(
        ActorType(
            name=f"Benchmark actortype {number}",
            slug=f"benchmark-actortype-{number}",
            summary=sentence(rng, 20),
            body=paragraphs(rng, 2),
            live=True,
            sort_order=number,
        )
        for number in range(start, start + count)
    )


def add_measures(rng, count, actor_types, now):
    from support.models import MeasurePage, MeasureStatus, SupportIndexPage, SupportKind

    index = SupportIndexPage.objects.get()
    start = MeasurePage.objects.filter(slug__startswith="benchmark-maatregel-").count()
    measures = []
    for number in range(start, start + count):
        status = rng.choices(list(MeasureStatus), weights=(8, 1, 1))[0]
        measures.append(
            MeasurePage(
                title=f"Benchmark maatregel {number} {rng.choice(WORDS)}",
                slug=f"benchmark-maatregel-{number}",
                summary=sentence(rng, 18),
                kind=rng.choice(list(SupportKind)),
                status=status,
                status_notice="" if status == MeasureStatus.OPEN else sentence(rng),
                how_to_apply=sentence(rng, 24),
                amount=sentence(rng, 10),
                body=[("text", paragraphs(rng))],
            )
        )
    add_children(index, measures, now)
    link_actor_types(MeasurePage, measures, actor_types, rng)
    return measures


def add_calls(rng, count, actor_types, measures, now):
    from support.models import CallIndexPage, CallPage, CallRound

    index = CallIndexPage.objects.get()
    start = CallPage.objects.filter(slug__startswith="benchmark-oproep-").count()
    calls = []
    for number in range(start, start + count):
        calls.append(
            CallPage(
                title=f"Benchmark oproep {number} {rng.choice(WORDS)}",
                slug=f"benchmark-oproep-{number}",
                summary=sentence(rng, 18),
                funding=sentence(rng, 20),
                how_to_apply=sentence(rng, 24),
                measure=rng.choice(measures) if measures and rng.random() < 0.5 else None,
                body=[("text", paragraphs(rng, 2))],
            )
        )
    add_children(index, calls, now)
    link_actor_types(CallPage, calls, actor_types, rng)
    rounds = []
    for call in calls:
        # Mostly archived calls, some open now, some opening soon: a site a few years old.
        opens = now + timedelta(days=rng.randint(-1500, 60))
        for order in range(rng.choice((1, 1, 2))):
            start = opens + timedelta(days=120 * order)
            rounds.append(
                CallRound(
                    page_id=call.pk,
                    sort_order=order,
                    opens_at=start,
                    closes_at=start + timedelta(days=rng.randint(14, 90)),
                )
            )
    CallRound.objects.bulk_create(rounds)
    return calls


def add_events(rng, count, actor_types, now):
    from newsroom.models import AttendanceMode, EventIndexPage, EventPage, Province

    index = EventIndexPage.objects.get()
    start = EventPage.objects.filter(slug__startswith="benchmark-activiteit-").count()
    provinces = [province for province in Province if province != Province.ONLINE]
    events = []
    for number in range(start, start + count):
        # Mostly past events (the archive), some coming up.
        start_at = now + timedelta(days=rng.randint(-1500, 120), hours=rng.randint(0, 8))
        online = rng.random() < 0.2
        events.append(
            EventPage(
                title=f"Benchmark activiteit {number} {rng.choice(WORDS)}",
                slug=f"benchmark-activiteit-{number}",
                summary=sentence(rng, 18),
                start_at=start_at,
                end_at=start_at + timedelta(hours=rng.choice((2, 3, 7))),
                attendance_mode=AttendanceMode.ONLINE if online else AttendanceMode.OFFLINE,
                venue_name="" if online else "Herman Teirlinck",
                street="" if online else "Havenlaan 88",
                postcode="" if online else "1000",
                municipality="" if online else "Brussel",
                province=Province.ONLINE if online else rng.choice(provinces),
                body=[("text", paragraphs(rng, 2))],
            )
        )
    add_children(index, events, now)
    link_actor_types(EventPage, events, actor_types, rng)
    return events


def add_news(rng, count, actor_types, now):
    from django.apps import apps

    news_page = apps.get_model("newsroom", "NewsPage")
    index = apps.get_model("newsroom", "NewsIndexPage").objects.get()
    start = news_page.objects.filter(slug__startswith="benchmark-nieuws-").count()
    items = [
        news_page(
            title=f"Benchmark nieuws {number} {rng.choice(WORDS)}",
            slug=f"benchmark-nieuws-{number}",
            date=(now - timedelta(days=rng.randint(0, 1800))).date(),
            summary=sentence(rng, 18),
            body=[("text", paragraphs(rng, 3))],
        )
        for number in range(start, start + count)
    ]
    add_children(index, items, now)
    link_actor_types(news_page, items, actor_types, rng)
    return items


def has_news():
    """Whether the newsroom has news pages yet (another branch adds them)."""
    from django.apps import apps

    try:
        apps.get_model("newsroom", "NewsPage")
    except LookupError:
        return False
    return True


def link_actor_types(model, pages, actor_types, rng):
    through = model.actor_types.through
    source = f"{model._meta.model_name}_id"
    through.objects.bulk_create(
        through(**{source: page.pk, "actortype_id": actor_type.pk})
        for page in pages
        for actor_type in rng.sample(actor_types, min(len(actor_types), rng.choice((1, 1, 2, 3))))
    )


def shares(items):
    """How many of each kind make `items`: {"actor types": …, "measures": …, "calls": …,
    "events": …, "news": …}, the pages in equal parts."""
    actor_types = int(items * ACTOR_TYPES_PER_ITEM)
    kinds = ["measures", "calls", "events", *(["news"] if has_news() else [])]
    each, left = divmod(items - actor_types, len(kinds))
    counts = {"actor types": actor_types}
    for number, kind in enumerate(kinds):
        counts[kind] = each + (1 if number < left else 0)
    return counts


def fill(items, seed=1):
    """Adds `items` published items to the seeded site in one transaction, then indexes them;
    returns how many of each kind were added and the seconds each step took
    ({"measures": 1650, …, "seconds to insert": 4.2, "seconds to index": 3.1})."""
    from django.db import transaction
    from django.utils import timezone

    from actortypes.models import ActorType

    rng = random.Random(seed)
    started = time.monotonic()
    counts = shares(items)
    now = timezone.now()
    with transaction.atomic():
        add_actor_types(rng, counts["actor types"])
        actor_types = list(ActorType.objects.live())
        measures = add_measures(rng, counts["measures"], actor_types, now)
        add_calls(rng, counts["calls"], actor_types, measures, now)
        add_events(rng, counts["events"], actor_types, now)
        if "news" in counts:
            add_news(rng, counts["news"], actor_types, now)
    inserted = time.monotonic()
    index_items()
    analyse()
    return {
        **counts,
        "seconds to insert": round(inserted - started, 1),
        "seconds to index": round(time.monotonic() - inserted, 1),
    }


def analyse():
    """Gives PostgreSQL its statistics of the filled tables now, as autovacuum would within a
    minute or so: without them it estimates one row everywhere and plans the listings' view
    restriction checks as nested loops over every page (docs/performance.md). The benchmark
    measures the site as it runs, not that first minute."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def index_items():
    """Brings the search index up to date, as `manage.py update_index` would (quietly)."""
    from django.core.management import call_command

    call_command("update_index", verbosity=0)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, required=True)
    args = parser.parse_args(argv)
    import django

    django.setup()
    result = fill(args.items)
    print(", ".join(f"{value} {key}" for key, value in result.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
