"""LookupEvents through the server, checked against the store's own answer (`traildeck lookup-events`,
which runs the engine without the server) over the seeded demo window: every management event of the
window exactly once, newest first, with each lookup attribute and with every way of paging."""

import collections
import json
import threading
import time

import pytest

from conftest import DEMO_END, DEMO_START, REGION, utc

WINDOW = {"StartTime": utc(DEMO_START), "EndTime": utc(DEMO_END)}
ATTRIBUTES = ["EventId", "EventName", "ReadOnly", "Username", "ResourceType", "ResourceName", "EventSource",
              "AccessKeyId"]


def ids(events):
    return [event["EventId"] for event in events]


def epoch(value):
    """An EventTime as the traildeck CLI prints it (`…+00:00`), as the aws CLI does (epoch seconds) or as
    boto3 gives it (datetime), in epoch seconds."""
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        return utc(value).timestamp()
    return value.timestamp()


@pytest.fixture(scope="module")
def truth(server):
    events = server.lookup_truth(start=DEMO_START, end=DEMO_END)
    # Several pages of 50, so paging is exercised; the demo's volume is not pinned beyond that.
    assert len(events) > 120, f"the demo window holds only {len(events)} events in {REGION}"
    assert len(set(ids(events))) == len(events), "the engine's own answer repeats an event"
    times = [epoch(event["EventTime"]) for event in events]
    assert times == sorted(times, reverse=True), "the engine's own answer is not newest first"
    return events


def value_for(attribute, events):
    """A value of `attribute` taken from an event of the window (the middle one that has it)."""
    candidates = []
    for event in events:
        if attribute == "EventId":
            candidates.append(event["EventId"])
        elif attribute == "ReadOnly":
            candidates.append(event["ReadOnly"])
        elif attribute in ("ResourceType", "ResourceName"):
            candidates += [resource[attribute] for resource in event.get("Resources", []) if resource.get(attribute)]
        elif event.get(attribute):
            candidates.append(event[attribute])
    assert candidates, f"no event of the window has a {attribute}"
    return candidates[len(candidates) // 2]


def matches(event, attribute, value):
    """Whether a returned event has `attribute` = `value`, read from the response's own fields."""
    if attribute in ("ResourceType", "ResourceName"):
        return any(resource.get(attribute) == value for resource in event.get("Resources", []))
    return event.get(attribute) == value


def test_aws_cli_gives_the_whole_window_newest_first(server, truth):
    status, output, error = server.aws("cloudtrail", "lookup-events", "--start-time", DEMO_START, "--end-time",
                                       DEMO_END)
    assert status == 0, error
    assert ids(output["Events"]) == ids(truth)
    assert "NextToken" not in output
    # Every member as the engine gives it; times compared as instants (the aws CLI prints epoch seconds).
    for served, stored in zip(output["Events"], truth):
        assert epoch(served.pop("EventTime")) == epoch(stored["EventTime"])
        assert served == {key: value for key, value in stored.items() if key != "EventTime"}
        assert json.loads(served["CloudTrailEvent"])["awsRegion"] == REGION


@pytest.mark.parametrize("attribute", ATTRIBUTES)
def test_aws_cli_lookup_attribute(server, truth, attribute):
    value = value_for(attribute, truth)
    expected = server.lookup_truth(attribute, value, start=DEMO_START, end=DEMO_END)
    # The engine's answer is the window's events that have the value: checked from the events themselves.
    assert ids(expected) == [event["EventId"] for event in truth if matches(event, attribute, value)]
    status, output, error = server.aws(
        "cloudtrail", "lookup-events", "--start-time", DEMO_START, "--end-time", DEMO_END,
        "--lookup-attributes", f"AttributeKey={attribute},AttributeValue={value}")
    assert status == 0, error
    assert ids(output["Events"]) == ids(expected), f"{attribute}={value}"
    assert output["Events"], f"{attribute}={value} found nothing"
    assert all(matches(event, attribute, value) for event in output["Events"])
    if attribute == "EventId":
        assert ids(output["Events"]) == [value]


def test_aws_cli_max_items_and_starting_token(server, truth):
    """`--max-items N` pages of the CLI (over server pages of another size) then `--starting-token`."""
    size = len(truth) // 3 + 7
    walked, token, pages = [], None, 0
    while True:
        args = ["cloudtrail", "lookup-events", "--start-time", DEMO_START, "--end-time", DEMO_END, "--max-items",
                size, "--page-size", 23]
        if token:
            args += ["--starting-token", token]
        status, output, error = server.aws(*args)
        assert status == 0, error
        pages += 1
        assert len(output["Events"]) <= size
        walked += output["Events"]
        token = output.get("NextToken")
        if not token:
            break
        assert len(output["Events"]) == size
        assert pages < 10, "paging does not end"
    assert pages >= 3
    assert ids(walked) == ids(truth)


def test_boto3_paginator_walks_every_event_once(server, truth):
    client = server.client()
    walked, pages = [], 0
    paginator = client.get_paginator("lookup_events")
    for page in paginator.paginate(**WINDOW, PaginationConfig={"PageSize": 17}):
        pages += 1
        assert len(page["Events"]) <= 17
        walked += page["Events"]
    assert pages == -(-len(truth) // 17)
    assert ids(walked) == ids(truth)
    for event in walked:
        assert event["EventTime"].tzinfo is not None
        assert WINDOW["StartTime"] <= event["EventTime"] <= WINDOW["EndTime"]
    times = [event["EventTime"] for event in walked]
    assert times == sorted(times, reverse=True)


@pytest.mark.parametrize("attribute", ["EventName", "ReadOnly", "Username"])
def test_boto3_paginator_with_an_attribute(server, truth, attribute):
    value = value_for(attribute, truth)
    expected = [event["EventId"] for event in truth if matches(event, attribute, value)]
    paginator = server.client().get_paginator("lookup_events")
    walked = []
    for page in paginator.paginate(**WINDOW, LookupAttributes=[{"AttributeKey": attribute, "AttributeValue": value}],
                                   PaginationConfig={"PageSize": 9}):
        walked += ids(page["Events"])
    assert walked == expected


def _busy(server, stop, errors, calls):
    """Makes calls (recorded as events "now", outside the window) until `stop` is set."""
    client = server.client()
    while not stop.is_set():
        try:
            client.describe_trails()
            client.lookup_events(MaxResults=5)
            calls.append(1)
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
            return


def _walk(client, size, **arguments):
    walked, token = [], None
    while True:
        page = client.lookup_events(MaxResults=size, **arguments, **({"NextToken": token} if token else {}))
        walked += page["Events"]
        token = page.get("NextToken")
        if not token:
            return walked
        time.sleep(0.01)  # let the concurrent calls land between pages


def test_a_walk_while_other_calls_are_recorded_neither_repeats_nor_misses(server, truth):
    stop, errors, calls = threading.Event(), [], []
    workers = [threading.Thread(target=_busy, args=(server, stop, errors, calls)) for _ in range(4)]
    for worker in workers:
        worker.start()
    try:
        client = server.client()
        windowed = _walk(client, 10, **WINDOW)
        # Open-ended: the server's own calls keep arriving at the new end while the walk goes back.
        open_ended = _walk(client, 50, StartTime=WINDOW["StartTime"])
    finally:
        stop.set()
        for worker in workers:
            worker.join(30)
    assert not errors, errors
    assert calls, "the concurrent callers made no calls"
    assert ids(windowed) == ids(truth)
    counted = collections.Counter(ids(open_ended))
    assert [key for key, count in counted.items() if count > 1] == []
    times = [event["EventTime"] for event in open_ended]
    assert times == sorted(times, reverse=True)
    # The window's events, all of them, at the end of the open walk (everything newer is the server's).
    assert ids(open_ended)[-len(truth):] == ids(truth)


def test_lookup_errors_have_their_own_exceptions(server):
    client = server.client()
    with pytest.raises(client.exceptions.InvalidMaxResultsException):
        client.lookup_events(MaxResults=51)
    with pytest.raises(client.exceptions.InvalidTimeRangeException):
        client.lookup_events(StartTime=WINDOW["EndTime"], EndTime=WINDOW["StartTime"])
    with pytest.raises(client.exceptions.InvalidNextTokenException):
        client.lookup_events(NextToken="not-a-token")
    # The server's words are the CLI's (`traildeck lookup-events` answers the same key the same way).
    with pytest.raises(client.exceptions.InvalidLookupAttributesException) as raised:
        client.lookup_events(LookupAttributes=[{"AttributeKey": "Usrname", "AttributeValue": "alice"}])
    cli = server.run("lookup-events", "--lookup-attributes", "AttributeKey=Usrname,AttributeValue=alice",
                     check=False)
    assert cli.returncode == 254
    assert raised.value.response["Error"]["Message"] in cli.stderr
    assert raised.value.response["Error"]["Message"].startswith("Unknown AttributeKey 'Usrname'. Did you mean")
    with pytest.raises(client.exceptions.InvalidLookupAttributesException):
        client.lookup_events(LookupAttributes=[
            {"AttributeKey": "EventName", "AttributeValue": "A"}, {"AttributeKey": "Username", "AttributeValue": "b"}])
