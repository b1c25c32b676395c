"""The review app: a local web app over the review pages where a reviewer accepts, rejects, fixes or adds rows.

`store` keeps `review/corrections.csv` (file lock, atomic writes, undo), `items` reads the tables into the
review queue, `decide` turns a reviewer's request into correction lines (or refuses it), `places` searches the
gazetteer for a place fix, and `app` is the Flask application that `kotakembar review --serve` runs. The
pages are the static report's templates (pipeline/review/templates) rendered with an `app` context.
"""
