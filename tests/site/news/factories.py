import factory
import wagtail_factories

from radnice.news.models import NewsIndexPage, NewsPage, NewsType


class NewsTypeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Typ {n}")

    class Meta:
        model = NewsType


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Aktuality"
    slug = "aktuality"
    intro = "Zprávy z obce."

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Aktualita {n}")
    slug = factory.Sequence(lambda n: f"aktualita-{n}")
    teaser = "Krátký perex aktuality."

    class Meta:
        model = NewsPage
