from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from helisa.registry.models import ImportKind

from .permissions import clusters_open_to_imports_by
from .services import ALLOWED_SUFFIXES


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("The first row names the columns; see the list of columns below."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    cluster = forms.ModelChoiceField(
        label=_("Cluster the members join"),
        queryset=None,
        required=False,
        help_text=_("Only for members: the clusters you manage."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters_open_to_imports_by(user)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ALLOWED_SUFFIXES):
            raise forms.ValidationError(_("Upload a CSV or XLSX file."))
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.")
                % {"size": settings.IMPORT_MAX_BYTES // 2**20}
            )
        return upload

    def clean(self):
        data = super().clean()
        if data.get("kind") == ImportKind.MEMBERSHIPS and not data.get("cluster"):
            self.add_error("cluster", _("Choose the cluster the members join."))
        return data
