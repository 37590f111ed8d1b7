"""Package list for setuptools: the code packages plus resources/ as ``peka_resources``.

pyproject.toml cannot combine package discovery with a renamed data package, so this
file does only that; everything else is in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["assist", "assist.*", "ui", "ui.*"]), "peka_resources"],
    package_dir={"peka_resources": "resources"},
)
