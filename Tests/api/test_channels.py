"""Lake channels and PutAuditEvents through the server with boto3 and the real aws CLI: a channel's
life, resource policies with an external id checked against the caller's signed account, per-event
errors, Lake queries over the integration schema, and 50 concurrent callers that lose nothing."""

import base64
import concurrent.futures
import hashlib
import json
import sqlite3
import time

import pytest

OWNER_KEY, OWNER_SECRET, OWNER = "AKIDCHANNELOWNER0001", "owner-secret", "111122223333"
PARTNER_KEY, PARTNER_SECRET, PARTNER = "AKIDCHANNELPARTNER01", "partner-secret", "444455556666"
SELECTORS = [{"Name": "outside AWS", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["ActivityAuditLog"]}]}]


@pytest.fixture(scope="module")
def lake(start_server, scratch_root):
    """A server that checks signatures: the channel's owner and a partner are two accounts."""
    path = scratch_root / "channel-credentials.txt"
    path.write_text(f"{OWNER_KEY} {OWNER_SECRET} {OWNER}\n{PARTNER_KEY} {PARTNER_SECRET} {PARTNER}\n")
    return start_server("channels", credentials=str(path))


def owner(lake, service="cloudtrail"):
    return lake.client(service, key=OWNER_KEY, secret=OWNER_SECRET)


def partner(lake, service="cloudtrail-data"):
    return lake.client(service, key=PARTNER_KEY, secret=PARTNER_SECRET)


def event_data(uid, name="UserLoggedIn", recipient=OWNER, **extra):
    data = {"version": "1.0", "userIdentity": {"type": "CustomUser", "principalId": "alice"},
            "userAgent": "myapp/1.0", "eventSource": "myapp.example.com", "eventName": name,
            "eventTime": "2026-01-01T00:00:00", "UID": uid, "requestParameters": {"mfa": True},
            "sourceIPAddress": "192.0.2.1", "recipientAccountId": recipient}
    data.update(extra)
    return json.dumps(data)


@pytest.fixture(scope="module")
def channel(lake):
    """(channel ARN, store ARN): a Custom channel into a single-region ActivityAuditLog store."""
    client = owner(lake)
    store = client.create_event_data_store(Name="myapp-events", AdvancedEventSelectors=SELECTORS,
                                           MultiRegionEnabled=False)["EventDataStoreArn"]
    created = client.create_channel(Name="myapp", Source="Custom",
                                    Destinations=[{"Type": "EVENT_DATA_STORE", "Location": store}],
                                    Tags=[{"Key": "team", "Value": "sec"}])
    return created["ChannelArn"], store


def query_rows(client, store, sql):
    """The rows of a Lake query over `store` (FROM $S), all pages, values in select order."""
    query_id = client.start_query(QueryStatement=sql.replace("$S", store.rsplit("/", 1)[1]))["QueryId"]
    deadline = time.monotonic() + 120
    while client.describe_query(QueryId=query_id)["QueryStatus"] in ("QUEUED", "RUNNING"):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    rows, token = [], None
    while True:
        page = client.get_query_results(QueryId=query_id, MaxQueryResults=1000, **({"NextToken": token} if token else {}))
        rows += [[next(iter(cell.values())) for cell in row] for row in page.get("QueryResultRows", [])]
        token = page.get("NextToken")
        if not token:
            return rows


def test_a_channels_life_with_boto3(lake, channel):
    arn, store = channel
    client = owner(lake)
    got = client.get_channel(Channel=arn)
    assert got["Name"] == "myapp" and got["Source"] == "Custom"
    assert got["Destinations"] == [{"Type": "EVENT_DATA_STORE", "Location": store}]
    assert [c["ChannelArn"] for c in client.list_channels()["Channels"]] == [arn]
    assert client.list_tags(ResourceIdList=[arn])["ResourceTagList"][0]["TagsList"] == [{"Key": "team", "Value": "sec"}]
    with pytest.raises(client.exceptions.InvalidSourceException):
        client.create_channel(Name="nope", Source="Nobody", Destinations=[{"Type": "EVENT_DATA_STORE", "Location": store}])
    with pytest.raises(client.exceptions.ChannelExistsForEDSException):
        client.update_event_data_store(EventDataStore=store, TerminationProtectionEnabled=False)
        client.delete_event_data_store(EventDataStore=store)
    client.update_event_data_store(EventDataStore=store, TerminationProtectionEnabled=True)
    # The partner's account sees none of the owner's channels.
    assert partner(lake, "cloudtrail").list_channels()["Channels"] == []


def test_put_audit_events_with_boto3_stores_good_events_and_names_bad_ones(lake, channel):
    arn, store = channel
    data = owner(lake, "cloudtrail-data")
    good = event_data("u-1")
    checksum = base64.b64encode(hashlib.sha256(good.encode()).digest()).decode()
    answer = data.put_audit_events(channelArn=arn, auditEvents=[
        {"id": "good", "eventData": good, "eventDataChecksum": checksum},
        {"id": "bad-sum", "eventData": good, "eventDataChecksum": "AAAA"},
        {"id": "no-uid", "eventData": json.dumps({k: v for k, v in json.loads(good).items() if k != "UID"})},
        {"id": "elsewhere", "eventData": event_data("u-2", recipient=PARTNER)},
    ])
    assert [s["id"] for s in answer["successful"]] == ["good"]
    assert [(f["id"], f["errorCode"]) for f in answer["failed"]] == [
        ("bad-sum", "InvalidChecksum"), ("no-uid", "FieldNotFound"), ("elsewhere", "InvalidRecipient")]
    event_id = answer["successful"][0]["eventID"]

    status = owner(lake).get_channel(Channel=arn)["IngestionStatus"]
    assert status["LatestIngestionSuccessEventID"] == event_id
    assert status["LatestIngestionErrorCode"] == "InvalidRecipient"

    with pytest.raises(data.exceptions.DuplicatedAuditEventId):
        data.put_audit_events(channelArn=arn, auditEvents=[{"id": "x", "eventData": good}] * 2)
    with pytest.raises(data.exceptions.ChannelNotFound):
        data.put_audit_events(channelArn=arn.rsplit("/", 1)[0] + "/0f0e0d0c-1111-2222-3333-444455556666",
                              auditEvents=[{"id": "x", "eventData": good}])
    with pytest.raises(data.exceptions.InvalidChannelARN):
        data.put_audit_events(channelArn="channel/abc", auditEvents=[{"id": "x", "eventData": good}])

    rows = query_rows(owner(lake), store,
                      "SELECT eventData.eventName, eventData.uid, metadata.channelArn, eventCategory, eventType, "
                      "element_at(eventData.requestParameters, 'mfa') FROM $S WHERE eventId = '" + event_id + "'")
    assert rows == [["UserLoggedIn", "u-1", arn, "ActivityAuditLog", "ActivityLog", "true"]]


def test_a_partner_needs_the_policy_and_its_external_id_with_the_aws_cli(lake, channel):
    arn, store = channel
    events = json.dumps([{"id": "p1", "eventData": event_data("partner-1")}])
    env = {"AWS_ACCESS_KEY_ID": PARTNER_KEY, "AWS_SECRET_ACCESS_KEY": PARTNER_SECRET}
    status, _, error = lake.aws("cloudtrail-data", "put-audit-events", "--channel-arn", arn, "--audit-events", events,
                                env=env)
    assert status in (254, 255), error
    assert "An error occurred (ChannelInsufficientPermission) when calling the PutAuditEvents operation" in error

    policy = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "ChannelPolicy", "Effect": "Allow", "Principal": {"AWS": [f"arn:aws:iam::{PARTNER}:root"]},
        "Action": "cloudtrail-data:PutAuditEvents", "Resource": arn,
        "Condition": {"StringEquals": {"cloudtrail:ExternalId": "partner-secret-id"}}}]})
    owner_env = {"AWS_ACCESS_KEY_ID": OWNER_KEY, "AWS_SECRET_ACCESS_KEY": OWNER_SECRET}
    status, put, error = lake.aws("cloudtrail", "put-resource-policy", "--resource-arn", arn, "--resource-policy",
                                  policy, env=owner_env)
    assert status == 0, error
    assert put["ResourceArn"] == arn and json.loads(put["ResourcePolicy"]) == json.loads(policy)
    status, _, error = lake.aws("cloudtrail", "put-resource-policy", "--resource-arn", arn, "--resource-policy",
                                policy.replace("cloudtrail-data:PutAuditEvents", "cloudtrail:StartQuery"), env=owner_env)
    assert "ResourcePolicyNotValidException" in error

    # Without the external id the policy's statement does not apply; with it, the partner may put.
    status, _, error = lake.aws("cloudtrail-data", "put-audit-events", "--channel-arn", arn, "--audit-events", events,
                                env=env)
    assert "ChannelInsufficientPermission" in error
    status, answer, error = lake.aws("cloudtrail-data", "put-audit-events", "--channel-arn", arn, "--external-id",
                                     "partner-secret-id", "--audit-events", events, env=env)
    assert status == 0, error
    assert [s["id"] for s in answer["successful"]] == ["p1"] and answer["failed"] == []

    status, got, error = lake.aws("cloudtrail", "get-resource-policy", "--resource-arn", arn, env=owner_env)
    assert status == 0 and got["ResourceArn"] == arn, error


def test_fifty_concurrent_callers_lose_nothing(lake, channel):
    arn, store = channel
    callers, calls, per_call = 50, 4, 25

    def call(caller):
        client = owner(lake, "cloudtrail-data")
        acknowledged = []
        for n in range(calls):
            answer = client.put_audit_events(channelArn=arn, auditEvents=[
                {"id": f"e{i}", "eventData": event_data(f"load-{caller}-{n}-{i}", name="Load")} for i in range(per_call)])
            assert answer["failed"] == []
            acknowledged += [s["eventID"] for s in answer["successful"]]
        return acknowledged

    with concurrent.futures.ThreadPoolExecutor(max_workers=callers) as pool:
        acknowledged = [event for events in pool.map(call, range(callers)) for event in events]
    assert len(acknowledged) == callers * calls * per_call == len(set(acknowledged))
    stored = [row[0] for row in query_rows(owner(lake), store, "SELECT eventId FROM $S WHERE eventData.eventName = 'Load'")]
    assert sorted(stored) == sorted(acknowledged)


def test_put_audit_events_calls_are_data_events_of_their_channel(lake, channel):
    arn, _ = channel
    client = owner(lake)
    calls = client.create_event_data_store(
        Name="channel-calls", TerminationProtectionEnabled=False,
        AdvancedEventSelectors=[{"FieldSelectors": [
            {"Field": "eventCategory", "Equals": ["Data"]},
            {"Field": "resources.type", "Equals": ["AWS::CloudTrail::Channel"]}]}])["EventDataStoreArn"]
    owner(lake, "cloudtrail-data").put_audit_events(channelArn=arn, auditEvents=[
        {"id": "data-event", "eventData": event_data("data-event-1")}])
    deadline = time.monotonic() + 30
    while True:
        rows = query_rows(client, calls, "SELECT eventSource, eventName, element_at(requestParameters, 'channelArn'), "
                                         "resources[1].type, resources[1].arn, managementEvent, readOnly FROM $S")
        if rows or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert rows and rows[0] == ["cloudtrail-data.amazonaws.com", "PutAuditEvents", arn, "AWS::CloudTrail::Channel", arn,
                                "false", "false"]
