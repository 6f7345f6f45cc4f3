# ---
# jupyter:
#   kernelspec:
#     display_name: Python (hcd)
#     language: python
#     name: hcd
# ---

# %% [markdown]
# # Organization self-assessment
#
# The inward half of the sprint: staff rate their organization (the A-11 CX maturity dimensions: Measurement, Governance, Organization and Culture, Customer Research, Service Design) and, in the service-commitment profile, their own practice too. Scores per dimension, the gap between own practice and the organisation, teams, flagged items with coaching questions, and the priorities joined with what customers report. Groups with fewer respondents than the sprint's `privacy.min_staff_respondents` are suppressed; no one's individual answers are shown.

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
staff = pipeline.staff_answers(cfg)  # read from the inputs: no per-person table is written to a run
result = pipeline.assess_organisation(cfg, staff, artifacts.read_table("themes"),
                                      artifacts.read_table("pain_by_touchpoint"), artifacts.read_table("scores"))
pipeline.save_self_assessment(result, artifacts)
note("No staff self-assessment in this sprint." if result.empty else
     f"Respondents: {count_phrases(staff.groupby('instrument').respondent_id.nunique().to_dict(), 'respondent')}.")

# %% [markdown]
# ## Profiles
#
# Each dimension's score for the organization and, where the instrument asks, for people's own practice.

# %%
display(*[plots.save_figure(profile_plots.plot_profile(d, title=d.instrument_name.iloc[0]), artifacts.figure_path(f"profile_{i}.png"))
          for i, d in result.dimensions.groupby("instrument", sort=False)])

# %% [markdown]
# ## Own practice against the organization
#
# Positive: staff rate their own practice above what their organization does.

# %%
gaps = result.dimensions[result.dimensions["perspective"] == "me"] if not result.empty else result.dimensions
plots.save_figure(profile_plots.plot_gaps(gaps), artifacts.figure_path("profile_gaps.png")) if len(gaps) else note("No instrument here asks about own practice.")

# %% [markdown]
# ## Teams

# %%
display(*[plots.save_figure(profile_plots.plot_team_comparison(t, min_respondents=cfg.privacy.min_staff_respondents), artifacts.figure_path(f"teams_{i}.png"))
          for i, t in result.teams.groupby("instrument", sort=False)])

# %% [markdown]
# ## Flagged items, with coaching questions

# %%
readable(result.flags.drop(columns=["instrument"], errors="ignore"), "Items rated under the threshold, with coaching questions",
         source="self_assessment_flags.csv", empty="No item was flagged.")

# %% [markdown]
# ## Priorities, and where staff and customers point at the same place

# %%
readable(result.priorities[["instrument_name", "reason", "level", "rank", "dimension_name", "wording", "score", "max_possible", "gap"]] if not result.empty else result.priorities,
         "Priorities: the weakest dimensions and items, and the widest gaps", source="self_assessment_priorities.csv",
         empty="No staff self-assessment in this sprint.")

# %%
readable(result.findings[["dimension_name", "staff_finding", "customer_finding", "evidence"]] if not result.empty else result.findings,
         "Where staff and customers point at the same place", source="self_assessment_findings.csv",
         empty="No staff self-assessment in this sprint.")
