"""Package layout that pyproject.toml cannot express alone: the top-level resources/ and db/
folders ship inside the wheel as the packages ``reviewer.resources`` (icons, judge prompts, demo
study, translations) and ``reviewer.migrations`` (Alembic), never as a top-level ``db`` package;
reviewer.paths finds both in a checkout, a wheel or a PyInstaller bundle."""

from setuptools import find_packages, setup

DATA = ["*.json", "*.jsonl", "*.j2", "*.md", "*.qm", "*.ts", "*.png", "*.svg", "*.desktop", "*.txt",
        "*.mako", "*.ini", "*.csv", "*.css", "*.xml"]

setup(
    packages=find_packages(include=["reviewer", "reviewer.*"])
    + ["reviewer.resources", "reviewer.migrations", "reviewer.migrations.versions"],
    package_dir={"reviewer.resources": "resources", "reviewer.migrations": "db"},
    package_data={"reviewer.resources": [f"**/{pattern}" for pattern in DATA],
                  "reviewer.migrations": ["*.mako"], "reviewer.migrations.versions": ["*.py"]},
    include_package_data=False,
)
