"""Hand coded sprint material to NVivo, ATLAS.ti, MAXQDA or QualCoder as a REFI-QDA project.

A REFI-QDA project (``.qdpx``) is a zip archive holding ``project.qde``, an XML
document in the namespace ``urn:QDA-XML:project:1.0`` (schema ``Project.xsd``,
QDA-XML 1.0 of 18 March 2019, https://www.qdasoftware.org), and a ``sources/``
folder with one UTF-8 plain-text file per document. :func:`write_qdpx` writes
one from three tables (documents, codes, coded spans); :func:`read_qdpx` reads
the text sources, the code tree and the text codings back.

Conventions
-----------
- Offsets are Python ``str`` indices, that is Unicode code points, with an
  exclusive end: a span covers ``text[start:end]``, and a whole-document coding
  is ``start=0, end=len(text)``. The REFI-QDA ``startPosition``/``endPosition``
  are written unchanged.
- Each source file holds the exact text, UTF-8 without a byte-order mark and
  with its own line endings, so the positions index it directly. Only names,
  labels and descriptions inside the XML are cleaned (characters XML 1.0 forbids
  become U+FFFD); the text itself is never altered.
- Output is deterministic: every GUID is a UUID-5 of fixed keys (project name,
  ``doc_id``, ``code_id``, offsets), rows are sorted, zip entries are sorted and
  dated 1980-01-01, and ``creationDateTime`` is only written when ``created``
  is given. The same input gives the same bytes, whatever the row order.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> import pandas as pd
>>> documents = pd.DataFrame({"doc_id": ["P01"], "text": ["I called 6 times 😩 and gave up."],
...                           "source": ["P01.md:17"]})
>>> codes = pd.DataFrame({"code_id": ["T1"], "name": ["Repeat contact"], "description": ["Had to call back"]})
>>> coded = pd.DataFrame({"doc_id": ["P01"], "code_id": ["T1"], "start": [2], "end": [18]})
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = write_qdpx(Path(tmp) / "sprint.qdpx", documents, codes, coded, project_name="Sprint 1")
...     docs, tree, spans = read_qdpx(path)
>>> spans[["doc_id", "code", "start", "end"]].values.tolist()
[['P01', 'Repeat contact', 2, 18]]
>>> docs.loc[0, "text"][2:18]
'called 6 times 😩'
"""

from hcd.themes.qdpx._format import NAMESPACE, QdpxError
from hcd.themes.qdpx._read import read_qdpx
from hcd.themes.qdpx._write import write_qdpx

__all__ = ["NAMESPACE", "QdpxError", "read_qdpx", "write_qdpx"]
