import codecs

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from helisa.core.models import User


class VersionForm(forms.Form):
    authoritative_language = forms.ChoiceField(label=_("Authoritative language"))

    def __init__(self, *args, initial_texts=None, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        choices = [(code, names.get(code, code)) for code in settings.CONTENT_LANGUAGES]
        self.fields["authoritative_language"].choices = choices
        for code, name in choices:
            self.fields[f"text_{code}"] = forms.CharField(
                label=_("Text (%(language)s)") % {"language": name},
                widget=forms.Textarea(attrs={"rows": 6, "lang": code}),
                required=False,
                initial=(initial_texts or {}).get(code, ""),
            )

    def texts(self):
        return {
            code: self.cleaned_data.get(f"text_{code}", "") for code in settings.CONTENT_LANGUAGES
        }


class DeclarationForm(VersionForm):
    """A new declaration's title and address, and the texts of its first version."""

    slug = forms.SlugField(
        label=_("Address"),
        required=False,
        max_length=50,
        help_text=_("Part of the web address; left empty, it is made from the English title."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        required = {code for code, _name in settings.LANGUAGES}
        titles = {}
        for code in settings.CONTENT_LANGUAGES:
            titles[f"title_{code}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": names.get(code, code)},
                max_length=300,
                required=code in required,
                widget=forms.TextInput(attrs={"lang": code}),
            )
        # The titles and the address come before the texts.
        self.fields = {**titles, "slug": self.fields.pop("slug"), **self.fields}

    def titles(self):
        return {
            code: self.cleaned_data.get(f"title_{code}", "") for code in settings.CONTENT_LANGUAGES
        }


class AuthorityForm(forms.Form):
    email = forms.EmailField(label=_("Email of the person who will sign"))
    function = forms.CharField(label=_("Function"), max_length=150)
    mandate = forms.FileField(
        label=_("Mandate (PDF, at most 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def clean_email(self):
        user = User.objects.filter(email__iexact=self.cleaned_data["email"], is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("Nobody with this email has an account on Helisa."))
        return user


class SignForm(forms.Form):
    authority = forms.ModelChoiceField(queryset=None, label=_("Sign for"), empty_label=None)
    # Without a token Chromium takes the place for the username of the password that follows.
    place = forms.CharField(
        label=_("Place of signing"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    password_or_code = forms.CharField(
        label=_("Your password, or the code of your authenticator app if you use one"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        strip=False,
    )

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities
        self.fields["authority"].label_from_instance = lambda a: str(a.organisation)


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class VerifyForm(forms.Form):
    receipt = forms.CharField(
        label=_("Receipt (paste the JSON)"),
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        required=False,
        strip=False,
    )
    receipt_file = forms.FileField(label=_("or upload the receipt file"), required=False)

    def clean(self):
        data = super().clean()
        upload = data.get("receipt_file")
        if upload is not None:
            if upload.size > 100_000:
                raise forms.ValidationError(_("A receipt file is never this large."))
            # A byte order mark is how some editors save UTF-8; it is not part of the receipt.
            data["receipt_bytes"] = upload.read().removeprefix(codecs.BOM_UTF8)
        elif data.get("receipt"):
            # Browsers send a textarea with CRLF line ends, and a paste may gain or lose the
            # final newline: the file's own form is restored; any other change still fails.
            pasted = data["receipt"].replace("\r\n", "\n").strip()
            data["receipt_bytes"] = (pasted + "\n").encode("utf-8")
        else:
            raise forms.ValidationError(_("Paste a receipt or upload its file."))
        return data
