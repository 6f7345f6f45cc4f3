# ---
# jupyter:
#   kernelspec:
#     display_name: Python (hcd)
#     language: python
#     name: hcd
# ---

# %% [markdown]
# # Sprint summary
#
# The sprint at a glance for stakeholders: key numbers, the most severe pain points with a quote each, where in the journey people get stuck, and the scores against the service standards. The proposed actions are in the [action-plan draft](action_plan.html); every quote there links to the [evidence register](evidence.html).

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
readable(pipeline.key_numbers(artifacts), "Key numbers")

# %% [markdown]
# ## Top pain points

# %%
themes = artifacts.read_table("themes")
readable(pipeline.quotes_table(themes.head(cfg.parameters.top_themes), per_theme=1),
         "The most severe pain points, with a quote each", source="themes.csv")

# %% [markdown]
# ## Where it breaks
#
# The journey across agencies, touchpoints coloured by pain-point severity; red arrows hand people to another agency.

# %%
graph = pipeline.load_journey_graph(artifacts)
pipeline.draw_journey_map(graph, artifacts, "summary_journey_map")  # the PNG for Word, the SVG here

# %%
readable(journey_plots.touchpoint_table(graph), "The journey map as a table", source="touchpoints.csv", rows=0)

# %%
readable(artifacts.read_table("time_to_targets")[["target", "end_name", "goal", "typical", "worst", "verdict"]],
         "Time to benefit against the journey's targets", source="time_to_targets.csv", empty="The journey has no time targets.")

# %% [markdown]
# ## Scores against the service standards

# %%
readable(plan.format_standards(artifacts.read_table("standards")), "Scores against the service standards",
         source="standards.csv", empty="No service standards in the sprint file.")

# %%
plots.save_figure(plots.plot_scores(artifacts.read_table("scores")), artifacts.figure_path("summary_scores.png"))

# %% [markdown]
# ## What next
#
# Read the [action-plan draft](action_plan.html) (also as [Word](action_plan.docx) to edit and submit): focus areas, actions with owners, milestones and measures, each pain point with its evidence.
