"""Citizens' organisations: IČO, members and roles, invitations only within the town, every
organisation reachable only by its members on its town's host; staff see them read-only."""

import re

import pytest
from django.core import mail
from django.urls import NoReverseMatch, reverse

from municipalities.models import MunicipalityRole
from radnice.citizens.models import Invitation, Membership, Organisation, Role
from radnice.citizens.subjects import PERSON_KEY, acting_subjects, subject_for_key
from tests.factories import make_member

from .conftest import ALFA, BETA, log_in, make_citizen, make_organisation, valid_ico

pytestmark = pytest.mark.django_db

ORGANISATION = {
    "name": "Spolek Lesní studánka",
    "ico": valid_ico("2557089"),
    "address": "Návesní 12, 285 01 Alfa",
    "data_box": "abc2def",
    "representative": "Jana Nováková",
}


@pytest.fixture
def jana(town_a):
    return make_citizen(town_a, "jana.novakova@example.cz")


@pytest.fixture
def petr(town_a):
    return make_citizen(town_a, "petr.svoboda@example.cz")


def url(name, *args):
    return reverse(f"citizens:{name}", args=args)


# --- creating and editing ---------------------------------------------------------------------


def test_citizen_creates_an_organisation_and_becomes_its_administrator(client, town_a, jana):
    log_in(client, jana)
    response = client.get(url("organisation_create"), HTTP_HOST=ALFA)
    assert response.status_code == 200
    assert "Založit organizaci" in response.content.decode()
    response = client.post(url("organisation_create"), ORGANISATION, HTTP_HOST=ALFA)
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.municipality == town_a
    assert response["Location"] == url("organisation", organisation.pk)
    membership = Membership.objects.get()
    assert (membership.user, membership.role) == (jana, Role.ADMINISTRATOR)
    html = client.get(url("organisation", organisation.pk), HTTP_HOST=ALFA).content.decode()
    assert "Spolek Lesní studánka" in html
    assert "jana.novakova@example.cz" in html
    html = client.get(url("organisations"), HTTP_HOST=ALFA).content.decode()
    assert "Spolek Lesní studánka" in html
    assert "správce" in html


@pytest.mark.parametrize(
    ("ico", "message"),
    [
        ("25570891", "nemá platnou kontrolní číslici"),
        ("1234", "IČO musí mít přesně 8 číslic"),
    ],
)
def test_ico_is_checked_modulo_11_at_the_field(client, jana, ico, message):
    assert valid_ico("2557089") != "25570891"
    log_in(client, jana)
    response = client.post(url("organisation_create"), {**ORGANISATION, "ico": ico}, HTTP_HOST=ALFA)
    assert response.status_code == 200
    html = response.content.decode()
    errors = re.search(r'<ul class="errorlist" id="id_ico_errors">(.*?)</ul>', html, re.S)[1]
    assert message in errors
    assert 'aria-describedby="id_ico_errors id_ico_helptext"' in html
    assert not Organisation.objects.exists()


def test_valid_ico_and_data_box_are_accepted(client, jana):
    log_in(client, jana)
    data = {**ORGANISATION, "ico": "00880019", "data_box": "ABC2DEF"}
    assert client.post(url("organisation_create"), data, HTTP_HOST=ALFA).status_code == 302
    organisation = Organisation.objects.get()
    assert (organisation.ico, organisation.data_box) == ("00880019", "abc2def")


def test_data_box_is_checked(client, jana):
    log_in(client, jana)
    data = {**ORGANISATION, "data_box": "abc"}
    response = client.post(url("organisation_create"), data, HTTP_HOST=ALFA)
    assert response.status_code == 200
    assert "ID datové schránky má 7 znaků" in response.content.decode()


def test_ico_is_unique_per_town(client, town_a, town_b, jana):
    make_organisation(town_b, ico=ORGANISATION["ico"])  # another town's: no obstacle
    log_in(client, jana)
    assert client.post(url("organisation_create"), ORGANISATION, HTTP_HOST=ALFA).status_code == 302
    response = client.post(url("organisation_create"), ORGANISATION, HTTP_HOST=ALFA)
    assert response.status_code == 200
    assert "Organizace s tímto IČO už v obci existuje." in response.content.decode()
    assert Organisation.objects.filter(municipality=town_a).count() == 1


def test_administrator_edits_a_member_may_not(client, town_a, jana, petr):
    organisation = make_organisation(town_a, administrator=jana)
    Membership.objects.create(organisation=organisation, user=petr, role=Role.MEMBER)
    log_in(client, petr)
    assert client.get(url("organisation_edit", organisation.pk), HTTP_HOST=ALFA).status_code == 403
    response = client.post(
        url("organisation_edit", organisation.pk), {**ORGANISATION, "name": "X"}, HTTP_HOST=ALFA
    )
    assert response.status_code == 403
    assert "jen správce" in response.content.decode()
    log_in(client, jana)
    response = client.post(
        url("organisation_edit", organisation.pk),
        {**ORGANISATION, "name": "Nový název", "ico": organisation.ico},
        HTTP_HOST=ALFA,
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Nový název"


# --- who may open what ------------------------------------------------------------------------


def test_pages_need_a_citizen_of_the_town(client, town_a, town_b, jana, editor_a):
    response = client.get(url("organisations"), HTTP_HOST=ALFA)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")
    client.force_login(editor_a)  # staff: no citizen
    assert client.get(url("organisations"), HTTP_HOST=ALFA).status_code == 403
    log_in(client, jana)  # jana's session on another town's host is anonymous
    assert client.get(url("organisations"), HTTP_HOST=BETA).status_code == 302
    assert client.get(url("organisations"), HTTP_HOST=ALFA).status_code == 200


ORGANISATION_VIEWS = [
    "organisation",
    "organisation_edit",
    "organisation_invite",
    "organisation_delete",
]


@pytest.mark.parametrize("view", ORGANISATION_VIEWS)
def test_non_members_and_other_towns_get_404(client, town_a, town_b, jana, petr, view):
    mine = make_organisation(town_a, name="Moje", administrator=jana)
    theirs = make_organisation(town_a, name="Cizí", ico=valid_ico("1234567"), administrator=petr)
    beta_citizen = make_citizen(town_b, "jana.novakova@example.cz")
    beta_org = make_organisation(
        town_b, name="Betská", ico=valid_ico("7654321"), administrator=beta_citizen
    )
    log_in(client, jana)
    assert client.get(url(view, mine.pk), HTTP_HOST=ALFA).status_code == 200
    for other in (theirs, beta_org):
        response = client.get(url(view, other.pk), HTTP_HOST=ALFA)
        assert response.status_code == 404
        assert other.name not in response.content.decode()
        assert client.post(url(view, other.pk), ORGANISATION, HTTP_HOST=ALFA).status_code == 404
    assert client.get(url(view, 999999), HTTP_HOST=ALFA).status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Cizí"
    assert Organisation.objects.filter(pk=beta_org.pk).exists()


def test_posts_on_other_organisations_members_answer_404(client, town_a, jana, petr):
    mine = make_organisation(town_a, name="Moje", administrator=jana)
    theirs = make_organisation(town_a, name="Cizí", ico=valid_ico("1234567"), administrator=petr)
    petrs = theirs.memberships.get()
    log_in(client, jana)
    # another organisation's member through my organisation's URL, and directly
    for pk in (mine.pk, theirs.pk):
        response = client.post(url("member_change", pk, petrs.pk), {"remove": "1"}, HTTP_HOST=ALFA)
        assert response.status_code == 404
    assert client.post(url("organisation_leave", theirs.pk), HTTP_HOST=ALFA).status_code == 404
    assert theirs.memberships.filter(pk=petrs.pk).exists()


# --- members and roles ------------------------------------------------------------------------


def test_roles_and_the_last_administrator(client, town_a, jana, petr):
    organisation = make_organisation(town_a, administrator=jana)
    janas = organisation.memberships.get(user=jana)
    petrs = Membership.objects.create(organisation=organisation, user=petr, role=Role.MEMBER)
    log_in(client, jana)
    # the last správce can neither be demoted nor leave nor be removed
    response = client.post(
        url("member_change", organisation.pk, janas.pk), {"role": Role.MEMBER}, HTTP_HOST=ALFA
    )
    assert response.status_code == 302
    janas.refresh_from_db()
    assert janas.role == Role.ADMINISTRATOR
    response = client.post(url("organisation_leave", organisation.pk), HTTP_HOST=ALFA, follow=True)
    assert "Jste jediným správcem organizace" in response.content.decode()
    assert organisation.memberships.filter(pk=janas.pk).exists()
    # name another správce: then Jana may step down
    client.post(
        url("member_change", organisation.pk, petrs.pk),
        {"role": Role.ADMINISTRATOR},
        HTTP_HOST=ALFA,
    )
    petrs.refresh_from_db()
    assert petrs.role == Role.ADMINISTRATOR
    response = client.post(
        url("member_change", organisation.pk, janas.pk), {"role": Role.MEMBER}, HTTP_HOST=ALFA
    )
    assert response.status_code == 302
    janas.refresh_from_db()
    assert janas.role == Role.MEMBER
    # a member cannot change roles any more
    response = client.post(
        url("member_change", organisation.pk, petrs.pk), {"remove": "1"}, HTTP_HOST=ALFA
    )
    assert response.status_code == 403
    # but may leave
    assert (
        client.post(url("organisation_leave", organisation.pk), HTTP_HOST=ALFA).status_code == 302
    )
    assert list(organisation.memberships.values_list("user", flat=True)) == [petr.pk]


def test_administrator_removes_a_member_and_deletes_the_organisation(client, town_a, jana, petr):
    organisation = make_organisation(town_a, administrator=jana)
    petrs = Membership.objects.create(organisation=organisation, user=petr, role=Role.MEMBER)
    log_in(client, jana)
    response = client.post(
        url("member_change", organisation.pk, petrs.pk), {"remove": "1"}, HTTP_HOST=ALFA
    )
    assert response.status_code == 302
    assert not organisation.memberships.filter(user=petr).exists()
    response = client.get(url("organisation_delete", organisation.pk), HTTP_HOST=ALFA)
    assert response.status_code == 200
    assert "Ano, smazat organizaci" in response.content.decode()
    response = client.post(url("organisation_delete", organisation.pk), HTTP_HOST=ALFA)
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()


# --- invitations ------------------------------------------------------------------------------


def invite(client, organisation, email, role=Role.MEMBER):
    response = client.post(
        url("organisation_invite", organisation.pk), {"email": email, "role": role}, HTTP_HOST=ALFA
    )
    assert response.status_code == 302
    return re.search(r"https?://[^/\s]+(/ucet/organizace/pozvanka/[^/\s]+/)", mail.outbox[-1].body)


def test_invitation_is_mailed_and_accepted_on_the_towns_host(client, town_a, jana, petr):
    organisation = make_organisation(town_a, administrator=jana)
    log_in(client, jana)
    assert (
        client.get(url("organisation_invite", organisation.pk), HTTP_HOST=ALFA).status_code == 200
    )
    link = invite(client, organisation, "Petr.Svoboda@example.cz")
    message = mail.outbox[-1]
    assert message.to == ["petr.svoboda@example.cz"]
    assert message.subject == f"[{town_a.name}] Pozvánka do organizace {organisation.name}"
    assert "http://alfa.test/ucet/organizace/pozvanka/" in message.body
    assert message.from_email.startswith(f'"{town_a.name}" <') or message.from_email.startswith(
        f"{town_a.name} <"
    )  # in the town's name (radnice.citizens.mail), signed by it
    assert message.body.rstrip().endswith("http://alfa.test/")
    path = link[1]
    html = client.get(url("organisation", organisation.pk), HTTP_HOST=ALFA).content.decode()
    assert "petr.svoboda@example.cz (člen)" in html  # the pending invitation

    # Jana herself cannot use Petr's invitation.
    assert client.get(path, HTTP_HOST=ALFA).status_code == 403
    log_in(client, petr)
    response = client.get(path, HTTP_HOST=ALFA)
    assert response.status_code == 200
    assert organisation.name in response.content.decode()
    # Můj úřad shows it too.
    assert path in client.get(url("my_office"), HTTP_HOST=ALFA).content.decode()
    response = client.post(path, HTTP_HOST=ALFA)
    assert response.status_code == 302
    assert Membership.objects.get(organisation=organisation, user=petr).role == Role.MEMBER
    # used once
    assert client.get(path, HTTP_HOST=ALFA).status_code == 404


def test_invitation_across_towns_is_refused(client, town_a, town_b, jana):
    organisation = make_organisation(town_a, administrator=jana)
    log_in(client, jana)
    path = invite(client, organisation, "petr.svoboda@example.cz")[1]
    # Petr has an account in town B only: his session is worth nothing on town A's host, and
    # the link is worth nothing on town B's.
    petr_b = make_citizen(town_b, "petr.svoboda@example.cz")
    log_in(client, petr_b)
    response = client.get(path, HTTP_HOST=ALFA)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client.get(path, HTTP_HOST=BETA).status_code == 404
    assert client.post(path, HTTP_HOST=BETA).status_code == 404
    assert not Membership.objects.filter(user=petr_b).exists()
    assert Invitation.objects.get().accepted_at is None


def test_invitation_into_another_towns_organisation_is_refused(client, town_a, town_b, jana):
    beta_admin = make_citizen(town_b, "spravce@example.cz")
    beta_org = make_organisation(town_b, administrator=beta_admin)
    log_in(client, jana)
    response = client.post(
        url("organisation_invite", beta_org.pk),
        {"email": "x@example.cz", "role": Role.MEMBER},
        HTTP_HOST=ALFA,
    )
    assert response.status_code == 404
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_expired_invitation_answers_404(client, town_a, jana, petr):
    organisation = make_organisation(town_a, administrator=jana)
    log_in(client, jana)
    path = invite(client, organisation, "petr.svoboda@example.cz")[1]
    Invitation.objects.update(expires_at="2000-01-01T00:00:00Z")
    log_in(client, petr)
    assert client.get(path, HTTP_HOST=ALFA).status_code == 404


def test_member_cannot_be_invited_twice_and_invitation_can_be_cancelled(client, town_a, jana, petr):
    organisation = make_organisation(town_a, administrator=jana)
    Membership.objects.create(organisation=organisation, user=petr)
    log_in(client, jana)
    response = client.post(
        url("organisation_invite", organisation.pk),
        {"email": "petr.svoboda@example.cz", "role": Role.MEMBER},
        HTTP_HOST=ALFA,
    )
    assert response.status_code == 200
    assert "už je členem organizace" in response.content.decode()
    invite(client, organisation, "novy@example.cz")
    invitation = Invitation.objects.get()
    response = client.post(url("invitation_cancel", organisation.pk, invitation.pk), HTTP_HOST=ALFA)
    assert response.status_code == 302
    assert not Invitation.objects.exists()


# --- subjects ---------------------------------------------------------------------------------


def test_acting_subjects(town_a, town_b, jana, petr, editor_a):
    first = make_organisation(town_a, name="B spolek", administrator=jana)
    second = make_organisation(town_a, name="A klub", ico=valid_ico("1234567"), administrator=petr)
    Membership.objects.create(organisation=second, user=jana, role=Role.MEMBER)
    make_organisation(town_a, name="Cizí", ico=valid_ico("7654321"), administrator=petr)
    subjects = acting_subjects(jana)
    assert [subject.key for subject in subjects] == [
        PERSON_KEY,
        f"organizace-{second.pk}",
        f"organizace-{first.pk}",
    ]
    assert [subject.is_administrator for subject in subjects] == [True, False, True]
    assert subjects[0].owner_fields() == {"citizen": jana, "organisation": None}
    assert subjects[2].owner_fields() == {"citizen": None, "organisation": first}
    assert subject_for_key(jana, f"organizace-{first.pk}").organisation == first
    others = Organisation.objects.get(name="Cizí")
    assert subject_for_key(jana, f"organizace-{others.pk}") is None
    assert subject_for_key(jana, "organizace-x") is None
    assert acting_subjects(editor_a) == []


# --- the admin: staff see their town's organisations, read-only --------------------------------

ADMIN_HOST = {"HTTP_HOST": ALFA}


@pytest.fixture
def organisations(town_a, town_b):
    alfa_admin = make_citizen(town_a, "spravce@example.cz")
    beta_admin = make_citizen(town_b, "spravce@example.cz")
    return {
        "alfa": make_organisation(town_a, name="Alfský spolek", administrator=alfa_admin),
        "beta": make_organisation(town_b, name="Betský quokka klub", administrator=beta_admin),
    }


def test_administrators_list_and_inspect_their_towns_organisations(client, town_a, organisations):
    # Personal data (members, the representative): the town's administrators only.
    client.force_login(make_member(town_a, MunicipalityRole.EDITOR))
    response = client.get(reverse("citizen_organisations:index"), **ADMIN_HOST)
    assert response.status_code == 302  # Wagtail's "permission denied" redirect
    client.force_login(make_member(town_a, MunicipalityRole.ADMINISTRATOR))
    response = client.get(reverse("citizen_organisations:index"), **ADMIN_HOST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alfský spolek" in html
    assert "quokka" not in html.lower()
    alfa = organisations["alfa"]
    response = client.get(reverse("citizen_organisations:inspect", args=[alfa.pk]), **ADMIN_HOST)
    assert response.status_code == 200
    assert alfa.ico in response.content.decode()
    # read-only: nobody adds, edits or deletes here, so there is no such view at all
    for view, args in (("add", []), ("edit", [alfa.pk]), ("delete", [alfa.pk])):
        with pytest.raises(NoReverseMatch):
            reverse(f"citizen_organisations:{view}", args=args)


def test_staff_of_another_town_cannot_list_or_open(client, town_b, organisations):
    client.force_login(make_member(town_b, MunicipalityRole.ADMINISTRATOR))
    html = client.get(reverse("citizen_organisations:index"), HTTP_HOST=BETA).content.decode()
    assert "Alfský spolek" not in html
    alfa = organisations["alfa"]
    response = client.get(reverse("citizen_organisations:inspect", args=[alfa.pk]), HTTP_HOST=BETA)
    assert response.status_code == 404


# --- the demo ---------------------------------------------------------------------------------


def test_demo_town_has_an_organisation_with_two_members(town_a):
    import dataclasses

    from municipalities.demo.builders import build_town
    from municipalities.demo.towns import LHOTA

    town = dataclasses.replace(LHOTA, hostname="lhota.test", editor_username="editor@lhota.test")
    municipality = build_town(town, 80)
    build_town(town, 80)  # idempotent
    organisation = Organisation.objects.get(municipality=municipality)
    assert (organisation.name, organisation.ico) == (
        LHOTA.organisation["name"],
        LHOTA.organisation["ico"],
    )
    organisation.full_clean()
    members = sorted(organisation.memberships.values_list("user__email", "role"))
    assert members == [
        ("jana.novakova@example.cz", Role.MEMBER),
        ("obcan@lhota.test", Role.ADMINISTRATOR),
    ]


def test_organisation_with_module_records_is_not_deleted(client, town_a, jana, citizen_module):
    from .citizen_module import TrialApplication

    organisation = make_organisation(town_a, administrator=jana)
    TrialApplication.objects.create(municipality=town_a, organisation=organisation, title="Ž")
    log_in(client, jana)
    response = client.post(url("organisation_delete", organisation.pk), HTTP_HOST=ALFA, follow=True)
    assert "Organizaci nelze smazat" in response.content.decode()
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert organisation.memberships.exists()


def test_not_even_the_operator_edits_organisations_in_the_admin(client, town_a):
    from tests.factories import SuperuserFactory

    organisation = make_organisation(town_a)
    client.force_login(SuperuserFactory())
    index = reverse("citizen_organisations:index")
    response = client.get(index, **ADMIN_HOST)
    assert response.status_code == 200
    assert organisation.name in response.content.decode()
    # No such views exist: the addresses Wagtail would give them answer 404.
    for path in (f"{index}edit/{organisation.pk}/", f"{index}delete/{organisation.pk}/"):
        assert client.get(path, **ADMIN_HOST).status_code == 404
        assert client.post(path, {"name": "X"}, **ADMIN_HOST).status_code == 404
    organisation.refresh_from_db()
    assert organisation.name != "X"
