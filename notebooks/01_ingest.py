# ---
# jupyter:
#   kernelspec:
#     display_name: Python (hcd)
#     language: python
#     name: hcd
# ---

# %% [markdown]
# # Ingest, validation and redaction
#
# Reads the sprint's interviews, complaints and survey; validates every row; sets aside bad rows in a quarantine with the reason and the fix; replaces personal data with placeholders such as `[NAME]` before anything else sees the text.

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
result = pipeline.ingest_sprint(cfg)
pipeline.save_ingest(result, artifacts)

# %% [markdown]
# ## Rows in = rows accepted + rows quarantined

# %%
readable(result.summary, "Rows in, accepted and quarantined per source", source="ingest_summary.csv")

# %%
plots.save_figure(plots.plot_ingest_summary(result.summary), artifacts.figure_path("ingest_summary.png"))

# %% [markdown]
# ## Quarantine
#
# Every row set aside, with the file, the line or row, the reason and the fix.

# %%
readable(result.quarantine, "Rows set aside, with the reason and the fix", source="quarantine.csv",
         empty="No row was set aside.")

# %% [markdown]
# ## Interviews
#
# Utterances per participant and speaker role, from notes (`.md`, `.txt`, `.docx`) and timed transcripts (`.vtt`, `.srt`). Interviewer turns are kept and marked; they are left out of theming. Speakers appear as labels or pseudonyms, never names.

# %%
readable(result.utterances.assign(file=result.utterances["source_file"].str.rsplit(".", n=1).str[-1]).groupby(["participant", "file", "role"]).size().unstack(fill_value=0),
         "Utterances per participant and file type, by speaker role", source="utterances.csv")

# %%
readable(result.utterances.loc[result.utterances["role"] == "participant", ["utterance_id", "text", "pain_codes", "touchpoints"]].head(8),
         "The first participant utterances, with the researchers' tags", source="utterances.csv")

# %% [markdown]
# ## Complaints

# %%
readable(result.complaints.groupby(["agency", "program"]).size().rename("complaints").reset_index(),
         "Complaints per agency and program", source="complaints.csv")

# %% [markdown]
# The first complaints as the themes will read them, after redaction (check the placeholders look right):

# %%
readable(result.complaints[["complaint_id", "program", "text"]].head(5), "The first five complaints after redaction",
         source="complaints.csv")

# %% [markdown]
# ## Survey responses
#
# A-11 post-transaction responses on the 5-point agreement scale, by service and channel.

# %%
readable(result.survey.groupby(["service", "channel"]).size().unstack(fill_value=0),
         "A-11 survey responses per service and channel", source="survey.csv", empty="No A-11 survey in this sprint.")

# %% [markdown]
# ### Thumbs-format responses (GSA Touchpoints A-11 v2 upload)
#
# Trust as thumbs up or down, and the drivers people ticked as going well or not so well.

# %%
readable(result.survey_thumbs.groupby(["service", "channel"]).size().rename("responses").reset_index(),
         "Thumbs-format responses per service and channel", source="survey_thumbs.csv",
         empty="No thumbs-format survey in this sprint.")

# %% [markdown]
# ### Aggregated quarterly counts
#
# Counts per answer point (1-5) where raw responses are not available.

# %%
readable(result.survey_counts, "Answer counts per quarter, service and question", source="survey_counts.csv", rows=8,
         empty="No aggregated counts in this sprint.")
