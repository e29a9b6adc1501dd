"""What pgdash's server adds to Streamlit's own: the index page a browser loads first, the
sign-in cookie's routes, and the network address printed at start."""
