"""The demo organization's service-linked channel through the server, with boto3 and the real aws CLI:
listed and read like the user guide's example, refused to every change (OperationNotPermittedException)
and to PutAuditEvents (ChannelUnsupportedSchema), and its creation in Event history as an AwsServiceEvent."""

import json

import botocore.exceptions
import pytest

from conftest import DEMO_END, DEMO_START, utc

NAME = "aws-service-channel/securitylake/management-events"
SOURCE_CONFIG = {"ApplyToAllRegions": False, "AdvancedEventSelectors": [
    {"Name": "Management events", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}]}]}
EVENT_DATA = json.dumps({"version": "1.0", "userIdentity": {"type": "CustomUser", "principalId": "alice"},
                         "eventSource": "myapp.example.com", "eventName": "UserLoggedIn",
                         "eventTime": "2026-01-01T00:00:00", "UID": "u-1", "recipientAccountId": "000000000000"})


@pytest.fixture(scope="module")
def channel_arn(server):
    """The ARN of the demo's service-linked channel, as ListChannels names it."""
    channels = server.client().list_channels()["Channels"]
    found = [c["ChannelArn"] for c in channels if c["Name"] == NAME]
    assert len(found) == 1, channels
    return found[0]


def error_code(call):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call()
    return caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"], \
        caught.value.response["ResponseMetadata"]["HTTPStatusCode"]


def test_boto3_lists_and_gets_it_as_the_guide_shows(server, channel_arn):
    client = server.client()
    assert channel_arn.startswith("arn:aws:cloudtrail:us-east-1:")
    got = client.get_channel(Channel=channel_arn.rsplit("/", 1)[1])
    got.pop("ResponseMetadata")
    assert got == {"ChannelArn": channel_arn, "Name": NAME, "Source": "CloudTrail", "SourceConfig": SOURCE_CONFIG,
                   "Destinations": [{"Type": "AWS_SERVICE", "Location": "securitylake"}], "IngestionStatus": {}}


def test_boto3_changes_are_refused_naming_the_service(server, channel_arn):
    client = server.client()
    policy = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": ["444455556666"]}, "Action": "cloudtrail-data:PutAuditEvents",
        "Resource": channel_arn}]})
    calls = {
        "update": lambda: client.update_channel(Channel=channel_arn, Name="mine"),
        "delete": lambda: client.delete_channel(Channel=channel_arn),
        "put a resource policy on": lambda: client.put_resource_policy(ResourceArn=channel_arn,
                                                                       ResourcePolicy=policy),
        "delete the resource policy of": lambda: client.delete_resource_policy(ResourceArn=channel_arn),
    }
    for action, call in calls.items():
        code, message, status = error_code(call)
        assert (code, status) == ("OperationNotPermittedException", 400), action
        assert message == (f"Channel {NAME} ({channel_arn}) is a service-linked channel managed by securitylake: "
                           f"only securitylake can {action} it.")
    assert client.get_channel(Channel=channel_arn)["Name"] == NAME


def test_boto3_put_audit_events_answers_unsupported_schema(server, channel_arn):
    data = server.client("cloudtrail-data")
    code, message, status = error_code(
        lambda: data.put_audit_events(channelArn=channel_arn, auditEvents=[{"id": "one", "eventData": EVENT_DATA}]))
    assert (code, status) == ("ChannelUnsupportedSchema", 400)
    assert "service-linked channel managed by securitylake" in message
    assert server.client().get_channel(Channel=channel_arn)["IngestionStatus"] == {}


def test_its_creation_is_an_aws_service_event_in_history(server, channel_arn):
    events = server.client().lookup_events(
        LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "CreateServiceLinkedChannel"}],
        StartTime=utc(DEMO_START), EndTime=utc(DEMO_END))["Events"]
    assert len(events) == 1
    record = json.loads(events[0]["CloudTrailEvent"])
    assert record["eventType"] == "AwsServiceEvent" and record["eventSource"] == "cloudtrail.amazonaws.com"
    assert record["userIdentity"]["invokedBy"] == "AWS Internal"
    assert record["resources"] == [{"accountId": record["recipientAccountId"], "type": "AWS::CloudTrail::Channel",
                                    "ARN": channel_arn}]


def test_the_aws_cli_lists_gets_and_is_refused(server, channel_arn):
    status, listed, error = server.aws("cloudtrail", "list-channels")
    assert status == 0, error
    assert {"ChannelArn": channel_arn, "Name": NAME} in listed["Channels"]
    status, got, error = server.aws("cloudtrail", "get-channel", "--channel", channel_arn)
    assert status == 0, error
    assert got["Source"] == "CloudTrail" and got["SourceConfig"] == SOURCE_CONFIG
    assert got["Destinations"] == [{"Type": "AWS_SERVICE", "Location": "securitylake"}]

    # The aws CLI exits 254 on a service error (255 in its first version, which `python3 -m awscli` may be).
    for args in (("update-channel", "--channel", channel_arn, "--name", "mine"),
                 ("delete-channel", "--channel", channel_arn)):
        status, _, error = server.aws("cloudtrail", *args)
        assert status in (254, 255), error
        assert "An error occurred (OperationNotPermittedException)" in error
        assert "managed by securitylake" in error

    events = json.dumps([{"id": "one", "eventData": EVENT_DATA}])
    status, _, error = server.aws("cloudtrail-data", "put-audit-events", "--channel-arn", channel_arn,
                                  "--audit-events", events)
    assert status in (254, 255), error
    assert "An error occurred (ChannelUnsupportedSchema) when calling the PutAuditEvents operation" in error
