"""Lake queries through the server with boto3 and the aws CLI: the modeled exceptions of StartQuery,
DescribeQuery, GetQueryResults, CancelQuery and ListQueries, a query's whole life on a store the
server holds, and `serve --query-timeout`."""

import json
import time
import uuid
from pathlib import Path

import pytest

UNKNOWN = "0123abcd-0000-4000-8000-000000000000"
# An ID of the user guide's shape that names no store.
MISSING = "EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE"


@pytest.fixture(scope="module")
def lake(start_server):
    """A server on a store of its own, so that its event data stores count against nobody else's 10."""
    return start_server("queries")


@pytest.fixture(scope="module")
def store(lake):
    """The ARN of an event data store on `lake` (deleted when the module ends)."""
    client = lake.client()
    arn = client.create_event_data_store(Name="queries", TerminationProtectionEnabled=False)["EventDataStoreArn"]
    yield arn
    client.delete_event_data_store(EventDataStore=arn)


def describe_when_ended(client, query_id, seconds):
    """DescribeQuery once the query has left QUEUED and RUNNING, or after `seconds` (real time)."""
    deadline = time.monotonic() + seconds
    while True:
        described = client.describe_query(QueryId=query_id)
        if described["QueryStatus"] not in ("QUEUED", "RUNNING") or time.monotonic() > deadline:
            return described
        time.sleep(0.1)


def error_code(raised):
    return raised.value.response["Error"]["Code"]


def test_describe_of_an_unknown_query_is_query_id_not_found(server):
    client = server.client()
    with pytest.raises(client.exceptions.QueryIdNotFoundException) as raised:
        client.describe_query(QueryId=UNKNOWN)
    assert UNKNOWN in str(raised.value)

    status, _, error = server.aws("cloudtrail", "describe-query", "--query-id", UNKNOWN)
    # aws CLI v1 exits 255 on a service error (v2, whose codes TrailDeck's own CLI follows, 254).
    assert status in (254, 255), error
    # aws CLI v1 adds "(reached max retries: 0)" with retries off, as the suite runs it.
    assert "An error occurred (QueryIdNotFoundException) when calling the DescribeQuery operation" in error
    assert UNKNOWN in error


def test_get_results_and_cancel_of_an_unknown_query_are_query_id_not_found(server):
    client = server.client()
    with pytest.raises(client.exceptions.QueryIdNotFoundException):
        client.get_query_results(QueryId=UNKNOWN)
    with pytest.raises(client.exceptions.QueryIdNotFoundException):
        client.cancel_query(QueryId=UNKNOWN)


def test_a_statement_the_engine_refuses_gets_no_query_id(lake, store):
    client = lake.client()
    with pytest.raises(client.exceptions.InvalidQueryStatementException):
        client.start_query(QueryStatement="DELETE FROM " + store.split("/")[-1])
    assert client.list_queries(EventDataStore=store)["Queries"] == []


def test_a_statement_on_a_store_that_does_not_exist_is_refused(lake):
    client = lake.client()
    with pytest.raises(client.exceptions.ClientError) as raised:
        client.start_query(QueryStatement="SELECT eventName FROM " + MISSING)
    assert error_code(raised) in ("EventDataStoreNotFoundException", "InvalidQueryStatementException")
    assert MISSING in str(raised.value)


@pytest.mark.parametrize("arguments", [
    {},
    {"QueryStatement": "SELECT 1", "QueryAlias": "top-users"},
    {"QueryAlias": "top-users", "QueryParameters": ["x"]},
    {"QueryStatement": "SELECT 1", "QueryParameters": ["x"]},
])
def test_start_query_needs_a_statement_or_a_known_alias(server, arguments):
    client = server.client()
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.start_query(**arguments)


@pytest.mark.parametrize("uri, exception", [
    ("s3://no-such-bucket-for-lake-results/prefix", "S3BucketDoesNotExistException"),
    ("s3://Upper-Case-Bucket", "InvalidS3BucketNameException"),
])
def test_start_query_checks_the_delivery_bucket(lake, store, uri, exception):
    client = lake.client()
    with pytest.raises(client.exceptions.ClientError) as raised:
        client.start_query(QueryStatement="SELECT eventName FROM " + store.split("/")[-1], DeliveryS3Uri=uri)
    assert error_code(raised) == exception


def test_max_query_results_above_a_thousand_is_invalid_max_results(server):
    # botocore checks minimums itself, so only the maximum reaches the server.
    client = server.client()
    with pytest.raises(client.exceptions.InvalidMaxResultsException):
        client.get_query_results(QueryId=UNKNOWN, MaxQueryResults=1001)


def test_list_queries_of_a_store_without_queries_is_empty(lake, unique):
    client = lake.client()
    arn = client.create_event_data_store(Name=unique("empty"), TerminationProtectionEnabled=False)[
        "EventDataStoreArn"]
    try:
        answer = client.list_queries(EventDataStore=arn)
        assert answer["Queries"] == []
        assert "NextToken" not in answer

        status, listed, error = lake.aws("cloudtrail", "list-queries", "--event-data-store", arn.split("/")[-1])
        assert status == 0, error
        assert listed == {"Queries": []}
    finally:
        client.delete_event_data_store(EventDataStore=arn)


def test_list_queries_of_a_store_that_does_not_exist_is_refused(lake):
    client = lake.client()
    with pytest.raises(client.exceptions.EventDataStoreNotFoundException):
        client.list_queries(EventDataStore=MISSING)


@pytest.mark.parametrize("arguments, exception", [
    ({"QueryStatus": "DONE"}, "InvalidQueryStatusException"),
    ({"StartTime": 1767225600, "EndTime": 1767225000}, "InvalidDateRangeException"),
    ({"MaxResults": 1001}, "InvalidMaxResultsException"),
    ({"NextToken": "not-a-token"}, "InvalidNextTokenException"),
])
def test_list_queries_refuses(lake, store, arguments, exception):
    client = lake.client()
    with pytest.raises(client.exceptions.ClientError) as raised:
        client.list_queries(EventDataStore=store, **arguments)
    assert error_code(raised) == exception


def test_list_queries_refuses_an_arn_that_is_not_an_event_data_stores(server):
    client = server.client()
    with pytest.raises(client.exceptions.EventDataStoreARNInvalidException):
        client.list_queries(EventDataStore="arn:aws:cloudtrail:us-east-1:123456789012:trail/main")


def test_a_querys_life(lake, store):
    client = lake.client()
    # The store collects the server's own management calls from its creation on: the ones above.
    client.describe_trails()
    store_id = store.split("/")[-1]
    query_id = client.start_query(
        QueryStatement=f"SELECT eventName, errorCode FROM {store_id} ORDER BY eventName LIMIT 5")["QueryId"]
    assert uuid.UUID(query_id)
    described = describe_when_ended(client, query_id, seconds=60)
    assert described["QueryStatus"] == "FINISHED", described
    assert described["QueryStatistics"]["CreationTime"]
    # Pages of 2 rows, followed to the end, give the LIMIT's rows once each, in order.
    rows, token = [], None
    while True:
        page = client.get_query_results(QueryId=query_id, MaxQueryResults=2, **({"NextToken": token} if token else {}))
        assert page["QueryStatus"] == "FINISHED"
        assert len(page["QueryResultRows"]) <= 2
        rows += page["QueryResultRows"]
        token = page.get("NextToken")
        if not token:
            break
    for row in rows:
        assert [list(column) for column in row] == [["eventName"], ["errorCode"]]
    names = [row[0]["eventName"] for row in rows]
    assert 1 <= len(names) <= 5 and names == sorted(names), rows
    assert page["QueryStatistics"]["TotalResultsCount"] == len(names)
    listed = client.list_queries(EventDataStore=store)["Queries"]
    assert [query["QueryId"] for query in listed] == [query_id]
    with pytest.raises(client.exceptions.InactiveQueryException):
        client.cancel_query(QueryId=query_id)


# The clock of the timeout test's server: it starts here and runs 60 times faster than real time.
TIMEOUT_CLOCK = "2026-01-01T00:00:00Z"


def test_a_query_past_the_servers_query_timeout_ends_timed_out(start_server):
    """`serve --query-timeout 60` is 60 s of the store's clock, which `--speed 60` makes one real second:
    a statement that only a timeout ends (a five-way cross join of 200 events, 3.2e11 combinations)
    stops TIMED_OUT within seconds, where the real clock's rate would take a minute, past the deadline."""
    created = {}

    def seed(server):
        arn = server.run_json("create-event-data-store", "--name", "slow", "--no-termination-protection-enabled",
                              "--now", TIMEOUT_CLOCK)["EventDataStoreArn"]
        created["id"] = arn.split("/")[-1]
        records = [{"eventVersion": "1.08", "eventTime": f"2025-12-31T23:{n // 60:02d}:{n % 60:02d}Z",
                    "eventSource": "ec2.amazonaws.com", "eventName": "DescribeInstances",
                    "awsRegion": "us-east-1", "eventID": f"00000000-0000-4000-9000-{n:012d}",
                    "eventType": "AwsApiCall", "readOnly": True, "recipientAccountId": "123456789012",
                    "eventCategory": "Management", "managementEvent": True} for n in range(200)]
        log = Path(server.folder, "slow.json")
        log.write_text(json.dumps({"Records": records}))
        server.run("ingest", log, "--event-data-store", arn, "--now", TIMEOUT_CLOCK)

    slow = start_server("query-timeout", now=TIMEOUT_CLOCK, seed=seed,
                        options=["--speed", "60", "--query-timeout", "60"])
    client = slow.client()
    tables = ", ".join(f"{created['id']} t{n}" for n in range(5))
    query_id = client.start_query(QueryStatement=f"SELECT count(*) FROM {tables}")["QueryId"]
    described = describe_when_ended(client, query_id, seconds=45)
    assert described["QueryStatus"] == "TIMED_OUT", described
    assert described["ErrorMessage"] == "The query ran longer than 60 s, the timeout; partial results were kept."
    # Clock time: at least the timeout, whatever the real time it took.
    assert described["QueryStatistics"]["ExecutionTimeInMillis"] >= 60_000, described
    assert [query["QueryStatus"] for query in client.list_queries(EventDataStore=created["id"])["Queries"]] == [
        "TIMED_OUT"]
