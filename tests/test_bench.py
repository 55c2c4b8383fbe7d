"""The benchmark's own code (bench/): the content filler, the wrk parser and the docs writer.
Tiny sizes and no timing: what `make bench` measures is in docs/performance.md."""

import pytest
from wagtail.models import Page

from actortypes.models import ActorType
from bench import fill, report
from bench.run import parse_wrk
from newsroom.models import EventPage
from support.models import CallIndexPage, CallPage, MeasurePage, SupportIndexPage

pytestmark = pytest.mark.django_db


def test_the_filler_adds_n_published_items_in_a_valid_page_tree(client):
    problems = Page.find_problems()
    before = {model: model.objects.live().count() for model in (MeasurePage, CallPage, EventPage)}

    added = fill.fill(210)

    kinds = [kind for kind in added if not kind.startswith("seconds")]
    assert sum(added[kind] for kind in kinds) == 210
    assert added["actor types"] == 2
    assert min(added[kind] for kind in kinds if kind != "actor types") >= 52
    # Treebeard finds nothing wrong that was not wrong before (paths, depths, numchild).
    assert Page.find_problems() == problems
    for model, kind in ((MeasurePage, "measures"), (CallPage, "calls"), (EventPage, "events")):
        assert model.objects.live().count() == before[model] + added[kind]
    finder = SupportIndexPage.objects.get()
    assert finder.get_children().count() == before[MeasurePage] + added["measures"]
    assert CallIndexPage.objects.get().get_children().count() == before[CallPage] + added["calls"]
    assert all(call.rounds.exists() for call in CallPage.objects.filter(slug__startswith="bench"))
    assert ActorType.objects.filter(slug="benchmark-actortype-7").exists()

    response = client.get("/ondersteuning/benchmark-maatregel-50/")
    assert response.status_code == 200
    assert "Benchmark maatregel 50" in response.content.decode()
    assert client.get("/oproepen/benchmark-oproep-0/").status_code == 200
    assert client.get("/agenda/benchmark-activiteit-50/").status_code == 200
    assert client.get("/over-ons/benchmark-actortype-7/").status_code == 200
    if "news" in added:
        assert client.get("/nieuws/benchmark-nieuws-50/").status_code == 200
    # Indexed for search too.
    assert MeasurePage.objects.live().search("benchmark").count() == added["measures"]
    assert "Benchmark" in client.get("/zoeken/?q=benchmark").content.decode()


def test_the_filler_can_add_more_items_to_a_filled_site():
    problems = Page.find_problems()

    fill.fill(10)
    fill.fill(10)

    # Twice 10 items, numbered on.
    slugs = MeasurePage.objects.filter(slug__startswith="benchmark").values_list("slug", flat=True)
    assert sorted(slugs) == sorted(
        f"benchmark-maatregel-{number}" for number in range(2 * fill.shares(10)["measures"])
    )
    assert Page.find_problems() == problems


WRK_OUTPUT = """Running 6s test @ http://127.0.0.1:8401/
  2 threads and 16 connections
  Latency Distribution
     50%    8.10ms
     75%   10.00ms
     90%   15.00ms
     99%    1.20s
  12000 requests in 6.00s, 100.00MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:   1998.52
Transfer/sec:     16.00MB
"""


def test_wrk_output_gives_throughput_percentiles_in_ms_and_errors():
    assert parse_wrk(WRK_OUTPUT) == {
        "rps": 1998.52,
        "requests": 12000,
        "p50": 8.1,
        "p99": 1200.0,
        "errors": 7,
    }


def test_the_bench_replaces_only_its_own_section_of_the_docs():
    text = (
        "# Performance\n\nBy hand.\n\n<!-- bench:results -->\nold\n<!-- /bench:results -->\n\nMore."
    )

    replaced = report.replace_section(text, "results", "new table")
    added = report.replace_section(replaced, "profile", "profile lines")

    assert replaced == text.replace("\nold\n", "\nnew table\n")
    assert (
        added == replaced + "\n\n<!-- bench:profile -->\nprofile lines\n<!-- /bench:profile -->\n"
    )


def test_the_in_process_timer_views_each_address_and_stops_at_an_error_answer():
    from bench import in_process

    [(address, milliseconds)] = in_process.measure(["/over-ons/"], views=2, rounds=1)
    assert address == "/over-ons/"
    assert milliseconds > 0
    with pytest.raises(SystemExit, match="/bestaat-niet/ answered 404"):
        in_process.measure(["/bestaat-niet/"], views=1, rounds=1)


def test_a_pausing_load_waits_after_each_answer_and_keeps_every_answer(live_server):
    """The publish run's poller (bench/publish.py) waits between its requests, to leave the
    machine to wrk: with 0.3 s after each answer, one thread sends at most 4 requests in a
    second (fewer on a busy machine, never more), and every one of them gets its answer."""
    from bench.load import run_load

    result = run_load(live_server.url, ["/healthz"], 1, 1, pause=0.3)
    assert 1 <= len(result.answers) <= 4
    assert [answer.status for answer in result.answers] == [200] * len(result.answers)
