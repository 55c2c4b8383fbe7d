"""Health endpoints for the container runtime and the load balancer."""

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_says_the_process_is_alive_without_asking_the_database(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]


def test_readyz_says_the_database_answers(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_endpoints_only_answer_reads(client, path):
    assert client.post(path).status_code == 405
    assert client.head(path).status_code == 200
