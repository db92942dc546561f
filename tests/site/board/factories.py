"""Factories of the official board: the board page, notices, notice types and attachments."""

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from radnice.board.models import (
    NoticeAttachment,
    NoticeResponsiblePerson,
    NoticeType,
    OfficialBoardIndexPage,
    OfficialNoticePage,
)


class NoticeTypeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Typ {n}")

    class Meta:
        model = NoticeType


class OfficialBoardIndexPageFactory(wagtail_factories.PageFactory):
    title = "Úřední deska"
    slug = "uredni-deska"
    intro = "<p>Písemnosti zveřejněné na úřední desce.</p>"

    class Meta:
        model = OfficialBoardIndexPage


class OfficialNoticePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Oznámení {n}")
    slug = factory.Sequence(lambda n: f"oznameni-{n}")
    teaser = "Krátké shrnutí oznámení."
    body = "<p>Text oznámení.</p>"
    date_posted = factory.LazyFunction(timezone.localdate)
    date_taken_down = None

    class Meta:
        model = OfficialNoticePage
        skip_postgeneration_save = True

    @factory.post_generation
    def notice_types(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.notice_types.set(extracted)
            obj.save()


class DocumentFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Příloha {n}")
    file = factory.LazyAttribute(
        lambda o: ContentFile(b"%PDF-1.4\n% test\n", name=f"{o.file_name}.pdf")
    )
    file_size = factory.LazyAttribute(lambda o: o.file.size)

    class Params:
        file_name = factory.Sequence(lambda n: f"priloha-{n}")

    class Meta:
        model = get_document_model()


class NoticeAttachmentFactory(factory.django.DjangoModelFactory):
    document = factory.SubFactory(DocumentFactory)
    title = ""

    class Meta:
        model = NoticeAttachment


class NoticeResponsiblePersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoticeResponsiblePerson
