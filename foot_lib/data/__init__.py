"""The data layer: errors, shipped-data paths, atomic file writes, the table schema, course
loading and teachers' copies. Imports pandas only, never anything above it.
"""
