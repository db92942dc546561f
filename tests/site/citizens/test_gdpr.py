"""GDPR: the citizen downloads everything the town holds about them and deletes the account,
each module's records following its retention declaration."""

import datetime
import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from radnice.citizens.contract import delete_citizen, purge_retained
from radnice.citizens.models import CitizenProfile, Invitation, Membership, Organisation, Role

from .citizen_module import TrialApplication, TrialReminder, TrialVote
from .conftest import (
    ALFA,
    BETA,
    PASSWORD,
    log_in,
    make_citizen,
    make_organisation,
    switch_on,
    valid_ico,
)

pytestmark = pytest.mark.django_db

EXPORT = reverse("citizens:export")
DELETE = reverse("citizens:delete_account")


@pytest.fixture
def people(town_a, town_b):
    """Jana and Petr in town A, Jana's namesake account in town B, each with records."""
    jana = make_citizen(town_a, "jana.novakova@example.cz")
    petr = make_citizen(town_a, "petr.svoboda@example.cz")
    jana_b = make_citizen(town_b, "jana.novakova@example.cz")
    return {"jana": jana, "petr": petr, "jana_b": jana_b}


def records_of(user, town, label):
    return {
        "application": TrialApplication.objects.create(
            municipality=town, citizen=user, title=f"Žádost {label}", note=f"Poznámka {label}"
        ),
        "vote": TrialVote.objects.create(municipality=town, citizen=user, choice=f"Hlas {label}"),
        "reminder": TrialReminder.objects.create(
            municipality=town, citizen=user, text=f"Připomínka {label}"
        ),
    }


# --- export -----------------------------------------------------------------------------------


def test_export_holds_the_account_organisations_and_each_modules_part(
    client, town_a, town_b, people, citizen_module
):
    jana, petr = people["jana"], people["petr"]
    switch_on(town_a, "zkusebni")
    records_of(jana, town_a, "Jany")
    records_of(petr, town_a, "Petra")
    records_of(people["jana_b"], town_b, "Jany z Bety")
    organisation = make_organisation(town_a, name="Spolek Lesní studánka", administrator=jana)
    organisation_record = TrialApplication.objects.create(
        municipality=town_a, organisation=organisation, title="Žádost spolku"
    )
    log_in(client, jana)
    response = client.get(EXPORT, HTTP_HOST=ALFA)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="moje-udaje-')
    body = response.content.decode()
    data = json.loads(body)
    assert data["obec"]["nazev"] == town_a.name
    assert data["ucet"]["profil"]["e-mail"] == "jana.novakova@example.cz"
    assert data["ucet"]["emailove_adresy"] == [
        {"adresa": "jana.novakova@example.cz", "overena": True, "hlavni": True}
    ]
    assert data["ucet"]["organizace"][0]["nazev"] == "Spolek Lesní studánka"
    assert data["ucet"]["organizace"][0]["role"] == "správce"
    module = data["moduly"]["zkusebni"]
    assert [row["title"] for row in module["citizens.TrialApplication"]] == ["Žádost Jany"]
    assert [row["choice"] for row in module["citizens.TrialVote"]] == ["Hlas Jany"]
    assert [row["text"] for row in module["citizens.TrialReminder"]] == ["Připomínka Jany"]
    # nothing of another citizen, of Jana's account in town B, or the organisation's record
    assert "Petra" not in body
    assert "petr.svoboda" not in body
    assert "z Bety" not in body
    assert organisation_record.title not in body


def test_export_covers_a_module_switched_off_that_holds_records(
    client, town_a, people, citizen_module
):
    jana = people["jana"]
    log_in(client, jana)
    data = json.loads(client.get(EXPORT, HTTP_HOST=ALFA).content)
    assert data["moduly"] == {}  # off and holding nothing: nothing
    records_of(jana, town_a, "Jany")  # held before the town switched it off
    data = json.loads(client.get(EXPORT, HTTP_HOST=ALFA).content)
    assert [row["title"] for row in data["moduly"]["zkusebni"]["citizens.TrialApplication"]] == [
        "Žádost Jany"
    ]


def test_export_only_for_the_logged_in_citizen_of_the_town(client, town_a, people, editor_a):
    response = client.get(EXPORT, HTTP_HOST=ALFA)
    assert response.status_code == 302
    log_in(client, people["jana"])
    assert client.get(EXPORT, HTTP_HOST=BETA).status_code == 302
    client.force_login(editor_a)
    assert client.get(EXPORT, HTTP_HOST=ALFA).status_code == 403


# --- deletion ---------------------------------------------------------------------------------


def test_deletion_page_tells_what_happens(client, town_a, people, citizen_module):
    log_in(client, people["jana"])
    response = client.get(DELETE, HTTP_HOST=ALFA)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Podané žádosti: uchováme po dobu archivace (počet let: 10), pak smažeme" in html
    assert "Odevzdané hlasy: anonymizujeme (zůstanou bez vazby na vás)" in html
    assert "Připomínky: smažeme" in html
    assert "Členství v organizacích: smažeme" in html
    assert 'name="password"' in html


def test_deletion_needs_the_password(client, town_a, people):
    jana = people["jana"]
    log_in(client, jana)
    response = client.post(DELETE, {"password": "spatne-heslo"}, HTTP_HOST=ALFA)
    assert response.status_code == 200
    assert "Heslo není správné." in response.content.decode()
    assert get_user_model().objects.filter(pk=jana.pk).exists()


def test_deletion_follows_each_declaration(client, town_a, town_b, people, citizen_module):
    jana, petr, jana_b = people["jana"], people["petr"], people["jana_b"]
    mine = records_of(jana, town_a, "Jany")
    petrs = records_of(petr, town_a, "Petra")
    betas = records_of(jana_b, town_b, "Jany z Bety")
    organisation = make_organisation(town_a, administrator=petr)
    Membership.objects.create(organisation=organisation, user=jana, role=Role.MEMBER)
    organisations = TrialApplication.objects.create(
        municipality=town_a, organisation=organisation, title="Žádost spolku"
    )
    log_in(client, jana)
    response = client.post(DELETE, {"password": PASSWORD}, HTTP_HOST=ALFA)
    assert response.status_code == 200
    assert "Účet byl zrušen" in response.content.decode()
    # logged out
    assert client.get(reverse("citizens:my_office"), HTTP_HOST=ALFA).status_code == 302
    assert "_auth_user_id" not in client.session

    assert not get_user_model().objects.filter(pk=jana.pk).exists()
    assert not CitizenProfile.objects.filter(user_id=jana.pk).exists()
    assert not EmailAddress.objects.filter(user_id=jana.pk).exists()
    assert not Membership.objects.filter(user_id=jana.pk).exists()
    # KEEP: unlinked, the note cleared, kept ten years
    application = TrialApplication.objects.get(pk=mine["application"].pk)
    assert (application.citizen_id, application.title, application.note) == (
        None,
        "Žádost Jany",
        "",
    )
    today = timezone.localdate()
    assert application.retained_until == today.replace(year=today.year + 10)
    # ANONYMISE: counted, without the person
    vote = TrialVote.objects.get(pk=mine["vote"].pk)
    assert (vote.citizen_id, vote.choice, vote.retained_until) == (None, "Hlas Jany", None)
    # DELETE
    assert not TrialReminder.objects.filter(pk=mine["reminder"].pk).exists()
    # nothing else changed: another citizen's, another town's, the organisation's
    for record in [*petrs.values(), *betas.values(), organisations]:
        fresh = type(record).objects.get(pk=record.pk)
        assert (fresh.citizen_id, fresh.organisation_id) == (
            record.citizen_id,
            record.organisation_id,
        )
    assert TrialApplication.objects.get(pk=petrs["application"].pk).note == "Poznámka Petra"
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert get_user_model().objects.filter(pk__in=[petr.pk, jana_b.pk]).count() == 2


def test_kept_records_are_purged_after_their_period(town_a, people, citizen_module):
    jana = people["jana"]
    mine = records_of(jana, town_a, "Jany")
    other = records_of(people["petr"], town_a, "Petra")
    delete_citizen(jana)
    today = timezone.localdate()
    assert purge_retained(today) == {}
    later = today.replace(year=today.year + 10) + datetime.timedelta(days=1)
    assert purge_retained(later) == {"citizens.TrialApplication": 1}
    assert not TrialApplication.objects.filter(pk=mine["application"].pk).exists()
    assert TrialApplication.objects.filter(pk=other["application"].pk).exists()
    assert TrialVote.objects.filter(pk=mine["vote"].pk).exists()


def test_a_module_without_declaration_stops_the_deletion(town_a, people, citizen_module):
    """A record the module did not declare keeps its PROTECTed link: nothing is deleted."""
    from radnice.citizens.contract import _side_class

    from .citizen_module import TrialCitizenSide

    jana = people["jana"]
    records_of(jana, town_a, "Jany")
    side = _side_class(citizen_module.citizen)
    original = side.retention
    side.retention = TrialCitizenSide.retention[1:]  # forgets the applications
    try:
        with pytest.raises(ProtectedError):
            delete_citizen(jana)
    finally:
        side.retention = original
    assert get_user_model().objects.filter(pk=jana.pk).exists()
    assert TrialReminder.objects.filter(citizen=jana).exists()  # rolled back


def test_the_last_administrator_cannot_delete_the_account(client, town_a, people):
    jana, petr = people["jana"], people["petr"]
    organisation = make_organisation(town_a, name="Spolek Lesní studánka", administrator=jana)
    Membership.objects.create(organisation=organisation, user=petr, role=Role.MEMBER)
    log_in(client, jana)
    response = client.get(DELETE, HTTP_HOST=ALFA)
    html = response.content.decode()
    assert "Jste jediným správcem organizace „Spolek Lesní studánka“" in html
    assert 'name="password"' not in html
    response = client.post(DELETE, {"password": PASSWORD}, HTTP_HOST=ALFA)
    assert response.status_code == 200
    assert get_user_model().objects.filter(pk=jana.pk).exists()
    # with another správce named, the account goes and the organisation stays
    Membership.objects.filter(user=petr).update(role=Role.ADMINISTRATOR)
    response = client.post(DELETE, {"password": PASSWORD}, HTTP_HOST=ALFA)
    assert response.status_code == 200
    assert not get_user_model().objects.filter(pk=jana.pk).exists()
    assert list(organisation.memberships.values_list("user", flat=True)) == [petr.pk]


def test_pending_invitations_to_the_account_go_with_it(client, town_a, people):
    jana, petr = people["jana"], people["petr"]
    organisation = make_organisation(town_a, administrator=petr)
    Invitation.objects.create(
        organisation=organisation,
        email="jana.novakova@example.cz",
        token="t1",
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    other = Invitation.objects.create(
        organisation=organisation,
        email="nekdo@example.cz",
        token="t2",
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    log_in(client, jana)
    export = json.loads(client.get(EXPORT, HTTP_HOST=ALFA).content)
    assert [row["e-mail"] for row in export["ucet"]["pozvanky"]] == ["jana.novakova@example.cz"]
    client.post(DELETE, {"password": PASSWORD}, HTTP_HOST=ALFA)
    assert list(Invitation.objects.all()) == [other]


def test_purge_command(town_a, people, citizen_module, capsys):
    from django.core.management import call_command

    mine = records_of(people["jana"], town_a, "Jany")
    delete_citizen(people["jana"])
    call_command("purge_citizen_records")
    assert "Nic ke smazání." in capsys.readouterr().out
    TrialApplication.objects.filter(pk=mine["application"].pk).update(
        retained_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    call_command("purge_citizen_records")
    assert "citizens.TrialApplication: smazáno 1" in capsys.readouterr().out
    assert not TrialApplication.objects.filter(pk=mine["application"].pk).exists()


def test_purge_is_scheduled_daily(settings, town_a, people, citizen_module):
    from radnice.citizens.tasks import purge_retained_records

    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert purge_retained_records.name in scheduled
    mine = records_of(people["jana"], town_a, "Jany")
    delete_citizen(people["jana"])
    TrialApplication.objects.filter(pk=mine["application"].pk).update(
        retained_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert purge_retained_records.apply().get() == {"citizens.TrialApplication": 1}


def test_sole_administrator_of_costs_one_query(town_a, django_assert_num_queries):
    from radnice.citizens.account_side import sole_administrator_of

    jana = make_citizen(town_a, "jana.novakova@example.cz")
    petr = make_citizen(town_a, "petr.svoboda@example.cz")
    alone = [
        make_organisation(
            town_a, name=f"Spolek {n}", ico=valid_ico(f"255708{n}"), administrator=jana
        )
        for n in range(3)
    ]
    shared = make_organisation(town_a, name="Sdílený spolek", ico=valid_ico("2557099"))
    Membership.objects.create(organisation=shared, user=jana, role=Role.ADMINISTRATOR)
    Membership.objects.create(organisation=shared, user=petr, role=Role.ADMINISTRATOR)
    with django_assert_num_queries(1):
        found = sole_administrator_of(jana)
    assert sorted(o.pk for o in found) == sorted(o.pk for o in alone)
    assert sole_administrator_of(petr) == []
