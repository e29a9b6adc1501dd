"""pgdash: the executive dashboard of Pinggu District, built from two source documents."""

__version__ = "0.1.0"
