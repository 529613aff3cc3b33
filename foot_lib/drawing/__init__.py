"""The drawing layer: matplotlib figures (reflex charts, leg diagrams, technique diagrams).
Imports the layers below; never widgets.
"""
