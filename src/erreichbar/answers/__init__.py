"""One result object per question, computed from a dataset, a calendar and an instant:

- questions.py: now, next, office and check (ChannelAnswer, NowAnswer, NextAnswer,
  OfficeAnswer, CheckAnswer);
- now.py: now over the compiled table of a whole dataset (what `now --json` lists);
- week.py: the week's picture and the open windows for ics;
- lookup.py: which office or unit a NAME means.

Pure: no clock, no environment, no files, no cache. May import: data (its model and
indexes), hours, calendar.civil, errors, i18n. Must not import: render, cli, cache,
data.loader, data.files, data.yamlnodes, data.schema.
"""
