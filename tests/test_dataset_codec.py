"""The loader's codec: a dataset and its warnings to bytes and back, whole or in part."""

from __future__ import annotations

from erreichbar.data.codec import (
    KEPT_WARNINGS,
    decode,
    decode_warnings,
    encode,
    encode_warnings,
)
from erreichbar.data.loader import bundled_path, load
from erreichbar.errors import Finding


def test_warnings_come_back_the_first_ones_whole_the_others_counted():
    plain = [Finding("a.yaml", 3, 7, "warning", "hours 'Mo 10:00-12:00': ..."),
             Finding("b.yaml", 12, 1, "warning", ""),
             Finding("c.yaml", 1, 2, "warning", 'comment "a\0b"')]
    for warnings in (plain, []):
        report = decode_warnings(encode_warnings(warnings))
        assert (report.findings, report.unlisted) == (warnings, 0)
    many = [Finding("d.yaml", n, 1, "warning", f"w{n}") for n in range(1, KEPT_WARNINGS + 6)]
    report = decode_warnings(encode_warnings(many))
    assert report.findings == many[:KEPT_WARNINGS] and report.unlisted == 5


def test_a_dataset_comes_back_equal_and_in_part_with_only_the_offices_asked_for():
    dataset, _ = load([bundled_path()], use_cache=False)
    parts = list(encode(dataset))
    assert len(parts) == len(dataset.offices) + 1  # one per office, then the header
    assert decode(parts.__getitem__) == dataset
    read: list[int] = []

    def reading(n: int) -> bytes:
        read.append(n)
        return parts[n]

    wanted = dataset.offices[1].id
    part = decode(reading, {wanted})
    assert [o.id for o in part.offices] == [wanted]
    assert part.offices[0] == dataset.offices[1]
    assert read == [-1, 1]  # the header and that office, nothing else


def test_rules_by_date_come_back_whole(tmp_path):
    from test_hours_dates import DATED_DATA

    path = tmp_path / "amt.yaml"
    path.write_text(DATED_DATA, encoding="utf-8")
    dataset, _ = load([str(path)], use_cache=False)
    assert any(c.hours.dated is not None for c in dataset.offices[0].channels)
    assert decode(list(encode(dataset)).__getitem__) == dataset
