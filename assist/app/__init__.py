"""The application core every front end drives: the sidebar, the CLI and the local API.

:class:`assist.app.core.AgentCore` holds one agent's working state (cache, language
engine, session, authority); :mod:`assist.app.views` holds the plain snapshots it
returns; :mod:`assist.app.settings` what it reads from the configuration. Qt-free.
"""
