"""Form widgets of the registry."""

from django import forms
from django.urls import reverse

from .queries_topics import chosen_topics


class TopicValues(list):
    """The ticked topics, and the names or codes typed into the picker's text box to add more."""

    typed = ""


class TopicPicker(forms.Widget):
    """The chosen topics as ticked boxes, and a search (htmx) that offers more to tick.

    Unlike a select, it never renders the whole vocabulary: only what is chosen or searched for.
    Without JavaScript the search cannot offer anything, so a text box takes names or codes.
    """

    template_name = "registry/widgets/topic_picker.html"
    allow_multiple_selected = True

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        ticked = getter(name) if getter else data.get(name)
        if not isinstance(ticked, (list, tuple)):
            ticked = [] if ticked is None else [ticked]
        values = TopicValues(ticked)
        values.typed = str(data.get(f"{name}_add") or "")[:2000]
        return values

    def value_omitted_from_data(self, data, files, name):
        return False  # an empty choice sends nothing, like a multiple select

    def format_value(self, value):
        if value is None:
            return []
        return [str(v) for v in (value if isinstance(value, (list, tuple)) else [value])]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["typed"] = getattr(value, "typed", "")
        context["widget"]["chosen"] = chosen_topics(context["widget"]["value"])
        context["widget"]["attrs"].setdefault("id", f"topics-{name}")
        context["widget"]["search_url"] = reverse("registry:topic_search")
        return context
