"""erreichbar: which public office can you reach right now, by which channel, and when next.

The package is cut by concept; each sub-package's `__init__` says what it is for and what
it may import. From the bottom up (a package imports only those below it; pyproject.toml's
import-linter contracts hold this, tests/test_layers.py runs them):

    i18n          the words in German and English (shared)
    errors        the errors, each with its exit code (shared)
    paths         where the user's config and cache folders are (shared)
    cache/        checksummed sections of bytes in a folder; knows no model
    calendar/     the dataset's zone, public and school holidays, reading WHEN
    hours/        the opening_hours language: text -> rules -> schedule -> state (pure)
    data/         files -> YAML nodes -> schema -> model; the loader and its indexes
    answers/      one result object per question: now, next, office, check, week, lookup
    render/       views of the answers: terminal, plain lines, JSON, ics, exports
    cli/          declares the commands; the controller checks options, loads, picks a view

docs/architecture.md draws the flow and says where to add a command, a field, a view or a
language.
"""

__version__ = "0.1.0"
