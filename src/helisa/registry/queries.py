"""Reads shared by the directory pages, the API and the exports."""

from django.db.models import Count

from helisa.registry.models import Cluster, Organisation


def directory_overview():
    return {
        "organisations": Organisation.objects.count(),
        "clusters": Cluster.objects.count(),
        "validated_clusters": Cluster.objects.filter(is_validated=True).count(),
        "countries": Organisation.objects.values("country").distinct().count(),
        "clusters_by_country": list(
            Cluster.objects.values("organisation__country")
            .annotate(count=Count("pk"))
            .order_by("-count")
        ),
    }
