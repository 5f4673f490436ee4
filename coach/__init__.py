"""coach: an offline, voice-driven coach for spoken interview answers."""

__version__ = "0.1.0"
