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

from erreichbar.answers.questions import ChannelAnswer
from erreichbar.calendar.civil import Calendar
from erreichbar.data.loader import bundled_path, load, load_table
from erreichbar.data.model import CHANNEL_KINDS, State
from erreichbar.data.now_table import from_dataset
from erreichbar.hours import engine
from erreichbar.render import json_out
from erreichbar.render import now_json as now_json_view
from erreichbar.render.json_out import channel_answer
from helpers import DATA_HEAD, ROOT

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate


def now_json(table, cal, instant, kinds, include_closed):
    """`now --json` as the controller puts it together: the kept parts (made by the view's
    own channel_parts, looked up when called so a test can replace it), the answer's rows,
    the view."""
    from erreichbar.answers.now import now_rows
    from erreichbar.data.kept_parts import with_parts

    table, parts = with_parts(table, json_out.channel_parts, now_json_view.VERSION)
    return now_json_view.now_json(parts, now_rows(table, cal, instant, kinds, include_closed))


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
            if channel.kind == "visit" and channel.appointment == "required" \
                    and st.state is not State.CLOSED:  # only by appointment, as documented
                c = st.current
                st = engine.Status(State.APPOINTMENT,
                                   engine.Window(c.start, c.end, State.APPOINTMENT, c.comment),
                                   st.next_open, st.holiday, st.in_validity)
            if include_closed or st.state is not State.CLOSED:
                rows.append(ChannelAnswer(office, channel, st, ()))
    rows.sort(key=lambda a: CHANNEL_KINDS.index(a.channel.kind))
    if not rows:
        return "[]"
    encode = json.JSONEncoder(ensure_ascii=False).encode
    return "[\n" + ",\n".join(encode(channel_answer(a)) for a in rows) + "\n]"


@pytest.fixture(scope="module", params=["bundled", "generated"])
def loaded(request, tmp_path_factory):
    """Each dataset read once, as the model and as the table, and the table once more from
    the store that reading wrote (a store of its own, so the read is a real hit). The first
    `now --json` over that table makes the JSON parts from the stored model and keeps them;
    the others read them from the store."""
    folder = tmp_path_factory.mktemp(f"table-{request.param}")
    if request.param == "bundled":
        data = bundled_path()
    else:
        data = str(folder / "big.yaml")
        (folder / "big.yaml").write_text(generate(3000, seed=11), encoding="utf-8")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("XDG_CACHE_HOME", str(folder / "cache"))
        dataset, _ = load([data], use_cache=False)
        load_table([data])  # writes the cache
        assert list((folder / "cache").rglob("*.bin")), "the first read fills the cache"
        cached, _ = load_table([data])  # reads it
        assert cached.key is not None
        cal = Calendar(dataset.timezone, dataset.region, "de")
        yield dataset, cal, from_dataset(dataset), cached


@pytest.mark.parametrize("at", INSTANTS)
@pytest.mark.parametrize("kinds,include_closed", [(None, False), (None, True),
                                                  (("phone",), False), (("visit", "email"), True)])
def test_the_table_says_what_the_model_says(loaded, at, kinds, include_closed):
    dataset, cal, table, cached = loaded
    instant = datetime.fromisoformat(at).replace(tzinfo=cal.tz)
    want = expected(dataset, cal, instant, kinds, include_closed)
    assert now_json(table, cal, instant, kinds, include_closed) == want
    assert now_json(cached, cal, instant, kinds, include_closed) == want


@pytest.mark.parametrize("chunk", [1, 2, 7, 4096])
def test_the_answer_in_pieces_is_the_answer_whole(loaded, monkeypatch, chunk):
    """`now --json` is written in pieces of CHUNK_LINES lines: wherever a piece ends (after
    one line, at an odd count, beyond the end), together they are the same array."""
    from erreichbar.answers.now import now_rows
    from erreichbar.data.kept_parts import with_parts

    dataset, cal, _, cached = loaded
    instant = datetime.fromisoformat(INSTANTS[0]).replace(tzinfo=cal.tz)
    want = expected(dataset, cal, instant, None, True)
    monkeypatch.setattr(json_out, "CHUNK_LINES", chunk)
    table, parts = with_parts(cached, json_out.channel_parts, now_json_view.VERSION)

    def now_json_chunks(kinds, include_closed):
        return now_json_view.now_json_chunks(
            parts, now_rows(table, cal, instant, kinds, include_closed))

    pieces = list(now_json_chunks(None, True))
    assert b"".join(pieces).decode() == want
    lines = want.count("\n") - 1
    assert len(pieces) == -(-lines // chunk) + 1  # and the closing bracket
    assert b"".join(now_json_chunks(("nothing",), False)) == b"[]"


def test_a_file_edited_after_the_table_was_read_is_answered_whole_from_the_new_model():
    """The JSON parts are made from the model when the store has none; if that model is not
    the one the table was made from, the answer comes from the new model alone, never a
    table of one and parts of the other."""
    old, _ = load([bundled_path()], use_cache=False)
    new = type(old)(old.as_of, old.timezone, old.region, old.offices[:3], old.lines,
                    old.planned, old.files)
    table = from_dataset(old)
    table.source = lambda: (new, None)
    table.key = "the files as they were"
    cal = Calendar(old.timezone, old.region, "de")
    instant = datetime.fromisoformat(INSTANTS[0]).replace(tzinfo=cal.tz)
    assert now_json(table, cal, instant, None, True) == expected(new, cal, instant, None, True)


def test_a_stored_table_and_its_parts_answer_without_the_model(tmp_path, monkeypatch):
    """The second cached `now --json` reads the table and the JSON parts, never the model;
    when the parts are missing and the stored model too, the parts come from the files."""
    from erreichbar.data import codec as dataset_codec

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    data = [bundled_path()]
    model, _ = load(data, use_cache=False)
    cal = Calendar(model.timezone, model.region, "de")
    instant = datetime.fromisoformat(INSTANTS[5]).replace(tzinfo=cal.tz)
    want = expected(model, cal, instant, None, True)
    load_table(data)  # fills the store
    assert now_json(load_table(data)[0], cal, instant, None, True) == want  # keeps the parts

    def no_model(*args, **kwargs):
        raise AssertionError("the model was decoded")

    with monkeypatch.context() as patched:
        patched.setattr(dataset_codec, "decode", no_model)
        patched.setattr(json_out, "channel_parts", no_model)  # the parts are kept
        assert now_json(load_table(data)[0], cal, instant, None, True) == want
    table, _ = load_table(data)
    for entry in (tmp_path / "erreichbar").glob("*.bin"):
        if not entry.name.startswith("holidays-"):
            entry.unlink()  # the parts and the stored model are gone: read the files again
    assert now_json(table, cal, instant, None, True) == want


NIGHTS = DATA_HEAD + """\
offices:
  - id: "amt"
    name: "Amt"
    source: "s"
    channels:
      - kind: "phone"
        hours: "Mo-Fr 22:00-02:00"
      - kind: "visit"
        hours: "Mo-Fr 08:00-18:00; Mo-Fr 12:00-13:00 off"
      - kind: "online"
        hours: 'Mo-Th 20:00-26:00, Fr 08:00-12:00 open "Chat"; PH off'
      - kind: "email"
        hours: 'Mo-Fr 09:00-12:00 || Sa-Su unknown "nach Vereinbarung"'
"""


@pytest.mark.parametrize("at", ["2024-03-08T23:00", "2024-03-09T01:30", "2024-03-11T00:30",
                                "2024-03-29T00:30", "2024-03-30T01:00", "2024-03-31T02:30",
                                "2024-03-12T12:30"])
def test_spans_past_midnight_and_added_rules_are_stored_and_answered(tmp_path, monkeypatch,
                                                                      at):
    """Schedules whose day depends on the day before (a span past midnight) are stored and
    read back whole: the table, fresh and from the store, answers as status() does."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "nights.yaml"
    path.write_text(NIGHTS, encoding="utf-8")
    dataset, _ = load([str(path)], use_cache=False)
    load_table([str(path)])
    cached, _ = load_table([str(path)])
    cal = Calendar(dataset.timezone, dataset.region, "de")
    instant = datetime.fromisoformat(at).replace(tzinfo=cal.tz)
    want = expected(dataset, cal, instant, None, True)
    assert now_json(from_dataset(dataset), cal, instant, None, True) == want
    assert now_json(cached, cal, instant, None, True) == want
