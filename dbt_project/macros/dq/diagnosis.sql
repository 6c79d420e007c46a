{#- Likely causes of a flagged figure, computed where they can be, and their wording.
    One place for every rule, so the same cause reads the same everywhere. -#}

{#- A published growth g (half-width h) that is off: which common slip would put it in
    [low, high], the interval where its true value is most likely? Null when none does.
    Rules pass their tightest such interval: the rounding interval for growth vs levels,
    one robust standard deviation around the expected growth for outliers. "倍" misreads:
    "增长1.5倍" is +150 % (ratio 2.5); publishing the ratio as the growth (250) is 100 pp
    too high, reading the growth as the ratio (50) is 100 pp too low. A slip is only named
    when it moves g by more than twice the interval's width, so that landing inside is
    unlikely to be chance. -#}
{% macro growth_diagnosis(g, h, low, high) -%}
    {%- set width = "((" ~ high ~ ") - (" ~ low ~ "))" -%}
    {%- set candidates = [
        ("sign_flip", "-(" ~ g ~ ")"),
        ("bei_ratio_as_growth", "(" ~ g ~ ") - 100"),
        ("bei_growth_as_ratio", "(" ~ g ~ ") + 100"),
        ("decimal_slip", "(" ~ g ~ ") / 10"),
        ("decimal_slip", "(" ~ g ~ ") * 10"),
    ] -%}
    case
        {%- for diagnosis, corrected in candidates %}
        when
            {{ corrected }} between ({{ low }}) - ({{ h }}) and ({{ high }}) + ({{ h }})
            and abs(({{ g }}) - ({{ corrected }})) > 2 * {{ width }}
            then '{{ diagnosis }}'
        {%- endfor %}
    end
{%- endmacro %}

{#- A ratio of a figure to what it should be near the unit rule's `factor` (10^4: 万元 vs
    亿元) or its inverse, within a factor `tolerance`: a unit slip, null otherwise. Directional
    when the ratio is to a reference that can be trusted (the figure is the one in the wrong
    unit); 'unit_slip' when two figures disagree and either could be the wrong one. Expects
    the unit rule's thresholds as columns of `rule` (a dq_rule('unit_magnitude_jump', ...) CTE). -#}
{% macro unit_slip_diagnosis(ratio, directional=true, rule='unit_rule') -%}
    case
        when ({{ ratio }}) between {{ rule }}.factor / {{ rule }}.tolerance and {{ rule }}.factor * {{ rule }}.tolerance
            then {{ "'unit_slip_wan_as_yi'" if directional else "'unit_slip'" }}
        when ({{ ratio }}) between 1 / ({{ rule }}.factor * {{ rule }}.tolerance) and {{ rule }}.tolerance / {{ rule }}.factor
            then {{ "'unit_slip_yi_as_wan'" if directional else "'unit_slip'" }}
    end
{%- endmacro %}

{#- The Chinese wording of a diagnosis, as a clause starting with ','; '' when there is none. -#}
{% macro diagnosis_zh(diagnosis) -%}
    case {{ diagnosis }}
        when 'base_revision' then ',疑为上年基数修订或同口径调整'
        when 'unit_slip_wan_as_yi' then ',疑为万元数误标为亿元(约差10^4倍)'
        when 'unit_slip_yi_as_wan' then ',疑为亿元数误标为万元(约差10^-4倍)'
        when 'unit_slip' then ',两数相差约10^4倍,疑有一数万元与亿元混淆'
        when 'sign_flip' then ',疑为正负号错误'
        when 'bei_ratio_as_growth' then ',疑将"为上年的N倍"当作"增长N倍"(增速多算100个百分点)'
        when 'bei_growth_as_ratio' then ',疑将"增长N倍"当作"为上年的N倍"(增速少算100个百分点)'
        when 'decimal_slip' then ',疑为小数点错位'
        when 'implausible_deflator' then ',隐含价格变动超出合理范围'
        when 'part_exceeds_total' then ',分项不应大于总量'
        when 'parts_do_not_add_up' then ',分项之和与总量不符'
        when 'ytd_decrease' then ',可能为统计核减,请核实'
        when 'months_do_not_add_up' then ',当月数与累计数不衔接'
        when 'growth_not_between' then ',累计增速应介于上月累计增速与当月增速之间'
        when 'growth_outlier' then ',明显偏离本序列历史'
        when 'different_sources' then ',不同来源数据不一致'
        when 'not_on_code_list' then ',名称不在代码表中,请补充代码表或同义词'
        else ''
    end
{%- endmacro %}

{#- The English wording of a diagnosis, as a clause starting with '; '; '' when there is none. -#}
{% macro diagnosis_en(diagnosis) -%}
    case {{ diagnosis }}
        when 'base_revision' then '; likely a revision of last year''s figure or a comparable-basis (同口径) change'
        when 'unit_slip_wan_as_yi' then '; likely a 万元 figure labelled 亿元 (about 10^4 times too large)'
        when 'unit_slip_yi_as_wan' then '; likely a 亿元 figure labelled 万元 (about 10^4 times too small)'
        when 'unit_slip' then '; the figures differ by about 10^4: one is likely in the wrong unit (万元 vs 亿元)'
        when 'sign_flip' then '; likely a sign error'
        when 'bei_ratio_as_growth' then '; likely "N times last year" published as "grew N times" (100 pp too high)'
        when 'bei_growth_as_ratio' then '; likely "grew N times" read as "N times last year" (100 pp too low)'
        when 'decimal_slip' then '; likely a misplaced decimal point'
        when 'implausible_deflator' then '; the implied price change is implausible'
        when 'part_exceeds_total' then '; a part cannot exceed its total'
        when 'parts_do_not_add_up' then '; the parts do not add up to the total'
        when 'ytd_decrease' then '; possibly a statistical audit (核减), please confirm'
        when 'months_do_not_add_up' then '; the single months do not add up to the year to date'
        when 'growth_not_between' then '; year-to-date growth must lie between last month''s and this month''s'
        when 'growth_outlier' then '; far outside the series'' own history'
        when 'different_sources' then '; the sources disagree'
        when 'not_on_code_list' then '; the name is not on the code list: add it or a synonym'
        else ''
    end
{%- endmacro %}
