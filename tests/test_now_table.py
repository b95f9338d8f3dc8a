"""`now --json` over the compiled table says what the model says, channel by channel.

The expected side is built the slow, plain way: status() for every channel on its own,
the order and filter written out here, and each line as json.dumps of the documented
dict (json_out.channel_answer), not from the parts the table path puts together.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime

import pytest

from erreichbar import engine
from erreichbar.answers import ChannelAnswer
from erreichbar.calendar import Calendar
from erreichbar.dataset import bundled_path, load, load_table
from erreichbar.model import CHANNEL_KINDS, State
from erreichbar.now_table import from_dataset, now_json
from erreichbar.render.json_out import channel_answer
from helpers import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate

INSTANTS = ["2024-03-06T10:30", "2024-03-09T22:30", "2024-03-31T01:30", "2024-03-31T02:59",
            "2024-10-27T02:30", "2024-12-24T12:00", "2024-05-30T09:00", "2024-03-28T16:00",
            "2024-04-01T07:59", "2024-10-03T08:00"]


def expected(dataset, cal, instant, kinds, include_closed) -> str:
    rows = []
    for office in dataset.offices:
        for channel in office.channels:
            if kinds and channel.kind not in kinds:
                continue
            st = engine.status(channel.hours, cal, instant, channel.validity)
            if include_closed or st.state is not State.CLOSED:
                rows.append(ChannelAnswer(office, channel, st, ()))
    rows.sort(key=lambda a: CHANNEL_KINDS.index(a.channel.kind))
    if not rows:
        return "[]"
    encode = json.JSONEncoder(ensure_ascii=False).encode
    return "[\n" + ",\n".join(encode(channel_answer(a)) for a in rows) + "\n]"


@pytest.fixture(scope="module", params=["bundled", "generated"])
def data(request, tmp_path_factory):
    if request.param == "bundled":
        return bundled_path()
    path = tmp_path_factory.mktemp("table") / "big.yaml"
    path.write_text(generate(3000, seed=11), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("at", INSTANTS)
@pytest.mark.parametrize("kinds,include_closed", [(None, False), (None, True),
                                                  (("phone",), False), (("visit", "email"), True)])
def test_the_table_says_what_the_model_says(data, at, kinds, include_closed, tmp_path,
                                            monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    dataset, _ = load([data], use_cache=False)
    cal = Calendar(dataset.timezone, dataset.region, "de")
    instant = datetime.fromisoformat(at).replace(tzinfo=cal.tz)
    want = expected(dataset, cal, instant, kinds, include_closed)
    assert now_json(from_dataset(dataset), cal, instant, kinds, include_closed) == want
    load_table([data])  # writes the cache
    cached, _ = load_table([data])  # reads it
    assert now_json(cached, cal, instant, kinds, include_closed) == want
