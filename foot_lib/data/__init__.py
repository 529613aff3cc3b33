"""The data layer: errors, shipped-data paths, atomic file writes, the table schema, course
loading and teachers' copies. Imports pandas only, never anything above it.

Reading a folder goes through ``access`` (only regular files inside the folder), ``json_file``
(JSON with line/place for errors) and ``csv_text`` (CSV bytes with line/column for errors).
"""
