"""ASGI entry point for Uvicorn workers: `uvicorn concordia.asgi:app`."""

from concordia.app import create_app

app = create_app()
