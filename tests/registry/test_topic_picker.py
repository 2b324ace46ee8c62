"""People tag profiles with topics at every level of EuroSciVoc, found by a search."""

import pytest
from django.http import QueryDict
from django.urls import reverse

from helisa.registry.forms import TopicField
from helisa.registry.models import Topic, TopicScheme
from helisa.registry.queries_topics import search_topics
from helisa.registry.widgets import TopicPicker
from tests.factories import OrganisationFactory, UserFactory
from tests.registry.test_editing import organisation_data

pytestmark = pytest.mark.django_db
SEARCH = reverse("registry:topic_search")


def topic(label):
    return Topic.objects.get(scheme=TopicScheme.EUROSCIVOC, label__en=label)


def labels(matches):
    return [choice.label for choice in matches.choices]


def test_the_search_reaches_the_deepest_levels_and_ignores_case_and_accents():
    deep = Topic.objects.filter(scheme=TopicScheme.EUROSCIVOC).order_by("-level").first()
    assert deep.level >= 6
    assert str(deep) in labels(search_topics(deep.label["en"].upper()))
    assert "hepatitis C" in labels(search_topics("HÉPATITIS"))


def test_topics_named_by_the_words_come_before_those_beneath_them():
    found = search_topics("infectious diseases")
    assert found.choices[0].label == "infectious diseases"
    assert found.choices[0].trail == "medical and health sciences › health sciences"
    assert "hepatitis C" in labels(search_topics("infectious hepatitis"))


def test_a_broad_search_shows_a_few_and_says_how_many_more():
    found = search_topics("sciences")
    assert len(found.choices) == 15 and found.more > 100
    assert search_topics("zzqx").choices == [] and search_topics("  ").choices == []


@pytest.fixture
def owner_client(client):
    organisation = OrganisationFactory(owner=UserFactory())
    client.force_login(organisation.owner)
    client.organisation = organisation
    return client


def test_the_form_shows_the_chosen_topics_and_not_the_whole_vocabulary(owner_client):
    organisation = owner_client.organisation
    organisation.topics.set([topic("hepatitis C")])
    html = owner_client.get(reverse("registry:organisation_edit", args=[organisation.pk]))
    html = html.content.decode()
    assert f'name="topics" value="{topic("hepatitis C").pk}" checked' in html
    assert html.count('name="topics"') == 1
    assert f'hx-get="{SEARCH}?field=topics"' in html


def test_a_topic_found_at_the_fifth_level_is_saved(owner_client):
    organisation = owner_client.organisation
    chosen = [topic("hepatitis C").pk, topic("ebola").pk]
    response = owner_client.post(
        reverse("registry:organisation_edit", args=[organisation.pk]),
        organisation_data(legal_name=organisation.legal_name, sectors=[], topics=chosen),
    )
    assert response.status_code == 302
    assert set(organisation.topics.values_list("pk", flat=True)) == set(chosen)


def test_call_topics_a_profile_already_has_stay_when_it_is_edited(owner_client):
    organisation = owner_client.organisation
    call = Topic.objects.create(scheme=TopicScheme.CALL_TOPIC, code="HORIZON-CL5-01", label={})
    response = owner_client.post(
        reverse("registry:organisation_edit", args=[organisation.pk]),
        organisation_data(legal_name=organisation.legal_name, sectors=[], topics=[call.pk]),
    )
    assert response.status_code == 302
    assert list(organisation.topics.all()) == [call]


def test_the_search_keeps_the_chosen_ticked_and_offers_the_rest(client, django_assert_num_queries):
    client.force_login(UserFactory())
    chosen = topic("hepatitis C")
    with django_assert_num_queries(4):  # session, user, the chosen topics, the vocabulary
        html = client.get(SEARCH, {"field": "topics", "topics": [chosen.pk], "topic_q": "hepat"})
    html = html.content.decode()
    assert html.count(f'value="{chosen.pk}" checked') == 1
    assert html.count(f'value="{chosen.pk}"') == 1
    assert "No topic matches" not in html


@pytest.mark.parametrize("count", [1, 3])
def test_the_search_makes_as_many_queries_with_one_or_three_chosen(
    client, count, django_assert_num_queries
):
    client.force_login(UserFactory())
    chosen = Topic.objects.filter(scheme=TopicScheme.EUROSCIVOC, level=5)[:count]
    params = {"field": "focus_topics", "focus_topics": [t.pk for t in chosen], "topic_q": "eng"}
    with django_assert_num_queries(4):
        html = client.get(SEARCH, params).content.decode()
    assert html.count('name="focus_topics"') > count
    assert html.count("checked") == count


def test_a_stranger_is_sent_to_sign_in(client):
    response = client.get(SEARCH, {"field": "topics", "topic_q": "hydrogen"})
    assert response.status_code == 302 and "login" in response.url


def test_a_made_up_field_name_is_refused(client):
    client.force_login(UserFactory())
    assert client.get(SEARCH, {"field": '"><script>', "topic_q": "x"}).status_code == 400


def edit_with_typed_topics(client, typed, topics=()):
    organisation = client.organisation
    data = organisation_data(legal_name=organisation.legal_name, sectors=[], topics=list(topics))
    return client.post(
        reverse("registry:organisation_edit", args=[organisation.pk]), {**data, "topics_add": typed}
    )


def test_without_javascript_the_picker_offers_a_box_for_names_or_codes(owner_client):
    organisation = owner_client.organisation
    html = owner_client.get(reverse("registry:organisation_edit", args=[organisation.pk]))
    html = html.content.decode()
    assert 'name="topics_add" id="id_topics_add"' in html
    assert '<label for="id_topics_add">' in html


def test_topics_typed_by_exact_name_or_code_are_added_to_the_ticked_ones(owner_client):
    ticked = topic("ebola")
    by_code = Topic.objects.create(scheme=TopicScheme.CALL_TOPIC, code="HORIZON-CL5-01", label={})
    long_name = "electrical engineering, electronic engineering, information engineering"
    typed = f"Hydrogen Energy, horizon-cl5-01, HÉPATITIS C; {long_name}"
    response = edit_with_typed_topics(owner_client, typed, topics=[ticked.pk])
    assert response.status_code == 302
    assert set(owner_client.organisation.topics.all()) == {
        ticked,
        topic("hydrogen energy"),
        topic("hepatitis C"),
        topic(long_name),
        by_code,
    }


def test_an_unknown_topic_is_refused_and_what_was_typed_shown_again(owner_client):
    response = edit_with_typed_topics(owner_client, "hydrogen energy, cold fusion", [])
    assert response.status_code == 200
    html = response.content.decode()
    assert "No topic has the name or code: cold fusion." in html
    assert 'value="hydrogen energy, cold fusion"' in html
    assert not owner_client.organisation.topics.exists()


def test_adding_by_name_costs_one_query_and_nothing_when_the_box_is_empty(
    django_assert_num_queries,
):
    field = TopicField()
    with django_assert_num_queries(0):
        assert list(field.clean(TopicPicker().value_from_datadict(QueryDict(), {}, "t"))) == []
    data = QueryDict(mutable=True)
    data.update({"t_add": "ebola, hydrogen energy"})
    with django_assert_num_queries(2):  # the names, then the chosen topics as the field checks them
        chosen = field.clean(TopicPicker().value_from_datadict(data, {}, "t"))
    assert {t.label["en"] for t in chosen} == {"ebola", "hydrogen energy"}
