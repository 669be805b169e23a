"""The writers' everyday tools: start a release (`make new`), check content
without building (`make check`), and the help their messages give."""
