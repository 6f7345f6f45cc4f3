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
who: str | None = None  # your name or initials, written with each curation action (default: your user name)
coder: str = ""  # your initials or a pseudonym (never your name): your codes go to <codings folder>/<coder>.csv

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

# %% [markdown]
# ## Search, sort and filter the big tables
#
# In JupyterLab these are interactive tables (offline: the table library is embedded in this notebook by the first cell below); a page rendered by `hcd run` shows them as static tables.

# %%
from hcd import lab

lab.init_interactive_tables()

# %%
lab.browse(run_tables, "documents")

# %%
lab.browse(run_tables, "quotes")

# %%
lab.browse(run_tables, "evidence")

# %% [markdown]
# ## Curate the themes
#
# Rename, merge, split (by keywords or by picking items), move items and pin themes. Each action is written to the sprint's theme overrides file with your name and the time, and applied at once exactly as the next `hcd run` will apply it; *Undo* takes back the last one. Opening the view fits the run's themes again (seconds for the sample sprint) and checks them against the run.

# %%
curator = lab.Curator(sprint_config, run, output=output, who=who)
lab.curation_view(curator)

# %%
curator.history()

# %% [markdown]
# ## Code a sample of items
#
# The sprint's codebook (`codings.codebook`, by default the first of `parameters.codebooks`) on a sample of `codings.sample_size` items stratified by theme and drawn with the sprint's seed: the same items for every researcher. Type the code numbers and press Enter (`1 3`; `0` when no code applies; `b` back; `s` skip), or Tab to the codes and press Space to switch one, then **Save and next**. Each item is saved at once to `<codings folder>/<coder>.csv`; run the cell again to resume. The keyword rules' codes stay hidden while you code.

# %%
from hcd.lab import coding_view

coding_view.code_items(sprint_config, coder, run, output=output)

# %% [markdown]
# ## Agreement
#
# How well the researchers agree with each other and with the automatic keyword codes (Krippendorff's alpha over every code, Cohen's kappa per code, 95% intervals from a seeded bootstrap over items), which codes' keywords to fix, and the paragraph the draft will print. Read from the coding files now: no re-run needed.

# %%
coding_view.agreement(sprint_config, run, output=output)
