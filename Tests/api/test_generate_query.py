"""The offline query generator through the server: GenerateQuery and SearchSampleQueries with boto3 and
the real aws CLI, the generated QueryAlias run by StartQuery, and `traildeck generate-query` agreeing."""

import time

import pytest

NOW = "2026-11-20T10:00:00Z"


@pytest.fixture(scope="module")
def lake(start_server):
    return start_server("generator", now=NOW)


@pytest.fixture(scope="module")
def store(lake):
    client = lake.client()
    arn = client.create_event_data_store(Name="generator", TerminationProtectionEnabled=False)["EventDataStoreArn"]
    yield arn
    client.delete_event_data_store(EventDataStore=arn)


def test_generate_query_answers_sql_and_an_alias_start_query_runs(lake, store):
    client = lake.client()
    answer = client.generate_query(EventDataStores=[store], Prompt="What did user alice do in the last 24 hours?")
    statement = answer["QueryStatement"]
    assert "FROM " + store.split("/")[-1] in statement
    assert "userIdentity.userName = 'alice'" in statement
    assert "eventTime >= '2026-11-19 10:00:00'" in statement
    assert answer["QueryAlias"].startswith("generated-")
    assert answer["EventDataStoreOwnerAccountId"] == store.split(":")[4]

    query_id = client.start_query(QueryAlias=answer["QueryAlias"])["QueryId"]
    deadline = time.monotonic() + 60
    while (described := client.describe_query(QueryId=query_id))["QueryStatus"] in ("QUEUED", "RUNNING"):
        assert time.monotonic() < deadline, described
        time.sleep(0.1)
    assert described["QueryStatus"] == "FINISHED", described
    assert described["QueryString"] == statement

    # The CLI gives the same statement and alias for the same prompt at the same clock time.
    same = lake.run_json("generate-query", "--prompt", "What did user alice do in the last 24 hours?",
                         "--event-data-stores", store, "--now", NOW)
    assert same["QueryAlias"] == answer["QueryAlias"]
    assert same["QueryStatement"] == statement


def test_an_unknown_prompt_is_generate_response_exception_naming_close_questions(lake, store):
    client = lake.client()
    with pytest.raises(client.exceptions.GenerateResponseException) as raised:
        client.generate_query(EventDataStores=[store], Prompt="bake me a chocolate cake")
    assert "Closest: '" in str(raised.value)

    status, _, error = lake.aws("cloudtrail", "generate-query", "--event-data-stores", store,
                                "--prompt", "bake me a chocolate cake")
    assert status in (254, 255), error
    assert "An error occurred (GenerateResponseException) when calling the GenerateQuery operation" in error


def test_the_aws_cli_generates_a_query(lake, store):
    status, answer, error = lake.aws("cloudtrail", "generate-query", "--event-data-stores", store,
                                     "--prompt", "Console logins without MFA since 2026-11-01")
    assert status == 0, error
    assert "additionalEventData['MFAUsed'] = 'No'" in answer["QueryStatement"]
    assert "eventTime >= '2026-11-01 00:00:00'" in answer["QueryStatement"]


def test_search_sample_queries_pages_with_boto3_and_the_aws_cli(lake):
    client = lake.client()
    first = client.search_sample_queries(SearchPhrase="console login", MaxResults=2)
    assert len(first["SearchResults"]) == 2
    assert all(0 < result["Relevance"] <= 1 for result in first["SearchResults"])
    assert all("FROM $EDS_ID" in result["SQL"] for result in first["SearchResults"])
    rest = client.search_sample_queries(SearchPhrase="console login", MaxResults=50, NextToken=first["NextToken"])
    names = [result["Name"] for result in first["SearchResults"] + rest["SearchResults"]]
    assert "Which console logins did not use MFA?" in names
    assert len(names) == len(set(names))
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.search_sample_queries(SearchPhrase="root", NextToken=first["NextToken"])

    status, answer, error = lake.aws("cloudtrail", "search-sample-queries", "--search-phrase", "root account")
    assert status == 0, error
    assert answer["SearchResults"][0]["Name"] == "When was the root user used?"


@pytest.fixture(scope="module")
def config_store(lake):
    client = lake.client()
    arn = client.create_event_data_store(
        Name="generator-config", TerminationProtectionEnabled=False,
        AdvancedEventSelectors=[{"Name": "Configuration items", "FieldSelectors": [
            {"Field": "eventCategory", "Equals": ["ConfigurationItem"]}]}])["EventDataStoreArn"]
    yield arn
    client.delete_event_data_store(EventDataStore=arn)


def test_a_configuration_item_store_gets_its_own_questions(lake, config_store):
    client = lake.client()
    answer = client.generate_query(EventDataStores=[config_store], Prompt="Which resources were deleted this week?")
    assert "eventData.configurationItemStatus = 'ResourceDeleted'" in answer["QueryStatement"]
    assert "FROM " + config_store.split("/")[-1] in answer["QueryStatement"]

    # A question about CloudTrail events names the store's kind and the questions that fit it.
    status, _, error = lake.aws("cloudtrail", "generate-query", "--event-data-stores", config_store,
                                "--prompt", "Who made the most API calls?")
    assert status in (254, 255), error
    assert "(GenerateResponseException)" in error
    assert "holds ConfigurationItem events. Questions for it: 'What is the configuration history" in error


def test_search_finds_the_configuration_item_samples_with_both_placeholders(lake):
    client = lake.client()
    results = client.search_sample_queries(SearchPhrase="non-compliant config", MaxResults=50)["SearchResults"]
    join = next(r for r in results if r["Name"] == "Who made resources non-compliant")
    assert "FROM $EDS_ID AS compliance" in join["SQL"]
    assert "JOIN $CLOUDTRAIL_EDS_ID AS cloudtrail" in join["SQL"]
