"""The cache: checksummed sections of bytes in the user's cache folder, written atomically,
read only when whole. It knows nothing of models, answers or views: codecs live beside what
they encode (data/codec.py, data/now_table.py, data/names.py).

May import: paths, errors, i18n. Must not import anything else of the package.
"""
