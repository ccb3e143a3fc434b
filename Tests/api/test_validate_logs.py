"""A trail made through the API delivers a demo day with log file validation; the real
`aws cloudtrail validate-logs`, pointed at the server for both CloudTrail and S3, finds every digest and
log file valid, then reports a changed log file and a deleted digest, exactly as `traildeck
validate-logs` does over the same folder. The aws CLI part needs the server's S3 view and is skipped
(with the reason) while ListBuckets fails."""

import os
from pathlib import Path

import pytest

DAY_START = "2026-02-01T00:00:00Z"
DAY_END = "2026-02-02T00:00:00Z"
BUCKET = "validated-logs"
NAME = "validated"


@pytest.fixture(scope="module")
def delivered(start_server):
    """A server whose clock stands at DAY_START, a trail it created and started, and the day delivered."""

    def seed(store):
        store.run("demo", "--start", DAY_START, "--hours", "24", "--accounts", "1", "--regions", "1", "--now",
                  DAY_END)

    server = start_server("validate", now=DAY_START, seed=seed)
    server.make_bucket(BUCKET)
    client = server.client()
    arn = client.create_trail(Name=NAME, S3BucketName=BUCKET, EnableLogFileValidation=True)["TrailARN"]
    client.start_logging(Name=NAME)
    server.run("deliver", "--now", DAY_END)
    root = Path(server.buckets, BUCKET)
    files = sorted(str(path.relative_to(root)) for path in root.rglob("*.json.gz"))
    return server, arn, root, files


def traildeck_validate(server, arn):
    result = server.run("validate-logs", "--trail-arn", arn, "--start-time", DAY_START, "--end-time", DAY_END,
                        "--now", DAY_END, "--verbose", check=False)
    return result.returncode, result.stdout, result.stderr


def aws_validate(server, arn):
    # The service-specific endpoint variables, as a user would set them for validate-logs (which makes
    # its S3 clients itself): the global AWS_ENDPOINT_URL is taken away.
    status, output, error = server.aws(
        "cloudtrail", "validate-logs", "--trail-arn", arn, "--start-time", DAY_START, "--end-time", DAY_END,
        "--verbose", endpoint=False,
        env={"AWS_ENDPOINT_URL": None, "AWS_ENDPOINT_URL_CLOUDTRAIL": server.url, "AWS_ENDPOINT_URL_S3": server.url})
    return status, output, error


def test_the_day_is_delivered_in_cloudtrails_layout(delivered):
    server, arn, root, files = delivered
    account = arn.split(":")[4]
    logs = [key for key in files if "CloudTrail-Digest" not in key]
    digests = [key for key in files if "CloudTrail-Digest" in key]
    assert len(digests) >= 23, digests
    assert logs and all(key.startswith(f"AWSLogs/{account}/CloudTrail/us-east-1/2026/02/0") for key in logs)
    assert all((root / (key + ".metadata.json")).is_file() for key in files)
    status, output, error = traildeck_validate(server, arn)
    assert status == 0, output + error
    assert f"{len(digests)}/{len(digests)} digest files valid" in output


def test_aws_validate_logs_through_the_server(delivered):
    server, arn, root, files = delivered
    problem = server.s3_view()
    if problem:
        pytest.skip(problem)
    logs = [key for key in files if "CloudTrail-Digest" not in key]
    digests = sorted(key for key in files if "CloudTrail-Digest" in key)

    # Intact: every digest and log file valid, and the same lines as traildeck's own validator.
    status, output, error = aws_validate(server, arn)
    assert status == 0, f"{output}\n{error}"
    assert error == ""
    assert f"{len(digests)}/{len(digests)} digest files valid" in output
    assert " log files valid" in output and "INVALID" not in output
    assert (status, output, error) == traildeck_validate(server, arn)

    # One byte of a log file changed: that file INVALID.
    damaged = root / logs[len(logs) // 2]
    original = damaged.read_bytes()
    changed = bytearray(original)
    changed[len(changed) // 2] ^= 0x55
    damaged.write_bytes(bytes(changed))
    try:
        status, output, error = aws_validate(server, arn)
        assert status == 1, f"{output}\n{error}"
        assert f"Log file\ts3://{BUCKET}/{logs[len(logs) // 2]}\tINVALID" in error
        assert (status, output, error) == traildeck_validate(server, arn)
    finally:
        damaged.write_bytes(original)

    # A digest deleted: the gap is reported.
    gone = digests[len(digests) // 2]
    kept = {name: (root / name).read_bytes() for name in (gone, gone + ".metadata.json")}
    for name in kept:
        os.remove(root / name)
    try:
        status, output, error = aws_validate(server, arn)
        assert status == 1, f"{output}\n{error}"
        assert f"Digest file\ts3://{BUCKET}/{gone}\tINVALID: not found" in error
        assert (status, output, error) == traildeck_validate(server, arn)
    finally:
        # The other tests of the module read the same delivered bucket.
        for name, content in kept.items():
            (root / name).write_bytes(content)


def test_the_s3_view_shows_the_delivered_bucket(delivered, unique):
    """Waits on the S3 branch: the bucket folder as S3 serves it (path-style, signed for `s3`)."""
    server, arn, root, files = delivered
    problem = server.s3_view()
    if problem:
        pytest.skip(problem)
    s3 = server.client("s3")
    assert BUCKET in [bucket["Name"] for bucket in s3.list_buckets()["Buckets"]]
    assert s3.get_bucket_location(Bucket=BUCKET).get("LocationConstraint") in (None, "", "us-east-1")

    keys = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, PaginationConfig={"PageSize": 100}):
        keys += [item["Key"] for item in page.get("Contents", [])]
    # Exactly the delivered objects: no metadata sidecars, no temporary files, each once.
    assert sorted(keys) == files

    log = next(key for key in files if "CloudTrail-Digest" not in key)
    got = s3.get_object(Bucket=BUCKET, Key=log)
    assert got["Body"].read() == (root / log).read_bytes()
    assert got["ContentLength"] == (root / log).stat().st_size
    digest = next(key for key in files if "CloudTrail-Digest" in key)
    metadata = s3.head_object(Bucket=BUCKET, Key=digest)["Metadata"]
    assert metadata.get("signature") and metadata.get("signature-algorithm") == "SHA256withRSA", metadata
    with pytest.raises(s3.exceptions.NoSuchKey):
        s3.get_object(Bucket=BUCKET, Key="AWSLogs/not-there.json.gz")

    other = unique("s3-view")
    s3.create_bucket(Bucket=other)
    s3.put_object(Bucket=other, Key="notes/hello.txt", Body=b"hello")
    assert Path(server.buckets, other, "notes", "hello.txt").read_bytes() == b"hello"
    status, listing, error = server.aws("s3", "ls", f"s3://{other}/notes/")
    assert status == 0 and "hello.txt" in listing, error
