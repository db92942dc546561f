"""Factories for tests: municipalities are provisioned the real way, content with factory_boy."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from municipalities.models import MunicipalityRole
from municipalities.provisioning import ensure_member, provision_municipality
from municipalities.validators import ico_check_digit
from radnice.pages.models import StandardPage
from radnice.people.models import Person

_ico_counter = iter(range(1000000, 9999999))


def next_ico():
    first_seven = f"{next(_ico_counter):07d}"
    return first_seven + str(ico_check_digit(first_seven))


def make_municipality(name, hostname, kind="obec", **kwargs):
    return provision_municipality(
        name=name, kind=kind, ico=kwargs.pop("ico", None) or next_ico(), hostname=hostname, **kwargs
    ).municipality


def make_member(municipality, role=MunicipalityRole.EDITOR, email=None, password="heslo-123"):
    email = email or f"{role}-{municipality.pk}@example.cz"
    user, _password = ensure_member(municipality, role, email, password)
    return user


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Stránka {n}")
    teaser = "Krátký perex stránky."
    body = "<p>Obsah stránky.</p>"

    class Meta:
        model = StandardPage


class PersonFactory(factory.django.DjangoModelFactory):
    first_name = factory.Sequence(lambda n: f"Jméno{n}")
    last_name = factory.Sequence(lambda n: f"Příjmení{n}")
    position = "referent"

    class Meta:
        model = Person


class SuperuserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"operator{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.cz")
    is_superuser = True
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "heslo-123")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()
