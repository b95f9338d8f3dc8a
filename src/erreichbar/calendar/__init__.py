"""The calendar of a dataset: its time zone, its public and school holidays, and reading the
WHEN a person types (`--at`).

- civil.py: Calendar (zone, holidays by region and year, local times across DST);
- when.py: `--at` and `--from` text -> an instant in the dataset's zone;
- holiday_tables.py: a year's holidays kept in the cache (the holidays package is slow to
  ask).

May import: cache, errors, i18n. Must not import: hours, data, answers, render, cli.
"""
