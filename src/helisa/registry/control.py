"""Control between organisations: one may be controlled by another (a subsidiary by its parent,
members of a group by its head). Affiliated organisations are not independent legal entities,
which calls such as Horizon Europe count."""


def control_links():
    """{organisation id: id of the organisation that controls it}, in one query."""
    from .models import Organisation

    return dict(
        Organisation.objects.filter(controlled_by__isnull=False).values_list(
            "pk", "controlled_by_id"
        )
    )


def chain_above(pk, links):
    """The ids controlling `pk`, nearest first, up to the top of the chain; a cycle (which the
    registry refuses, but data may come from elsewhere) stops the walk."""
    chain, seen = [], {pk}
    while (pk := links.get(pk)) is not None and pk not in seen:
        chain.append(pk)
        seen.add(pk)
    return chain


def group_of(pk, links):
    """The independence group of an organisation: the top of its control chain (itself when no
    one controls it)."""
    chain = chain_above(pk, links)
    return chain[-1] if chain else pk


def would_make_cycle(pk, controller_pk, links):
    """Whether `pk` controlled by `controller_pk` would close a loop of control."""
    if pk is None or controller_pk is None:
        return False
    return controller_pk == pk or pk in chain_above(controller_pk, links)


def control_of(organisation, *, shown=20):
    """What the organisation page says about control: the group it is part of, the organisation
    that controls it directly, and (up to `shown` of) those it controls; a few queries whatever
    the chain's length."""
    from .models import Organisation

    controller = group = None
    if organisation.controlled_by_id:
        top = group_of(organisation.pk, control_links())
        found = Organisation.objects.only("pk", "legal_name", "short_name").in_bulk(
            {organisation.controlled_by_id, top}
        )
        controller, group = found.get(organisation.controlled_by_id), found.get(top)
    controlled = organisation.subsidiaries.only("pk", "legal_name", "short_name", "controlled_by")
    controls = list(controlled.order_by("legal_name", "pk")[: shown + 1])
    return {
        "control_group": group,
        "controlled_by": controller,
        "controls": controls[:shown],
        "controls_count": controlled.count() if len(controls) > shown else len(controls),
    }
