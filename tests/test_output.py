from __future__ import annotations

import pytest

from pipeline.output.jsonl import AtomicJsonlWriter, read_jsonl
from pipeline.output.runs import RunFolder, new_run_id
from pipeline.schema import Problem

PROBLEM = Problem(input="a.txt", code="E003", message="file is empty", stage="read")


def test_atomic_writer_publishes_only_complete_files(tmp_path):
    path = tmp_path / "errors.jsonl"
    with AtomicJsonlWriter(path) as out:
        out.write(PROBLEM)
        assert not path.exists()  # readers never see a half-written file
    assert [Problem.model_validate(line) for line in read_jsonl(path)] == [PROBLEM]


def test_atomic_writer_keeps_previous_file_when_interrupted(tmp_path):
    path = tmp_path / "errors.jsonl"
    path.write_text("previous\n")
    with pytest.raises(RuntimeError), AtomicJsonlWriter(path) as out:
        out.write(PROBLEM)
        raise RuntimeError("killed mid-run")
    assert path.read_text() == "previous\n"
    assert list(tmp_path.iterdir()) == [path]


def test_atomic_writer_refuses_invalid_record(tmp_path):
    bad = Problem.model_construct(input="a", code="E1", message="m", stage="nonsense")
    with pytest.raises(ValueError), AtomicJsonlWriter(tmp_path / "x.jsonl") as out:
        out.write(bad)
    assert not (tmp_path / "x.jsonl").exists()


def test_run_folder_latest_points_at_newest_completed_run(tmp_path):
    first = RunFolder(tmp_path, new_run_id()).create()
    first.mark_latest()
    second = RunFolder(tmp_path, new_run_id()).create()
    second.mark_latest()
    assert (tmp_path / "latest").resolve() == second.path.resolve()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([first.run_id, second.run_id, "latest"])
