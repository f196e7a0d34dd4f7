"""Execute every analysis notebook top to bottom; any cell error fails the test.

Needs the ``python3`` kernel spec. ``pip install ipykernel`` into a venv puts one in the
venv (``share/jupyter/kernels``); if it is missing, run
``python -m ipykernel install --sys-prefix``.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


@pytest.mark.parametrize("name", ["contract_delivery.ipynb", "high_demand_days.ipynb"])
def test_notebook_runs_without_errors(name: str) -> None:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=120,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    errors = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert not errors
    assert any(
        output.get("output_type") == "display_data" and "image/png" in output.get("data", {})
        for cell in notebook.cells
        for output in cell.get("outputs", [])
    ), "the notebook shows no plot"
