# ---
# jupyter:
#   kernelspec:
#     display_name: Python (hcd)
#     language: python
#     name: hcd
# ---

# %% [markdown]
# # Action-plan draft
#
# Drafts the A-11 Section 280 CX action plan from the themes, the journey and the scores. Every pain point and claim cites its evidence, linked to the [evidence register](evidence.html) (the source file and row of each quote and complaint); every action is a suggestion from hcd's pattern library for the team to edit. The draft is written beside this notebook with identical text as [action_plan.html](action_plan.html), [action_plan.docx](action_plan.docx) (to edit and submit) and `action_plan.md`.

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
markdown, context = pipeline.write_action_plan(cfg, artifacts)
note(f"{plural(len(context.pain_points), 'pain point')} drafted.")

# %%
themes = artifacts.read_table("themes")
plots.save_figure(plots.plot_themes(themes.head(cfg.parameters.top_themes)), artifacts.figure_path("plan_pain_points.png"))

# %% [markdown]
# ## Focus areas and proposed actions
#
# Suggestions from the pattern library, for the team to edit: owner, milestones by federal fiscal quarter, resources, and the measure each should move.

# %%
readable(plan.actions_table(context), "Proposed actions: focus area, owner, milestones and measure")

# %% [markdown]
# ## The draft

# %%
HTML(plan.draft_body_html(markdown))
