"""pgdash's benchmark: build, pages (server and browser), load. Run: python -m bench.run"""
