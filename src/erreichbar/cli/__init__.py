"""The command line: app.py declares the commands and their options (and nothing else);
controller.py checks every option, loads the data once, asks answers/ and hands the result
to a view; runner.py maps errors to exit codes and sets up the run (language, streams,
help); config.py reads the user's settings, completion.py answers the shell, atomic.py
writes -o files without ever leaving half of one, streams.py guards stdout and stderr.

The top layer: may import everything below it; nothing imports it.
"""
