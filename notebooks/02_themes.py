# ---
# jupyter:
#   kernelspec:
#     display_name: Python (hcd)
#     language: python
#     name: hcd
# ---

# %% [markdown]
# # Pain-point themes
#
# Clusters participant utterances, complaints and survey comments into pain-point themes (NLTK preprocessing, TF-IDF, LSA and consensus k-means), each kind of source on its own and then matched, so neither swamps the other. Interview turns are read without fillers and backchannels, texts in another language are set aside. Each theme is labelled by a phrase found verbatim in its own items, with its top terms beside it, and ranked by severity = balanced share x negative share x reach.

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
documents, excluded = pipeline.sprint_documents(cfg, ingest)
readable(excluded, "Items left out of theming, and why", empty="Nothing was left out.")

# %%
result = pipeline.find_themes(documents, cfg.parameters, interviewer_turns=pipeline.interviewer_turns(ingest))
pipeline.save_themes(result, artifacts)
note(f"{plural(result.model.n_themes_, 'theme')} from {plural(len(documents), 'item')}.")
if result.k_warning:
    note(f"Warning: {result.k_warning}.")

# %% [markdown]
# ## How many themes
#
# With `n_themes: auto` the model tries, for each kind of source, each k in a range that grows with the number of items (or the configured `min_themes`..`max_themes`) and keeps the smallest k whose *stability above chance* (how much better than on structureless data repeated clusterings of resamples agree) is within 15% of the best: the knee of the curve, not its end. A k at the edge of the range is flagged above and in the action-plan draft.

# %%
curve = artifacts.read_table("theme_selection")
display(*[plots.save_figure(fig, artifacts.figure_path(name)) for name, fig in pipeline.selection_figures(curve)])

# %% [markdown]
# ## Researcher overrides
#
# Decisions from the sprint's overrides file, applied after fitting on every run (merge, split, pin, move, rename), with the number of items each one changed.

# %%
readable(result.overrides, "What each researcher decision changed", source="theme_overrides.csv",
         empty="No overrides file in this sprint.")

# %% [markdown]
# ## Themes, most severe first

# %%
readable(result.themes.drop(columns=["quotes"]), "Themes, most severe first", source="themes.csv")

# %%
plots.save_figure(plots.plot_themes(result.themes), artifacts.figure_path("themes.png"))

# %% [markdown]
# ## Where and for whom
#
# Items per theme by program (a heatmap), by channel, and by source (interviews or complaints). `hcd.themes.breakdowns.theme_breakdown` gives the same for agency or segment.

# %%
plots.save_figure(plots.plot_theme_by_group(result.assignments, result.documents, result.themes, "program"), artifacts.figure_path("themes_by_program.png"))

# %%
by_channel = theme_breakdown(result.assignments, result.documents, result.themes, "channel")
readable(by_channel.pivot(index="label", columns="group", values="items").fillna(0).astype(int), "Items per theme and channel")

# %%
by_kind = theme_breakdown(result.assignments, result.documents, result.themes, "kind")
readable(by_kind.pivot(index="label", columns="group", values="items").fillna(0).astype(int), "Items per theme and source")

# %% [markdown]
# ## Over time
#
# Each theme's share of the items dated in each federal fiscal quarter (complaint and interview dates).

# %%
trend = theme_trend(result.assignments, result.documents, result.themes)
plots.save_figure(plots.plot_theme_trend(trend, result.themes), artifacts.figure_path("theme_trend.png"))

# %% [markdown]
# ## Representative quotes
#
# For each theme, the sentences that carry it from its most typical items (alternating between interviews, complaints and survey comments), with their source (file:line or complaint id); the full text is in the evidence register and `data/documents.csv`.

# %%
readable(pipeline.quotes_table(result.themes), "The most representative quotes of each theme", source="themes.csv")

# %% [markdown]
# ## Deductive codes beside the clusters
#
# The sprint's codebooks (by default the A-11 drivers and SERVQUAL/RATER) applied by keywords and patterns; an item can carry several codes. The second table shows where codes and themes meet.

# %%
segments, code_summary = pipeline.code_documents(result.documents, cfg.parameters.codebooks)
pipeline.save_codes(segments, code_summary, artifacts)
readable(code_summary, "Codes: items and mentions", source="code_summary.csv")

# %%
readable(pipeline.code_by_theme(segments, result.assignments, result.themes), "Items per theme and code",
         source="coded_segments.csv")

# %% [markdown]
# ## Take the work elsewhere
#
# The documents, codebooks, coded segments and themes as a REFI-QDA project, for NVivo, ATLAS.ti, MAXQDA or QualCoder; themes and assignments are also CSV files in `data/`.

# %%
qdpx = pipeline.write_qdpx_export(cfg, artifacts)
note(f"The REFI-QDA project is {qdpx.name} ({qdpx.stat().st_size // 1024:,} KB), in the run folder beside this page.")
