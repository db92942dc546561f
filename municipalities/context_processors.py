def municipality(request):
    return {"municipality": getattr(request, "municipality", None)}
