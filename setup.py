"""Package layout that pyproject.toml cannot express alone: top-level resources/ and db/ ship inside
the wheel (resources/ as the package ``reviewer.resources``; db/ holds the Alembic migrations)."""

from setuptools import find_packages, setup

DATA = ["*.json", "*.jsonl", "*.j2", "*.md", "*.qm", "*.ts", "*.png", "*.svg", "*.desktop", "*.txt",
        "*.mako", "*.ini", "*.csv", "*.css", "*.xml"]

setup(
    packages=find_packages(include=["reviewer", "reviewer.*", "db", "db.*"]) + ["reviewer.resources"],
    package_dir={"reviewer.resources": "resources"},
    package_data={"reviewer.resources": [f"**/{pattern}" for pattern in DATA], "db": ["*.mako"],
                  "db.versions": ["*.py"]},
    include_package_data=False,
)
