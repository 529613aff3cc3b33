"""The content layer: routines, session planning, safety screening, evidence labels, quizzes,
legs, preparation, self-care and coverage. No matplotlib, ipywidgets or IPython here.
"""
