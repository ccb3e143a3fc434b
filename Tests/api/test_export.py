"""`traildeck export` read back by another engine, and Lake query federation through the API.

A store collects two hours of simulated events; its hive export is read by DuckDB
(`read_json_auto(…, hive_partitioning = true)`), whose counts per region and date must be Lake's own
(`traildeck query`), and a Lake query runs in DuckDB unchanged but for the table's name, with the same
answer. EnableFederation/DisableFederation go through boto3 and the aws CLI against `traildeck serve`."""

import datetime
import json
import time
from pathlib import Path

import duckdb
import pytest

from conftest import DEMO_END, DEMO_START, iso, utc

ROLE = "arn:aws:iam::123456789012:role/federation"


@pytest.fixture(scope="module")
def exported(start_server):
    """A server whose store `sim` was created before the demo events arrived; the store's ID."""
    state = {}

    def seed(store):
        # A first hour makes the demo organization, so that the store is its management account's.
        store.run("demo", "--start", iso(utc(DEMO_START) - datetime.timedelta(hours=1)), "--hours", "1",
                  "--accounts", "1", "--regions", "2", "--no-insights")
        created = store.run_json("create-event-data-store", "--name", "sim",
                                 "--no-termination-protection-enabled")
        state["id"] = created["EventDataStoreArn"].rsplit("/", 1)[1]
        store.run("demo", "--start", DEMO_START, "--hours", "2", "--accounts", "1", "--regions", "2",
                  "--no-insights")

    server = start_server("export", seed=seed)
    return server, state["id"]


def lake_rows(server, statement, store_id):
    """The rows of a Lake query through `traildeck query` (CSV), as lists of strings."""
    result = server.run("query", statement, "--event-data-store", store_id, "--output", "csv")
    lines = result.stdout.splitlines()
    return [line.split(",") for line in lines[1:]]


# The demo window only: the server's own API calls, recorded as they happen, join the store too.
WINDOW = f"eventtime >= timestamp '{DEMO_START[:10]} {DEMO_START[11:19]}' " \
         f"AND eventtime < timestamp '{DEMO_END[:10]} {DEMO_END[11:19]}'"


def test_duckdb_reads_the_hive_export_with_lakes_counts(exported, tmp_path):
    server, store_id = exported
    folder = tmp_path / "hive"
    result = server.run("export", "--event-data-store", store_id, "--to", folder, "--layout", "hive",
                        "--start-time", DEMO_START, "--end-time", DEMO_END, "--quiet")
    assert result.stdout.startswith("export: "), result.stdout
    manifest = json.loads((folder / f"_traildeck_export_{store_id}.json").read_text())
    assert manifest["isComplete"] and manifest["events"] > 100

    lake = lake_rows(server, f"SELECT awsregion, date(eventtime), count(*) FROM $EDS_ID WHERE {WINDOW} "
                             "GROUP BY 1, 2 ORDER BY 1, 2", store_id)
    assert len(lake) >= 2
    db = duckdb.connect()
    db.execute(f"CREATE VIEW sim AS SELECT * FROM read_json_auto('{folder}/**/*.json.gz', "
               "hive_partitioning = true)")
    duck = db.execute(f"SELECT region, \"date\", count(*) FROM sim WHERE {WINDOW} GROUP BY 1, 2 "
                      "ORDER BY 1, 2").fetchall()
    assert [[region, str(date), str(count)] for region, date, count in duck] == lake
    # The partition columns are the rows' own region and date.
    assert db.execute("SELECT count(*) FROM sim WHERE region <> awsregion "
                      "OR \"date\" <> CAST(eventtime AS DATE)").fetchone() == (0,)
    # eventtime is read as a timestamp, readonly as a boolean.
    types = dict(db.execute("SELECT column_name, column_type FROM (DESCRIBE sim)").fetchall())
    assert types["eventtime"].startswith("TIMESTAMP") and types["readonly"] == "BOOLEAN"

    # A Lake query, unchanged but for the table's name.
    statement = ("SELECT eventsource, eventname, count(*) AS calls FROM {table} WHERE readonly = false "
                 "AND useridentity.type = 'IAMUser' GROUP BY eventsource, eventname "
                 "ORDER BY calls DESC, eventname LIMIT 10")
    in_lake = lake_rows(server, statement.format(table="$EDS_ID") .replace("WHERE", f"WHERE {WINDOW} AND"),
                        store_id)
    in_duck = db.execute(statement.format(table="sim").replace("WHERE", f"WHERE {WINDOW} AND")).fetchall()
    assert in_lake, "the simulated store holds write calls of IAM users"
    assert [[str(value) for value in row] for row in in_duck] == in_lake


def test_a_second_export_replaces_the_first(exported, tmp_path):
    server, store_id = exported
    folder = tmp_path / "again"
    arguments = ("export", "--event-data-store", store_id, "--to", folder, "--layout", "hive",
                 "--start-time", DEMO_START, "--end-time", DEMO_END, "--quiet")
    server.run(*arguments)
    first = sorted(str(p.relative_to(folder)) for p in folder.rglob("*.json.gz"))
    server.run(*arguments)
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*.json.gz")) == first
    total = duckdb.connect().execute(
        f"SELECT count(*) FROM read_json_auto('{folder}/**/*.json.gz', hive_partitioning = true)").fetchone()[0]
    assert total == json.loads((folder / f"_traildeck_export_{store_id}.json").read_text())["events"]


def test_federation_with_boto3(exported):
    server, store_id = exported
    client = server.client()
    enabled = client.enable_federation(EventDataStore=store_id, FederationRoleArn=ROLE)
    assert enabled["FederationStatus"] == "ENABLED" and enabled["FederationRoleArn"] == ROLE
    assert enabled["EventDataStoreArn"].endswith("/" + store_id)
    got = client.get_event_data_store(EventDataStore=store_id)
    assert got["FederationStatus"] == "ENABLED" and got["FederationRoleArn"] == ROLE
    folder = Path(server.buckets) / "aws-cloudtrail-lake-federation" / store_id
    tables = (folder / f"_traildeck_tables_{store_id}.sql").read_text()
    assert f"LOCATION 's3://aws-cloudtrail-lake-federation/{store_id}/'" in tables
    count = duckdb.connect().execute(
        f"SELECT count(*) FROM read_json_auto('{folder}/**/*.json.gz', hive_partitioning = true)").fetchone()[0]
    assert count == json.loads((folder / f"_traildeck_export_{store_id}.json").read_text())["events"] > 100

    with pytest.raises(client.exceptions.EventDataStoreFederationEnabledException):
        client.enable_federation(EventDataStore=store_id, FederationRoleArn=ROLE)
    with pytest.raises(client.exceptions.EventDataStoreFederationEnabledException):
        client.delete_event_data_store(EventDataStore=store_id)
    disabled = client.disable_federation(EventDataStore=store_id)
    assert disabled["FederationStatus"] == "DISABLED"
    assert client.get_event_data_store(EventDataStore=store_id)["FederationStatus"] == "DISABLED"
    assert not folder.exists()


def test_federation_with_the_aws_cli(exported):
    server, store_id = exported
    status, output, stderr = server.aws("cloudtrail", "enable-federation", "--event-data-store", store_id,
                                        "--federation-role-arn", ROLE)
    assert status == 0, stderr
    assert output["FederationStatus"] == "ENABLED" and output["FederationRoleArn"] == ROLE
    status, output, stderr = server.aws("cloudtrail", "enable-federation", "--event-data-store", store_id,
                                        "--federation-role-arn", ROLE)
    assert status in (254, 255), stderr  # aws CLI v2 exits 254 for a service error, v1 255
    assert "(EventDataStoreFederationEnabledException) when calling the EnableFederation operation" in stderr
    status, output, stderr = server.aws("cloudtrail", "disable-federation", "--event-data-store", store_id)
    assert status == 0, stderr
    assert output == {"EventDataStoreArn": output["EventDataStoreArn"], "FederationStatus": "DISABLED"}
    status, output, stderr = server.aws("cloudtrail", "enable-federation", "--event-data-store", store_id,
                                        "--federation-role-arn", "arn:aws:iam::123456789012:user/bob")
    assert status in (254, 255), stderr
    assert "(InvalidParameterException) when calling the EnableFederation operation" in stderr


def test_a_federated_store_is_refreshed_while_the_server_runs(start_server):
    """With the clock at 600× (5 minutes of the clock every half second), the server's refresh rewrites the
    federation folder as the store collects the server's own calls."""
    server = start_server("federation-live", options=["--speed", "600"])
    client = server.client()
    store_id = client.create_event_data_store(Name="live", TerminationProtectionEnabled=False)[
        "EventDataStoreArn"].rsplit("/", 1)[1]
    client.enable_federation(EventDataStore=store_id, FederationRoleArn=ROLE)
    manifest_path = Path(server.buckets) / "aws-cloudtrail-lake-federation" / store_id / \
        f"_traildeck_export_{store_id}.json"
    before = json.loads(manifest_path.read_text())["events"]
    for _ in range(5):
        client.describe_trails()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        manifest = json.loads(manifest_path.read_text())
        if manifest["events"] >= before + 5:
            break
        time.sleep(0.2)
    assert manifest["events"] >= before + 5, manifest
    folder = manifest_path.parent
    names = duckdb.connect().execute(
        f"SELECT eventname, count(*) FROM read_json_auto('{folder}/**/*.json.gz', hive_partitioning = true) "
        "WHERE eventname = 'DescribeTrails' GROUP BY 1").fetchall()
    assert names and names[0][1] >= 5
    client.disable_federation(EventDataStore=store_id)
    client.delete_event_data_store(EventDataStore=store_id)
