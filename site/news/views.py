"""The admin's tag suggestions for news (tags of the editor's own towns only)."""

from django.http import JsonResponse

from municipalities.scope import scope_pages
from radnice.core.collation import czech_sort_key

from .models import NewsPage, NewsPageTag

TAG_SUGGESTIONS = 10


def tag_autocomplete(request):
    """Tag suggestions for the news tag field: tags of news in the editor's own towns."""
    term = request.GET.get("term", "").strip()
    if not term:
        return JsonResponse([], safe=False)
    pages = scope_pages(NewsPage.objects.all(), request.user)
    names = set(
        NewsPageTag.objects.filter(
            content_object__in=pages.values("pk"), tag__name__istartswith=term
        ).values_list("tag__name", flat=True)
    )
    return JsonResponse(sorted(names, key=czech_sort_key)[:TAG_SUGGESTIONS], safe=False)
