"""What pgdash's server adds to Streamlit's own: the index page a browser loads first."""
