"""Peka's Qt-free core: customer cache, language engine, suggestions and authority."""

__version__ = "0.1.0"
