"""ANAISS Desktop: encrypted social dossiers for one offline social-worker station."""

__version__ = "0.1.0"
APP_NAME = "ANAISS Desktop"
