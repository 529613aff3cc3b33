"""The widget layer: the ipywidgets tools used in lessons and the presenter app.
"""
