"""Faults under load: PostgreSQL stops (cached pages still served, the rest a Dutch 503, then
recovery by itself) and Redis stops (pages keep coming, uncached, without errors).

Each phase lasts until enough answers came back, not a number of seconds: a machine busy with
other work answers fewer requests per second, and the phases simply take longer.
"""

import math

from bench.load import BackgroundLoad
from tests.reliability.test_load import get

CACHED = ["/", "/over-ons/"]
# A query string keeps these out of the page cache: they always need the database.
FRESH = ["/over-ons/maatwerkbedrijven/?bron=partner", "/over-ons/ondernemingen/?bron=partner"]


def phase(answers, start, end):
    """The answers to requests sent after `start` and answered before `end` (load seconds)."""
    return [a for a in answers if a.started >= start and a.started + a.seconds <= end]


def test_with_postgresql_stopped_cached_pages_stay_and_the_rest_gets_a_dutch_503(
    start_instance, running_postgres
):
    instance = start_instance()
    for url in CACHED:
        get(instance, url)
        assert get(instance, url)[1] == "hit"

    def outage_answers(answers, end=math.inf):
        outage = phase(answers, down_at + 0.5, end)
        return [a for a in outage if a.url in CACHED], [a for a in outage if a.url in FRESH]

    def enough_of_the_outage(answers):
        cached, fresh = outage_answers(answers)
        return len(cached) > 100 and len(fresh) > 20

    with BackgroundLoad(instance.url, CACHED + FRESH, 600, 8) as load:
        load.wait_until(lambda answers: len(answers) >= 100)
        down_at = load.elapsed()
        running_postgres.stop("immediate")  # a crash: no goodbye to open connections
        load.wait_until(enough_of_the_outage)
        up_at = load.elapsed()
        running_postgres.start()
        back_at = load.elapsed()
        load.wait_until(lambda answers: len(phase(answers, back_at + 1, math.inf)) > 100)
    answers = load.result.answers

    assert {a.status for a in answers} == {200, 503}, load.result.by_status()
    assert {a.status for a in phase(answers, 0, down_at)} == {200}
    cached, fresh = outage_answers(answers, up_at)
    assert len(cached) > 100 and len(fresh) > 20
    assert {(a.status, a.x_cache) for a in cached} == {(200, "hit")}
    assert {a.status for a in fresh} == {503}
    for answer in fresh:
        body = answer.body.decode()
        assert '<h1 class="page-title">Tijdelijk niet beschikbaar</h1>' in body
        assert "Traceback" not in body and "OperationalError" not in body
    # Back by itself: no restart of the application, no error once the database answers.
    recovered = phase(answers, back_at + 1, load.result.duration)
    assert len(recovered) > 100
    assert {a.status for a in recovered} == {200}


def test_with_redis_stopped_the_site_keeps_serving_uncached_without_errors(
    start_instance, running_redis
):
    instance = start_instance()
    urls = ["/", "/over-ons/", "/over-ons/maatwerkbedrijven/", "/static/css/main.css"]
    for url in urls[:3]:
        get(instance, url)
        assert get(instance, url)[1] == "hit"

    def pages_while_down(answers, end=math.inf):
        return [a for a in phase(answers, down_at + 0.2, end) if a.url != "/static/css/main.css"]

    with BackgroundLoad(instance.url, urls, 600, 8) as load:
        load.wait_until(lambda answers: len(answers) >= 100)
        down_at = load.elapsed()
        running_redis.stop()
        load.wait_until(lambda answers: len(pages_while_down(answers)) > 100)
        up_at = load.elapsed()
        running_redis.start()
        back_at = load.elapsed()
        load.wait_until(
            lambda answers: "hit" in {a.x_cache for a in phase(answers, back_at + 1, math.inf)}
        )
    answers = load.result.answers

    assert load.result.errors() == []
    assert {a.status for a in answers} == {200}
    pages = pages_while_down(answers, up_at)
    assert len(pages) > 100
    assert {a.x_cache for a in pages} == {"miss"}  # rendered fresh: nothing to read or store
    # Redis is back (empty): pages are stored and served from it again.
    assert "hit" in {a.x_cache for a in phase(answers, back_at + 1, load.result.duration)}
