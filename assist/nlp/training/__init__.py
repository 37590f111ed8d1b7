"""Corpus generation, training and evaluation of Peka's language pipelines."""
