"""Data files -> YAML nodes -> schema -> model, and the loader that layers them and keeps
what it built in the cache.

- files.py: a file's bytes (bounded, checked);
- yamlnodes.py: YAML read literally and within limits, every value with its line and column;
  nodereader.py: its values read as the kinds a schema asks for;
- schema.py, header.py, contacts.py: nodes -> model, each mistake as FILE:LINE:COL;
- model.py: Office, Unit, Channel, Contact, Source, Dataset (values from hours.values);
- codec.py, now_table.py, names.py, name_grams.py, kept_parts.py: the model and its indexes
  as bytes for the cache;
- loader.py: which files, layering, validation, the cache; progress.py: its progress line.

May import: hours, calendar, cache, paths, errors, i18n. Must not import: answers, render,
cli. model.py, codec.py, now_table.py, names.py and name_grams.py are pure: they read no
file and touch no cache.
"""
