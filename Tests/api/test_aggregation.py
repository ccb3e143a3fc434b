"""Aggregated data events through `traildeck serve`: PutEventConfiguration / GetEventConfiguration on a
trail with boto3 and the real aws CLI, then an hour of demo data events delivered under a fixed clock
(`traildeck deliver --now`, as the delivery tests advance it), and the aggregated objects listed and read
through the server's S3 view, their counts checked against the data events of the trail's own log files."""

import collections
import datetime
import gzip
import json

import pytest
from botocore.exceptions import ClientError

from conftest import iso, utc

START = "2026-03-01T00:00:00Z"
END = "2026-03-01T01:00:00Z"
BUCKET = "aggregated-logs"
NAME = "aggregating"
TEMPLATES = ["API_ACTIVITY", "RESOURCE_ACCESS", "USER_ACTIONS"]
S3_OBJECTS = [{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]},
                                  {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}]}]


@pytest.fixture(scope="module")
def aggregating(start_server):
    """A server whose clock stands at START, an hour of one-account demo events after it, and a trail
    that logs S3 object data events with all three templates, delivered through END."""

    def seed(store):
        store.run("demo", "--start", START, "--hours", "1", "--accounts", "1", "--regions", "1", "--now", END)

    server = start_server("aggregation", now=START, seed=seed)
    server.make_bucket(BUCKET)
    client = server.client()
    arn = client.create_trail(Name=NAME, S3BucketName=BUCKET)["TrailARN"]
    client.put_event_selectors(TrailName=NAME, AdvancedEventSelectors=S3_OBJECTS)
    put = client.put_event_configuration(
        TrailName=NAME, AggregationConfigurations=[{"EventCategory": "Data", "Templates": TEMPLATES}])
    client.start_logging(Name=NAME)
    server.run("deliver", "--now", END)
    return server, arn, put


def read_objects(server, kind):
    """{key: records} of the bucket's objects under `/kind/`, listed and read through the S3 view."""
    s3 = server.client("s3")
    found = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix="AWSLogs/"):
        for item in page.get("Contents", []):
            if f"/{kind}/" in item["Key"]:
                body = s3.get_object(Bucket=BUCKET, Key=item["Key"])["Body"].read()
                found[item["Key"]] = json.loads(gzip.decompress(body))["Records"]
    return found


def window_of(event_time):
    moment = utc(event_time)
    return iso(moment.replace(minute=moment.minute - moment.minute % 5, second=0))


def principal(identity):
    return identity.get("arn") or identity.get("invokedBy") or identity.get("principalId")


def bucket_of(resources):
    arns = [r["ARN"] for r in resources if r.get("type") == "AWS::S3::Bucket"]
    return arns[0] if arns else resources[0]["ARN"]


def test_put_and_get_event_configuration_on_a_trail(aggregating):
    server, arn, put = aggregating
    configured = [{"Templates": TEMPLATES, "EventCategory": "Data"}]
    assert put["TrailARN"] == arn and put["AggregationConfigurations"] == configured
    client = server.client()
    got = client.get_event_configuration(TrailName=arn)
    assert got["TrailARN"] == arn and got["AggregationConfigurations"] == configured
    # The real aws CLI reads the same configuration.
    status, output, error = server.aws("cloudtrail", "get-event-configuration", "--trail-name", NAME)
    assert status == 0, error
    assert output == {"TrailARN": arn, "AggregationConfigurations": configured}


def test_event_configuration_refusals(aggregating, unique):
    server, arn, put = aggregating
    client = server.client()
    with pytest.raises(client.exceptions.TrailNotFoundException):
        client.get_event_configuration(TrailName="no-such-trail")
    with pytest.raises(client.exceptions.InvalidParameterCombinationException):
        client.put_event_configuration(TrailName=NAME, MaxEventSize="Large")
    with pytest.raises(client.exceptions.InvalidParameterException) as raised:
        client.put_event_configuration(
            TrailName=NAME, AggregationConfigurations=[{"EventCategory": "Data",
                                                        "Templates": ["API_ACTIVITY", "API_ACTIVITY"]}])
    assert "listed twice" in raised.value.response["Error"]["Message"]
    # A trail that logs no data events cannot aggregate them.
    other = unique("plain")
    client.create_trail(Name=other, S3BucketName=BUCKET)
    with pytest.raises(client.exceptions.InvalidParameterCombinationException) as raised:
        client.put_event_configuration(
            TrailName=other, AggregationConfigurations=[{"EventCategory": "Data", "Templates": ["USER_ACTIONS"]}])
    assert "logs no data events" in raised.value.response["Error"]["Message"]
    # An empty list turns aggregation off (on a trail of its own, the module's keeps its configuration).
    client.put_event_selectors(TrailName=other, AdvancedEventSelectors=S3_OBJECTS)
    client.put_event_configuration(
        TrailName=other, AggregationConfigurations=[{"EventCategory": "Data", "Templates": ["USER_ACTIONS"]}])
    off = client.put_event_configuration(TrailName=other, AggregationConfigurations=[])
    assert off["AggregationConfigurations"] == []
    assert client.get_event_configuration(TrailName=other)["AggregationConfigurations"] == []


def test_aggregated_events_summarize_the_trails_data_events(aggregating):
    server, arn, put = aggregating
    problem = server.s3_view()
    if problem:
        pytest.skip(problem)
    account = arn.split(":")[4]
    aggregated = read_objects(server, "CloudTrail-Aggregated")
    assert aggregated, "no aggregated objects were delivered"
    prefix = f"AWSLogs/{account}/CloudTrail-Aggregated/us-east-1/2026/03/01/{account}_CloudTrail-Aggregated_us-east-1_"
    assert all(key.startswith(prefix) and key.endswith(".json.gz") for key in aggregated), list(aggregated)

    # What the trail logged: the data events of its own log files, window by window (the last window
    # closes at END; an event at END exactly belongs to the next).
    logged = [record for records in read_objects(server, "CloudTrail").values() for record in records
              if record.get("eventCategory") == "Data" and record["eventTime"] < END]
    assert logged, "the demo hour holds no S3 object data events"
    expected = {
        "eventName": collections.Counter((window_of(r["eventTime"]), r["eventName"]) for r in logged),
        "resourceARN": collections.Counter((window_of(r["eventTime"]), bucket_of(r["resources"])) for r in logged),
        "userIdentity": collections.Counter((window_of(r["eventTime"]), principal(r["userIdentity"]))
                                            for r in logged),
    }
    seen = {dimension: collections.Counter() for dimension in expected}
    ids = set()
    for records in aggregated.values():
        for record in records:
            assert list(record)[:8] == ["eventVersion", "accountId", "eventId", "eventCategory", "eventType",
                                        "awsRegion", "eventSource", "timeWindow"]
            assert record["eventVersion"] == "1.0" and record["eventCategory"] == "Aggregated"
            assert record["eventType"] == "AwsAggregatedEvent" and record["accountId"] == account
            assert record["eventSource"] == "s3.amazonaws.com"
            window = record["timeWindow"]
            assert window["windowSize"] == "PT5M"
            assert utc(window["windowEnd"]) - utc(window["windowStart"]) == datetime.timedelta(minutes=5)
            primary = record["summary"]["primaryDimension"]
            assert primary["aggregationType"] == "Count" and len(primary["statistics"]) == 1
            statistic = primary["statistics"][0]
            seen[primary["dimension"]][(window["windowStart"], statistic["name"])] += statistic["value"]
            for detail in record["summary"]["details"]:
                assert sum(s["value"] for s in detail["statistics"]) <= statistic["value"]
            ids.add(record["eventId"])
    # Several windows, each closed window with data events in a file of its own delivery occurrence.
    windows = {window for window, _ in expected["eventName"]}
    assert len(windows) > 1 and len(aggregated) == len(windows), (sorted(windows), sorted(aggregated))
    assert seen == expected
    assert len(ids) == sum(len(records) for records in aggregated.values())
