"""socialcoach: a terminal coach for physicians joining social media."""

__version__ = "0.1.0"
