# ---
# jupyter:
#   kernelspec:
#     display_name: Python (hcd)
#     language: python
#     name: hcd
# ---

# %% [markdown]
# # A-11 survey scores, NPS and service standards
#
# OMB Circular A-11 Section 280 post-transaction survey: the share of customers agreeing (4 or 5 on the 5-point scale) with the trust statement and each driver, with 95% Wilson intervals; cells with fewer responses than the sprint's `min_responses` are suppressed. Quarters are federal fiscal quarters (Q1 starts 1 October). Then the thumbs format, aggregated counts, NPS, what moves trust, the wording check, the service standards and the quarterly export.

# %% tags=["parameters"]
sprint_config: str = "../sprints/financial-shock.yml"  # the sprint file (YAML)
run_dir: str = "../reports/financial-shock/lab"  # folder for this run's tables and figures

# %%
from IPython.display import HTML, Markdown, display

from hcd import pipeline, plan
from hcd.artifacts import RunArtifacts
from hcd.config import load_config
from hcd.render import journey_plots, plots, profile_plots
from hcd.render.prose import count_phrases, note, plural
from hcd.render.tables import readable
from hcd.themes.breakdowns import theme_breakdown, theme_trend

cfg = load_config(sprint_config)
artifacts = RunArtifacts(run_dir)

# %%
ingest = pipeline.load_ingest(artifacts)
result = pipeline.score_sprint(cfg, ingest)
pipeline.save_metrics(result, artifacts)
readable(result.overall, "Share agreeing with each A-11 statement, with 95% intervals", source="scores.csv")

# %%
plots.save_figure(plots.plot_scores(result.overall), artifacts.figure_path("scores.png"))

# %% [markdown]
# ## By service

# %%
readable(pipeline.by_group(result.by_service, "service"), "Share agreeing per statement and service", formats={"*": "percent"},
         source="scores_by_service.csv")

# %% [markdown]
# ## By channel

# %%
readable(pipeline.by_group(result.by_channel, "channel"), "Share agreeing per statement and channel", formats={"*": "percent"},
         source="scores_by_channel.csv")

# %% [markdown]
# ## Trend by fiscal quarter

# %%
plots.save_figure(plots.plot_scores_by_quarter(result.by_quarter), artifacts.figure_path("scores_by_quarter.png"))

# %% [markdown]
# ## Net Promoter Score
#
# Promoters answer 9-10, passives 7-8, detractors 0-6; NPS = % promoters - % detractors, with a 95% interval.

# %%
readable(result.nps, "Net Promoter Score, with its 95% interval", source="nps.csv", empty="No likelihood-to-recommend answers.")

# %% [markdown]
# ## What moves trust
#
# Driver analysis over respondents; the method is stated in the table.

# %%
readable(result.drivers, "What moves trust: each driver's correlation and standardized effect", source="drivers.csv",
         empty="Too few complete responses to estimate what moves trust.")

# %%
plots.save_figure(plots.plot_drivers(result.drivers), artifacts.figure_path("drivers.png"))

# %% [markdown]
# ## Thumbs format (GSA Touchpoints A-11 v2)
#
# Share of thumbs up for trust, and how often each driver was named as going well or badly, among the responses that were asked.

# %%
readable(pipeline.by_group(result.thumbs, "service") if "service" in result.thumbs else result.thumbs,
         "Thumbs format: share of thumbs up, and of drivers named", formats={"*": "percent"}, source="thumbs_scores.csv",
         empty="No thumbs-format survey in this sprint.")

# %%
plots.save_figure(plots.plot_thumbs(result.thumbs), artifacts.figure_path("thumbs.png")) if len(result.thumbs) else note("No thumbs-format survey in this sprint.")

# %% [markdown]
# ## Aggregated quarterly counts
#
# Scores computed from counts per answer point where raw responses are not available, with the response rate.

# %%
readable(pipeline.by_group(result.counts, "quarter"), "Share agreeing from aggregated counts, per quarter", formats={"*": "percent"},
         source="counts_scores.csv", empty="No aggregated counts in this sprint.")

# %% [markdown]
# ## Question wording
#
# The wording is part of the measure: each statement a survey used, compared with the standard A-11 statement.

# %%
readable(result.wording, "Each survey statement against the standard A-11 wording", source="wording_check.csv",
         empty="No survey statements to compare.")

# %% [markdown]
# ## Service standards
#
# Actual against target, overall and per quarter; a negative variance is short of the standard.

# %%
readable(plan.format_standards(result.standards), "Service standards over the whole period", source="standards.csv",
         empty="No service standards in the sprint file.")

# %%
plots.save_figure(plots.plot_standards(result.standards), artifacts.figure_path("standards.png"))

# %% [markdown]
# ## Quarterly CX data export
#
# In the field names HISPs submit; the whole table is `data/hisp_quarterly_export.csv`.

# %%
readable(result.export, "Quarterly CX data export, in the HISP field names", source="hisp_quarterly_export.csv", rows=10,
         keep_headers=True)
