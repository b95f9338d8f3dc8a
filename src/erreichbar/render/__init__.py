"""Views of the answers, and nothing else: each takes a result object and returns text or
bytes. `json_out` (the machine contract), `plain` (tab-separated lines for pipes), `human`
with `terminal` and `styled` (a terminal), `week` (the week's picture), `ics`, `export`
(OSM, JSON-LD) with `export_yaml` (the dataset as YAML), `holidays` and `findings`.

May import: answers, data.model, hours (values and the writing of rules), errors, i18n.
Must not import: cli, cache, data.loader and what reads files, calendar.holiday_tables.
A view decides no answer, loads no data and touches no cache.
"""
