"""200 clients at once: every call answered, and the server's memory bounded (a second round of the same
load must not grow it the way the first did)."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from conftest import ACCESS_KEY, DEMO_END, DEMO_START, SECRET_KEY, utc

CLIENTS = 200
CALLS_EACH = 5


def one_client(server, index, barrier, boto_client):
    """Client `index`: a shared boto3 client for every tenth, raw signed HTTP for the rest; LookupEvents
    and DescribeTrails alternately. Returns the failures."""
    barrier.wait(60)
    failures = []
    for call in range(CALLS_EACH):
        lookup = (index + call) % 2 == 0
        try:
            if boto_client is not None:
                if lookup:
                    page = boto_client.lookup_events(StartTime=utc(DEMO_START), EndTime=utc(DEMO_END),
                                                     MaxResults=50)
                    assert len(page["Events"]) == 50
                else:
                    assert "trailList" in boto_client.describe_trails()
            else:
                if lookup:
                    status, _, body = server.raw({"StartTime": utc(DEMO_START).timestamp(),
                                                  "EndTime": utc(DEMO_END).timestamp(), "MaxResults": 50},
                                                 target="CloudTrail_20131101.LookupEvents",
                                                 sign=(ACCESS_KEY, SECRET_KEY), timeout=120)
                    assert status == 200 and len(body["Events"]) == 50, (status, body)
                else:
                    status, _, body = server.raw({}, sign=(ACCESS_KEY, SECRET_KEY), timeout=120)
                    assert status == 200 and "trailList" in body, (status, body)
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            failures.append(f"client {index} call {call}: {error!r}")
    return failures


def round_of(server, boto_client):
    barrier = threading.Barrier(CLIENTS)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        futures = [pool.submit(one_client, server, index, barrier, boto_client if index % 10 == 0 else None)
                   for index in range(CLIENTS)]
        failures = [failure for future in futures for failure in future.result(timeout=300)]
    return failures, time.monotonic() - started


def test_200_concurrent_clients(server):
    boto_client = server.client(max_pool_connections=CLIENTS)
    boto_client.describe_trails()
    before = server.rss_kb()
    failures, first_seconds = round_of(server, boto_client)
    assert not failures, f"{len(failures)} failed calls, e.g. {failures[:5]}"
    after_first = server.rss_kb()
    failures, second_seconds = round_of(server, boto_client)
    assert not failures, f"{len(failures)} failed calls, e.g. {failures[:5]}"
    after_second = server.rss_kb()
    assert server.alive()
    report = (f"RSS before {before} kB, after round 1 {after_first} kB ({first_seconds:.1f}s), "
              f"after round 2 {after_second} kB ({second_seconds:.1f}s)")
    print(report)
    # Generous: the server is a few tens of MB idle; 200 connections must not make it hundreds more.
    assert after_second < 600_000, report
    # The second round reuses what the first grew (pools, caches): it may grow a little, not as much again.
    assert after_second - after_first <= max(32_000, (after_first - before) // 2), report
