"""Signed Lake query results through the server: a query started with boto3 (DeliveryS3Uri) under a
fixed clock, its result files read back through the server's S3 view and checked the way
`aws cloudtrail verify-query-results` (aws CLI v2) checks them — SHA-256 of each file, ListPublicKeys from
queryCompleteTime to 20 days later for the fingerprint, SHA256withRSA over the joined hashes, in
Python with `cryptography` — and `traildeck verify-query-results` on the same bucket agreeing, intact
and tampered.

The aws CLI installed here is v1, which has no `verify-query-results` (a v2 customization):
`test_the_aws_cli_command_agrees` runs it only where the installed aws CLI has it."""

import datetime
import hashlib
import json
import time

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.serialization import load_der_public_key

from conftest import utc

NOW = "2026-11-20T10:00:00Z"
BUCKET = "lake-results"


@pytest.fixture(scope="module")
def lake(start_server):
    return start_server("verify-results", now=NOW)


@pytest.fixture(scope="module")
def delivered(lake):
    """(bucket, prefix of the query's folder ending in `/`, query id) of a FINISHED, delivered query."""
    lake.make_bucket(BUCKET)
    client = lake.client()
    store = client.create_event_data_store(Name="verify", TerminationProtectionEnabled=False)["EventDataStoreArn"]
    store_id = store.split("/")[-1]
    query_id = client.start_query(QueryStatement=f"SELECT eventName, count(*) AS calls FROM {store_id} "
                                                 "GROUP BY eventName ORDER BY eventName",
                                  DeliveryS3Uri=f"s3://{BUCKET}/exports")["QueryId"]
    deadline = time.monotonic() + 60
    while True:
        described = client.describe_query(QueryId=query_id)
        if described["QueryStatus"] not in ("QUEUED", "RUNNING") and described.get("DeliveryStatus") != "PENDING":
            break
        assert time.monotonic() < deadline, described
        time.sleep(0.1)
    assert described["QueryStatus"] == "FINISHED", described
    assert described["DeliveryStatus"] == "SUCCESS", described
    s3 = lake.client("s3")
    keys = [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET, Prefix="exports/").get("Contents", [])]
    signs = [key for key in keys if key.endswith(f"/{query_id}/result_sign.json")]
    assert len(signs) == 1, keys
    prefix = signs[0][: -len("result_sign.json")]
    assert prefix.startswith("exports/AWSLogs/") and "/CloudTrail-Lake/Query/2026/11/20/" in prefix, prefix
    yield BUCKET, prefix, query_id
    client.delete_event_data_store(EventDataStore=store)


def verify_like_the_aws_cli(lake, bucket, prefix):
    """The aws CLI v2 customization's steps through boto3; raises AssertionError naming the failed step."""
    s3 = lake.client("s3")
    sign = json.loads(s3.get_object(Bucket=bucket, Key=prefix + "result_sign.json")["Body"].read())
    assert sign["files"], "No export file was found in sign file."
    for entry in sign["files"]:
        body = s3.get_object(Bucket=bucket, Key=prefix + entry["fileName"])["Body"].read()
        computed = hashlib.sha256(body).hexdigest()
        assert computed == entry["fileHashValue"], f"File {entry['fileName']} has inconsistent hash value"
    completed = utc(sign["queryCompleteTime"])
    keys = lake.client().list_public_keys(StartTime=completed,
                                          EndTime=completed + datetime.timedelta(days=20))["PublicKeyList"]
    matching = [key for key in keys if key["Fingerprint"] == sign["publicKeyFingerprint"]]
    assert matching, f"No public keys found for key with fingerprint: {sign['publicKeyFingerprint']}"
    public_key = load_der_public_key(matching[0]["Value"])
    signed = " ".join(entry["fileHashValue"] for entry in sign["files"]).encode()
    try:
        public_key.verify(bytes.fromhex(sign["hashSignature"]), signed, PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        raise AssertionError("Invalid signature in sign file")
    return sign


def test_delivered_results_verify_in_python_and_with_traildeck(lake, delivered):
    bucket, prefix, _ = delivered
    sign = verify_like_the_aws_cli(lake, bucket, prefix)
    assert [entry["fileName"] for entry in sign["files"]] == ["result_1.csv.gz"]
    assert sign["hashAlgorithm"] == "SHA-256" and sign["signatureAlgorithm"] == "SHA256withRSA"
    assert sign["queryCompleteTime"] == NOW

    # The aws CLI takes the prefix with or without its trailing slash.
    for given in (prefix, prefix.rstrip("/")):
        result = lake.run("verify-query-results", "--s3-bucket", bucket, "--s3-prefix", given, "--now", NOW)
        assert result.stdout == "Successfully validated sign and query result files\n"


def test_a_tampered_result_file_fails_both_checks(lake, delivered, start_server):
    bucket, prefix, _ = delivered
    s3 = lake.client("s3")
    key = prefix + "result_1.csv.gz"
    original = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    try:
        s3.put_object(Bucket=bucket, Key=key, Body=original[:-1] + bytes([original[-1] ^ 0xFF]))
        with pytest.raises(AssertionError, match="inconsistent hash value"):
            verify_like_the_aws_cli(lake, bucket, prefix)
        result = lake.run("verify-query-results", "--s3-bucket", bucket, "--s3-prefix", prefix, "--now", NOW,
                          check=False)
        assert result.returncode == 255, result
        assert result.stderr.startswith("\nValidationError: File result_1.csv.gz has inconsistent hash value "
                                        "with hash value recorded in sign file, hash value in sign file is "), result
    finally:
        s3.put_object(Bucket=bucket, Key=key, Body=original)
    verify_like_the_aws_cli(lake, bucket, prefix)


def test_the_aws_cli_command_agrees(lake, delivered):
    bucket, prefix, _ = delivered
    status, output, error = lake.aws("cloudtrail", "verify-query-results", "--s3-bucket", bucket,
                                     "--s3-prefix", prefix)
    if "Invalid choice" in error or "invalid choice" in error:
        pytest.skip("the installed aws CLI (v1) has no verify-query-results; it is an aws CLI v2 command")
    assert status == 0, error
    assert "Successfully validated sign and query result files" in str(output)
