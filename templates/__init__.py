"""Jinja templates of the web UI; a package so `importlib.resources` finds them in a wheel."""
