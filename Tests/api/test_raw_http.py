"""CloudTrail's JSON 1.1 protocol spoken by hand (urllib): bad bodies, unknown operations and oversized
requests are answered `{"__type": …, "message": …}` with the right exception, and the server goes on."""

import pytest

from conftest import ACCESS_KEY, SECRET_KEY

CASES = [
    # (operation, body, exception)
    ("DescribeTrails", b'{"trailNameList": [', "SerializationException"),
    ("DescribeTrails", b"not json at all", "SerializationException"),
    ("DescribeTrails", {"trailNameList": "main"}, "SerializationException"),
    ("LookupEvents", {"MaxResults": "fifty"}, "SerializationException"),
    ("LookupEvents", {"StartTime": "yesterday"}, "SerializationException"),
    ("GetTrail", {}, "ValidationException"),
    ("CreateTrail", {"Name": "missing-bucket"}, "ValidationException"),
    ("RegisterOrganizationDelegatedAdmin", {"MemberAccountId": "123"}, "ValidationException"),
    ("LookupEvents", {"MaxResults": 51}, "InvalidMaxResultsException"),
    ("LookupEvents", {"MaxResults": 0}, "InvalidMaxResultsException"),
    ("FlyToTheMoon", {}, "UnknownOperationException"),
]


def assert_error(status, body, exception, expected_status=400):
    assert status == expected_status, body
    assert isinstance(body, dict), body
    assert set(body) == {"__type", "message"}, body
    assert body["__type"] == exception, body
    assert isinstance(body["message"], str) and body["message"].strip(), body


def assert_still_serving(server):
    status, _, body = server.raw({}, target="CloudTrail_20131101.ListTrails")
    assert status == 200 and "Trails" in body, body


@pytest.mark.parametrize("signed", [False, True], ids=["unsigned", "signed"])
@pytest.mark.parametrize("operation, body, exception", CASES,
                         ids=[f"{c[0]}-{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_bad_requests_get_their_exception(server, operation, body, exception, signed):
    status, headers, answer = server.raw(body, target=f"CloudTrail_20131101.{operation}",
                                         sign=(ACCESS_KEY, SECRET_KEY) if signed else None)
    assert_error(status, answer, exception)
    assert headers.get("Content-Type", "").startswith("application/x-amz-json-1.1")
    assert headers.get("x-amzn-RequestId")
    assert_still_serving(server)


def test_validation_messages_are_worded_as_aws_words_them(server):
    status, _, body = server.raw({}, target="CloudTrail_20131101.GetTrail")
    assert_error(status, body, "ValidationException")
    assert body["message"] == ("1 validation error detected: Value null at 'name' failed to satisfy constraint: "
                               "Member must not be null")
    status, _, body = server.raw({"MemberAccountId": "123"},
                                 target="CloudTrail_20131101.RegisterOrganizationDelegatedAdmin")
    assert_error(status, body, "ValidationException")
    assert body["message"] == ("1 validation error detected: Value '123' at 'memberAccountId' failed to satisfy "
                               "constraint: Member must have length greater than or equal to 12")


def test_the_long_target_form_is_understood(server):
    status, _, body = server.raw({}, target="com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.ListTrails")
    assert status == 200 and "Trails" in body, body


@pytest.mark.parametrize("target", [None, "CloudTrail_20131101.", "Kinesis_20131202.ListStreams"])
def test_a_missing_or_foreign_target_is_unknown_operation(server, target):
    # Signed, so the scope says `cloudtrail` even without a target.
    status, _, body = server.raw({}, target=target, sign=(ACCESS_KEY, SECRET_KEY))
    assert_error(status, body, "UnknownOperationException")
    assert_still_serving(server)


@pytest.mark.parametrize("signed", [False, True], ids=["unsigned", "signed"])
def test_a_body_over_one_mebibyte_is_refused_with_413(server, signed):
    padding = " " * ((1 << 20) + 100)
    body = ('{"LookupAttributes": []' + padding + "}").encode()
    status, _, answer = server.raw(body, target="CloudTrail_20131101.LookupEvents",
                                   sign=(ACCESS_KEY, SECRET_KEY) if signed else None)
    assert_error(status, answer, "ValidationException", expected_status=413)
    # The server stops reading at the limit, so the message gives the limit, not a made-up size.
    assert answer["message"] == "The request body is larger than 1048576 bytes, the most CloudTrail's API takes."
    assert_still_serving(server)


def test_a_body_of_exactly_one_mebibyte_is_taken(server):
    body = b"{}" + b" " * ((1 << 20) - 2)
    status, _, answer = server.raw(body, target="CloudTrail_20131101.ListTrails")
    assert status == 200 and "Trails" in answer, answer
