{#- The readable diagnosis of a growth/level inconsistency, in Chinese then English.
    Expects the columns of dq_growth_level_mismatch's `classified` step. -#}
{% macro growth_level_message() -%}
    {{ fact_label_zh('classified') }}
    || ':公布增速' || {{ format_figure('classified.g') }} || '%,按本期'
    || {{ format_figure('classified.x') }} || '与上年同期'
    || {{ format_figure('classified.b') }} || classified.unit
    || '推算应在' || {{ format_number('classified.implied_growth_low', 2) }} || '%~'
    || {{ format_number('classified.implied_growth_high', 2) }} || '%之间,相差'
    || {{ format_number('classified.gap_pp', 2) }} || '个百分点;隐含上年基数'
    || {{ format_number('classified.implied_base_low', 4) }} || '~'
    || coalesce({{ format_number('classified.implied_base_high', 4) }}, '∞')
    || ',较公布值' || {{ format_number('classified.nearest_revision_pct', 2) }} || '%'
    || {{ diagnosis_zh('classified.diagnosis') }} || '。'
    || ' | ' || {{ fact_label_en('classified') }}
    || ': published growth ' || {{ format_figure('classified.g') }}
    || '% lies outside ' || {{ format_number('classified.implied_growth_low', 2) }} || '% to '
    || {{ format_number('classified.implied_growth_high', 2) }}
    || '% implied by this period''s ' || {{ format_figure('classified.x') }}
    || ' and last year''s ' || {{ format_figure('classified.b') }} || ' ' || classified.unit
    || ' (gap ' || {{ format_number('classified.gap_pp', 2) }} || ' pp); the implied base is '
    || {{ format_number('classified.implied_base_low', 4) }} || ' to '
    || coalesce({{ format_number('classified.implied_base_high', 4) }}, 'infinity')
    || ', ' || {{ format_number('classified.nearest_revision_pct', 2) }}
    || '% from the published one' || {{ diagnosis_en('classified.diagnosis') }} || '.'
{%- endmacro %}
