"""Write the sprint notebooks in notebooks/ from the definitions below.

The notebooks are thin on purpose: a title, a papermill ``parameters`` cell
whose defaults point at the sample sprint, a setup cell, then short calls into
the ``hcd`` package. Keeping their cells here makes them consistent and easy
to review; edit this file and run it, rather than editing the .ipynb files:

    .venv/bin/python tools/make_notebooks.py            # writes notebooks/
    .venv/bin/python tools/make_notebooks.py --check    # exit 1 if they differ

``tests/test_notebooks.py`` fails when the committed notebooks drift from this file.
"""

import argparse
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

PARAMS = '''sprint_config: str = "../sprints/financial-shock.yml"  # the sprint file (YAML)
run_dir: str = "../reports/financial-shock/lab"  # folder for this run's tables and figures'''
SETUP = '''from IPython.display import HTML, Markdown, display

from hcd import pipeline, plan
from hcd.artifacts import RunArtifacts
from hcd.config import load_config
from hcd.render import journey_plots, plots, profile_plots
from hcd.render.prose import count_phrases, note, plural
from hcd.render.tables import readable
from hcd.themes.breakdowns import theme_breakdown, theme_trend

cfg = load_config(sprint_config)
artifacts = RunArtifacts(run_dir)'''

def nb(title, intro, cells):
    n = new_notebook()
    n.metadata = {"kernelspec": {"name": "hcd", "display_name": "Python (hcd)", "language": "python"},
                  "language_info": {"name": "python"}}
    out = [new_markdown_cell(f"# {title}\n\n{intro}")]
    p = new_code_cell(PARAMS); p.metadata["tags"] = ["parameters"]
    out.append(p)
    out.append(new_code_cell(SETUP))
    for kind, src in cells:
        out.append(new_markdown_cell(src) if kind == "md" else new_code_cell(src))
    n.cells = out
    for i, c in enumerate(n.cells):
        c.id = f"cell-{i:02d}"
    return n

books = {
"01_ingest.ipynb": nb("Ingest, validation and redaction",
 "Reads the sprint's interviews, complaints and survey; validates every row; sets aside bad rows in a quarantine with the reason and the fix; replaces personal data with placeholders such as `[NAME]` before anything else sees the text.",
 [("code", "result = pipeline.ingest_sprint(cfg)\npipeline.save_ingest(result, artifacts)"),
  ("md", "## Rows in = rows accepted + rows quarantined"),
  ("code", 'readable(result.summary, "Rows in, accepted and quarantined per source", source="ingest_summary.csv")'),
  ("code", 'plots.save_figure(plots.plot_ingest_summary(result.summary), artifacts.figure_path("ingest_summary.png"))'),
  ("md", "## Quarantine\n\nEvery row set aside, with the file, the line or row, the reason and the fix."),
  ("code", 'readable(result.quarantine, "Rows set aside, with the reason and the fix", source="quarantine.csv",\n         empty="No row was set aside.")'),
  ("md", "## Interviews\n\nUtterances per participant and speaker role, from notes (`.md`, `.txt`, `.docx`) and timed transcripts (`.vtt`, `.srt`). Interviewer turns are kept and marked; they are left out of theming. Speakers appear as labels or pseudonyms, never names."),
  ("code", 'readable(result.utterances.assign(file=result.utterances["source_file"].str.rsplit(".", n=1).str[-1]).groupby(["participant", "file", "role"]).size().unstack(fill_value=0),\n         "Utterances per participant and file type, by speaker role", source="utterances.csv")'),
  ("code", 'readable(result.utterances.loc[result.utterances["role"] == "participant", ["utterance_id", "text", "pain_codes", "touchpoints"]].head(8),\n         "The first participant utterances, with the researchers\' tags", source="utterances.csv")'),
  ("md", "## Complaints"),
  ("code", 'readable(result.complaints.groupby(["agency", "program"]).size().rename("complaints").reset_index(),\n         "Complaints per agency and program", source="complaints.csv")'),
  ("md", "The first complaints as the themes will read them, after redaction (check the placeholders look right):"),
  ("code", 'readable(result.complaints[["complaint_id", "program", "text"]].head(5), "The first five complaints after redaction",\n         source="complaints.csv")'),
  ("md", "## Survey responses\n\nA-11 post-transaction responses on the 5-point agreement scale, by service and channel."),
  ("code", 'readable(result.survey.groupby(["service", "channel"]).size().unstack(fill_value=0),\n         "A-11 survey responses per service and channel", source="survey.csv", empty="No A-11 survey in this sprint.")'),
  ("md", "### Thumbs-format responses (GSA Touchpoints A-11 v2 upload)\n\nTrust as thumbs up or down, and the drivers people ticked as going well or not so well."),
  ("code", 'readable(result.survey_thumbs.groupby(["service", "channel"]).size().rename("responses").reset_index(),\n         "Thumbs-format responses per service and channel", source="survey_thumbs.csv",\n         empty="No thumbs-format survey in this sprint.")'),
  ("md", "### Aggregated quarterly counts\n\nCounts per answer point (1-5) where raw responses are not available."),
  ("code", 'readable(result.survey_counts, "Answer counts per quarter, service and question", source="survey_counts.csv", rows=8,\n         empty="No aggregated counts in this sprint.")'),
 ]),
"02_themes.ipynb": nb("Pain-point themes",
 "Clusters participant utterances, complaints and survey comments into pain-point themes (NLTK preprocessing, TF-IDF, LSA and consensus k-means), each kind of source on its own and then matched, so neither swamps the other. Interview turns are read without fillers and backchannels, texts in another language are set aside. Each theme is labelled by a phrase found verbatim in its own items, with its top terms beside it, and ranked by severity = balanced share x negative share x reach.",
 [("code", 'ingest = pipeline.load_ingest(artifacts)\ndocuments, excluded = pipeline.sprint_documents(cfg, ingest)\nreadable(excluded, "Items left out of theming, and why", empty="Nothing was left out.")'),
  ("code", "result = pipeline.find_themes(documents, cfg.parameters, interviewer_turns=pipeline.interviewer_turns(ingest))\npipeline.save_themes(result, artifacts)\nnote(f\"{plural(result.model.n_themes_, 'theme')} from {plural(len(documents), 'item')}.\")\nif result.k_warning:\n    note(f\"Warning: {result.k_warning}.\")"),
  ("md", "## How many themes\n\nWith `n_themes: auto` the model tries, for each kind of source, each k in a range that grows with the number of items (or the configured `min_themes`..`max_themes`) and keeps the smallest k whose *stability above chance* (how much better than on structureless data repeated clusterings of resamples agree) is within 15% of the best: the knee of the curve, not its end. A k at the edge of the range is flagged above and in the action-plan draft."),
  ("code", 'curve = artifacts.read_table("theme_selection")\ndisplay(*[plots.save_figure(fig, artifacts.figure_path(name)) for name, fig in pipeline.selection_figures(curve)])'),
  ("md", "## Researcher overrides\n\nDecisions from the sprint's overrides file, applied after fitting on every run (merge, split, pin, move, rename), with the number of items each one changed."),
  ("code", 'readable(result.overrides, "What each researcher decision changed", source="theme_overrides.csv",\n         empty="No overrides file in this sprint.")'),
  ("md", "## Themes, most severe first"),
  ("code", 'readable(result.themes.drop(columns=["quotes"]), "Themes, most severe first", source="themes.csv")'),
  ("code", 'plots.save_figure(plots.plot_themes(result.themes), artifacts.figure_path("themes.png"))'),
  ("md", "## Where and for whom\n\nItems per theme by program (a heatmap), by channel, and by source (interviews or complaints). `hcd.themes.breakdowns.theme_breakdown` gives the same for agency or segment."),
  ("code", 'plots.save_figure(plots.plot_theme_by_group(result.assignments, result.documents, result.themes, "program"), artifacts.figure_path("themes_by_program.png"))'),
  ("code", 'by_channel = theme_breakdown(result.assignments, result.documents, result.themes, "channel")\nreadable(by_channel.pivot(index="label", columns="group", values="items").fillna(0).astype(int), "Items per theme and channel")'),
  ("code", 'by_kind = theme_breakdown(result.assignments, result.documents, result.themes, "kind")\nreadable(by_kind.pivot(index="label", columns="group", values="items").fillna(0).astype(int), "Items per theme and source")'),
  ("md", "## Over time\n\nEach theme's share of the items dated in each federal fiscal quarter (complaint and interview dates)."),
  ("code", 'trend = theme_trend(result.assignments, result.documents, result.themes)\nplots.save_figure(plots.plot_theme_trend(trend, result.themes), artifacts.figure_path("theme_trend.png"))'),
  ("md", "## Representative quotes\n\nFor each theme, the sentences that carry it from its most typical items (alternating between interviews, complaints and survey comments), with their source (file:line or complaint id); the full text is in the evidence register and `data/documents.csv`."),
  ("code", 'readable(pipeline.quotes_table(result.themes), "The most representative quotes of each theme", source="themes.csv")'),
  ("md", "## Deductive codes beside the clusters\n\nThe sprint's codebooks (by default the A-11 drivers and SERVQUAL/RATER) applied by keywords and patterns; an item can carry several codes. The second table shows where codes and themes meet."),
  ("code", "segments, code_summary = pipeline.code_documents(result.documents, cfg.parameters.codebooks)\npipeline.save_codes(segments, code_summary, artifacts)\nreadable(code_summary, \"Codes: items and mentions\", source=\"code_summary.csv\")"),
  ("code", 'readable(pipeline.code_by_theme(segments, result.assignments, result.themes), "Items per theme and code",\n         source="coded_segments.csv")'),
  ("md", "## Take the work elsewhere\n\nThe documents, codebooks, coded segments and themes as a REFI-QDA project, for NVivo, ATLAS.ti, MAXQDA or QualCoder; themes and assignments are also CSV files in `data/`."),
  ("code", "qdpx = pipeline.write_qdpx_export(cfg, artifacts)\nnote(f\"The REFI-QDA project is {qdpx.name} ({qdpx.stat().st_size // 1024:,} KB), in the run folder beside this page.\")"),
 ]),
"03_journeys.ipynb": nb("Cross-agency journey",
 "The life experience as a graph: touchpoints as nodes, transitions as edges, agencies as lanes. Shows where people are handed from one agency to another, how long it takes against the journey's targets, what they are asked for more than once, where they go round in loops, and where the pain points from interviews, complaints and survey comments sit.",
 [("code", 'documents = artifacts.read_table("documents")\nresult = pipeline.map_journey(cfg.inputs.journey, documents)\npipeline.save_journey(result, artifacts)\nnote(f"{plural(result.graph.number_of_nodes(), \'touchpoint\')} and {plural(result.graph.number_of_edges(), \'transition\')}; "\n     f"{result.journey_matches.doc_id.nunique():,} of {plural(len(documents), \'item\')} placed on the journey.")'),
  ("md", "## Journey map\n\nTouchpoints coloured by pain-point severity; red arrows hand people to another agency. Hover over a touchpoint for its card and evidence. The map is also saved as `figures/journey_map.png` and `.svg`; the graph as GraphML and node-link JSON in `data/`."),
  ("code", 'fig = journey_plots.plot_swimlane(result.graph)\nplots.save_figure(fig, artifacts.figure_path("journey_map.png"))\njourney_plots.save_svg(fig, artifacts.figure_path("journey_map.svg"), journey_plots.touchpoint_tooltips(result.graph))'),
  ("code", 'readable(journey_plots.touchpoint_table(result.graph), "The journey map as a table: every touchpoint by agency and stage",\n         source="touchpoints.csv", rows=8)'),
  ("md", "## Time to benefit against the targets\n\nTime spent at a touchpoint, or elapsed along the most likely (typical) and the slowest (worst, one retry at each step) route, from the journey's observed durations."),
  ("code", 'readable(result.time_to_targets[["target", "end_name", "goal", "typical", "worst", "verdict", "typical_handoffs", "typical_path"]],\n         "Time to each target along the typical and the worst route", source="time_to_targets.csv", empty="The journey has no time targets.")'),
  ("code", 'plots.save_figure(journey_plots.plot_time_to_targets(result.time_to_targets), artifacts.figure_path("time_to_targets.png"))'),
  ("md", "## Handoffs between agencies\n\nThe agency graph, then every boundary crossing with its delay and the evidence about it (documents placed on one end that are about the other agency too)."),
  ("code", 'plots.save_figure(journey_plots.plot_agency_graph(result.graph), artifacts.figure_path("agency_graph.png"))'),
  ("code", 'readable(result.pain_by_handoff.drop(columns="doc_ids").merge(result.handoffs[["from", "to", "delay_days"]], on=["from", "to"]),\n         "Handoffs between agencies: delay and evidence", source=["pain_by_handoff.csv", "handoffs.csv"])'),
  ("md", "## Asked again: documents, data and identity checks more than one agency asks for"),
  ("code", 'readable(result.repeated_asks, "Requirements more than one agency asks for", source="repeated_asks.csv",\n         empty="No requirement is asked for by more than one agency.")'),
  ("md", "## Pain points by touchpoint\n\nResearchers' `[touchpoint: ...]` tags first, then text similarity to each touchpoint's card for untagged items (`tagged` and `matched` say which). Severity = 100 x share of placed items x share negative."),
  ("code", 'readable(result.pain_by_touchpoint.drop(columns="doc_ids"), "Pain points by touchpoint, most severe first",\n         source="pain_by_touchpoint.csv", rows=12)'),
  ("md", "## Loops, dead ends and channel switches"),
  ("code", 'readable(result.loops, "Loops: routes that bring people back to an earlier step", source="loops.csv",\n         empty="No loops in this journey.")'),
  ("code", 'readable(result.dead_ends, "Dead ends: steps with no way forward", source="dead_ends.csv",\n         empty="None: every touchpoint leads on to an end of the journey.")'),
  ("code", 'readable(result.channel_switches.groupby(["from_channel", "to_channel"]).size().rename("transitions").reset_index(),\n         "Changes of channel from one step to the next", source="channel_switches.csv", empty="No changes of channel.")'),
  ("md", "## Bottlenecks\n\nTouchpoints many routes pass through (betweenness), where a backlog reaches the most people."),
  ("code", 'readable(result.bottlenecks, "Bottlenecks: touchpoints many routes pass through", source="bottlenecks.csv", rows=8)'),
 ]),
"04_metrics.ipynb": nb("A-11 survey scores, NPS and service standards",
 "OMB Circular A-11 Section 280 post-transaction survey: the share of customers agreeing (4 or 5 on the 5-point scale) with the trust statement and each driver, with 95% Wilson intervals; cells with fewer responses than the sprint's `min_responses` are suppressed. Quarters are federal fiscal quarters (Q1 starts 1 October). Then the thumbs format, aggregated counts, NPS, what moves trust, the wording check, the service standards and the quarterly export.",
 [("code", 'ingest = pipeline.load_ingest(artifacts)\nresult = pipeline.score_sprint(cfg, ingest)\npipeline.save_metrics(result, artifacts)\nreadable(result.overall, "Share agreeing with each A-11 statement, with 95% intervals", source="scores.csv")'),
  ("code", 'plots.save_figure(plots.plot_scores(result.overall), artifacts.figure_path("scores.png"))'),
  ("md", "## By service"),
  ("code", 'readable(pipeline.by_group(result.by_service, "service"), "Share agreeing per statement and service", formats={"*": "percent"},\n         source="scores_by_service.csv")'),
  ("md", "## By channel"),
  ("code", 'readable(pipeline.by_group(result.by_channel, "channel"), "Share agreeing per statement and channel", formats={"*": "percent"},\n         source="scores_by_channel.csv")'),
  ("md", "## Trend by fiscal quarter"),
  ("code", 'plots.save_figure(plots.plot_scores_by_quarter(result.by_quarter), artifacts.figure_path("scores_by_quarter.png"))'),
  ("md", "## Net Promoter Score\n\nPromoters answer 9-10, passives 7-8, detractors 0-6; NPS = % promoters - % detractors, with a 95% interval."),
  ("code", 'readable(result.nps, "Net Promoter Score, with its 95% interval", source="nps.csv", empty="No likelihood-to-recommend answers.")'),
  ("md", "## What moves trust\n\nDriver analysis over respondents; the method is stated in the table."),
  ("code", 'readable(result.drivers, "What moves trust: each driver\'s correlation and standardized effect", source="drivers.csv",\n         empty="Too few complete responses to estimate what moves trust.")'),
  ("code", 'plots.save_figure(plots.plot_drivers(result.drivers), artifacts.figure_path("drivers.png"))'),
  ("md", "## Thumbs format (GSA Touchpoints A-11 v2)\n\nShare of thumbs up for trust, and how often each driver was named as going well or badly, among the responses that were asked."),
  ("code", 'readable(pipeline.by_group(result.thumbs, "service") if "service" in result.thumbs else result.thumbs,\n         "Thumbs format: share of thumbs up, and of drivers named", formats={"*": "percent"}, source="thumbs_scores.csv",\n         empty="No thumbs-format survey in this sprint.")'),
  ("code", 'plots.save_figure(plots.plot_thumbs(result.thumbs), artifacts.figure_path("thumbs.png")) if len(result.thumbs) else note("No thumbs-format survey in this sprint.")'),
  ("md", "## Aggregated quarterly counts\n\nScores computed from counts per answer point where raw responses are not available, with the response rate."),
  ("code", 'readable(pipeline.by_group(result.counts, "quarter"), "Share agreeing from aggregated counts, per quarter", formats={"*": "percent"},\n         source="counts_scores.csv", empty="No aggregated counts in this sprint.")'),
  ("md", "## Question wording\n\nThe wording is part of the measure: each statement a survey used, compared with the standard A-11 statement."),
  ("code", 'readable(result.wording, "Each survey statement against the standard A-11 wording", source="wording_check.csv",\n         empty="No survey statements to compare.")'),
  ("md", "## Service standards\n\nActual against target, overall and per quarter; a negative variance is short of the standard."),
  ("code", 'readable(plan.format_standards(result.standards), "Service standards over the whole period", source="standards.csv",\n         empty="No service standards in the sprint file.")'),
  ("code", 'plots.save_figure(plots.plot_standards(result.standards), artifacts.figure_path("standards.png"))'),
  ("md", "## Quarterly CX data export\n\nIn the field names HISPs submit; the whole table is `data/hisp_quarterly_export.csv`."),
  ("code", 'readable(result.export, "Quarterly CX data export, in the HISP field names", source="hisp_quarterly_export.csv", rows=10,\n         keep_headers=True)'),
 ]),
"05_self_assessment.ipynb": nb("Organization self-assessment",
 "The inward half of the sprint: staff rate their organization (the A-11 CX maturity dimensions: Measurement, Governance, Organization and Culture, Customer Research, Service Design) and, in the service-commitment profile, their own practice too. Scores per dimension, the gap between own practice and the organisation, teams, flagged items with coaching questions, and the priorities joined with what customers report. Groups with fewer respondents than the sprint's `privacy.min_staff_respondents` are suppressed; no one's individual answers are shown.",
 [("code", 'staff = pipeline.staff_answers(cfg)  # read from the inputs: no per-person table is written to a run\nresult = pipeline.assess_organisation(cfg, staff, artifacts.read_table("themes"),\n                                      artifacts.read_table("pain_by_touchpoint"), artifacts.read_table("scores"))\npipeline.save_self_assessment(result, artifacts)\nnote("No staff self-assessment in this sprint." if result.empty else\n     f"Respondents: {count_phrases(staff.groupby(\'instrument\').respondent_id.nunique().to_dict(), \'respondent\')}.")'),
  ("md", "## Profiles\n\nEach dimension's score for the organization and, where the instrument asks, for people's own practice."),
  ("code", 'display(*[plots.save_figure(profile_plots.plot_profile(d, title=d.instrument_name.iloc[0]), artifacts.figure_path(f"profile_{i}.png"))\n          for i, d in result.dimensions.groupby("instrument", sort=False)])'),
  ("md", "## Own practice against the organization\n\nPositive: staff rate their own practice above what their organization does."),
  ("code", 'gaps = result.dimensions[result.dimensions["perspective"] == "me"] if not result.empty else result.dimensions\nplots.save_figure(profile_plots.plot_gaps(gaps), artifacts.figure_path("profile_gaps.png")) if len(gaps) else note("No instrument here asks about own practice.")'),
  ("md", "## Teams"),
  ("code", 'display(*[plots.save_figure(profile_plots.plot_team_comparison(t, min_respondents=cfg.privacy.min_staff_respondents), artifacts.figure_path(f"teams_{i}.png"))\n          for i, t in result.teams.groupby("instrument", sort=False)])'),
  ("md", "## Flagged items, with coaching questions"),
  ("code", 'readable(result.flags.drop(columns=["instrument"], errors="ignore"), "Items rated under the threshold, with coaching questions",\n         source="self_assessment_flags.csv", empty="No item was flagged.")'),
  ("md", "## Priorities, and where staff and customers point at the same place"),
  ("code", 'readable(result.priorities[["instrument_name", "reason", "level", "rank", "dimension_name", "wording", "score", "max_possible", "gap"]] if not result.empty else result.priorities,\n         "Priorities: the weakest dimensions and items, and the widest gaps", source="self_assessment_priorities.csv",\n         empty="No staff self-assessment in this sprint.")'),
  ("code", 'readable(result.findings[["dimension_name", "staff_finding", "customer_finding", "evidence"]] if not result.empty else result.findings,\n         "Where staff and customers point at the same place", source="self_assessment_findings.csv",\n         empty="No staff self-assessment in this sprint.")'),
 ]),
"06_action_plan.ipynb": nb("Action-plan draft",
 "Drafts the A-11 Section 280 CX action plan from the themes, the journey and the scores. Every pain point and claim cites its evidence, linked to the [evidence register](evidence.html) (the source file and row of each quote and complaint); every action is a suggestion from hcd's pattern library for the team to edit. The draft is written beside this notebook with identical text as [action_plan.html](action_plan.html), [action_plan.docx](action_plan.docx) (to edit and submit) and `action_plan.md`.",
 [("code", "markdown, context = pipeline.write_action_plan(cfg, artifacts)\nnote(f\"{plural(len(context.pain_points), 'pain point')} drafted.\")"),
  ("code", 'themes = artifacts.read_table("themes")\nplots.save_figure(plots.plot_themes(themes.head(cfg.parameters.top_themes)), artifacts.figure_path("plan_pain_points.png"))'),
  ("md", "## Focus areas and proposed actions\n\nSuggestions from the pattern library, for the team to edit: owner, milestones by federal fiscal quarter, resources, and the measure each should move."),
  ("code", 'readable(plan.actions_table(context), "Proposed actions: focus area, owner, milestones and measure")'),
  ("md", "## The draft"),
  ("code", "HTML(plan.draft_body_html(markdown))"),
 ]),
"07_summary.ipynb": nb("Sprint summary",
 "The sprint at a glance for stakeholders: key numbers, the most severe pain points with a quote each, where in the journey people get stuck, and the scores against the service standards. The proposed actions are in the [action-plan draft](action_plan.html); every quote there links to the [evidence register](evidence.html).",
 [("code", 'readable(pipeline.key_numbers(artifacts), "Key numbers")'),
  ("md", "## Top pain points"),
  ("code", 'themes = artifacts.read_table("themes")\nreadable(pipeline.quotes_table(themes.head(cfg.parameters.top_themes), per_theme=1),\n         "The most severe pain points, with a quote each", source="themes.csv")'),
  ("md", "## Where it breaks\n\nThe journey across agencies, touchpoints coloured by pain-point severity; red arrows hand people to another agency."),
  ("code", 'graph = pipeline.load_journey_graph(artifacts)\nfig = journey_plots.plot_swimlane(graph)\nplots.save_figure(fig, artifacts.figure_path("summary_journey_map.png"))  # for Word\njourney_plots.save_svg(fig, artifacts.figure_path("summary_journey_map.svg"), journey_plots.touchpoint_tooltips(graph))'),
  ("code", 'readable(journey_plots.touchpoint_table(graph), "The journey map as a table", source="touchpoints.csv", rows=0)'),
  ("code", 'readable(artifacts.read_table("time_to_targets")[["target", "end_name", "goal", "typical", "worst", "verdict"]],\n         "Time to benefit against the journey\'s targets", source="time_to_targets.csv", empty="The journey has no time targets.")'),
  ("md", "## Scores against the service standards"),
  ("code", 'readable(plan.format_standards(artifacts.read_table("standards")), "Scores against the service standards",\n         source="standards.csv", empty="No service standards in the sprint file.")'),
  ("code", 'plots.save_figure(plots.plot_scores(artifacts.read_table("scores")), artifacts.figure_path("summary_scores.png"))'),
  ("md", "## What next\n\nRead the [action-plan draft](action_plan.html) (also as [Word](action_plan.docx) to edit and submit): focus areas, actions with owners, milestones and measures, each pain point with its evidence."),
 ]),
}


def explore_nb():
    """The exploration notebook: not a sprint step; looks at one theme and one touchpoint of a run."""
    n = new_notebook()
    n.metadata = {"kernelspec": {"name": "hcd", "display_name": "Python (hcd)", "language": "python"},
                  "language_info": {"name": "python"}}
    p = new_code_cell(
        'sprint_config: str = "../sprints/financial-shock.yml"  # the sprint file (YAML)\n'
        'run: str = "latest"  # a run id, or the latest complete run\n'
        'output: str | None = None  # report root, if not the sprint file\'s `output:`\n'
        'theme_ref: str = "same documents"  # a theme id, or words of its label\n'
        'touchpoint_id: str = "ui-identity-check"  # a touchpoint id of the journey')
    p.metadata["tags"] = ["parameters"]
    n.cells = [
        new_markdown_cell("# Explore one theme and one touchpoint\n\nFor working in JupyterLab after `hcd run` (or "
                          "`make demo`): open the latest run of a sprint, list its themes and touchpoints, then look "
                          "at one of each: its items, where it sits in the journey, its handoffs and the evidence. "
                          "Change the parameters and run again; nothing is recomputed, the run's tables are read."),
        p,
        new_code_cell("from hcd import explore\n\nrun_tables = explore.open_run(sprint_config, run, output=output)\n"
                      "print(run_tables.run_dir)"),
        new_markdown_cell("## Themes"),
        new_code_cell("explore.list_themes(run_tables)"),
        new_code_cell("explore.theme(run_tables, theme_ref)"),
        new_markdown_cell("## Touchpoints"),
        new_code_cell("explore.list_touchpoints(run_tables)"),
        new_code_cell("explore.touchpoint(run_tables, touchpoint_id)"),
    ]
    for i, c in enumerate(n.cells):
        c.id = f"cell-{i:02d}"
    return n


books["explore.ipynb"] = explore_nb()


def main(argv=None):
    parser = argparse.ArgumentParser(description="write (or check) the sprint notebooks")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "notebooks")
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 if a notebook differs")
    args = parser.parse_args(argv)
    differ = []
    for name, n in books.items():
        nbformat.validate(n)
        text = nbformat.writes(n) + "\n"
        target = args.out / name
        if args.check:
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                differ.append(name)
        else:
            target.write_text(text, encoding="utf-8")
    if differ:
        print("notebooks differ from tools/make_notebooks.py: " + ", ".join(differ), file=sys.stderr)
        return 1
    print(("checked " if args.check else "written ") + str(len(books)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
