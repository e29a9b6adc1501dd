"""The Streamlit app's own modules: the only package that imports Streamlit."""
