"""The Streamlit app: the only package that imports Streamlit.

Pages in ``pages/`` stay thin: they ask this package (and the layers below) for data and
lay it out; ``app/pages/<page>.py`` holds what only one page uses.
"""
