"""The EU member states and the countries associated to Horizon Europe, as data with a date
(data/eu_countries.json): association changes, so pages show the date the lists hold for."""

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

FILE = Path(__file__).resolve().parent / "data" / "eu_countries.json"


@dataclass(frozen=True)
class Associated:
    code: str
    since: str
    note: str = ""


@dataclass(frozen=True)
class CountryLists:
    as_of: date
    member_states: frozenset
    associated: tuple  # Associated
    sources: tuple
    left_out: str

    @property
    def associated_codes(self):
        return frozenset(country.code for country in self.associated)

    @property
    def sorted_member_states(self):
        return sorted(self.member_states)

    @property
    def horizon_europe(self):
        return self.member_states | self.associated_codes


@lru_cache(maxsize=1)
def country_lists():
    data = json.loads(FILE.read_text(encoding="utf-8"))
    return CountryLists(
        as_of=date.fromisoformat(data["as_of"]),
        member_states=frozenset(data["member_states"]),
        associated=tuple(Associated(**row) for row in data["associated_countries"]),
        sources=tuple(data["sources"]),
        left_out=data["left_out"],
    )
