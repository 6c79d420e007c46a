{#- Interval arithmetic over rounded figures, used by every consistency rule.
    A published figure x with half-width h (half a unit of its last published decimal)
    stands for the interval [x - h, x + h]. -#}

{#- Floating-point noise allowed when a figure sits exactly on a rounding boundary. -#}
{% macro dq_epsilon() -%}
    1e-9
{%- endmacro %}

{#- How far apart two intervals are; 0 when they overlap. -#}
{% macro interval_gap(low_a, high_a, low_b, high_b) -%}
    greatest(({{ low_a }}) - ({{ high_b }}), ({{ low_b }}) - ({{ high_a }}), 0)
{%- endmacro %}

{#- True when two intervals cannot both hold the same true value. -#}
{% macro intervals_disagree(low_a, high_a, low_b, high_b) -%}
    {{ interval_gap(low_a, high_a, low_b, high_b) }} > {{ dq_epsilon() }}
{%- endmacro %}

{#- Lower bound of [a_low, a_high] / [b_low, b_high] for a positive divisor interval. -#}
{% macro quotient_low(a_low, a_high, b_low, b_high) -%}
    least(({{ a_low }}) / ({{ b_high }}), ({{ a_low }}) / ({{ b_low }}))
{%- endmacro %}

{#- Upper bound of [a_low, a_high] / [b_low, b_high] for a positive divisor interval. -#}
{% macro quotient_high(a_low, a_high, b_low, b_high) -%}
    greatest(({{ a_high }}) / ({{ b_low }}), ({{ a_high }}) / ({{ b_high }}))
{%- endmacro %}
