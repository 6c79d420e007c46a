"""The project and target marts built from the sample, checked against the sample's truth.

The sample carries 川江区's 2023 key-project lists (117 projects, one workbook a month) and
its 2023 target file; truth/projects.csv and truth/targets.csv list what they say.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from itertools import pairwise

import pytest
from sample_landing import Sample

from statswh.reporting import read_only_query
from statswh.settings import Settings

pytestmark = pytest.mark.integration

CHUANJIANG = "411602"
ON_TRACK = {
    "at_least": lambda actual, target: actual >= target,
    "at_most": lambda actual, target: actual <= target,
    "about": lambda actual, target: actual >= target - 0.5,  # var target_about_tolerance
}


def truth(sample: Sample, name: str) -> list[dict[str, str]]:
    with (sample.truth / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def reports_by_project(sample: Sample) -> dict[str, list[dict[str, str]]]:
    """Each listed project's monthly reports, in order."""
    reports: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in sorted(truth(sample, "projects.csv"), key=lambda row: row["period_end"]):
        reports[row["project_name"]].append(row)
    return reports


def marts(built: Settings, sql: str) -> list[tuple]:
    return list(read_only_query(built.published, sql).itertuples(index=False, name=None))


def test_every_listed_project_is_one_project_with_its_latest_stage(
    built: Settings, sample: Sample
) -> None:
    expected = {name: rows[-1]["stage"] for name, rows in reports_by_project(sample).items()}
    found = marts(
        built,
        f"select project_name, stage from marts.dim_project where region_code = '{CHUANJIANG}'",
    )
    assert dict(found) == expected
    [(count, total)] = marts(
        built,
        "select count(*), sum(total_investment) from marts.dim_project "
        f"where region_code = '{CHUANJIANG}'",
    )
    assert (count, total) == (117, pytest.approx(736.0))  # seed-facts: 117 projects, 736 亿元


def test_stage_changes_are_those_of_the_monthly_lists(built: Settings, sample: Sample) -> None:
    expected = {
        (name, before["stage"], after["stage"], date.fromisoformat(after["period_end"]).month)
        for name, rows in reports_by_project(sample).items()
        for before, after in pairwise(rows)
        if before["stage"] != after["stage"]
    }
    found = marts(
        built,
        "select project_name, from_stage, to_stage, changed_in_month "
        "from marts.mart_project_stage_changes",
    )
    assert expected, "the sample's projects change stage during 2023"
    assert set(found) == expected


def test_projects_behind_plan_are_those_behind_the_time_elapsed(
    built: Settings, sample: Sample
) -> None:
    expected = {
        (row["project_name"], row["period_end"])
        for row in truth(sample, "projects.csv")
        if float(row["completion_rate_pct"])
        < date.fromisoformat(row["period_end"]).month / 12 * 100
    }
    found = marts(
        built,
        "select project_name, cast(period_end as varchar) from marts.mart_project_tracking "
        "where is_behind_plan",
    )
    assert expected, "a few of the sample's projects fall behind"
    assert set(found) == expected


def test_every_target_of_the_target_file_maps_to_an_indicator(
    built: Settings, sample: Sample
) -> None:
    listed = [row for row in truth(sample, "targets.csv") if row["file_name"].endswith(".yaml")]
    names = read_only_query(
        built.warehouse,
        "select name_zh as name, indicator_code from reference.indicators union all "
        "select synonym, indicator_code from reference.indicator_synonyms",
    )
    codes = dict(zip(names["name"], names["indicator_code"], strict=True))
    assert [row["indicator_name"] for row in listed if row["indicator_name"] not in codes] == []
    # The work report states the same targets in prose; whichever vintage is latest, each
    # target of the file is in the mart under its indicator code.
    found = set(
        marts(
            built,
            "select indicator_code, target_kind from marts.fct_indicator_target "
            f"where region_code = '{CHUANJIANG}' and year = 2023",
        )
    )
    assert {(codes[row["indicator_name"]], row["target_kind"]) for row in listed} <= found


def test_the_growth_targets_are_tracked_with_the_published_growth(
    built: Settings, sample: Sample
) -> None:
    december = {
        row["indicator_code"]: float(row["growth_text"])
        for row in truth(sample, "observations.csv")
        if row["region_code"] == CHUANJIANG
        and row["period_type"] == "year"
        and row["period_end"] == "2023-12-31"
    }
    tracked = marts(
        built,
        "select indicator_code, comparator, target_value, actual_value, on_track "
        f"from marts.mart_target_tracking where region_code = '{CHUANJIANG}' "
        "and target_kind = 'growth_pct' and period_end = date '2023-12-31'",
    )
    assert {code for code, *_ in tracked} == set(december)
    for code, comparator, target, actual, on_track in tracked:
        assert actual == december[code], code
        assert on_track == ON_TRACK[comparator](actual, target), code
