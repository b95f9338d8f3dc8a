"""The opening_hours language: an `hours` value's text -> rules -> a schedule compiled per
kind of day -> the state at an instant, its end, and the next window.

- tokens.py, parser.py, dates.py, open_ends.py, fast.py: reading the text (reader.py is
  the entry: parse(), analyse());
- lenient.py, lenient_words.py, lenient_order.py: the forms people type, turned into the
  standard value as opening_hours.js corrects them (with a warning);
- rules.py, date_selectors.py, dated_days.py: what the rules make of each day;
- values.py: State, Segment, Schedule, Validity and the constants they are measured in;
- compiled.py, engine.py, batch.py: the state of a schedule at an instant, for one channel
  or for a whole table at once.

Pure: no clock, no environment, no files. The instant and the calendar (zone and holidays)
are handed in. May import: calendar.civil, errors, i18n. Must not import: cache, data,
answers, render, cli, paths, calendar.holiday_tables.
"""
