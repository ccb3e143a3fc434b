#!/usr/bin/env python3
"""Runs the aws CLI's own `validate-logs` code over TrailDeck's buckets folder and public keys.

An independent check of TrailDeck's digests and of its `validate-logs`: awscli's
`CloudTrailValidateLogs` command (its digest traverser, signature validator and printing) runs
unchanged; only the two AWS clients it talks to are replaced:

- S3 is the buckets folder: bucket NAME is BUCKETS/NAME/, object KEY the file at that path, user
  metadata the non-header members of KEY.metadata.json (what boto3 shows as `Metadata`).
- SSE-KMS objects (TrailDeck's `KmsEnvelope`, starting `TDKM`) are decrypted with the key ring
  beside the buckets folder (`kms/KEYID.json`), as S3 serves them; this needs the `cryptography`
  package, imported only when such an object is read.
- CloudTrail's ListPublicKeys runs `traildeck list-public-keys` against the store and hands back its
  JSON (`Value` base64, as awscli's own tests feed the validator).

Usage:
  awscli_validate.py --traildeck BIN --db STORE --buckets DIR [--region R] -- VALIDATE-LOGS-ARGS...

Prints exactly what `aws cloudtrail validate-logs VALIDATE-LOGS-ARGS` would print and exits with its
status (255 with the message between blank lines on stderr when the command raises, as the CLI's
driver does).
"""

import argparse
import base64
import io
import json
import os
import subprocess
import sys

from botocore.exceptions import ClientError

from awscli.customizations.cloudtrail.validation import CloudTrailValidateLogs

SYSTEM_HEADERS = {
    'Content-Type',
    'Content-Encoding',
    'x-amz-server-side-encryption',
    'x-amz-server-side-encryption-aws-kms-key-id',
}
SIDECAR = '.metadata.json'
TEMPORARY = '.traildeck-tmp-'
ENVELOPE = b'TDKM\x01'


def client_error(code, operation, message):
    return ClientError({'Error': {'Code': code, 'Message': message}}, operation)


class FolderPageIterator:
    def __init__(self, keys):
        self._keys = keys

    def search(self, expression):
        assert expression == 'Contents[*].Key', expression
        return iter(self._keys)


class FolderPaginator:
    def __init__(self, s3):
        self._s3 = s3

    def paginate(self, Bucket, Marker='', Prefix=''):
        return FolderPageIterator(self._s3.list_keys(Bucket, Marker, Prefix))


class FolderS3:
    """The part of an S3 client validate-logs uses, over the buckets folder."""

    def __init__(self, root):
        self._root = root

    def _bucket(self, bucket, operation):
        path = os.path.join(self._root, bucket)
        if not os.path.isdir(path):
            raise client_error(
                'NoSuchBucket', operation, 'The specified bucket does not exist'
            )
        return path

    def list_keys(self, bucket, marker, prefix):
        root = self._bucket(bucket, 'ListObjects')
        keys = []
        for folder, _, files in os.walk(root):
            for name in files:
                if name.endswith(SIDECAR) or name.startswith(TEMPORARY):
                    continue
                key = os.path.relpath(os.path.join(folder, name), root)
                if key.startswith(prefix) and key.encode() > marker.encode():
                    keys.append(key)
        return sorted(keys, key=lambda k: k.encode())

    def get_paginator(self, name):
        assert name == 'list_objects', name
        return FolderPaginator(self)

    def get_object(self, Bucket, Key):
        path = os.path.join(self._bucket(Bucket, 'GetObject'), Key)
        if not os.path.isfile(path):
            raise client_error(
                'NoSuchKey', 'GetObject', 'The specified key does not exist.'
            )
        metadata = {}
        if os.path.isfile(path + SIDECAR):
            with open(path + SIDECAR) as sidecar:
                metadata = {
                    name: value
                    for name, value in json.load(sidecar).items()
                    if name not in SYSTEM_HEADERS
                }
        with open(path, 'rb') as body:
            data = body.read()
        if data[:5] == ENVELOPE:
            data = self._decrypt(data, Key)
        return {'Body': io.BytesIO(data), 'Metadata': metadata}

    def _decrypt(self, data, key):
        """Opens a `KmsEnvelope` (layout in Sources/TrailCore/KMS/KmsEnvelope.swift)."""
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        id_length = data[5]
        key_id = data[6 : 6 + id_length]
        offset = 6 + id_length
        wrapped_length = data[offset]
        wrapped = data[offset + 1 : offset + 1 + wrapped_length]
        nonce_end = offset + 1 + wrapped_length + 12
        ring = os.path.join(os.path.dirname(os.path.abspath(self._root)), 'kms')
        try:
            with open(os.path.join(ring, key_id.decode() + '.json')) as key_file:
                material = base64.b64decode(json.load(key_file)['material'])
        except FileNotFoundError:
            raise client_error(
                'KMS.NotFoundException', 'GetObject', 'Key %s not found' % key_id.decode()
            )
        data_key = AESGCM(material).decrypt(wrapped[:12], wrapped[12:], key_id)
        return AESGCM(data_key).decrypt(
            data[nonce_end - 12 : nonce_end], data[nonce_end:], data[:nonce_end]
        )


class FolderS3Provider:
    def __init__(self, root):
        self._client = FolderS3(root)

    def get_client(self, bucket_name):
        return self._client


class TrailDeckCloudTrail:
    """ListPublicKeys answered by `traildeck list-public-keys`."""

    def __init__(self, traildeck, db, region):
        self._traildeck = traildeck
        self._db = db
        self._region = region

    def list_public_keys(self, StartTime, EndTime):
        stamp = '%Y-%m-%dT%H:%M:%SZ'
        arguments = [
            self._traildeck, 'list-public-keys', '--db', self._db,
            '--start-time', StartTime.strftime(stamp),
            '--end-time', EndTime.strftime(stamp),
        ]
        if self._region:
            arguments += ['--region', self._region]
        result = subprocess.run(arguments, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(
                'traildeck list-public-keys failed: ' + result.stderr.strip()
            )
        return json.loads(result.stdout)

    def describe_trails(self):
        # TrailDeck keeps no trails yet: tests always pass --s3-bucket.
        return {'trailList': []}


class NoOrganizations:
    def describe_organization(self):
        raise client_error(
            'AWSOrganizationsNotInUseException', 'DescribeOrganization',
            'Your account is not a member of an organization.'
        )


class FolderValidateLogs(CloudTrailValidateLogs):
    def __init__(self, s3_provider, cloudtrail, region):
        super().__init__(session=None)
        self._s3_provider = s3_provider
        self._cloudtrail = cloudtrail
        self._region = region

    def setup_services(self, parsed_globals):
        self._source_region = self._region
        self.s3_client_provider = self._s3_provider
        self.organization_client = NoOrganizations()
        self.cloudtrail_client = self._cloudtrail


def main():
    options = argparse.ArgumentParser()
    options.add_argument('--traildeck', required=True)
    options.add_argument('--db', required=True)
    options.add_argument('--buckets', required=True)
    options.add_argument('--region')
    ours, rest = options.parse_known_args()
    if rest and rest[0] == '--':
        rest = rest[1:]

    # validate-logs' own flags, as its ARG_TABLE defines them.
    flags = argparse.ArgumentParser(prog='validate-logs')
    flags.add_argument('--trail-arn', required=True)
    flags.add_argument('--start-time', required=True)
    flags.add_argument('--end-time')
    flags.add_argument('--s3-bucket')
    flags.add_argument('--s3-prefix')
    flags.add_argument('--account-id')
    flags.add_argument('--verbose', action='store_true')
    args = flags.parse_args(rest)

    trail_region = args.trail_arn.split(':')[3] if args.trail_arn.count(':') >= 3 else None
    command = FolderValidateLogs(
        FolderS3Provider(ours.buckets),
        TrailDeckCloudTrail(ours.traildeck, ours.db, ours.region or trail_region),
        ours.region,
    )
    globals_ = argparse.Namespace(region=ours.region, verify_ssl=True, endpoint_url=None)
    try:
        status = command._run_main(args, globals_)
    except Exception as error:
        # awscli's driver: write_exception, then exit 255.
        sys.stdout.flush()
        sys.stderr.write('\n' + str(error) + '\n')
        status = 255
    sys.stdout.flush()
    sys.stderr.flush()
    sys.exit(status)


if __name__ == '__main__':
    main()
