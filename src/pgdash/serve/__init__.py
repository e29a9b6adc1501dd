"""Serving many people at once: app server replicas behind HAProxy (no Streamlit import here)."""
