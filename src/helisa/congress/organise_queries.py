"""Reads of the organiser's programme pages: each list in a fixed number of queries."""

from django.db.models import Count, Prefetch

from .models import RegistrationCategory, Room, Session, SessionSpeaker, Speaker, Track


def rooms_of(congress):
    return (
        Room.objects.filter(congress=congress)
        .annotate(uses=Count("sessions"))
        .order_by("name", "pk")
    )


def tracks_of(congress):
    return Track.objects.filter(congress=congress).annotate(uses=Count("sessions")).order_by("pk")


def categories_of(congress):
    return (
        RegistrationCategory.objects.filter(congress=congress)
        .annotate(uses=Count("registrations"))
        .order_by("kind", "pk")
    )


def sessions_of(congress):
    appearances = SessionSpeaker.objects.select_related("speaker").order_by(
        "order", "speaker__name"
    )
    return (
        Session.objects.filter(congress=congress)
        .select_related("room", "track")
        .prefetch_related(Prefetch("session_speakers", queryset=appearances))
        .order_by("starts_at", "room__name", "pk")
    )


def appearances_of(session):
    return session.session_speakers.select_related("speaker__organisation").order_by(
        "order", "speaker__name"
    )


def speakers_of(congress):
    return (
        Speaker.objects.filter(congress=congress)
        .select_related("organisation", "person")
        .annotate(uses=Count("appearances"))
        .order_by("name", "pk")
    )


def organisers_of(congress):
    return congress.organisers.order_by("email")
