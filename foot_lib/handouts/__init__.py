"""The print layer: PDF parts (charts, routine cards, safety checklist, quiz sheets) and the pack.

``python -m foot_lib.handouts DEST`` builds the pack (see :mod:`foot_lib.handouts.pack`).
"""
