"""erreichbar: which public office can you reach right now, by which channel, and when next."""

__version__ = "0.1.0"
