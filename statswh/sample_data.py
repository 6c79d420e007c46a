"""The sample generator's original entry point, kept for callers that import it from here."""

from statswh.sample import FIXED_TIMESTAMP, ZIP_DATE_TIME, SampleSummary, generate_sample

__all__ = ["FIXED_TIMESTAMP", "ZIP_DATE_TIME", "SampleSummary", "generate_sample"]
