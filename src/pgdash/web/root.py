"""Where the app is served: ``server.baseUrlPath`` as a path prefix."""


def prefix(base_path: str) -> str:
    """``server.baseUrlPath`` as a path prefix: "" or ``/pgdash``."""
    return f"/{base_path.strip('/')}" if base_path.strip("/") else ""


def served_prefix() -> str:
    """The running server's prefix (Streamlit's configuration is loaded by then)."""
    from streamlit import config

    return prefix(config.get_option("server.baseUrlPath") or "")
