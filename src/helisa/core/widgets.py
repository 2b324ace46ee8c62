from django import forms


def date_input():
    """An <input type="date">, given ISO dates whatever the reader's language: what it reads and
    sends."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
