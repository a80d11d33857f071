"""dangwu: static 党务公开 boards from YAML records."""
__version__ = "0.1.0"
