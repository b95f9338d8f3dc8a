"""Whose public holidays the imported offices keep (an ISO 3166-2 code), and their zone.

The region comes from `--region`, else from the offices' tags: `addr:state`, a city state
named in `addr:city` (Berlin, Hamburg, Bremen), the postcode; else from an `ISO3166-2` tag
of a state's boundary in the file. Where none of these tells it, or they disagree, the
import stops and asks for `--region`.

>>> region_of_tags({"addr:city": "Berlin"})
'DE-BE'
>>> region_of_tags({"addr:postcode": "02977"})
'DE-SN'
>>> region_of_tags({"addr:postcode": "35037"}) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from erreichbar.errors import UsageError
from erreichbar.i18n import _

# `addr:state` as mappers write it: the state's German name (also its code)
STATES = {
    "baden-württemberg": "DE-BW", "bayern": "DE-BY", "berlin": "DE-BE",
    "brandenburg": "DE-BB", "bremen": "DE-HB", "hamburg": "DE-HH", "hessen": "DE-HE",
    "mecklenburg-vorpommern": "DE-MV", "niedersachsen": "DE-NI",
    "nordrhein-westfalen": "DE-NW", "rheinland-pfalz": "DE-RP", "saarland": "DE-SL",
    "sachsen": "DE-SN", "sachsen-anhalt": "DE-ST", "schleswig-holstein": "DE-SH",
    "thüringen": "DE-TH",
}
CITY_STATES = {"berlin": "DE-BE", "hamburg": "DE-HH", "bremen": "DE-HB"}

# Postcode ranges that lie wholly in one state, from the postcode areas (Leitregionen) of
# the Deutsche Post: only areas whose every place is in the state named, each with a
# place of it to check it by. A postcode outside them tells nothing here, since most
# areas cross a state's border (01 reaches into Brandenburg, 04 into Thuringia, 63 into
# Bavaria, 21 to Lower Saxony and Schleswig-Holstein); the import then asks for --region.
POSTCODES = (
    ("02000", "02999", "DE-SN"),  # Bautzen 02625, Görlitz 02826, Hoyerswerda 02977
    ("09000", "09699", "DE-SN"),  # Chemnitz 09111, Freiberg 09599
    ("10000", "10999", "DE-BE"),  # Berlin-Mitte 10178, Kreuzberg 10997
    ("20000", "20999", "DE-HH"),  # Hamburg-Altstadt 20095, Eimsbüttel 20259
    ("28195", "28779", "DE-HB"),  # Bremen-Mitte 28195, Vegesack 28757
    ("60000", "60599", "DE-HE"),  # Frankfurt am Main 60311
    ("63065", "63075", "DE-HE"),  # Offenbach am Main 63065
    ("80000", "81929", "DE-BY"),  # München 80331
)

# Zones of the countries whose regions may be given with --region (one zone each)
ZONES = {
    "DE": "Europe/Berlin", "AT": "Europe/Vienna", "CH": "Europe/Zurich",
    "LI": "Europe/Vaduz", "LU": "Europe/Luxembourg", "BE": "Europe/Brussels",
    "NL": "Europe/Amsterdam", "DK": "Europe/Copenhagen", "PL": "Europe/Warsaw",
    "CZ": "Europe/Prague", "FR": "Europe/Paris", "IT": "Europe/Rome",
}

_POSTCODE = re.compile(r"\d{5}")


def region_of_tags(tags: Mapping[str, str]) -> str | None:
    """The region one office's tags tell (None: they tell none, or lie outside Germany)."""
    if tags.get("addr:country", "DE").strip().upper() != "DE":
        return None
    state = tags.get("addr:state", "").strip()
    if state.lower() in STATES:
        return STATES[state.lower()]
    if re.fullmatch(r"DE-[A-Z]{2}", state) and state in STATES.values():
        return state
    city = tags.get("addr:city", "").strip().lower()
    if city in CITY_STATES:
        return CITY_STATES[city]
    code = tags.get("addr:postcode", "").strip()
    if _POSTCODE.fullmatch(code):
        return next((r for lo, hi, r in POSTCODES if lo <= code <= hi), None)
    return None


def region_of(given: str | None, offices: Iterable[Mapping[str, str]],
              boundaries: Iterable[str] = ()) -> str:
    """The region: GIVEN (`--region`, checked), else the one the OFFICES' tags tell, else
    the one state BOUNDARIES (ISO3166-2 values) name; UsageError where none or several."""
    if given is not None:
        return checked_region(given)
    told = {r for tags in offices if (r := region_of_tags(tags)) is not None}
    if not told:
        told = {b for b in boundaries if b in STATES.values()}
    if len(told) == 1:
        return told.pop()
    if told:
        raise UsageError(_("the offices lie in several regions ({regions}): import each "
                           "with --region, e.g. --region {first}",
                           regions=", ".join(sorted(told)), first=sorted(told)[0]))
    raise UsageError(_("the data does not tell whose public holidays apply: give the "
                       "region with --region, e.g. --region DE-HE"))


def checked_region(region: str) -> str:
    """REGION as the data format writes it (`DE-HE`), if the holidays package knows it and
    a time zone is known for its country."""
    code = region.strip().upper()
    import holidays  # start-up: only an import checks a region

    country, _dash, subdiv = code.partition("-")
    known = holidays.list_supported_countries()
    if country not in known or (subdiv and subdiv not in known[country]):
        raise UsageError(_("--region {region}: the holidays library knows no such region "
                           "(write it as ISO 3166-2, e.g. DE-HE)", region=repr(region)))
    if country not in ZONES:
        raise UsageError(_("--region {region}: no time zone is known here for {country}",
                           region=repr(region), country=country))
    return code


def timezone_of(region: str) -> str:
    """The time zone of REGION's country (Europe/Berlin for Germany)."""
    return ZONES[region.partition("-")[0]]
