"""The local HTTP API on 127.0.0.1: how the browser extension, helpdesk pages and scripts
follow the agent's conversation (docs/integration.md). Built on FastAPI and uvicorn."""
