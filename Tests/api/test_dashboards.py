"""Lake dashboards through the server with boto3 and the real aws CLI: a custom dashboard's life,
a refresh whose widget queries DescribeQuery finds by QueryAlias and RefreshId, the managed Highlights
dashboard, and the modelled exceptions."""

import json
import time

import pytest

NOW = "2024-03-01T13:00:00Z"
BASE = 1_709_294_400  # 2024-03-01T12:00:00Z


def record(n, name):
    moment = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(BASE + n))
    return {"eventVersion": "1.08", "userIdentity": {"type": "IAMUser", "principalId": "AIDAX",
            "arn": "arn:aws:iam::123456789012:user/alice", "accountId": "123456789012", "userName": "alice"},
            "eventTime": moment, "eventSource": "ec2.amazonaws.com", "eventName": name,
            "awsRegion": "us-east-1", "sourceIPAddress": "203.0.113.7", "userAgent": "aws-cli/2.15.0",
            "requestID": f"r{n}", "eventID": f"00000000-0000-4000-8000-{n:012d}", "readOnly": True,
            "eventType": "AwsApiCall", "managementEvent": True, "recipientAccountId": "123456789012",
            "eventCategory": "Management"}


@pytest.fixture(scope="module")
def lake(start_server, scratch_root):
    """A server at a fixed clock whose management store holds 5 DescribeInstances and 3 RunInstances."""
    logs = scratch_root / "dashboard-logs"
    logs.mkdir()
    records = [record(n, "DescribeInstances") for n in range(1, 6)] + [record(n, "RunInstances") for n in range(6, 9)]
    (logs / "events.json").write_text(json.dumps({"Records": records}))

    def seed(server):
        server.run("create-event-data-store", "--name", "mgmt", "--now", NOW)
        server.run("ingest", "--quiet", "--event-data-store", "mgmt", str(logs), "--now", NOW)

    return start_server("dashboards", now=NOW, seed=seed)


@pytest.fixture(scope="module")
def store_id(lake):
    stores = lake.client().list_event_data_stores()["EventDataStores"]
    return stores[0]["EventDataStoreArn"].rsplit("/", 1)[1]


def widget(store_id):
    return {"QueryStatement": f"SELECT eventName, COUNT(*) AS n FROM {store_id} WHERE eventTime > '?' "
                              "AND eventTime < '?' GROUP BY eventName ORDER BY n DESC LIMIT 10",
            "QueryParameters": ["$StartTime$", "$EndTime$"],
            "ViewProperties": {"View": "Table", "Title": "TopCalls", "Height": "2", "Width": "4"}}


def ended(client, **query):
    deadline = time.monotonic() + 60
    while True:
        described = client.describe_query(**query)
        if described["QueryStatus"] not in ("QUEUED", "RUNNING") or time.monotonic() > deadline:
            return described
        time.sleep(0.1)


def test_custom_dashboard_life_with_boto3(lake, store_id):
    client = lake.client()
    created = client.create_dashboard(Name="ops", Widgets=[widget(store_id)], TerminationProtectionEnabled=True,
                                      RefreshSchedule={"Frequency": {"Unit": "HOURS", "Value": 6},
                                                       "Status": "ENABLED"},
                                      TagsList=[{"Key": "team", "Value": "sec"}])
    arn = created["DashboardArn"]
    assert arn == "arn:aws:cloudtrail:us-east-1:123456789012:dashboard/ops"
    assert created["Type"] == "CUSTOM"
    assert created["Widgets"][0]["QueryAlias"] == "ops-Widget1"

    refresh_id = client.start_dashboard_refresh(
        DashboardId=arn, QueryParameterValues={"$StartTime$": "2024-03-01T11:00:00Z",
                                               "$EndTime$": "2024-03-01T13:00:00Z"})["RefreshId"]
    described = ended(client, QueryAlias="ops-Widget1", RefreshId=refresh_id)
    assert described["QueryStatus"] == "FINISHED"
    rows = client.get_query_results(QueryId=described["QueryId"])["QueryResultRows"]
    assert [[list(c.values())[0] for c in row] for row in rows] == [["DescribeInstances", "5"], ["RunInstances", "3"]]

    got = client.get_dashboard(DashboardId="ops")
    assert got["LastRefreshId"] == refresh_id
    assert got["Type"] == "CUSTOM" and got["Status"] == "CREATED"
    assert got["RefreshSchedule"]["Frequency"] == {"Unit": "HOURS", "Value": 6}
    assert client.list_tags(ResourceIdList=[arn])["ResourceTagList"][0]["TagsList"] == [{"Key": "team", "Value": "sec"}]

    with pytest.raises(client.exceptions.ConflictException):
        client.delete_dashboard(DashboardId=arn)
    updated = client.update_dashboard(DashboardId=arn, TerminationProtectionEnabled=False, Widgets=[])
    assert updated["Widgets"] == [] and updated["TerminationProtectionEnabled"] is False
    client.delete_dashboard(DashboardId=arn)
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.get_dashboard(DashboardId=arn)


def test_modelled_exceptions(lake, store_id):
    client = lake.client()
    with pytest.raises(client.exceptions.ServiceQuotaExceededException):
        client.create_dashboard(Name="big", Widgets=[widget(store_id)] * 11)
    with pytest.raises(client.exceptions.InvalidQueryStatementException) as raised:
        client.create_dashboard(Name="broken", Widgets=[{"QueryStatement": f"SELECT nosuch FROM {store_id}",
                                                         "ViewProperties": {"View": "Table"}}])
    assert "nosuch" in str(raised.value)
    # A table that is no store is refused by the statement check, as StartQuery refuses it.
    with pytest.raises(client.exceptions.InvalidQueryStatementException):
        client.create_dashboard(Name="nostore", Widgets=[{
            "QueryStatement": "SELECT eventName FROM 00000000-0000-0000-0000-000000000000",
            "ViewProperties": {"View": "Table"}}])
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.start_dashboard_refresh(DashboardId="nope")
    client.create_dashboard(Name="twice", Widgets=[])
    with pytest.raises(client.exceptions.ConflictException):
        client.create_dashboard(Name="twice", Widgets=[])


def test_highlights_with_the_aws_cli(lake, store_id):
    status, _, error = lake.aws("cloudtrail", "create-dashboard", "help", endpoint=False)
    assert status == 0, error
    status, created, error = lake.aws(
        "cloudtrail", "create-dashboard", "--name", "AWSCloudTrail-Highlights",
        "--refresh-schedule", "Frequency={Unit=HOURS,Value=6},Status=ENABLED")
    assert status == 0, error
    assert created["Type"] == "MANAGED"
    aliases = [w["QueryAlias"] for w in created["Widgets"]]
    assert "AWSCloudTrail-Highlights-TopEventNames" in aliases

    status, refreshed, error = lake.aws(
        "cloudtrail", "start-dashboard-refresh", "--dashboard-id", "AWSCloudTrail-Highlights",
        "--query-parameter-values", json.dumps({"$EventDataStoreId$": store_id}))
    assert status == 0, error
    client = lake.client()
    described = ended(client, QueryAlias="AWSCloudTrail-Highlights-TopEventNames", RefreshId=refreshed["RefreshId"])
    assert described["QueryStatus"] == "FINISHED"
    rows = client.get_query_results(QueryId=described["QueryId"])["QueryResultRows"]
    assert [list(row[0].values())[0] for row in rows] == ["DescribeInstances", "RunInstances"]

    status, _, error = lake.aws("cloudtrail", "delete-dashboard", "--dashboard-id", "AWSCloudTrail-Highlights")
    assert status in (254, 255)
    assert "An error occurred (UnsupportedOperationException) when calling the DeleteDashboard operation" in error
    status, listed, error = lake.aws("cloudtrail", "list-dashboards", "--type", "MANAGED")
    assert status == 0, error
    assert [d["DashboardArn"] for d in listed["Dashboards"]] == [
        "arn:aws:cloudtrail:us-east-1:123456789012:dashboard/AWSCloudTrail-Highlights"]
