"""Lake stores of AWS Config configuration items through the server with boto3: create a
ConfigurationItem store, load AWS Config's delivered files into it with `traildeck ingest`, query them,
stop and start its ingestion; imports into it are refused, and an Evidence store refuses to stop
ingesting (spec §8.2, §8.7, §8.9)."""

import gzip
import json
import time
from pathlib import Path

import botocore.exceptions
import pytest

NOW = "2026-01-02T00:00:00Z"
ACCOUNT = "123456789012"  # the server's caller without --credentials
CONFIG_ITEMS = [{"Name": "Config items", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["ConfigurationItem"]}]}]
EVIDENCE = [{"Name": "Evidence", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Evidence"]}]}]


def item(resource_type, resource_id, state, capture, **extra):
    """One configuration item as AWS Config writes it in its files."""
    data = {"configurationItemVersion": "1.3", "configurationItemCaptureTime": capture,
            "configurationStateId": state, "awsAccountId": ACCOUNT, "configurationItemStatus": "OK",
            "resourceType": resource_type, "resourceId": resource_id, "awsRegion": "us-east-1",
            "availabilityZone": "Not Applicable", "tags": {}, "relatedEvents": [], "relationships": [],
            "configuration": {}, "supplementaryConfiguration": {}}
    data.update(extra)
    return data


def write_config_folder(root):
    """AWSLogs/…/Config/…: a history file of two security group states and a snapshot with a bucket."""
    folder = Path(root, "AWSLogs", ACCOUNT, "Config", "us-east-1", "2026", "1", "1")
    history = folder / "ConfigHistory" / (
        f"{ACCOUNT}_Config_us-east-1_ConfigHistory_AWS::EC2::SecurityGroup_20260101T000000Z_20260101T060000Z_1.json.gz")
    snapshot = folder / "ConfigSnapshot" / f"{ACCOUNT}_Config_us-east-1_ConfigSnapshot_20260101T060000Z_abc.json.gz"
    sg = dict(resourceName="web", ARN=f"arn:aws:ec2:us-east-1:{ACCOUNT}:security-group/sg-1",
              relatedEvents=["00000000-0000-4000-8000-000000000001"],
              configuration={"groupName": "web"}, tags={"team": "payments"})
    files = {
        history: {"fileVersion": "1.0", "configurationItems": [
            item("AWS::EC2::SecurityGroup", "sg-1", 1767225600000, "2026-01-01T00:00:00.000Z", **sg),
            item("AWS::EC2::SecurityGroup", "sg-1", 1767229200000, "2026-01-01T01:00:00.000Z", **sg)]},
        snapshot: {"fileVersion": "1.0", "configSnapshotId": "abc", "configurationItems": [
            item("AWS::S3::Bucket", "logs-bucket", 1767232800000, "2026-01-01T02:00:00.000Z",
                 ARN="arn:aws:s3:::logs-bucket", resourceName="logs-bucket")]},
    }
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(gzip.compress(json.dumps(content).encode()))
    return Path(root, "AWSLogs")


@pytest.fixture(scope="module")
def lake(start_server):
    """A server whose ConfigurationItem store `config-items` holds three items ingested from files."""

    def seed(server):
        server.run("create-event-data-store", "--name", "config-items", "--advanced-event-selectors",
                   json.dumps(CONFIG_ITEMS), "--now", NOW)
        logs = write_config_folder(server.folder / "config-logs")
        ran = server.run("ingest", "--quiet", "--event-data-store", "config-items", logs, "--now", NOW)
        assert "3 events loaded (3 configuration items)" in ran.stdout, ran.stdout

    return start_server("config-items", now=NOW, seed=seed)


def store_arn(client, name):
    for store in client.list_event_data_stores()["EventDataStores"]:
        if store["Name"] == name:
            return store["EventDataStoreArn"]
    raise AssertionError(f"no event data store {name}")


def query_rows(client, store, sql):
    query_id = client.start_query(QueryStatement=sql.replace("$S", store.rsplit("/", 1)[1]))["QueryId"]
    deadline = time.monotonic() + 120
    while client.describe_query(QueryId=query_id)["QueryStatus"] in ("QUEUED", "RUNNING"):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    described = client.describe_query(QueryId=query_id)
    assert described["QueryStatus"] == "FINISHED", described
    page = client.get_query_results(QueryId=query_id, MaxQueryResults=1000)
    return [[next(iter(cell.values())) for cell in row] for row in page.get("QueryResultRows", [])]


def test_a_configuration_item_store_answers_queries_over_its_items(lake):
    client = lake.client()
    arn = store_arn(client, "config-items")
    got = client.get_event_data_store(EventDataStore=arn)
    assert got["AdvancedEventSelectors"] == CONFIG_ITEMS
    rows = query_rows(client, arn, """
        SELECT eventcategory, eventdata.resourcetype, eventdata.resourceid, eventdata.configurationitemstateid,
               eventdata.tags['team'], cardinality(eventdata.relatedevents)
        FROM $S ORDER BY eventtime""")
    assert rows == [
        ["ConfigurationItem", "AWS::EC2::SecurityGroup", "sg-1", "1767225600000", "payments", "1"],
        ["ConfigurationItem", "AWS::EC2::SecurityGroup", "sg-1", "1767229200000", "payments", "1"],
        ["ConfigurationItem", "AWS::S3::Bucket", "logs-bucket", "1767232800000", None, "0"],
    ]
    counted = query_rows(client, arn, "SELECT eventdata.resourcetype, count(*) FROM $S GROUP BY 1 ORDER BY 1")
    assert counted == [["AWS::EC2::SecurityGroup", "2"], ["AWS::S3::Bucket", "1"]]


def test_cloudtrail_columns_are_not_a_configuration_item_stores(lake):
    client = lake.client()
    arn = store_arn(client, "config-items")
    with pytest.raises(botocore.exceptions.ClientError) as refused:
        client.start_query(QueryStatement=f"SELECT eventname FROM {arn.rsplit('/', 1)[1]}")
    assert refused.value.response["Error"]["Code"] == "InvalidQueryStatementException"


def test_ingestion_stops_and_starts(lake):
    client = lake.client()
    arn = store_arn(client, "config-items")
    client.stop_event_data_store_ingestion(EventDataStore=arn)
    assert client.get_event_data_store(EventDataStore=arn)["Status"] == "STOPPED_INGESTION"
    client.start_event_data_store_ingestion(EventDataStore=arn)
    assert client.get_event_data_store(EventDataStore=arn)["Status"] == "ENABLED"


def test_imports_into_a_configuration_item_store_are_refused(lake):
    client = lake.client()
    arn = store_arn(client, "config-items")
    with pytest.raises(botocore.exceptions.ClientError) as refused:
        client.start_import(
            Destinations=[arn],
            ImportSource={"S3": {"S3LocationUri": "s3://logs", "S3BucketRegion": "us-east-1",
                                 "S3BucketAccessRoleArn": f"arn:aws:iam::{ACCOUNT}:role/import"}})
    assert refused.value.response["Error"]["Code"] == "InvalidEventDataStoreCategoryException"


def test_an_evidence_store_refuses_to_stop_ingestion(lake, unique):
    client = lake.client()
    arn = client.create_event_data_store(Name=unique("evidence"), AdvancedEventSelectors=EVIDENCE)["EventDataStoreArn"]
    with pytest.raises(botocore.exceptions.ClientError) as refused:
        client.stop_event_data_store_ingestion(EventDataStore=arn)
    assert refused.value.response["Error"]["Code"] == "InvalidEventDataStoreCategoryException"


def test_selectors_mixing_configuration_items_with_management_events_are_refused(lake, unique):
    client = lake.client()
    with pytest.raises(botocore.exceptions.ClientError) as refused:
        client.create_event_data_store(
            Name=unique("mixed"),
            AdvancedEventSelectors=CONFIG_ITEMS + [
                {"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}]}])
    assert refused.value.response["Error"]["Code"] == "InvalidEventSelectorsException"
