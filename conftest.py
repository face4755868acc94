"""Root pytest configuration of the whole suite."""
import pytest_odoo

# pytest-odoo 1.0.1 returns a path even when no manifest exists above a test
# file (e.g. tests/ at the repository root) and then fails reading it.
_original = getattr(pytest_odoo, "_si_original_find_manifest_path",
                    pytest_odoo._find_manifest_path)


def _find_existing_manifest_path(collection_path):
    path = _original(collection_path)
    return path if path.is_file() else None


pytest_odoo._si_original_find_manifest_path = _original
pytest_odoo._find_manifest_path = _find_existing_manifest_path
