# ---
# jupyter:
#   kernelspec:
#     display_name: Python (hcd)
#     language: python
#     name: hcd
# ---

# %% [markdown]
# # Cross-agency journey
#
# The life experience as a graph: touchpoints as nodes, transitions as edges, agencies as lanes. Shows where people are handed from one agency to another, how long it takes against the journey's targets, what they are asked for more than once, where they go round in loops, and where the pain points from interviews, complaints and survey comments sit.

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
documents = artifacts.read_table("documents")
result = pipeline.map_journey(cfg.inputs.journey, documents)
pipeline.save_journey(result, artifacts)
pipeline.journey_note(result, documents)  # or, without a journey file, what one would add

# %% [markdown]
# ## Journey map
#
# Touchpoints coloured by pain-point severity; red arrows hand people to another agency. Hover over a touchpoint for its card and evidence. The map is also saved as `figures/journey_map.png` and `.svg`; the graph as GraphML and node-link JSON in `data/`.

# %%
pipeline.draw_journey_map(result.graph, artifacts, "journey_map")  # figures/journey_map.png and .svg

# %%
readable(journey_plots.touchpoint_table(result.graph), "The journey map as a table: every touchpoint by agency and stage",
         source="touchpoints.csv", rows=8)

# %% [markdown]
# ## Time to benefit against the targets
#
# Time spent at a touchpoint, or elapsed along the most likely (typical) and the slowest (worst, one retry at each step) route, from the journey's observed durations.

# %%
readable(result.time_to_targets[["target", "end_name", "goal", "typical", "worst", "verdict", "typical_handoffs", "typical_path"]],
         "Time to each target along the typical and the worst route", source="time_to_targets.csv", empty="The journey has no time targets.")

# %%
if result.mapped:
    display(plots.save_figure(journey_plots.plot_time_to_targets(result.time_to_targets), artifacts.figure_path("time_to_targets.png")))

# %% [markdown]
# ## Handoffs between agencies
#
# The agency graph, then every boundary crossing with its delay and the evidence about it (documents placed on one end that are about the other agency too).

# %%
if result.mapped:
    display(plots.save_figure(journey_plots.plot_agency_graph(result.graph), artifacts.figure_path("agency_graph.png")))

# %%
readable(result.pain_by_handoff.drop(columns="doc_ids").merge(result.handoffs[["from", "to", "delay_days"]], on=["from", "to"]),
         "Handoffs between agencies: delay and evidence", source=["pain_by_handoff.csv", "handoffs.csv"])

# %% [markdown]
# ## Asked again: documents, data and identity checks more than one agency asks for

# %%
readable(result.repeated_asks, "Requirements more than one agency asks for", source="repeated_asks.csv",
         empty="No requirement is asked for by more than one agency.")

# %% [markdown]
# ## Pain points by touchpoint
#
# Researchers' `[touchpoint: ...]` tags first, then text similarity to each touchpoint's card for untagged items (`tagged` and `matched` say which). Severity = 100 x share of placed items x share negative.

# %%
readable(result.pain_by_touchpoint.drop(columns="doc_ids"), "Pain points by touchpoint, most severe first",
         source="pain_by_touchpoint.csv", rows=12)

# %% [markdown]
# ## Loops, dead ends and channel switches

# %%
readable(result.loops, "Loops: routes that bring people back to an earlier step", source="loops.csv",
         empty="No loops in this journey.")

# %%
readable(result.dead_ends, "Dead ends: steps with no way forward", source="dead_ends.csv",
         empty="None: every touchpoint leads on to an end of the journey.")

# %%
readable(result.channel_switches.groupby(["from_channel", "to_channel"]).size().rename("transitions").reset_index(),
         "Changes of channel from one step to the next", source="channel_switches.csv", empty="No changes of channel.")

# %% [markdown]
# ## Bottlenecks
#
# Touchpoints many routes pass through (betweenness), where a backlog reaches the most people.

# %%
readable(result.bottlenecks, "Bottlenecks: touchpoints many routes pass through", source="bottlenecks.csv", rows=8)
