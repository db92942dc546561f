"""System checks of the tenancy contract."""

from django.core import checks


@checks.register()
def admin_forms_check_record_ids(app_configs, **kwargs):
    """Every admin form derives from ``MunicipalReferencesFormMixin`` (radnice_forms.E001)."""
    from .references import MunicipalReferencesFormMixin, admin_forms

    errors = []
    for model, form_class, area, _viewset, _view in admin_forms():
        if not issubclass(form_class, MunicipalReferencesFormMixin):
            errors.append(
                checks.Error(
                    f"The admin form of {model._meta.label} ({area}) does not check record ids.",
                    hint="Derive it from municipalities.forms.MunicipalityScopedForm "
                    "(MunicipalityScopedPageForm for pages).",
                    obj=model,
                    id="radnice_forms.E001",
                )
            )
    return errors
