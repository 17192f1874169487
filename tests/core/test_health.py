"""What the compose stack's health checks and Redis limits say (docker-compose.yml)."""

import re
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def service(text, name):
    """The lines of one service of the compose file."""
    match = re.search(rf"^  {name}:\n((?:    .*\n|\s*\n)+)", text, re.MULTILINE)
    assert match, name
    return match.group(1)


@pytest.fixture(scope="module")
def compose():
    return (BASE_DIR / "docker-compose.yml").read_text()


def test_redis_is_bounded_and_evicts_the_least_recently_used_keys(compose):
    redis = service(compose, "redis")
    # Before: no limit and the default `noeviction`, so a flood of page entries
    # filled memory and then Redis refused every write.
    assert '"--maxmemory",' in redis
    assert re.search(r'"--maxmemory-policy",\s*"(allkeys|volatile)-lru"', redis)


def test_the_app_servers_liveness_check_touches_no_dependency(compose):
    web = service(compose, "web")
    check = re.search(r"healthcheck:\n\s+test: (.*)\n", web).group(1)
    assert "/livez" in check and "/healthz" not in check


def test_the_proxy_chain_is_configured_under_its_new_name(compose):
    assert 'CLIENT_IP_TRUSTED_PROXIES: "1"' in compose
    assert "DONATIONS_TRUSTED_PROXIES" not in compose


def test_migrations_run_without_the_statement_time_out(compose):
    migrate = service(compose, "migrate")
    assert "DATABASE_STATEMENT_TIMEOUT=0" in migrate
    assert "DATABASE_QUERY_DEADLINE=0" in migrate
