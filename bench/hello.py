"""The hello-world Streamlit page every pgdash page is measured against."""

import streamlit as st

st.set_page_config(page_title="hello", layout="wide")
st.title("Hello, world")
st.write("A baseline page: one title and one line of text.")
