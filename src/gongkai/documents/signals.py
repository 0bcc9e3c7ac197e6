"""`text_ready` is sent when a file's text has been read (or found unreadable), after the row is saved.

Receivers get `extraction` (a documents.Extraction); the catalog uses it to put an attachment's text into the
search index of a published item. This is how the documents app tells others without knowing them.
"""

from django.dispatch import Signal

text_ready = Signal()
