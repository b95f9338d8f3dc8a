"""Importers: foreign data turned into a dataset in the tool's own format, never the other
way round, so the tool itself only ever reads its own YAML.

- objects.py: OsmObject, one object with its tags, version, time and location;
- osm.py: OpenStreetMap objects read from a file, standard input or an Overpass
  reply, selected by tags in C++ (pyosmium) and given a location;
- selection.py: the `--tag KEY=VALUE` selection and the `--bbox`;
- overpass_json.py: an Overpass API reply in JSON, read without pyosmium;
- tags.py: one object's tags -> an office with its channels, contacts and address;
- region.py: the region whose holidays apply (ISO 3166-2) and its time zone;
- dataset.py: the objects -> the YAML text of a dataset, each fact with its source.

Beside `answers` (neither imports the other): only `cli` imports it. May import: data
(contacts, the YAML writer's rules), hours (to read each opening_hours value), calendar,
errors, i18n. pyosmium is imported only inside the functions that read OSM files, so
importing this package costs no start-up.
"""
