"""Fixtures for the API suite: a real `traildeck serve` on a free port, driven by the aws CLI and boto3.

The suite is run by `swift test` (Tests/EndToEndTests/APISuiteTests.swift), which sets TRAILDECK_BIN to
the binary it built; run alone it takes `<repo>/.build/debug/traildeck`:

    python3 -m pytest Tests/api -q -x -p no:cacheprovider

Servers:
- `server` (session): a store seeded with two hours of demo events that ended an hour ago (so they lie
  in lookup's 90-day window of the real clock, and the server's own calls, recorded "now", lie outside
  the window the lookup tests ask for); no --credentials, so any signature is accepted.
- `auth_server` (session): a fresh store with `--credentials`, for the signature tests.
- `start_server(...)` (factory): more servers with their own stores (the delivery test's fixed clock).
- `throttled_server` (session): a fresh store served with `--throttle` and a fixed clock.
"""

import datetime
import itertools
import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("TRAILDECK_BIN") or REPO / ".build" / "debug" / "traildeck")
REGION = "us-east-1"
ACCESS_KEY = "AKIDTRAILDECKTEST001"
SECRET_KEY = "traildeck-test-secret-key"

# Nothing of the user's own aws configuration may leak in: credentials and region come from here, the
# config files are empty files of our own, and no instance metadata is asked for.
_AWS_HOME = tempfile.mkdtemp(prefix="traildeck-api-aws-")
for _name in ("config", "credentials"):
    Path(_AWS_HOME, _name).write_text("")
CLIENT_ENV = {
    "AWS_ACCESS_KEY_ID": ACCESS_KEY,
    "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
    "AWS_DEFAULT_REGION": REGION,
    "AWS_REGION": REGION,
    "AWS_CONFIG_FILE": str(Path(_AWS_HOME, "config")),
    "AWS_SHARED_CREDENTIALS_FILE": str(Path(_AWS_HOME, "credentials")),
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_PAGER": "",
    "AWS_MAX_ATTEMPTS": "1",
    "AWS_RETRY_MODE": "standard",
}
for _name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_ENDPOINT_URL"):
    os.environ.pop(_name, None)
os.environ.update(CLIENT_ENV)

import boto3  # noqa: E402  (after the environment is set)
import botocore.auth  # noqa: E402
import botocore.awsrequest  # noqa: E402
import botocore.config  # noqa: E402
import botocore.credentials  # noqa: E402


def utc(text):
    """`2026-01-01T00:00:00Z` as an aware datetime."""
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def iso(moment):
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Server:
    """One running `traildeck serve` and its store, buckets folder and scratch HOME."""

    def __init__(self, folder, *, now=None, credentials=None, name="serve", options=()):
        self.folder = Path(folder)
        self.db = str(self.folder / "store.db")
        self.buckets = str(self.folder / "buckets")
        self.home = str(self.folder / "home")
        self.now = now
        self.credentials = credentials
        self.name = name
        self.options = list(options)
        self.process = None
        self.url = None
        Path(self.buckets).mkdir(parents=True, exist_ok=True)
        Path(self.home).mkdir(parents=True, exist_ok=True)
        self.stderr_path = self.folder / f"{name}.stderr"

    # -- the process ---------------------------------------------------------------------------------

    def env(self, extra=None):
        environment = dict(os.environ)
        environment.update(CLIENT_ENV)
        environment.update({"HOME": self.home, "XDG_DATA_HOME": self.home + "/data", "NO_COLOR": "1",
                            "TERM": "dumb"})
        if self.url:
            environment["AWS_ENDPOINT_URL"] = self.url
        for name, value in (extra or {}).items():
            if value is None:
                environment.pop(name, None)
            else:
                environment[name] = value
        return environment

    def start(self, timeout=60):
        arguments = [str(BINARY), "serve", "--listen", "127.0.0.1:0", "--db", self.db, "--buckets",
                     self.buckets]
        if self.now:
            arguments += ["--now", self.now]
        if self.credentials:
            arguments += ["--credentials", self.credentials]
        arguments += self.options
        self._stderr = open(self.stderr_path, "wb")
        self.process = subprocess.Popen(arguments, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=self._stderr, env=self.env())
        line = self._first_line(timeout)
        prefix = "listening on "
        if not line.startswith(prefix):
            self.process.kill()
            self.process.wait()
            raise AssertionError(f"traildeck serve's first line is {line!r}, not 'listening on URL'\n"
                                 f"stderr:\n{self.stderr_text()}")
        self.url = line[len(prefix):].strip()
        assert self.url.startswith("http://127.0.0.1:"), line
        # Nothing else is expected on stdout, but a full pipe must never stall the server.
        threading.Thread(target=self.process.stdout.read, daemon=True).start()
        return self

    def _first_line(self, timeout):
        chosen = selectors.DefaultSelector()
        chosen.register(self.process.stdout, selectors.EVENT_READ)
        data = b""
        deadline = time.monotonic() + timeout
        while b"\n" not in data:
            left = deadline - time.monotonic()
            if left <= 0 or not chosen.select(left):
                self.process.kill()
                raise AssertionError(f"traildeck serve printed no line within {timeout}s\n{self.stderr_text()}")
            chunk = os.read(self.process.stdout.fileno(), 4096)
            if not chunk:
                self.process.wait()
                raise AssertionError(f"traildeck serve exited ({self.process.returncode}) before listening\n"
                                     f"{self.stderr_text()}")
            data += chunk
        return data.split(b"\n", 1)[0].decode()

    def stderr_text(self):
        try:
            return self.stderr_path.read_text(errors="replace")
        except OSError:
            return ""

    @property
    def pid(self):
        return self.process.pid

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout=10):
        """SIGTERM, then the server must be gone within `timeout` seconds."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(signal.SIGTERM)
        try:
            status = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError(f"traildeck serve did not exit within {timeout}s of SIGTERM\n"
                                 f"{self.stderr_text()}")
        finally:
            self._stderr.close()
        assert status == 0, f"traildeck serve exited {status} on SIGTERM\n{self.stderr_text()}"
        return status

    def rss_kb(self):
        """VmRSS of the server from /proc, in kB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise AssertionError("no VmRSS in /proc status")

    # -- other traildeck subcommands on the same store -----------------------------------------------

    def run(self, *args, check=True, timeout=300):
        """`traildeck ARGS… --db DB --buckets DIR`; returns the CompletedProcess (text)."""
        arguments = [str(BINARY), *map(str, args), "--db", self.db, "--buckets", self.buckets]
        result = subprocess.run(arguments, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                env=self.env(), timeout=timeout)
        if check and result.returncode != 0:
            raise AssertionError(f"{' '.join(arguments)} exited {result.returncode}\n"
                                 f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}")
        return result

    def run_json(self, *args):
        return json.loads(self.run(*args).stdout or "{}")

    # -- clients ---------------------------------------------------------------------------------------

    def aws(self, *args, env=None, endpoint=True, timeout=120):
        """The aws CLI (`python3 -m awscli`) against this server: (status, parsed JSON or text, stderr)."""
        arguments = [sys.executable, "-m", "awscli", *map(str, args)]
        if endpoint:
            arguments += ["--endpoint-url", self.url]
        result = subprocess.run(arguments, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                env=self.env(env), timeout=timeout)
        output = result.stdout
        try:
            output = json.loads(output) if output.strip() else output
        except ValueError:
            pass
        return result.returncode, output, result.stderr

    def client(self, service="cloudtrail", *, key=ACCESS_KEY, secret=SECRET_KEY, region=REGION, **config):
        """A boto3 client of this server, without retries (an error is the answer to look at)."""
        session = boto3.session.Session(aws_access_key_id=key, aws_secret_access_key=secret,
                                        region_name=region)
        settings = {"retries": {"total_max_attempts": 1, "mode": "standard"}, "connect_timeout": 10,
                    "read_timeout": 60}
        settings.update(config)
        return session.client(service, endpoint_url=self.url, config=botocore.config.Config(**settings))

    def raw(self, body, *, target="CloudTrail_20131101.DescribeTrails", sign=None, headers=None,
            method="POST", timeout=30):
        """One raw HTTP request to CloudTrail's JSON 1.1 endpoint: (status, headers, parsed body).

        `body` is bytes or a JSON-able value; `sign` is None (unsigned) or (key, secret) for SigV4."""
        data = body if isinstance(body, (bytes, bytearray)) else json.dumps(body).encode()
        fields = {"Content-Type": "application/x-amz-json-1.1"}
        if target is not None:
            fields["X-Amz-Target"] = target
        fields.update(headers or {})
        if sign is not None:
            request = botocore.awsrequest.AWSRequest(method=method, url=self.url + "/", data=data,
                                                     headers=fields)
            botocore.auth.SigV4Auth(botocore.credentials.Credentials(*sign), "cloudtrail",
                                    REGION).add_auth(request)
            fields = dict(request.headers.items())
        request = urllib.request.Request(self.url + "/", data=data, headers=fields, method=method)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                status, answer_headers, raw = answer.status, dict(answer.headers), answer.read()
        except urllib.error.HTTPError as error:
            status, answer_headers, raw = error.code, dict(error.headers), error.read()
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw
        return status, answer_headers, parsed

    def s3_view(self):
        """None when the server serves S3 (ListBuckets answers), else why not (for skip reasons)."""
        if not hasattr(self, "_s3_problem"):
            try:
                self.client("s3").list_buckets()
                self._s3_problem = None
            except Exception as error:  # noqa: BLE001 - any failure means "no S3 view yet"
                self._s3_problem = f"the server has no S3 view yet (ListBuckets: {error})"
        return self._s3_problem

    def make_bucket(self, name):
        """A bucket: `aws s3 mb` once the server serves S3, `traildeck mb` until then."""
        if self.s3_view() is None:
            status, output, error = self.aws("s3", "mb", f"s3://{name}")
            assert status == 0, f"aws s3 mb: {status}\n{output}\n{error}"
        else:
            self.run("mb", f"s3://{name}")
        assert Path(self.buckets, name).is_dir()

    def lookup_truth(self, *attribute, start, end, region=REGION):
        """What `traildeck lookup-events` (the engine, no server) answers for the window: its events."""
        args = ["lookup-events", "--region", region, "--start-time", start, "--end-time", end,
                "--output", "json"]
        if attribute:
            args += ["--lookup-attributes", f"AttributeKey={attribute[0]},AttributeValue={attribute[1]}"]
        return self.run_json(*args).get("Events", [])

    def wait_for_event(self, predicate, *, client=None, attributes=None, timeout=5.0):
        """Polls LookupEvents (newest first, one page of 50) until an event satisfies `predicate`."""
        client = client or self.client()
        deadline = time.monotonic() + timeout
        seen = []
        while True:
            arguments = {"MaxResults": 50}
            if attributes:
                arguments["LookupAttributes"] = [{"AttributeKey": k, "AttributeValue": v}
                                                 for k, v in attributes.items()]
            seen = client.lookup_events(**arguments)["Events"]
            for event in seen:
                if predicate(event, json.loads(event["CloudTrailEvent"])):
                    return event
            if time.monotonic() > deadline:
                names = [(e["EventName"], e.get("Username")) for e in seen[:10]]
                raise AssertionError(f"no matching event recorded within {timeout}s; newest: {names}")
            time.sleep(0.05)


def _require_binary():
    if not BINARY.is_file() or not os.access(BINARY, os.X_OK):
        pytest.fail(f"no traildeck binary at {BINARY}: run `swift build --product traildeck` or set TRAILDECK_BIN",
                    pytrace=False)


@pytest.fixture(scope="session")
def scratch_root():
    folder = tempfile.mkdtemp(prefix="traildeck-api-")
    yield Path(folder)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def start_server(scratch_root):
    """A factory: `start_server(name, now=…, credentials=…, seed=callable(server), options=[…])` starts
    one more server on a store of its own (`seed` runs traildeck subcommands on the store first;
    `options` are more `serve` flags, such as `--throttle`); all are stopped at the end of the
    session, each within 10 s of SIGTERM."""
    _require_binary()
    servers = []

    def start(name, *, now=None, credentials=None, seed=None, options=()):
        folder = scratch_root / name
        folder.mkdir()
        server = Server(folder, now=now, credentials=credentials, name=name, options=options)
        if seed:
            seed(server)
        servers.append(server.start())
        return server

    yield start
    problems = []
    for server in servers:
        try:
            server.stop()
        except AssertionError as error:
            problems.append(str(error))
    assert not problems, "\n".join(problems)


# The demo window of the shared server: two hours that ended at least an hour ago (whole hours, so the
# window is the same for every test of the session).
_HOUR = datetime.datetime.now(datetime.timezone.utc).replace(minute=0, second=0, microsecond=0)
DEMO_START = iso(_HOUR - datetime.timedelta(hours=3))
DEMO_END = iso(_HOUR - datetime.timedelta(hours=1))


@pytest.fixture(scope="session")
def server(start_server):
    """The shared server: demo events in [DEMO_START, DEMO_END] seeded before it started."""

    def seed(store):
        store.run("demo", "--start", DEMO_START, "--hours", "2", "--accounts", "2", "--regions", "2")

    return start_server("main", seed=seed)


@pytest.fixture(scope="session")
def throttled_server(start_server):
    """A server enforcing CloudTrail's request quotas, its clock fixed (the quotas run on real time)."""
    return start_server("throttled", now="2026-01-01T00:00:00Z", options=["--throttle"])


AUTH_USERS = {
    # key: (secret, account, user)
    "AKIDALICE0000000001": ("alice-secret", "111122223333", "alice"),
    "AKIDROOT00000000002": ("root-secret", "444455556666", None),
}


@pytest.fixture(scope="session")
def auth_server(start_server, scratch_root):
    """A server that checks signatures against a credentials file."""
    path = scratch_root / "credentials.txt"
    lines = ["# ACCESS_KEY_ID SECRET ACCOUNT [USER]"]
    for key, (secret, account, user) in AUTH_USERS.items():
        lines.append(" ".join(filter(None, [key, secret, account, user])))
    path.write_text("\n".join(lines) + "\n")
    return start_server("auth", credentials=str(path))


_RUN = f"{os.getpid():x}"
_COUNTER = itertools.count(1)


@pytest.fixture
def unique():
    """A name unique to the test run and call: `unique("trail")` → `trail-1a2b3c-7`."""

    def make(prefix):
        return f"{prefix}-{_RUN}-{next(_COUNTER)}"

    return make


@pytest.fixture
def trails(server, unique):
    """`trails.create(**CreateTrail members)` makes a bucket (unless S3BucketName is given) and a trail
    on the shared server, deleted again after the test (CloudTrail allows 5 trails per region)."""

    class Trails:
        def __init__(self):
            self.client = server.client()
            self.arns = []

        def create(self, **members):
            members.setdefault("Name", unique("trail"))
            if "S3BucketName" not in members:
                members["S3BucketName"] = unique("bucket")
                server.make_bucket(members["S3BucketName"])
            created = self.client.create_trail(**members)
            self.arns.append(created["TrailARN"])
            return created

    made = Trails()
    yield made
    for arn in made.arns:
        try:
            made.client.delete_trail(Name=arn)
        except made.client.exceptions.TrailNotFoundException:
            pass
