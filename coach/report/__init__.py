"""Renderers of an analyzed answer: JSON (the documented contract) and the terminal."""
