"""The dashboard's building blocks: data loading, formatting, charts, maps and widgets.

Pages in ``pages/`` stay thin: they ask this package for data and lay it out.
"""
