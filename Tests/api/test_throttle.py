"""`traildeck serve --throttle`: CloudTrail's quotas per account and region, as boto3 sees them."""

import botocore.exceptions


def test_lookup_events_over_two_a_second_is_throttled(throttled_server):
    # No retries: botocore retries a ThrottlingException after a back-off, which hides it. Its
    # `max_attempts` counts retries (1 is one retry); `total_max_attempts` counts the first call too.
    client = throttled_server.client(retries={"total_max_attempts": 1, "mode": "standard"})
    answers = []
    # Two tokens a second: of eight calls in a burst (well under a second), at least the third fails.
    for _ in range(8):
        try:
            client.lookup_events(MaxResults=1)
            answers.append("ok")
        except botocore.exceptions.ClientError as error:
            answers.append(error)
    throttled = [a for a in answers if a != "ok"]
    assert answers[:2] == ["ok", "ok"], answers
    assert throttled, answers
    for error in throttled:
        assert error.response["Error"]["Code"] == "ThrottlingException"
        assert error.response["Error"]["Message"] == "Rate exceeded"
        assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    # Other operations have their own quotas: DescribeTrails (10 a second) still answers.
    assert client.describe_trails()["trailList"] == []


def test_without_throttle_a_burst_is_served(server):
    client = server.client()
    for _ in range(5):
        client.lookup_events(MaxResults=1)
