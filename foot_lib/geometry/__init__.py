"""The geometry layer: the parametric foot shape, zone polygons and point-in-zone lookups.
Plain numpy arrays; imports the data layer only.
"""
