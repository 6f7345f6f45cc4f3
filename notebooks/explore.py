# ---
# jupyter:
#   kernelspec:
#     display_name: Python (hcd)
#     language: python
#     name: hcd
# ---

# %% [markdown]
# # Explore one theme and one touchpoint
#
# For working in JupyterLab after `hcd run` (or `make demo`): open the latest run of a sprint, list its themes and touchpoints, then look at one of each: its items, where it sits in the journey, its handoffs and the evidence. Change the parameters and run again; nothing is recomputed, the run's tables are read.

# %% tags=["parameters"]
sprint_config: str = "../sprints/financial-shock.yml"  # the sprint file (YAML)
run: str = "latest"  # a run id, or the latest complete run
output: str | None = None  # report root, if not the sprint file's `output:`
theme_ref: str = "same documents"  # a theme id, or words of its label
touchpoint_id: str = "ui-identity-check"  # a touchpoint id of the journey

# %%
from hcd import explore

run_tables = explore.open_run(sprint_config, run, output=output)
print(run_tables.run_dir)

# %% [markdown]
# ## Themes

# %%
explore.list_themes(run_tables)

# %%
explore.theme(run_tables, theme_ref)

# %% [markdown]
# ## Touchpoints

# %%
explore.list_touchpoints(run_tables)

# %%
explore.touchpoint(run_tables, touchpoint_id)
