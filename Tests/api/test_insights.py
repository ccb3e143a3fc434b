"""Insights through `traildeck serve`: the Insights events of a demo (its organization has Insights on)
seen through LookupEvents and ListInsightsData, the per-minute counts of ListInsightsMetricData, and
Insights selectors on a trail, with boto3 and the real aws CLI."""

import json

import pytest

from conftest import iso, utc

START = "2026-01-01T00:00:00Z"
NOW = "2026-01-05T00:00:00Z"


@pytest.fixture(scope="module")
def insights_server(start_server):
    """Four days of a two-account demo (seed 5), whose incidents the detector found while seeding; the
    clock fixed at the end of the span."""

    def seed(store):
        store.run("demo", "--start", START, "--hours", "96", "--accounts", "2", "--regions", "2", "--seed", "5")

    return start_server("insights", now=NOW, seed=seed)


def periods(server):
    """The periods `traildeck insights scan` reports (a dry run: the demo stored them already)."""
    out = server.run_json("insights", "scan", "--now", NOW, "--dry-run", "--output", "json")
    return out["Periods"]


def management_account(server):
    return server.run_json("describe-organization")["Organization"]["MasterAccountId"]


def test_lookup_events_lists_the_demos_insights_events(insights_server):
    found = periods(insights_server)
    assert len(found) == 2, found
    names = set()
    for region in {period["Region"] for period in found}:
        client = insights_server.client(region=region)
        events = client.lookup_events(EventCategory="insight", StartTime=utc(START), EndTime=utc(NOW))["Events"]
        for event in events:
            record = json.loads(event["CloudTrailEvent"])
            assert record["eventType"] == "AwsCloudTrailInsight" and record["eventCategory"] == "Insight"
            assert event["EventName"] == record["insightDetails"]["eventName"]
            assert event["EventSource"] == record["insightDetails"]["eventSource"]
            names.add(event["EventName"])
    assert names == {period["EventName"] for period in found}


def test_list_insights_metric_data_counts_the_burst_minute_by_minute(insights_server, tmp_path):
    account = management_account(insights_server)
    burst = next(p for p in periods(insights_server) if p["InsightType"] == "ApiCallRateInsight")
    assert burst["AccountId"] == account  # seed 5 puts its burst in the management account
    client = insights_server.client(region=burst["Region"])
    start = utc(burst["StartTime"])
    answer = client.list_insights_metric_data(
        EventSource=burst["EventSource"], EventName=burst["EventName"], InsightType="ApiCallRateInsight",
        StartTime=start, EndTime=utc(burst["EndTime"]), Period=60, DataType="FillWithZeros")
    assert answer["EventName"] == burst["EventName"] and answer["InsightType"] == "ApiCallRateInsight"
    assert answer["Timestamps"][0] == start
    assert len(answer["Timestamps"]) == burst["InsightDuration"] == len(answer["Values"])
    assert sum(answer["Values"]) / len(answer["Values"]) == pytest.approx(burst["InsightAverage"])
    assert all(value >= 3 for value in answer["Values"])

    # Hourly (the default period), non-zero only, paged one point at a time through NextToken.
    first = client.list_insights_metric_data(
        EventSource=burst["EventSource"], EventName=burst["EventName"], InsightType="ApiCallRateInsight",
        StartTime=utc(START), MaxResults=1)
    assert len(first["Timestamps"]) == 1 and first["Values"][0] > 0 and "NextToken" in first
    second = client.list_insights_metric_data(
        EventSource=burst["EventSource"], EventName=burst["EventName"], InsightType="ApiCallRateInsight",
        StartTime=utc(START), MaxResults=1, NextToken=first["NextToken"])
    assert second["Timestamps"][0] > first["Timestamps"][0]

    # The aws CLI prints what `traildeck list-insights-metric-data` prints (v2's ISO 8601 timestamps, which
    # the v1 CLI here prints when configured so).
    config = tmp_path / "config"
    config.write_text("[default]\ncli_timestamp_format = iso8601\n")
    args = ["--event-source", burst["EventSource"], "--event-name", burst["EventName"],
            "--insight-type", "ApiCallRateInsight", "--start-time", burst["StartTime"],
            "--end-time", burst["EndTime"], "--period", "60"]
    status, out, error = insights_server.aws("cloudtrail", "list-insights-metric-data", "--region", burst["Region"],
                                             *args, env={"AWS_CONFIG_FILE": str(config)})
    assert status == 0, error
    ours = insights_server.run("list-insights-metric-data", *args, "--now", NOW, "--account", account,
                               "--region", burst["Region"]).stdout
    assert out == json.loads(ours)


@pytest.mark.parametrize("arguments, message", [
    ({"InsightType": "ApiErrorRateInsight"}, "ErrorCode is required"),
    ({"InsightType": "ApiCallRateInsight", "Period": 120}, "Period 120 is not valid"),
    ({"InsightType": "ApiCallRateInsight", "DataType": "All"}, "DataType 'All' is not valid"),
])
def test_list_insights_metric_data_refuses_bad_parameters(insights_server, arguments, message):
    client = insights_server.client()
    with pytest.raises(client.exceptions.InvalidParameterException) as raised:
        client.list_insights_metric_data(EventSource="kms.amazonaws.com", EventName="Decrypt", **arguments)
    assert message in raised.value.response["Error"]["Message"]


def test_list_insights_metric_data_names_an_unknown_trail(insights_server):
    client = insights_server.client()
    with pytest.raises(client.exceptions.InvalidTrailNameException) as raised:
        client.list_insights_metric_data(TrailName="no-such-trail", EventSource="s3.amazonaws.com",
                                         EventName="PutObject", InsightType="ApiCallRateInsight")
    assert "no-such-trail" in raised.value.response["Error"]["Message"]


def test_insight_selectors_and_list_insights_data_on_a_trail(insights_server, unique):
    account = management_account(insights_server)
    burst = next(p for p in periods(insights_server) if p["InsightType"] == "ApiCallRateInsight")
    client = insights_server.client()
    name, bucket = unique("insights-trail"), unique("insights-bucket")
    insights_server.make_bucket(bucket)
    arn = client.create_trail(Name=name, S3BucketName=bucket, IsMultiRegionTrail=True)["TrailARN"]
    with pytest.raises(client.exceptions.InsightNotEnabledException):
        client.get_insight_selectors(TrailName=name)
    selectors = [{"InsightType": "ApiCallRateInsight"}, {"InsightType": "ApiErrorRateInsight"}]
    assert client.put_insight_selectors(TrailName=name, InsightSelectors=selectors)["InsightSelectors"] == selectors
    assert client.get_insight_selectors(TrailName=arn)["InsightSelectors"] == selectors
    assert client.get_trail(Name=name)["Trail"]["HasInsightSelectors"] is True

    # The trail's account's Insights events of the region asked in; the other account's are not its.
    regional = insights_server.client(region=burst["Region"])
    events = regional.list_insights_data(InsightSource=arn, DataType="InsightsEvents")["Events"]
    assert {event["EventName"] for event in events} == {burst["EventName"]}
    assert all(json.loads(event["CloudTrailEvent"])["recipientAccountId"] == account for event in events)
    states = sorted(json.loads(event["CloudTrailEvent"])["insightDetails"]["state"] for event in events)
    assert states == ["End", "Start"]
    one = regional.list_insights_data(InsightSource=arn, DataType="InsightsEvents",
                                      Dimensions={"EventName": burst["EventName"]}, MaxResults=1)
    assert len(one["Events"]) == 1 and "NextToken" in one
    none = regional.list_insights_data(InsightSource=arn, DataType="InsightsEvents",
                                       Dimensions={"EventName": "NoSuchEvent"})
    assert none["Events"] == []
    with pytest.raises(regional.exceptions.InvalidParameterException):
        regional.list_insights_data(InsightSource=arn, DataType="InsightsEvents",
                                    Dimensions={"Username": "alice"})
    assert iso(utc(NOW)) == NOW
