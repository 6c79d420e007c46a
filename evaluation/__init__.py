"""The evaluation of the data-quality rules: anomalies injected where they are known.

Kept out of the product (statswh/): it writes test data and scores the rules on it.
- injections: anomalies of every rule type injected into a copy of the sample (samples/);
- layout_scenario, corpus_layouts: monthly figures in two layouts of real bureau tables,
  with anomalies of their own;
- truth: the flags each scenario should raise;
- runner: the real ingest, build and check on a scenario; scoring: precision and recall.
`python scripts/evaluate_dq.py` (make evaluate) runs them all.
"""
