"""The staff views of the memorial: the import/export page, the sample file and the
exports (the public pages' context is in ``memorial.pages``)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import exporting, importing
from .forms import ImportForm

# Staff: import and export


def _can_import(user):
    return user.has_perm("memorial.add_fallenvolunteer") and user.has_perm(
        "memorial.change_fallenvolunteer"
    )


def _can_export(user):
    return user.has_perm("memorial.change_fallenvolunteer")


@method_decorator(never_cache, name="dispatch")
class ImportView(WagtailAdminTemplateMixin, FormView):
    """Upload a CSV file: check it (dry run) or import it, all or nothing."""

    template_name = "memorial/admin/import.html"
    form_class = ImportForm
    page_title = _("Import and export memorial records")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        can_import = _can_import(request.user)
        if not (can_import or _can_export(request.user)):
            raise PermissionDenied
        if request.method == "POST" and not can_import:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["guide"] = importing.guide()
        context["can_export"] = _can_export(self.request.user)
        context["can_import"] = _can_import(self.request.user)
        return context

    def form_valid(self, form):
        publish = form.cleaned_data["publish"]
        if publish and not self.request.user.has_perm(
            "memorial.publish_fallenvolunteer"
        ):
            form.add_error(
                "publish",
                _("You may not publish records: untick “Publish the records”."),
            )
            return self.form_invalid(form)
        result = importing.import_file(
            form.cleaned_data["file"].read(),
            dry_run=form.cleaned_data["dry_run"],
            publish=publish,
            user=self.request.user,
        )
        if result.ok and not result.dry_run:
            # The next file starts with a check again, as the page first opens.
            form = self.get_form_class()(initial={"publish": publish})
        return self.render_to_response(self.get_context_data(form=form, result=result))


@require_admin_access
def sample_view(request):
    """A small file in the import format, made from the column definitions."""
    if not (_can_import(request.user) or _can_export(request.user)):
        raise PermissionDenied
    response = HttpResponse(
        importing.sample_csv().encode(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="memorial-sample.csv"'
    return response


@require_admin_access
def export_view(request, file_format):
    if not _can_export(request.user):
        raise PermissionDenied
    if file_format == "csv":
        return exporting.staff_csv_response()
    return exporting.staff_json_response()
