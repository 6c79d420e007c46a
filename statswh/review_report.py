"""The review report: one static HTML page per release for the statistician who checks it.

It answers two questions without SQL: which published figures look wrong, and where are
they in the bureau's files (per open anomaly: its series with the flagged figure and the
interval it should lie in, the diagnosis, and the file, sheet and cell it was read from);
and how each indicator and region is doing (the monthly series, the annual targets).
Charts are Plotly's; plotly.min.js is written beside the page so it opens with no internet.
Labels are Chinese with English beside: the readers are bureau staff, the code is not.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import jinja2
import pandas as pd
import plotly.graph_objects as go
from plotly.io import to_html
from plotly.offline import get_plotlyjs
from plotly.subplots import make_subplots

from statswh.reporting import expected_interval, period_label
from statswh.settings import DEFAULT_MEMORY_LIMIT

REPORT_FOLDER = "report"
PAGE = "index.html"
PLOTLY_SCRIPT = "plotly.min.js"
FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
# Region colours, told apart also in grey print and by colour-blind readers (Okabe-Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
SERIES_COLOUR = "#4a6785"
FLAG_COLOUR = "#c0392b"
INTERVAL_COLOUR = "rgba(39, 174, 96, 0.45)"
INTERVAL_EDGE = "#1e8449"
PLOT_CONFIG = {"displaylogo": False, "responsive": True, "displayModeBar": False}
# Cards (each with its chart) for at most this many open anomalies, the most recent periods
# first: a history can hold tens of thousands, and a card costs a chart. The rest are counted.
CARD_LIMIT = 200
SEVERITY_RANK = "case severity when 'error' then 0 when 'warning' then 1 else 2 end"
# The open anomalies that get a card, the $card_limit most recent; every query about the
# cards reads only these.
SHOWN = f"""
    shown as (
        select * from marts.dq_anomalies
        where not accepted
        order by period_end desc, {SEVERITY_RANK}, rule_code, region_name, indicator_name,
            anomaly_id
        limit $card_limit
    )
"""
# An indicator's chart draws at most this many regions, over the most recent this many
# months: a national history has hundreds of regions and ten years an indicator, which no
# one can read in one chart (and would make the page hundreds of megabytes). The marts
# hold the rest.
REGION_LIMIT = 12
CHART_MONTHS = 36
# The year-to-date series the indicator sections draw: per indicator the regions with an
# open anomaly on it first, then the wider regions (a province before its cities), then
# the largest by their latest figure.
CHARTED_SERIES = """
    with recent as (
        select
            indicator_code, indicator_name, unit, region_code, region_name, period_end,
            value, yoy_growth_pct
        from marts.fct_indicator_observation
        where
            period_type = 'ytd' and indicator_code is not null
            and period_end > (
                select max(period_end) from marts.fct_indicator_observation
                where period_type = 'ytd'
            ) - to_months($chart_months)
    ),

    flagged as (
        select distinct indicator_code, region_name from marts.dq_anomalies
        where not accepted
    ),

    series as (
        select
            indicator_code,
            region_name,
            any_value(region_code) as region_code,
            arg_max(value, period_end) as latest_value
        from recent
        group by indicator_code, region_name
    ),

    regions as (
        select
            series.indicator_code,
            series.region_name,
            row_number() over (
                partition by series.indicator_code
                order by
                    flagged.region_name is null, dim_region.depth nulls last,
                    series.latest_value desc nulls last, series.region_name
            ) as place,
            count(*) over (partition by series.indicator_code) as regions_with_series
        from series
        left join flagged
            on series.indicator_code = flagged.indicator_code
            and series.region_name = flagged.region_name
        left join marts.dim_region as dim_region
            on series.region_code = dim_region.region_code
    )

    select recent.*, regions.regions_with_series
    from recent
    inner join regions
        on recent.indicator_code = regions.indicator_code
        and recent.region_name = regions.region_name
    where regions.place <= $region_limit
    order by recent.period_end, recent.region_name
"""
REQUIRED_MARTS = (
    "dq_anomalies",
    "dim_region",
    "dim_source_file",
    "fct_indicator_observation",
    "mart_target_tracking",
)

RULES = {
    "growth_level_mismatch": ("增速与总量不符", "growth does not match the levels"),
    "base_revision": ("上年基数修订", "revised base"),
    "real_growth_implausible": ("可比价增速不合理", "implausible real growth"),
    "ytd_decrease": ("累计数下降", "year to date decreased"),
    "ytd_month_mismatch": ("当月与累计不符", "months do not add up to the year to date"),
    "component_exceeds_total": ("分项大于总量", "part exceeds its total"),
    "components_sum_mismatch": ("分项之和与总量不符", "parts do not add up"),
    "share_out_of_range": ("比率超出范围", "rate out of range"),
    "unit_magnitude_jump": ("数量级跳变", "unit magnitude jump"),
    "outlier": ("偏离历史", "outlier against its history"),
    "missing_period": ("缺期", "missing period"),
    "conflicting_duplicate": ("来源冲突", "sources disagree"),
    "unmapped_indicator": ("指标未编码", "indicator not on the code list"),
    "unmapped_region": ("地区未编码", "region not on the code list"),
}
SEVERITIES = {"error": ("错误", "error"), "warning": ("警告", "warning"), "info": ("提示", "info")}
DIAGNOSES = {
    "inconsistent": ("数据不一致", "inconsistent"),
    "base_revision": ("疑为上年基数修订", "likely a revised base"),
    "sign_flip": ("疑为正负号错误", "likely a sign flip"),
    "decimal_slip": ("疑为小数点错位", "likely a decimal slip"),
    "unit_slip": ("疑为万元与亿元混用", "likely 万元 and 亿元 confused"),
    "unit_slip_wan_as_yi": ("疑将万元记作亿元", "likely 万元 labelled 亿元"),
    "unit_slip_yi_as_wan": ("疑将亿元记作万元", "likely 亿元 labelled 万元"),
    "bei_ratio_as_growth": ("疑将倍数当作增速", "likely the ratio published as growth (倍)"),
    "bei_growth_as_ratio": ("疑将增速当作倍数", "likely the growth read as a ratio (倍)"),
    "growth_outlier": ("增速明显偏离历史", "growth far from its history"),
    "implausible_deflator": ("隐含价格指数不合理", "implausible implied deflator"),
    "ytd_decrease": ("累计数下降，可能为统计核减", "year to date fell, possibly an audit (核减)"),
    "months_do_not_add_up": ("各月之和与累计不符", "months do not add up"),
    "growth_not_between": ("累计增速不在上月累计与当月增速之间", "growth not between its parts"),
    "part_exceeds_total": ("分项大于总量", "part exceeds total"),
    "parts_do_not_add_up": ("分项之和与总量不符", "parts do not add up"),
    "out_of_range": ("超出有效范围", "out of its valid range"),
    "missing": ("缺少该期数据", "period missing"),
    "different_sources": ("不同来源数据不一致", "different sources disagree"),
    "not_on_code_list": ("不在代码表中", "not on the code list"),
}
MEASURES = {
    "value": ("数值", "value"),
    "yoy_growth_pct": ("同比增长 %", "year-on-year growth %"),
}
COMPARATORS = {
    "at_least": ("以上", "at least"),
    "at_most": ("以内", "at most"),
    "about": ("左右", "about"),
}


def write_review_report(
    warehouse: Path,
    folder: Path,
    release: str,
    *,
    card_limit: int = CARD_LIMIT,
    region_limit: int = REGION_LIMIT,
    chart_months: int = CHART_MONTHS,
    memory_limit: str = DEFAULT_MEMORY_LIMIT,
) -> Path:
    """Write the report of the marts in `warehouse` to `folder`; return the page's path.

    The working warehouse is read (read-only) rather than the published copy because the
    cells an anomaly was read from are in the raw rows, which are not published. A
    warehouse without the marts the report is made of gets a page that names them.
    """
    folder.mkdir(parents=True, exist_ok=True)
    page = {
        "release": release,
        "written_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "plotly_script": PLOTLY_SCRIPT,
        "chart_months": chart_months,
    }
    with closing(
        duckdb.connect(str(warehouse), read_only=True, config={"memory_limit": memory_limit})
    ) as connection:
        missing = _missing_marts(connection)
        if not missing:
            page |= _contents(connection, card_limit, region_limit, chart_months)
    _write_durably(folder / PLOTLY_SCRIPT, get_plotlyjs())
    index = folder / PAGE
    _write_durably(index, _template().render(**page, missing=missing, severities=SEVERITIES))
    return index


def _missing_marts(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """The marts the report is made of that this warehouse lacks (the page names them)."""
    present = {
        name
        for (name,) in connection.execute(
            "select table_name from duckdb_tables() where schema_name = 'marts'"
        ).fetchall()
    }
    return [name for name in REQUIRED_MARTS if name not in present]


def _contents(
    connection: duckdb.DuckDBPyConnection, card_limit: int, region_limit: int, chart_months: int
) -> dict:
    """Everything the page shows: anomaly cards, indicator sections, counts."""
    shown = {"card_limit": card_limit}
    anomalies = _open_anomalies(connection, shown)
    severity_counts = dict(
        connection.execute(
            "select severity, count(*) from marts.dq_anomalies where not accepted group by all"
        ).fetchall()
    )
    monthly = charted_series(connection, region_limit, chart_months)
    tracking = connection.execute(
        "select * from marts.mart_target_tracking order by period_end"
    ).df()
    return {
        "anomalies": list(
            _anomaly_cards(
                anomalies, _source_cells(connection, shown), _anomaly_series(connection, shown)
            )
        ),
        "accepted": connection.execute(
            "select count(*) from marts.dq_anomalies where accepted"
        ).fetchone()[0],
        "open_count": sum(severity_counts.values()),
        "severity_counts": severity_counts,
        "card_limit": card_limit,
        "indicators": list(_indicator_sections(monthly, tracking)),
        "not_charted": _not_charted(connection),
    }


def charted_series(
    connection: duckdb.DuckDBPyConnection, region_limit: int, chart_months: int
) -> pd.DataFrame:
    """The year-to-date figures the indicator charts draw, bounded whatever the history."""
    return connection.execute(
        CHARTED_SERIES, {"chart_months": chart_months, "region_limit": region_limit}
    ).df()


def _open_anomalies(connection: duckdb.DuckDBPyConnection, shown: dict) -> pd.DataFrame:
    """The anomalies that get a card, errors first, with the file each was read from."""
    return connection.execute(
        f"""
        with {SHOWN}
        select anomalies.*, files.file_name, files.publisher, files.release_date
        from shown as anomalies
        left join marts.dim_source_file as files
            on anomalies.source_file_id = files.source_file_id
        order by
            {SEVERITY_RANK}, anomalies.rule_code, anomalies.region_name,
            anomalies.indicator_name, anomalies.period_end
        """,
        shown,
    ).df()


def _source_cells(connection: duckdb.DuckDBPyConnection, shown: dict) -> pd.DataFrame:
    """The raw rows (sheet, row and, once the loader records it, column) of each anomaly.

    Raw rows keep the names as printed (西华 for 西华县): the same name lists the models use
    match them to the anomaly's codes, or, for an unmapped name, the name itself.
    """
    has_column = connection.execute(
        "select count(*) from duckdb_columns() where schema_name = 'raw' "
        "and table_name = 'indicator_observations' and column_name = 'column_name'"
    ).fetchone()[0]
    column = "raw_rows.column_name" if has_column else "null"
    return connection.execute(
        f"""
        with {SHOWN}
        select distinct
            anomalies.anomaly_id, raw_rows.sheet_name, raw_rows.row_number,
            {column} as column_name
        from shown as anomalies
        inner join raw.indicator_observations as raw_rows
            on anomalies.source_file_id = raw_rows.source_file_id
            and anomalies.period_type = raw_rows.period_type
            and anomalies.period_end = raw_rows.period_end
        left join intermediate.int_region_names_unioned as regions
            on raw_rows.region_name = regions.region_name
        left join intermediate.int_indicator_names_unioned as indicators
            on raw_rows.indicator_name = indicators.indicator_name
        where
            coalesce(anomalies.region_code = regions.region_code,
                anomalies.region_name = raw_rows.region_name)
            and coalesce(anomalies.indicator_code = indicators.indicator_code,
                anomalies.indicator_name = raw_rows.indicator_name)
        order by all
        """,
        shown,
    ).df()


def _anomaly_cards(
    anomalies: pd.DataFrame, cells: pd.DataFrame, series: pd.DataFrame
) -> Iterator[dict]:
    cells_of = {key: rows for key, rows in cells.groupby("anomaly_id", sort=False)}
    series_of = {key: rows for key, rows in series.groupby("anomaly_id", sort=False)}
    for anomaly in anomalies.itertuples():
        rule = RULES.get(anomaly.rule_code, (anomaly.rule_code, anomaly.rule_code))
        chinese, _, english = anomaly.message.partition(" | ")
        yield {
            "id": anomaly.anomaly_id,
            "severity": anomaly.severity,
            "rule": rule,
            "rule_code": anomaly.rule_code,
            "title": f"{anomaly.region_name} · {anomaly.indicator_name} · "
            f"{period_label(anomaly.period_type, anomaly.period_end)}",
            "observed": _number(anomaly.observed),
            "measure": MEASURES.get(anomaly.observed_measure, (anomaly.observed_measure,) * 2),
            "interval": expected_interval(anomaly.expected_low, anomaly.expected_high),
            "diagnosis": DIAGNOSES.get(anomaly.diagnosis, (anomaly.diagnosis, "")),
            "diagnosis_code": anomaly.diagnosis,
            "message_zh": chinese,
            "message_en": english,
            "file_name": anomaly.file_name,
            "publisher": anomaly.publisher,
            "release_date": _day(anomaly.release_date),
            "cells": [
                cell_label(cell.sheet_name, cell.row_number, cell.column_name)
                for cell in cells_of.get(anomaly.anomaly_id, cells.iloc[:0]).itertuples()
            ],
            "chart": _anomaly_chart(anomaly, series_of.get(anomaly.anomaly_id, series.iloc[:0])),
        }


def _anomaly_series(connection: duckdb.DuckDBPyConnection, shown: dict) -> pd.DataFrame:
    """The facts of each carded anomaly's series (same region, indicator and period type;
    by code, or by name when unmapped), one row per anomaly and fact.

    A region is matched on its code or on its name in two equality joins (one join with a
    condition choosing between them compares every anomaly with every fact).
    """
    same_indicator = """
        case when anomalies.indicator_code is null
            then anomalies.indicator_name = facts.indicator_name
            else anomalies.indicator_code = facts.indicator_code end
    """
    return connection.execute(
        f"""
        with {SHOWN}
        select anomalies.anomaly_id, facts.period_end, facts.value, facts.yoy_growth_pct
        from shown as anomalies
        inner join marts.fct_indicator_observation as facts
            on anomalies.period_type = facts.period_type
            and anomalies.region_code = facts.region_code
        where {same_indicator}
        union all
        select anomalies.anomaly_id, facts.period_end, facts.value, facts.yoy_growth_pct
        from shown as anomalies
        inner join marts.fct_indicator_observation as facts
            on anomalies.period_type = facts.period_type
            and anomalies.region_name = facts.region_name
        where anomalies.region_code is null and {same_indicator}
        order by anomaly_id, period_end
        """,
        shown,
    ).df()


def _anomaly_chart(anomaly, series: pd.DataFrame) -> str:
    """The anomaly's series, the flagged figure in red and the interval it should lie in in
    green, so the eye sees how far off it is."""
    measure = anomaly.observed_measure if anomaly.observed_measure in MEASURES else "value"
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=series["period_end"],
            y=series[measure],
            mode="lines+markers",
            name="公布数 published",
            line={"color": SERIES_COLOUR, "width": 1.5},
            marker={"size": 5},
        )
    )
    when = anomaly.period_end
    if pd.notna(anomaly.expected_low) or pd.notna(anomaly.expected_high):
        low, high = _interval_ends(anomaly, series[measure])
        figure.add_trace(
            go.Scatter(
                x=[when, when],
                y=[low, high],
                mode="lines+markers",
                name="应在区间 expected interval",
                line={"color": INTERVAL_COLOUR, "width": 10},
                marker={
                    "symbol": "line-ew",
                    "size": 22,
                    "line": {"color": INTERVAL_EDGE, "width": 3},
                },
            )
        )
    if pd.notna(anomaly.observed):
        figure.add_trace(
            go.Scatter(
                x=[when],
                y=[anomaly.observed],
                mode="markers+text",
                name="被标记的数 flagged",
                text=[_number(anomaly.observed)],
                textposition="middle right",
                textfont={"color": FLAG_COLOUR},
                marker={"color": FLAG_COLOUR, "size": 12, "symbol": "x"},
            )
        )
    else:
        figure.add_vline(x=when, line={"color": FLAG_COLOUR, "dash": "dash"})
    chinese, english = MEASURES[measure]
    _style(figure, height=300, y_title=f"{chinese} {english}" if chinese != english else chinese)
    return _html(figure, f"anomaly-{anomaly.anomaly_id}")


def _indicator_sections(monthly: pd.DataFrame, tracking: pd.DataFrame) -> Iterator[dict]:
    """Per indicator with monthly (year-to-date) figures: its series for every region, and
    per region with an annual target, the year to date against it."""
    for code, rows in monthly.groupby("indicator_code", sort=True):
        targets = tracking[tracking["indicator_code"] == code]
        yield {
            "code": code,
            "name": rows["indicator_name"].iloc[0],
            "unit": _unit(rows),
            "regions_charted": rows["region_name"].nunique(),
            "regions_with_series": int(rows["regions_with_series"].iloc[0]),
            "series": _series_chart(code, rows),
            "targets": [
                _target_block(region, kind, group)
                for (region, kind), group in targets.groupby(
                    ["region_name", "target_kind"], sort=True
                )
            ],
        }


def _unit(rows: pd.DataFrame) -> str:
    units = rows["unit"].dropna()
    return units.iloc[0] if len(units) else ""


def _series_chart(code: str, rows: pd.DataFrame) -> str:
    """Year-to-date value and growth side by side, one colour per region in both."""
    has_growth = rows["yoy_growth_pct"].notna().any()
    titles = [f"累计值 year to date ({_unit(rows)})"] + (
        ["累计增速 year-to-date growth (%)"] if has_growth else []
    )
    figure = make_subplots(rows=1, cols=len(titles), subplot_titles=titles, horizontal_spacing=0.08)
    for number, (region, series) in enumerate(rows.groupby("region_name", sort=True)):
        colour = PALETTE[number % len(PALETTE)]
        for column, measure in enumerate(["value", "yoy_growth_pct"][: len(titles)], start=1):
            figure.add_trace(
                go.Scatter(
                    x=series["period_end"],
                    y=series[measure],
                    mode="lines+markers",
                    name=region,
                    legendgroup=region,
                    showlegend=column == 1,
                    line={"color": colour, "width": 1.5},
                    marker={"size": 4},
                ),
                row=1,
                col=column,
            )
    _style(figure, height=320)
    figure.update_annotations(font={"size": 12})
    return _html(figure, f"series-{code}")


def _target_block(region: str, kind: str, rows: pd.DataFrame) -> dict:
    """The year to date against the annual target in the latest target year."""
    rows = rows[rows["year"] == rows["year"].max()]
    latest = rows.iloc[-1]
    unit = "%" if kind != "level" else latest["target_unit"]
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=rows["period_end"],
            y=rows["expected_value"],
            mode="lines",
            name="目标进度 target by now",
            line={"color": "#7f8c8d", "dash": "dash"},
        )
    )
    figure.add_trace(
        go.Scatter(
            x=rows["period_end"],
            y=rows["actual_value"],
            mode="lines+markers",
            name="实际 actual",
            line={"color": SERIES_COLOUR},
            marker={
                "size": 9,
                "color": ["#27ae60" if on else FLAG_COLOUR for on in rows["on_track"]],
            },
        )
    )
    _style(figure, height=260, y_title=unit)
    comparator = COMPARATORS.get(latest["comparator"], (latest["comparator"],) * 2)
    return {
        "region": region,
        "year": int(latest["year"]),
        "target": f"{_number(latest['target_value'])}{unit}{comparator[0]}",
        "target_en": f"{comparator[1]} {_number(latest['target_value'])} {unit}",
        "kind": kind,
        "latest_period": period_label(latest["period_type"], latest["period_end"]),
        "actual": _number(latest["actual_value"]),
        "gap": _number(latest["gap_to_target"]),
        "on_track": bool(latest["on_track"]) if pd.notna(latest["on_track"]) else None,
        "chart": _html(figure, f"target-{latest['region_code']}-{latest['indicator_code']}-{kind}"),
    }


def _not_charted(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """Indicators with no year-to-date series (years, quarters only): listed, not charted."""
    rows = connection.execute(
        """
        select indicator_name from marts.fct_indicator_observation
        group by indicator_name
        having count(*) filter (where period_type = 'ytd') = 0
        order by indicator_name
        """
    ).fetchall()
    return [name for (name,) in rows]


def cell_label(sheet: str | None, row, column: str | None) -> str:
    """Where a figure is in its file, in Chinese and English: 工作表「X」第5行 D列."""
    if sheet is None or pd.isna(sheet):
        return f"第{int(row)}段 paragraph {int(row)}" if pd.notna(row) else "全文 whole text"
    where = f"工作表「{sheet}」第{int(row)}行"
    english = f"sheet {sheet}, row {int(row)}"
    if column is not None and pd.notna(column):
        where += f" {column}列"
        english += f", column {column}"
    return f"{where} ({english})"


def _interval_ends(anomaly, series: pd.Series) -> tuple[float, float]:
    """The interval's ends, an open side drawn to the edge of what the chart shows."""
    seen = pd.concat([series.dropna(), pd.Series([anomaly.observed]).dropna()])
    low = anomaly.expected_low if pd.notna(anomaly.expected_low) else min(seen.min(), 0)
    high = anomaly.expected_high if pd.notna(anomaly.expected_high) else seen.max()
    return low, high


def _style(figure: go.Figure, *, height: int, y_title: str | None = None) -> None:
    figure.update_layout(
        height=height,
        margin={"l": 56, "r": 16, "t": 28, "b": 36},
        font={"family": FONT, "size": 12, "color": "#2c3e50"},
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={"orientation": "h", "y": -0.18, "x": 0},
        hovermode="x unified",
    )
    figure.update_xaxes(showgrid=True, gridcolor="#ecf0f1", tickformat="%Y-%m")
    figure.update_yaxes(showgrid=True, gridcolor="#ecf0f1", zerolinecolor="#bdc3c7")
    if y_title:
        figure.update_yaxes(title_text=y_title)


def _html(figure: go.Figure, div_id: str) -> str:
    return to_html(
        figure, full_html=False, include_plotlyjs=False, config=PLOT_CONFIG, div_id=div_id
    )


def _number(value) -> str:
    """A figure as published: no trailing zeros added."""
    if value is None or pd.isna(value):
        return "–"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def _day(value) -> str:
    return pd.Timestamp(value).strftime("%Y-%m-%d") if pd.notna(value) else "–"


def _write_durably(path: Path, text: str) -> None:
    """Write and flush to disk: the release folder is renamed into place right after."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("statswh", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    return environment.get_template("review_report.html.j2")
